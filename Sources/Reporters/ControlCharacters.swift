/// Characters that act on the text around them instead of showing themselves: C0 controls
/// (line breaks, tab, escape, bell), DEL, C1 controls, the Unicode line and paragraph
/// separators, and the bidirectional formatting characters (marks, embeddings, overrides,
/// isolates), which reorder what a reader sees. Untrusted text (file names, list text, what a
/// message quotes) must not reach a terminal, a log or a rendered page with them raw.
public enum ControlCharacters {
    /// Whether a scalar is one of these characters.
    public static func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: true
        default: isBidirectional(scalar)
        }
    }

    /// Whether a scalar is a bidirectional formatting character: the Arabic letter mark, the
    /// left-to-right and right-to-left marks, embeddings, overrides and their pop, isolates.
    public static func isBidirectional(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// How a scalar of these is shown: `\n`, `\r`, `\t`, or `\u{1B}` (its code point in hex).
    public static func visibleEscape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": #"\n"#
        case "\r": #"\r"#
        case "\t": #"\t"#
        default: #"\u{"# + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }

    /// The text with every one of these characters shown as its visible escape (but those
    /// `kept`, for a caller that escapes them its own way): on one line when none is kept.
    public static func escaped(_ text: String, keeping kept: [Unicode.Scalar] = []) -> String {
        func isEscaped(_ scalar: Unicode.Scalar) -> Bool { contains(scalar) && !kept.contains(scalar) }
        guard text.unicodeScalars.contains(where: isEscaped) else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if isEscaped(scalar) { escaped += visibleEscape(scalar) } else { escaped.unicodeScalars.append(scalar) }
        }
        return escaped
    }
}
