import Markdown
import Rules

/// Findings for people at a terminal: `path:line:col: severity: message [rule]`, the source
/// line with a caret under the span, and a closing count.
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
            output += "\(finding.path):\(start.line):\(start.column): \(paint(finding.severity)): "
                + "\(Self.singleLine(finding.message)) [\(finding.rule)]\n"
            if let source = report.source(of: finding.path) {
                output += Self.excerpt(of: finding.range, in: source)
            }
        }
        for file in report.files {
            if let changes = file.changes {
                output += "\(file.path): \(Self.plural(changes.added, "entry", "entries")) added, "
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
        let bytes = Array(source.lineBytes(range.start.line))
        guard !bytes.isEmpty else { return "" }
        let startOffset = min(max(range.start.column - 1, 0), bytes.count - 1)
        let endOffset = range.end.line == range.start.line
            ? min(max(range.end.column - 1, startOffset), bytes.count - 1) : bytes.count - 1
        let windowStart = max(0, startOffset - maximumShownLength / 2)
        let windowEnd = min(bytes.count, windowStart + maximumShownLength)
        let shown = visible(bytes[windowStart..<windowEnd]).joined()
        let leading = visible(bytes[windowStart..<startOffset])
            .map { $0 == "\t" ? "\t" : " " }.joined()
        let underlined = max(1, visible(bytes[startOffset...min(endOffset, windowEnd - 1)]).count)
        let prefix = windowStart > 0 ? "…" : ""
        let suffix = windowEnd < bytes.count ? "…" : ""
        return "  \(prefix)\(shown)\(suffix)\n  \(prefix.isEmpty ? "" : " ")\(leading)^"
            + String(repeating: "~", count: underlined - 1) + "\n"
    }

    /// Characters of a byte slice as shown, control characters replaced so they cannot move
    /// the cursor or change the terminal.
    private static func visible(_ bytes: ArraySlice<UInt8>) -> [String] {
        String(decoding: bytes, as: UTF8.self).map { character in
            if character == "\t" { return "\t" }
            if character.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "�" }
            return String(character)
        }
    }

    private static func singleLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }

    private static func plural(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }
}
