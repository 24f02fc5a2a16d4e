/// A GitHub Actions workflow command, `::name key=value,…::data`, written so that no text in
/// it can end the line or start another command.
struct WorkflowCommand {
    var name: String
    var properties: [(String, String)] = []
    var data: String

    /// The command line, without its line break.
    var line: String {
        let properties = properties.map { "\($0.0)=\(Self.escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(name)\(properties.isEmpty ? "" : " " + properties)::\(Self.escapeData(data))"
    }

    /// Data escaping as the runner undoes it: `%`, CR and LF. A leading `::` is broken with a
    /// zero-width space, so the message cannot read as a command even where a log viewer
    /// starts a line with it. Other control characters (escape sequences, bidirectional
    /// controls) show as escapes such as `\u{1B}` in the annotation.
    static func escapeData(_ text: String) -> String {
        var escaped = escape(ControlCharacters.escaped(text, keeping: ["\r", "\n"]), [:])
        if escaped.hasPrefix("::") { escaped.insert("\u{200B}", at: escaped.index(after: escaped.startIndex)) }
        return escaped
    }

    /// Property escaping: data escaping plus `:` and `,`, which end a property.
    static func escapeProperty(_ text: String) -> String {
        escape(text, [":": "%3A", ",": "%2C"])
    }

    /// `%`, CR and LF percent-encoded, and `extra` as given.
    private static func escape(_ text: String, _ extra: [Unicode.Scalar: String]) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": escaped += "%25"
            case "\r": escaped += "%0D"
            case "\n": escaped += "%0A"
            default:
                if let replacement = extra[scalar] { escaped += replacement } else { escaped.unicodeScalars.append(scalar) }
            }
        }
        return escaped
    }
}
