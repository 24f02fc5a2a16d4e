import Foundation
import Lists
import Yams

/// A list profile and the list paths it is for.
public struct ProfileSetting: Equatable, Sendable {
    /// Path patterns (`*` and `?` wildcards, `*` crossing folders) matched against a list's
    /// path as reported, relative to the repository root.
    public var match: [String]
    public var profile: ListProfile

    public init(match: [String], profile: ListProfile) {
        self.match = match
        self.profile = profile
    }

    /// Whether this profile is for the list at `path`.
    public func matches(_ path: String) -> Bool {
        match.contains { pattern in fnmatch(pattern, path, 0) == 0 }
    }

    /// Reads a profile file (`rules/profiles/NAME.yml`) from YAML text.
    public static func parse(_ yaml: String, file: String) throws(ConfigurationError) -> ProfileSetting {
        let reader = YAMLReader(file: file)
        var entries: [(key: String, value: Node, line: Int?)] = []
        for entry in try reader.root(yaml) {
            if entry.key == "version" {
                try Configuration.checkVersion(entry.value, reader: reader)
            } else {
                entries.append(entry)
            }
        }
        return try parse(entries, at: "", reader: reader, anchor: nil)
    }

    /// Reads one profile from the entries of a mapping; `path` names it in errors.
    static func parse(_ entries: [(key: String, value: Node, line: Int?)], at path: String, reader: YAMLReader,
                      anchor: Node?) throws(ConfigurationError) -> ProfileSetting {
        let prefix = path.isEmpty ? "" : path + "."
        var match: [String] = []
        var profile = ListProfile()
        for (key, value, line) in entries {
            switch key {
            case "match":
                match = try reader.strings(value, at: prefix + key)
            case "columns":
                for (role, headers, roleLine) in try reader.mapping(value, at: prefix + key) {
                    switch role {
                    case "category": profile.categoryColumns = try reader.strings(headers, at: "\(prefix)columns.category")
                    case "title": profile.titleColumns = try reader.strings(headers, at: "\(prefix)columns.title")
                    default: throw reader.unknownKey(role, at: prefix + "columns", line: roleLine, known: ["category", "title"])
                    }
                }
            case "format":
                profile.format = try formatSwitches(value, at: prefix + key, reader: reader)
            default:
                throw reader.unknownKey(key, at: path, line: line, known: ["match", "columns", "format"])
            }
        }
        guard !match.isEmpty else {
            throw ConfigurationError(file: reader.file, line: anchor?.line,
                                     message: "'\(prefix)match' must list the paths the profile is for")
        }
        return ProfileSetting(match: match, profile: profile)
    }

    /// Reads `format: { arxiv-abs: true, https: true, table-spacing: true, link-style: true }`.
    private static func formatSwitches(_ value: Node, at path: String, reader: YAMLReader) throws(ConfigurationError) -> FormatSwitches {
        var switches = FormatSwitches()
        for (name, setting, line) in try reader.mapping(value, at: path) {
            switch name {
            case "arxiv-abs": switches.arxivAbs = try reader.bool(setting, at: "\(path).\(name)")
            case "https": switches.https = try reader.bool(setting, at: "\(path).\(name)")
            case "table-spacing": switches.tableSpacing = try reader.bool(setting, at: "\(path).\(name)")
            case "link-style": switches.linkStyle = try reader.bool(setting, at: "\(path).\(name)")
            default: throw reader.unknownKey(name, at: path, line: line, known: ["arxiv-abs", "https", "table-spacing", "link-style"])
            }
        }
        return switches
    }
}
