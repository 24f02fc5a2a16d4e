import Engine
import Markdown
import Settings

/// Findings for people at a terminal: `path:line:col: severity: message [rule]`, the source
/// line with a caret under the span, and a closing count.
///
/// Paths and messages (which can quote list text, percent-decoded or not) show control
/// characters as visible escapes, and the source line shows them as `�`: nothing from a list
/// can move the cursor, retitle the terminal or reorder the line.
public struct TextReporter: Reporter {
    /// Source lines longer than this are shown as a window around the finding.
    static let maximumShownLength = 160

    /// Whether to colour severities (only on a terminal, never with `NO_COLOR`).
    public let useColor: Bool

    public init(useColor: Bool = false) {
        self.useColor = useColor
    }

    public func render(_ report: Report) -> String {
        var output = ""
        for finding in report.findings {
            let start = finding.range.start
            output += "\(ControlCharacters.escaped(finding.path)):\(start.line):\(start.column): "
                + "\(paint(finding.severity)): \(ControlCharacters.escaped(finding.message)) [\(finding.rule)]\n"
            if let source = report.source(of: finding.path) {
                output += Self.excerpt(of: finding.range, in: source)
            }
        }
        for file in report.files {
            if let changes = file.changes {
                output += "\(ControlCharacters.escaped(file.path)): \(Self.plural(changes.added, "entry", "entries")) added, "
                    + "\(changes.changed) changed, \(changes.removed) removed\n"
            }
        }
        output += summary(report) + "\n"
        return output
    }

    private func summary(_ report: Report) -> String {
        let files = Self.plural(report.files.count, "file")
        let entries = Self.plural(report.entryCount, "entry", "entries")
        if report.files.isEmpty { return "No list to check: the change touches none of the lists." }
        guard !report.findings.isEmpty else { return "No findings in \(entries) of \(files)." }
        let counts = [Self.plural(report.count(.error), "error"), Self.plural(report.count(.warning), "warning"),
                      Self.plural(report.count(.note), "note")]
        return counts.joined(separator: ", ") + " in \(entries) of \(files)."
    }

    private func paint(_ severity: Severity) -> String {
        guard useColor else { return severity.rawValue }
        let code = switch severity {
        case .error: "31"
        case .warning: "33"
        case .note: "36"
        }
        return "\u{1B}[1;\(code)m\(severity.rawValue)\u{1B}[0m"
    }

    /// The finding's first line and a caret line under its span (to the line's end when the
    /// span runs over several lines).
    static func excerpt(of range: SourceRange, in source: SourceText) -> String {
        let bytes = source.lineBytes(range.start.line)
        guard !bytes.isEmpty else { return "" }
        // Indices into the document's bytes: the line is a slice, never copied.
        let first = bytes.startIndex, last = bytes.endIndex - 1
        let start = min(max(first + range.start.column - 1, first), last)
        let end = range.end.line == range.start.line ? min(max(first + range.end.column - 1, start), last) : last
        let windowStart = max(first, start - maximumShownLength / 2)
        let windowEnd = min(bytes.endIndex, windowStart + maximumShownLength)
        let shown = visible(bytes[windowStart..<windowEnd])
        let leading = String(visible(bytes[windowStart..<start]).map { $0 == "\t" ? "\t" : " " })
        let underlined = max(1, visible(bytes[start...min(end, windowEnd - 1)]).count)
        let prefix = windowStart > first ? "…" : ""
        let suffix = windowEnd < bytes.endIndex ? "…" : ""
        return "  \(prefix)\(shown)\(suffix)\n  \(prefix.isEmpty ? "" : " ")\(leading)^"
            + String(repeating: "~", count: underlined - 1) + "\n"
    }

    /// A byte slice as shown: a character holding a control character (but a tab) is
    /// replaced by `�`, so it cannot move the cursor, change the terminal or reorder the line,
    /// and the caret below stays aligned.
    private static func visible(_ bytes: ArraySlice<UInt8>) -> String {
        func isHidden(_ scalar: Unicode.Scalar) -> Bool { scalar != "\t" && ControlCharacters.contains(scalar) }
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.unicodeScalars.contains(where: isHidden) else { return text }
        return String(text.map { $0.unicodeScalars.contains(where: isHidden) ? "�" : $0 })
    }

    private static func plural(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }
}
