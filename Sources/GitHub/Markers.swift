import Reporters

/// The hidden HTML comments by which vlmbot recognises what it posted before: the
/// fingerprint ending each inline review comment (`ReviewReporter.marker(fingerprint:)`) and
/// the marker of the one summary comment it keeps updated.
public enum Markers {
    /// Marks the summary comment, `<!-- vlmbot:summary -->`.
    public static let summary = "<!-- \(Report.toolName):summary -->"

    /// The text around a fingerprint in a marker, taken from `ReviewReporter` so both sides
    /// agree.
    private static let fingerprintAffixes: (prefix: String, suffix: String) = {
        let parts = ReviewReporter.marker(fingerprint: "\u{0}").split(separator: "\u{0}", omittingEmptySubsequences: false)
        return (String(parts[0]), String(parts[1]))
    }()

    /// The fingerprints (`HEX:N`: 16 lowercase hex digits, a colon, an occurrence number) that
    /// a comment body carries, in order.
    public static func fingerprints(in body: String) -> [String] {
        let (prefix, suffix) = fingerprintAffixes
        var found: [String] = []
        var rest = body[...]
        while let start = rest.range(of: prefix) {
            rest = rest[start.upperBound...]
            guard let end = rest.range(of: suffix) else { break }
            let candidate = String(rest[..<end.lowerBound])
            if isFingerprint(candidate) {
                found.append(candidate)
                rest = rest[end.upperBound...]
            }
        }
        return found
    }

    /// Whether a text has the form `HEX:N` of `Fingerprint.all(in:)`.
    static func isFingerprint(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].utf8.count == 16, !parts[1].isEmpty else { return false }
        return parts[0].utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
            && parts[1].utf8.allSatisfy { (48...57).contains($0) }
    }
}
