import Lists
import Markdown
import Yams

/// A configuration problem, located in its file.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int?
    public let message: String

    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}

/// How one rule is set: on or off, its severity, its options. Absent settings keep the defaults.
public struct RuleSetting: Equatable, Sendable {
    public var enabled: Bool?
    public var severity: Severity?
    public var options: [String: ConfigValue] = [:]

    public init(enabled: Bool? = nil, severity: Severity? = nil, options: [String: ConfigValue] = [:]) {
        self.enabled = enabled
        self.severity = severity
        self.options = options
    }

    /// These settings with another's laid over them.
    func merged(with other: RuleSetting) -> RuleSetting {
        RuleSetting(enabled: other.enabled ?? enabled, severity: other.severity ?? severity,
                    options: options.merging(other.options) { $1 })
    }
}

/// Settings read from `rules/default.yml`, then a repository's `.vlmbot.yml` laid over them:
/// the lists to check, each rule's settings, and the vocabulary.
public struct Configuration: Equatable, Sendable {
    /// The configuration format this vlmbot reads.
    public static let version = 1
    /// The name of the file looked for upward from the working directory.
    public static let fileName = ".vlmbot.yml"

    /// List files or folders, relative to the configuration file's folder.
    public var lists: [String] = []
    public var rules: [String: RuleSetting] = [:]
    public var vocabulary = Vocabulary()
    /// List profiles; a repository's come first, so they win over the bundled ones.
    public var profiles: [ProfileSetting] = []
    /// Whether `vlmbot check` asks the network about links (`online: true`); nil when unsaid.
    public var online: Bool?
    /// What the files say in an outdated way that still reads (a renamed option), each as
    /// `file:line: message`, for the command line to show.
    public var notices: [String] = []

    public init(lists: [String] = [], rules: [String: RuleSetting] = [:], vocabulary: Vocabulary = Vocabulary(),
                profiles: [ProfileSetting] = []) {
        self.lists = lists
        self.rules = rules
        self.vocabulary = vocabulary
        self.profiles = profiles
    }

    /// The profile of the list at `path` (as reported), or `.none`.
    public func profile(forPath path: String) -> ListProfile {
        profiles.first { $0.matches(path) }?.profile ?? .none
    }

    /// This configuration with a more specific one laid over it.
    public func merged(with other: Configuration) -> Configuration {
        var merged = self
        if !other.lists.isEmpty { merged.lists = other.lists }
        merged.rules.merge(other.rules) { $0.merged(with: $1) }
        merged.vocabulary = vocabulary.merged(with: other.vocabulary)
        merged.profiles = other.profiles + profiles
        merged.online = other.online ?? online
        merged.notices = notices + other.notices
        return merged
    }

    /// vlmbot's own settings from the texts of its `rules/` folder: `default.yml`, with
    /// `vocabulary.yml`, `words.txt` and the list profiles; each text comes with the file name
    /// its errors cite.
    public static func bundled(defaults: (text: String, file: String), vocabulary: (text: String, file: String),
                               words: String, profiles: [(text: String, file: String)],
                               rules: [RuleSchema]) throws(ConfigurationError) -> Configuration {
        var configuration = try parse(defaults.text, file: defaults.file, rules: rules)
        configuration.vocabulary = try Vocabulary.parse(vocabulary.text, file: vocabulary.file)
        configuration.vocabulary.words.formUnion(Vocabulary.words(fromList: words))
        for profile in profiles {
            configuration.profiles.append(try ProfileSetting.parse(profile.text, file: profile.file))
        }
        return configuration
    }

    /// This configuration with the spelling rule's English word list (the text of the file its
    /// `dictionary` option names) in its vocabulary.
    public func withDictionary(_ text: String) -> Configuration {
        var configuration = self
        configuration.vocabulary.dictionary = WordList(dictionaryText: text)
        return configuration
    }

