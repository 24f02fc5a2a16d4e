import BundledRules
import Engine
import EntryRules
import Evidence
import LinkRules
import MarkupRules
import Settings

/// The catalogue: every rule vlmbot has and the configuration checked against them.
extension Linter {
    /// Every rule vlmbot has, in the order `vlmbot rules` lists them.
    public static let allRules: [any Rule] = [
        EntrySchemaRule(),
        HeadingSpaceRule(),
        MalformedLinkRule(),
        EmptyLinkRule(),
        LinkURLRule(),
        LiteralMarkupRule(),
        TocAnchorRule(),
        LeftoverArtifactRule(),
        WhitespaceRule(),
        VocabularyRule(),
        CodeLinkRule(),
        PlaceholderRule(),
        SignedUrlRule(),
        CategoryMismatchRule(),
        SectionPlacementRule(),
        SpellingRule(),
        DuplicateEntryRule(),
        DuplicateLinkRule(),
        YearMismatchRule(),
        DeadLinkRule(),
    ]

    /// The description of the rule with this id.
    public static func description(of id: String) -> RuleDescription? {
        allRules.lazy.map { type(of: $0).description }.first { $0.id == id }
    }

    /// A linter running every rule vlmbot has, as the configuration sets them.
    public init(configuration: Configuration) {
        self.init(configuration: configuration, rules: Linter.allRules)
    }

    /// What a configuration may say of each rule vlmbot has: its id and options.
    public static let schemas = allRules.map { rule in
        RuleSchema(id: type(of: rule).description.id, options: type(of: rule).description.options)
    }
}

extension Configuration {
    /// Reads a configuration (`rules/default.yml` or `.vlmbot.yml`) from YAML text, checked
    /// against vlmbot's rules; `file` names it in errors.
    public static func parse(_ yaml: String, file: String) throws(ConfigurationError) -> Configuration {
        try parse(yaml, file: file, rules: Linter.schemas)
    }

    /// vlmbot's own settings from the files of a rules folder, by their paths inside it
    /// (`default.yml`, `vocabulary.yml`, `words.txt`, `english-words.txt`, `profiles/*.yml`),
    /// checked against its rules; `folder` names them in errors.
    public static func bundled(files: [String: String], folder: String) throws(ConfigurationError) -> Configuration {
        func file(_ name: String) -> (text: String, file: String) {
            (files[name] ?? "", folder + "/" + name)
        }
        let profiles = files.keys.filter { $0.hasPrefix("profiles/") && $0.hasSuffix(".yml") }.sorted().map(file)
        let configuration = try bundled(defaults: file("default.yml"), vocabulary: file("vocabulary.yml"),
                                        words: file("words.txt").text, profiles: profiles, rules: Linter.schemas)
        return files[englishWords].map(configuration.withDictionary) ?? configuration
    }

    /// The bundled English word list's path in the rules folder: the spelling rule's
    /// dictionary unless its `dictionary` option names another file.
    public static let englishWords = "english-words.txt"

    /// vlmbot's own settings as compiled into it (`rules/` when it was built).
    public static func builtIn() throws(ConfigurationError) -> Configuration {
        try bundled(files: BundledRules.files, folder: "rules")
    }
}
