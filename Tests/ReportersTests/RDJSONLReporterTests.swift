import Engine
import Foundation
import Markdown
import Reporters
import Settings
import Testing

@Suite struct RDJSONLReporterTests {
    private func diagnostics(_ report: Report) throws -> [[String: Any]] {
        let text = RDJSONLReporter().render(report)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "" && lines.count == report.findings.count + 1)
        return try lines.dropLast().map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    private func range(_ object: Any?) -> [String: [String: Int]]? {
        (object as? [String: Any])?.mapValues { $0 as? [String: Int] ?? [:] }
    }

    @Test func oneDiagnosticPerLineWithByteColumnsAndExclusiveEnd() throws {
        let all = try diagnostics(Fixtures.report([Fixtures.finding("some-rule", .warning, "line\nbreak")]))
        let diagnostic = all[0]
        #expect(diagnostic["message"] as? String == "line\nbreak")
        #expect(diagnostic["severity"] as? String == "WARNING")
        #expect((diagnostic["source"] as? [String: String]) == ["name": "vlmbot"])
        #expect((diagnostic["code"] as? [String: String]) == ["value": "some-rule"])
        let location = try #require(diagnostic["location"] as? [String: Any])
        #expect(location["path"] as? String == "lists/papers.md")
        // `paper`: bytes 15–19 inclusive, so the exclusive end is byte column 20.
        #expect(range(location["range"]) == ["start": ["line": 3, "column": 15], "end": ["line": 3, "column": 20]])
        #expect(diagnostic["suggestions"] == nil && diagnostic["related_locations"] == nil)
    }

    @Test func severities() throws {
        let all = try diagnostics(Fixtures.report([Fixtures.finding("a", .error, at: Fixtures.range(1, 1, 1, 1)),
                                                   Fixtures.finding("b", .warning, at: Fixtures.range(2, 1, 2, 1)),
                                                   Fixtures.finding("c", .note, at: Fixtures.range(3, 1, 3, 1))]))
        #expect(all.map { $0["severity"] as? String } == ["ERROR", "WARNING", "INFO"])
    }

    @Test func suggestionsAreExactOrLinewise() throws {
        // An insertion (start == end), a replacement inside a line, and the removal of the
        // blank line 2 with its CRLF, which is linewise.
        let fix = Fix(replacements: [Replacement(range: Fixtures.range(3, 10, 3, 13), text: ":)"),
                                     Replacement(range: Fixtures.range(2, 1, 2, 2), text: "")])
        let all = try diagnostics(Fixtures.report([Fixtures.heading, Fixtures.finding(fix: fix)]))
        let insertion = try #require((all.first { ($0["code"] as? [String: String])?["value"] == "heading-space" })?["suggestions"]
            as? [[String: Any]])
        #expect(range(insertion[0]["range"]) == ["start": ["line": 4, "column": 3], "end": ["line": 4, "column": 3]])
        #expect(insertion[0]["text"] as? String == " ")
        let other = try #require((all.first { ($0["code"] as? [String: String])?["value"] == "some-rule" })?["suggestions"]
            as? [[String: Any]])
        #expect(range(other[0]["range"]) == ["start": ["line": 3, "column": 10], "end": ["line": 3, "column": 14]])
        #expect(other[0]["text"] as? String == ":)")
        #expect(range(other[1]["range"]) == ["start": ["line": 2], "end": ["line": 2]])
        #expect(other[1]["text"] as? String == "")
    }

    @Test func wholeLineReplacementDropsItsFinalLineBreak() throws {
        let fix = Fix(replacements: [Replacement(range: Fixtures.range(4, 1, 4, 15), text: "## Bad heading\r\n")])
        let all = try diagnostics(Fixtures.report([Fixtures.finding(fix: fix)]))
        let suggestion = try #require((all[0]["suggestions"] as? [[String: Any]])?.first)
        #expect(range(suggestion["range"]) == ["start": ["line": 4], "end": ["line": 4]])
        #expect(suggestion["text"] as? String == "## Bad heading")
    }

    @Test func wholeLineFindingsAreLinewiseAndRelatedLocationsKept() throws {
        let finding = Fixtures.finding(at: SourceRange(lines: 3, 4, in: Fixtures.source), related: [Fixtures.range(1, 3, 1, 8)])
        let diagnostic = try diagnostics(Fixtures.report([finding]))[0]
        #expect(range((diagnostic["location"] as? [String: Any])?["range"]) == ["start": ["line": 3], "end": ["line": 4]])
        let related = try #require(diagnostic["related_locations"] as? [[String: Any]])
        let location = try #require(related.first?["location"] as? [String: Any])
        #expect(location["path"] as? String == "lists/papers.md")
        #expect(range(location["range"]) == ["start": ["line": 1, "column": 3], "end": ["line": 1, "column": 9]])
    }
}