    /// Reads a configuration (`rules/default.yml` or `.vlmbot.yml`) from YAML text; `file`
    /// names it in errors. Unknown keys, rule ids and options (those `rules` does not name), and
    /// wrong types are errors.
    public static func parse(_ yaml: String, file: String, rules: [RuleSchema]) throws(ConfigurationError) -> Configuration {
        let reader = YAMLReader(file: file)
        var configuration = Configuration()
        let known = ["version", "lists", "online", "rules", "vocabulary", "profiles"]
        for (key, value, line) in try reader.root(yaml) {
            switch key {
            case "version":
                try checkVersion(value, reader: reader)
            case "lists":
                configuration.lists = try reader.strings(value, at: key)
                if configuration.lists.isEmpty {
                    throw reader.error(value, "'lists' must be a non-empty list of paths, such as [README.md]")
                }
                if let absolute = configuration.lists.first(where: { $0.hasPrefix("/") }) {
                    let item = value.sequence?.first { $0.string == absolute } ?? value
                    throw reader.error(item, "'lists' entry '\(absolute)' must be relative to the repository root")
                }
            case "online":
                configuration.online = try reader.bool(value, at: key)
            case "rules":
                configuration.rules = try parseRules(value, schemas: rules, reader: reader, notices: &configuration.notices)
            case "vocabulary":
                configuration.vocabulary = try Vocabulary.parse(value, at: key, reader: reader)
            case "profiles":
                guard let items = value.sequence else { throw reader.error(value, "'profiles' must be a list of profiles") }
                for (index, item) in items.enumerated() {
                    let path = "profiles[\(index)]"
                    configuration.profiles.append(try ProfileSetting.parse(try reader.mapping(item, at: path), at: path,
                                                                           reader: reader, anchor: item))
                }
            default:
                throw reader.unknownKey(key, at: "", line: line, known: known)
            }
        }
        return configuration
    }

    /// `earliestYear` as `earliest-year`.
    static func kebabCase(_ name: String) -> String {
        name.reduce(into: "") { result, character in
            if character.isUppercase, !result.isEmpty { result += "-" }
            result += character.lowercased()
        }
    }

    static func checkVersion(_ value: Node, reader: YAMLReader) throws(ConfigurationError) {
        guard value.int == version else {
            throw reader.error(value, "'version' must be \(version), the format this vlmbot reads")
        }
    }

    private static func parseRules(_ node: Node, schemas: [RuleSchema], reader: YAMLReader,
                                   notices: inout [String]) throws(ConfigurationError) -> [String: RuleSetting] {
        var settings: [String: RuleSetting] = [:]
        for (id, value, line) in try reader.mapping(node, at: "rules") {
            guard let rule = schemas.first(where: { $0.id == id }) else {
                throw ConfigurationError(file: reader.file, line: line,
                                         message: "unknown rule '\(id)' under 'rules' ('vlmbot rules' lists them)")
            }
            var setting = RuleSetting()
            if value.bool != nil {
                setting.enabled = try reader.bool(value, at: "rules.\(id)")
                settings[id] = setting
                continue
            }
            for (key, item, itemLine) in try reader.mapping(value, at: "rules.\(id)") {
                let path = "rules.\(id).\(key)"
                switch key {
                case "enabled":
                    setting.enabled = try reader.bool(item, at: path)
                case "severity":
                    let name = try reader.string(item, at: path)
                    guard let severity = Severity(rawValue: name) else {
                        throw reader.error(item, "'\(path)' must be error, warning or note")
                    }
                    setting.severity = severity
                case "options":
                    for (written, optionValue, optionLine) in try reader.mapping(item, at: path) {
                        // Option names are kebab-case; an older camelCase name still reads, with a notice.
                        let name = rule.options.contains { $0.name == written } ? written : Self.kebabCase(written)
                        guard let option = rule.options.first(where: { $0.name == name }) else {
                            throw reader.unknownKey(written, at: path, line: optionLine, known: rule.options.map(\.name))
                        }
                        if name != written {
                            notices.append(reader.notice(at: optionLine, "'\(path).\(written)' is now '\(path).\(name)'; "
                                                         + "the old name still reads, rename it"))
                        }
                        let parsed = try reader.value(optionValue, at: "\(path).\(name)")
                        guard option.defaultValue.accepts(parsed) else {
                            throw reader.error(optionValue, "'\(path).\(name)' must be \(option.defaultValue.typeName)")
                        }
                        setting.options[name] = parsed
                    }
                default:
                    throw reader.unknownKey(key, at: "rules.\(id)", line: itemLine, known: ["enabled", "severity", "options"])
                }
            }
            settings[id] = setting
        }
        return settings
    }
}

