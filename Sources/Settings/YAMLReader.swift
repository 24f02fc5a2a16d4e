import Yams

/// Reads typed settings out of a YAML file, with errors that name the file, the line and the
/// key path (`rules.duplicate-entry.severity`).
struct YAMLReader {
    let file: String

    /// The document's top-level mapping; an empty document is an empty mapping.
    func root(_ yaml: String) throws(ConfigurationError) -> [(key: String, value: Node, line: Int?)] {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ConfigurationError(file: file, line: error.line, message: "not valid YAML: \(error.summary)")
        } catch {
            throw ConfigurationError(file: file, line: nil, message: "not valid YAML: \(error)")
        }
        guard let node else { return [] }
        return try mapping(node, at: "")
    }

    func mapping(_ node: Node, at path: String) throws(ConfigurationError) -> [(key: String, value: Node, line: Int?)] {
        guard let mapping = node.mapping else {
            throw error(node, path.isEmpty ? "expected a mapping of settings at the top level" : "'\(path)' must be a mapping")
        }
        var entries: [(key: String, value: Node, line: Int?)] = []
        for (key, value) in mapping {
            guard let name = key.string else { throw error(key, "a key must be a string") }
            entries.append((name, value, key.line))
        }
        return entries
    }

    func string(_ node: Node, at path: String) throws(ConfigurationError) -> String {
        guard node.scalar != nil, let value = node.string else { throw error(node, "'\(path)' must be a string") }
        return value
    }

    func bool(_ node: Node, at path: String) throws(ConfigurationError) -> Bool {
        guard let value = node.bool else { throw error(node, "'\(path)' must be true or false") }
        return value
    }

    func strings(_ node: Node, at path: String) throws(ConfigurationError) -> [String] {
        guard let items = node.sequence else { throw error(node, "'\(path)' must be a list of strings") }
        var values: [String] = []
        for item in items {
            guard item.scalar != nil, let value = item.string else {
                throw error(item, "'\(path)' must be a list of strings")
            }
            values.append(value)
        }
        return values
    }

    /// A scalar or a list of strings, typed as YAML reads it.
    func value(_ node: Node, at path: String) throws(ConfigurationError) -> ConfigValue {
        if node.sequence != nil { return .list(try strings(node, at: path)) }
        guard let scalar = node.scalar else { throw error(node, "'\(path)' must be a value or a list of strings") }
        if let value = node.bool, scalar.style == .plain { return .bool(value) }
        if let value = node.int, scalar.style == .plain { return .int(value) }
        if let value = node.float, scalar.style == .plain { return .double(value) }
        return .string(scalar.string)
    }

    func unknownKey(_ key: String, at path: String, line: Int?, known: [String]) -> ConfigurationError {
        let place = path.isEmpty ? key : "\(path).\(key)"
        return ConfigurationError(file: file, line: line,
                                  message: "unknown key '\(place)' (known keys: \(known.joined(separator: ", ")))")
    }

    /// A notice about the file at a line, as `file:line: message`.
    func notice(at line: Int?, _ message: String) -> String {
        ConfigurationError(file: file, line: line, message: message).description
    }

    func error(_ node: Node, _ message: String) -> ConfigurationError {
        ConfigurationError(file: file, line: node.line, message: message)
    }
}

extension Node {
    /// The 1-based line the node starts on.
    var line: Int? { mark.map { $0.line } }
}

extension YamlError {
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
