import Reporters

/// The hidden HTML comments by which vlmbot recognises what it posted before: the
/// fingerprint ending each inline review comment (`ReviewReporter.marker(fingerprint:)`) and
/// the marker of the one summary comment it keeps updated.
///
/// vlmbot writes a marker as the last line of a body, so only that line counts: a marker
/// quoted from list text (in a suggestion, a code span, a quote, or beside other text) is
/// never one. Whose comment carries it is the client's concern.
public enum Markers {
    /// Marks the summary comment, `<!-- vlmbot:summary -->`.
    public static let summary = "<!-- \(Report.toolName):summary -->"

    /// The text around a fingerprint in a marker, taken from `ReviewReporter` so both sides
    /// agree.
    private static let fingerprintAffixes: (prefix: String, suffix: String) = {
        let parts = ReviewReporter.marker(fingerprint: "\u{0}").split(separator: "\u{0}", omittingEmptySubsequences: false)
        return (String(parts[0]), String(parts[1]))
    }()

    /// The fingerprint (`HEX:N`: 16 lowercase hex digits, a colon, an occurrence number) of the
    /// marker that is the body's last line; nil when that line is no fingerprint marker.
    public static func fingerprint(in body: String) -> String? {
        let (prefix, suffix) = fingerprintAffixes
        let line = lastLine(of: body)
        guard line.hasPrefix(prefix), line.hasSuffix(suffix), line.count > prefix.count + suffix.count else { return nil }
        let candidate = String(line.dropFirst(prefix.count).dropLast(suffix.count))
        return isFingerprint(candidate) ? candidate : nil
    }

    /// Whether the body's last line is the summary marker.
    public static func isSummary(_ body: String) -> Bool {
        lastLine(of: body) == summary[...]
    }

    /// The body with the summary marker as its last line.
    public static func summarized(_ body: String) -> String {
        isSummary(body) ? body : body + "\n" + summary + "\n"
    }

    /// The last line that is not blank, without its line ending.
    private static func lastLine(of body: String) -> Substring {
        let end = body.lastIndex { !$0.isWhitespace }.map(body.index(after:)) ?? body.startIndex
        let text = body[..<end]
        let start = text.lastIndex { $0.isNewline }.map(text.index(after:)) ?? text.startIndex
        return text[start...]
    }

    /// Whether a text has the form `HEX:N` of `Fingerprint.all(in:)`.
    static func isFingerprint(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].utf8.count == 16, !parts[1].isEmpty else { return false }
        return parts[0].utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
            && parts[1].utf8.allSatisfy { (48...57).contains($0) }
    }
}