extension Vocabulary {
    static let keys = ["categories", "evidence", "placeholders", "tasks", "code", "words"]

    /// Reads `rules/vocabulary.yml` (with a `version`) from YAML text.
    public static func parse(_ yaml: String, file: String) throws(ConfigurationError) -> Vocabulary {
        let reader = YAMLReader(file: file)
        var vocabulary = Vocabulary()
        for (key, value, line) in try reader.root(yaml) {
            if key == "version" {
                try Configuration.checkVersion(value, reader: reader)
            } else {
                try vocabulary.read(key, value, at: "", line: line, reader: reader)
            }
        }
        return vocabulary
    }

    /// Reads the extra words of `rules/words.txt`: one a line, `#` starts a comment.
    public static func words(fromList text: String) -> Set<String> {
        Set(text.split(whereSeparator: \.isNewline).compactMap { line in
            let word = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .trimming(.whitespaces)
            return word.isEmpty ? nil : word
        })
    }

    static func parse(_ node: Node, at path: String, reader: YAMLReader) throws(ConfigurationError) -> Vocabulary {
        var vocabulary = Vocabulary()
        for (key, value, line) in try reader.mapping(node, at: path) {
            try vocabulary.read(key, value, at: path, line: line, reader: reader)
        }
        return vocabulary
    }

    /// A mapping of names to term lists (`Medical: [x-ray, …]`).
    private static func termLists(_ node: Node, at path: String,
                                  reader: YAMLReader) throws(ConfigurationError) -> [String: [String]] {
        var lists: [String: [String]] = [:]
        for (name, terms, _) in try reader.mapping(node, at: path) {
            lists[name, default: []] += try reader.strings(terms, at: "\(path).\(name)")
        }
        return lists
    }

    /// Reads a mapping of named string lists (`texts: […]`, `hosts: […]`), each added to its
    /// property.
    private mutating func readLists(_ value: Node, at path: String, reader: YAMLReader,
                                    into targets: [(name: String, list: WritableKeyPath<Vocabulary, [String]>)]) throws(ConfigurationError) {
        for (name, terms, nameLine) in try reader.mapping(value, at: path) {
            guard let target = targets.first(where: { $0.name == name }) else {
                throw reader.unknownKey(name, at: path, line: nameLine, known: targets.map(\.name))
            }
            self[keyPath: target.list] += try reader.strings(terms, at: "\(path).\(name)")
        }
    }

    private mutating func read(_ key: String, _ value: Node, at parent: String, line: Int?,
                               reader: YAMLReader) throws(ConfigurationError) {
        let path = parent.isEmpty ? key : "\(parent).\(key)"
        switch key {
        case "categories":
            guard let sets = value.sequence else { throw reader.error(value, "'\(path)' must be a list of term lists") }
            for set in sets { categories.append(try reader.strings(set, at: path)) }
        case "evidence":
            evidence.merge(try Self.termLists(value, at: path, reader: reader)) { $0 + $1 }
        case "tasks":
            tasks.merge(try Self.termLists(value, at: path, reader: reader)) { $0 + $1 }
        case "placeholders":
            try readLists(value, at: path, reader: reader, into: [("texts", \.placeholderTexts), ("hosts", \.placeholderHosts)])
        case "code":
            try readLists(value, at: path, reader: reader,
                          into: [("hosts", \.codeHosts), ("unrelated-repositories", \.unrelatedRepositories)])
        case "words":
            words.formUnion(try reader.strings(value, at: path))
        default:
            throw reader.unknownKey(key, at: parent, line: line, known: parent.isEmpty ? ["version"] + Self.keys : Self.keys)
        }
    }
}
