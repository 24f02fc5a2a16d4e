import Engine
import Markdown

/// Stable identities of findings, shared by SARIF (`partialFingerprints`) and the review
/// reporter (the hidden marker in each comment), so a finding keeps its identity when lines
/// above it are added or removed.
///
/// Recipe (version 1): FNV-1a 64 over the UTF-8 of `v1`, the rule id, the path, the text of
/// the lines the finding touches and the text of its span (of a span over 512 bytes, its
/// first and last 256, joined by U+0001), separated by NUL bytes; texts are
/// normalised (leading and trailing whitespace dropped, runs of whitespace made one space,
/// lines joined by `\n`). Line and column numbers take no part. The 16 lowercase hex digits
/// are followed by `:` and the occurrence (1, 2, …) among findings of the report with the
/// same hash, in report order, so identical findings on identical lines stay distinct.
public enum Fingerprint {
    /// FNV-1a, 64 bits: of `bytes` alone, or continuing a hash of what came before them.
    public static func fnv1a64<Bytes: Sequence>(_ bytes: Bytes, continuing hash: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64
    where Bytes.Element == UInt8 {
        var hash = hash
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// Sixteen lowercase hex digits.
    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The hash of a finding, without its occurrence number.
    public static func hash(of finding: Finding, in source: SourceText?) -> String {
        var hasher = FindingHasher()
        return hasher.hash(of: finding, in: source)
    }

    /// The fingerprints of a report's findings, in report order.
    public static func all(in report: Report) -> [String] {
        var seen: [String: Int] = [:]
        var sources: [String: SourceText?] = [:]
        var hasher = FindingHasher()
        return report.findings.map { finding in
            if sources[finding.path] == nil { sources[finding.path] = .some(report.source(of: finding.path)) }
            let hash = hasher.hash(of: finding, in: sources[finding.path] ?? nil)
            let occurrence = (seen[hash] ?? 0) + 1
            seen[hash] = occurrence
            return "\(hash):\(occurrence)"
        }
    }

    /// Hashes findings, reading the lines a rule's findings share once however many findings
    /// they hold, so a report costs time in proportion to its source, not to findings × lines.
    struct FindingHasher {
        private struct Lines: Hashable {
            var rule: String
            var path: String
            var lines: ClosedRange<Int>
        }

        /// The hash of the key up to the span: `v1`, rule, path and lines, each followed by NUL.
        private var prefixes: [Lines: UInt64] = [:]

        mutating func hash(of finding: Finding, in source: SourceText?) -> String {
            let key = Lines(rule: finding.rule, path: finding.path, lines: finding.range.lines)
            let prefix = prefixes[key] ?? {
                let lines = source.map { $0.lineTexts(finding.range.lines).map(normalised).joined(separator: "\n") } ?? ""
                let hash = fnv1a64((["v1", finding.rule, finding.path, lines].joined(separator: "\u{0}") + "\u{0}").utf8)
                prefixes[key] = hash
                return hash
            }()
            var span = ""
            if let source {
                let bytes = source.span(of: finding.range)
                func text(_ range: Range<Int>) -> String { normalised(String(decoding: source.bytes[range], as: UTF8.self)) }
                span = bytes.end - bytes.start <= 2 * spanWindow ? text(bytes.start..<bytes.end)
                    : text(bytes.start..<bytes.start + spanWindow) + "\u{1}" + text(bytes.end - spanWindow..<bytes.end)
            }
            return hex(fnv1a64(span.utf8, continuing: prefix))
        }
    }

    /// A span longer than twice this many bytes is hashed by its two ends, so that many
    /// findings spanning one long line cost no more than short ones.
    static let spanWindow = 256

    /// Whitespace-insensitive text: trimmed, inner runs of whitespace (Unicode White_Space)
    /// made one space; read scalar by scalar, ASCII without a property lookup.
    static func normalised(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var spaceDue = false
        for scalar in text.unicodeScalars {
            let isSpace = scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
            if isSpace {
                spaceDue = !result.isEmpty
            } else {
                if spaceDue { result.append(" ") }
                spaceDue = false
                result.append(scalar)
            }
        }
        return String(result)
    }
}
