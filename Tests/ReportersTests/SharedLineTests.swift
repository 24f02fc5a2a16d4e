import Engine
import Foundation
import Markdown
import Reporters
import Settings
import Testing

/// Many findings on one line: reporters measure the line once and reuse it, and what they
/// write must be what measuring it for each finding would give.
@Suite struct SharedLineTests {
    /// Multi-byte characters (2 and 4 bytes), a tab, runs of spaces.
    static let line = "- é  **x**\t😀 **y** 😀é **z**"
    static let source = SourceText(line + "\nnext\n")

    /// A finding on every `*` of the line, each one byte wide.
    static let findings: [Finding] = Array(line.utf8).enumerated().filter { $0.element == UInt8(ascii: "*") }.map { offset, _ in
        Fixtures.finding("literal", .warning, "m", at: Fixtures.range(1, offset + 1, 1, offset + 1))
    }

    @Test func fingerprintsFollowTheDocumentedRecipe() {
        // Another rule on the same line hashes its own key.
        let other = Fixtures.finding("other", .warning, "m", at: Fixtures.range(1, 3, 1, 4))
        let report = Fixtures.report(Self.findings + [other], source: Self.source)
        let fingerprints = Fingerprint.all(in: report)
        func normalised(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        var seen: [String: Int] = [:]
        let expected = report.findings.map { finding -> String in
            let span = String(decoding: Array(Self.line.utf8)[(finding.range.start.column - 1)..<finding.range.end.column],
                              as: UTF8.self)
            let key = ["v1", finding.rule, finding.path, normalised(Self.line), normalised(span)].joined(separator: "\u{0}")
            let digits = String(Fingerprint.fnv1a64(key.utf8), radix: 16)
            let hash = String(repeating: "0", count: 16 - digits.count) + digits
            seen[hash, default: 0] += 1
            return "\(hash):\(seen[hash] ?? 0)"
        }
        #expect(Self.findings.count == 12)
        #expect(fingerprints == expected)
    }

    @Test func utf16ColumnsOfFindingsSharingALine() throws {
        let log = SARIFReporter().render(Fixtures.report(Self.findings, source: Self.source))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(log.utf8)) as? [String: Any])
        let results = try #require(((json["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        let columns = results.compactMap { result in
            ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
                .flatMap { $0["region"] as? [String: Int] }?["startColumn"]
        }
        let bytes = Array(Self.line.utf8)
        let expected = Self.findings.map { finding in
            String(decoding: bytes.prefix(finding.range.start.column - 1), as: UTF8.self).utf16.count + 1
        }
        #expect(columns == expected)
        let annotations = GitHubReporter().render(Fixtures.report(Self.findings, source: Self.source))
        // GitHub shows ten annotations of a severity; the rest are counted in a closing notice.
        let annotated = annotations.split(separator: "\n").compactMap { $0.firstMatch(of: /,col=([0-9]+),/).flatMap { Int($0.1) } }
        #expect(annotated == Array(expected.prefix(GitHubReporter.annotationsPerSeverity)))
    }
}
