import Engine
import Markdown
import Settings

/// Writing untrusted text (list content, paths, messages quoting them) into GitHub-flavoured
/// Markdown so that it shows as written and does nothing else: no mentions or team pings, no
/// issue references, no HTML, no links or images (bare URLs included), no formatting, no
/// reordering by bidirectional controls, no escape from a table cell or a code fence.
public enum MarkdownText {
    /// Inserted where GitHub would otherwise read a mention or a reference: invisible, and
    /// enough to break the pattern.
    static let breaker = "\u{200B}"

    /// Text for inline use in a paragraph or list item (never at a line's start): the one
    /// function that neutralises what a message quotes.
    ///
    /// A word GitHub would autolink (one holding `://` or `www.`) becomes a code span, which
    /// GitHub never links. Elsewhere `<`, `>`, `&` become entities; the punctuation of emphasis,
    /// code, links, tables, math and strikethrough is backslash-escaped; `@`, `#` and the `-` of
    /// `GH-` are followed by a zero-width space so they cannot mention anyone or reference an
    /// issue; bidirectional controls show as escapes such as `\u{202E}`; line breaks and other
    /// control characters become spaces.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        var word = String.UnicodeScalarView()
        func endWord() {
            escaped += isAutolinked(String(word)) ? code(String(word)) : escapeWord(word)
            word.removeAll()
        }
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                endWord()
                escaped += ControlCharacters.contains(scalar) ? " " : String(scalar)
            } else {
                word.append(scalar)
            }
        }
        endWord()
        return escaped
    }

    /// Whether GitHub would make a link of (part of) a word: a URL with a scheme or one
    /// starting `www.`.
    private static func isAutolinked(_ word: String) -> Bool {
        let lowered = word.lowercased()
        return lowered.contains("://") || lowered.contains("www.")
    }

    /// A word without white space, escaped as `escape` says.
    private static func escapeWord(_ word: String.UnicodeScalarView) -> String {
        var escaped = ""
        // The two scalars before this one, to find `GH-`.
        var previous: (Unicode.Scalar?, Unicode.Scalar?) = (nil, nil)
        for scalar in word {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "@", "#": escaped += String(scalar) + breaker
            case "-" where (previous.0 == "g" || previous.0 == "G") && (previous.1 == "h" || previous.1 == "H"):
                escaped += "-" + breaker
            case "\\", "`", "*", "_", "[", "]", "|", "~", "$":
                escaped += "\\"
                escaped.unicodeScalars.append(scalar)
            default:
                if ControlCharacters.isBidirectional(scalar) {
                    escaped += "\\" + ControlCharacters.visibleEscape(scalar)
                } else if ControlCharacters.contains(scalar) {
                    escaped += " "
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
            previous = (previous.1, scalar)
        }
        return escaped
    }

    /// A code span showing `text` literally. The delimiter is one backtick longer than any run
    /// inside; in a table cell `|` is escaped (GitHub reads it before the span). Bidirectional
    /// controls show as escapes; line breaks and other control characters become spaces.
    static func code(_ text: String, inTable: Bool = false) -> String {
        var content = ""
        for scalar in text.unicodeScalars {
            if ControlCharacters.isBidirectional(scalar) {
                content += ControlCharacters.visibleEscape(scalar)
            } else if ControlCharacters.contains(scalar) {
                content += " "
            } else if inTable, scalar == "|" {
                content += "\\|"
            } else {
                content.unicodeScalars.append(scalar)
            }
        }
        let delimiter = String(repeating: "`", count: longestRun(of: "`", in: content) + 1)
        let padding = content.hasPrefix("`") || content.hasSuffix("`") || content.isEmpty ? " " : ""
        return delimiter + padding + content + padding + delimiter
    }

    /// A fence for a code block holding these lines: backticks, one more than the longest run
    /// in them, at least three, so no line can close the block.
    static func fence(for lines: [String]) -> String {
        String(repeating: "`", count: max(3, lines.map { longestRun(of: "`", in: $0) }.max().map { $0 + 1 } ?? 3))
    }

    /// A fenced code block, each line indented by `indent`.
    public static func codeBlock(_ lines: [String], info: String, indent: String = "") -> String {
        let fence = fence(for: lines)
        let body = lines.map { indent + scrubbed($0) + "\n" }.joined()
        return "\(indent)\(fence)\(info)\n\(body)\(indent)\(fence)\n"
    }

    /// A line made safe to show in a code block: control characters (but tabs), bidirectional
    /// ones included, become U+FFFD, and a stray carriage return cannot end the line.
    static func scrubbed(_ line: String) -> String {
        func isUnsafe(_ scalar: Unicode.Scalar) -> Bool { scalar != "\t" && ControlCharacters.contains(scalar) }
        guard line.unicodeScalars.contains(where: isUnsafe) else { return line }
        return String(String.UnicodeScalarView(line.unicodeScalars.map { isUnsafe($0) ? "\u{FFFD}" : $0 }))
    }

    /// A link whose text is already Markdown. Parentheses, spaces and angle brackets in the URL
    /// are percent-encoded so they cannot end the destination.
    static func link(_ text: String, to url: String) -> String {
        var destination = ""
        for scalar in url.unicodeScalars {
            switch scalar {
            case "(": destination += "%28"
            case ")": destination += "%29"
            case " ": destination += "%20"
            case "<": destination += "%3C"
            case ">": destination += "%3E"
            case "\\": destination += "%5C"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                destination.unicodeScalars.append(scalar)
            }
        }
        return "[\(text)](\(destination))"
    }

    /// The longest run of a character in a text.
    static func longestRun(of character: Character, in text: String) -> Int {
        var longest = 0
        var current = 0
        for scalar in text.unicodeScalars {
            if Character(scalar) == character {
                current += 1
                longest = max(longest, current)
            } else {
                current = 0
            }
        }
        return longest
    }

    /// `path:12` or `path:12-14`, linked to the lines on the forge when the report knows where.
    static func place(_ path: String, lines: ClosedRange<Int>, links: SourceLinks?, inTable: Bool = false) -> String {
        let label = lines.count > 1 ? "\(path):\(lines.lowerBound)-\(lines.upperBound)" : "\(path):\(lines.lowerBound)"
        let shown = code(label, inTable: inTable)
        guard let links else { return shown }
        return link(shown, to: links.url(path: path, lines: lines))
    }

    /// `**Error**`, `**Warning**`, `**Note**`.
    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: "**Error**"
        case .warning: "**Warning**"
        case .note: "**Note**"
        }
    }

    /// One line about a finding: severity, place, rule and message.
    static func findingLine(_ finding: Finding, links: SourceLinks?, lines: ClosedRange<Int>) -> String {
        "\(severity(finding.severity)) \(place(finding.path, lines: lines, links: links)) \(code(finding.rule)): "
            + escape(finding.message)
    }

    /// The lines a finding's fix touches and how they read before and after, as a `diff`
    /// block (a sentence when the fix only removes lines or touches more than are worth
    /// showing); nil without a fix.
    static func suggestedChange(_ finding: Finding, in source: SourceText?, indent: String,
                                maximumLines: Int = 20) -> String? {
        guard let fix = finding.fix, let source, !fix.replacements.isEmpty else { return nil }
        let spans = fix.replacements.map { source.span(of: $0.range) }
        let first = spans.map { source.bytePosition(ofOffset: $0.start).line }.min() ?? finding.range.start.line
        let last = spans.map { span -> Int in
            let end = source.bytePosition(ofOffset: span.end)
            return span.isEmpty || end.column > 1 ? end.line : end.line - 1
        }.max() ?? first
        guard first >= 1, first <= source.lineCount else { return nil }
        let lines = first...min(max(last, first), source.lineCount)
        guard let fixed = source.fixedLines(fix, lines: lines) else { return nil }
        let span = lines.count > 1 ? "lines \(lines.lowerBound)–\(lines.upperBound)" : "line \(lines.lowerBound)"
        if fixed.isEmpty { return "\(indent)Suggested change: remove \(span).\n" }
        guard lines.count <= maximumLines else { return "\(indent)Suggested change: rewrite \(span).\n" }
        let diff = source.lineTexts(lines).map { "-" + $0 } + fixed.map { "+" + $0 }
        return "\(indent)Suggested change:\n\n" + codeBlock(diff, info: "diff", indent: indent)
    }
}
