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

/// A repository's `.vlmbot.yml`: which lists to check when no path is given.
public struct Configuration: Sendable, Equatable {
    /// The configuration format this vlmbot reads.
    public static let version = 1
    /// The name of the file looked for upward from the working directory.
    public static let fileName = ".vlmbot.yml"

    /// List files or folders, relative to the configuration file's folder.
    public var lists: [String]

    public init(lists: [String] = []) {
        self.lists = lists
    }

    /// Reads a configuration from YAML text; `file` names it in errors.
    public static func parse(_ yaml: String, file: String) throws(ConfigurationError) -> Configuration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ConfigurationError(file: file, line: error.line, message: "not valid YAML: \(error.summary)")
        } catch {
            throw ConfigurationError(file: file, line: nil, message: "not valid YAML: \(error)")
        }
        guard let root else { return Configuration() }
        guard let mapping = root.mapping else {
            throw ConfigurationError(file: file, line: root.line, message: "expected a mapping of settings at the top level")
        }
        var configuration = Configuration()
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "version":
                guard value.int == version else {
                    throw ConfigurationError(file: file, line: value.line,
                                             message: "'version' must be \(version), the format this vlmbot reads")
                }
            case "lists":
                let paths = value.sequence?.compactMap(\.string) ?? []
                guard let items = value.sequence, !items.isEmpty, paths.count == items.count else {
                    throw ConfigurationError(file: file, line: value.line,
                                             message: "'lists' must be a non-empty list of paths, such as [README.md]")
                }
                configuration.lists = paths
            default:
                throw ConfigurationError(file: file, line: keyNode.line,
                                         message: "unknown key '\(key)' (known keys: version, lists)")
            }
        }
        return configuration
    }
}

private extension Node {
    /// The 1-based line the node starts on.
    var line: Int? { mark.map { $0.line } }
}

private extension YamlError {
    var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    var summary: String {
        switch self {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return String(describing: self).split(separator: "\n").first.map(String.init) ?? "unreadable"
        }
    }
}
