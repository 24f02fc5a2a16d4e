import Engine
import Foundation
import Markdown
import Reporters
import Settings
import Testing

@Suite struct ReviewReporterTests {
    private func review(_ report: Report, reporter: ReviewReporter = ReviewReporter()) throws -> [String: Any] {
        let text = reporter.render(report)
        #expect(text.hasSuffix("}\n") && !text.dropLast().contains("\n"))
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func comments(_ review: [String: Any]) throws -> [[String: Any]] {
        try #require(review["comments"] as? [[String: Any]])
    }

    /// Lines 1–40 `line N`; hunks 3–4 and 10–12.
    static let source = Fixtures.numbered(40)
    static let hunks = [3...4, 10...12]

    private func at(_ first: Int, _ last: Int, _ severity: Severity = .warning, fix: Fix? = nil) -> Finding {
        Fixtures.finding("rule", severity, "on \(first)-\(last)", at: Fixtures.range(first, 1, last, 4), fix: fix)
    }

    @Test func commentsOnlyInsideHunksAndMultiLineOnlyWithinOne() throws {
        let report = Fixtures.report([at(3, 3), at(5, 6), at(11, 12), at(4, 10), at(9, 10), at(20, 20)],
                                     source: Self.source, hunks: Self.hunks)
        let result = try review(report)
        #expect(result["event"] as? String == "COMMENT" && result["commit_id"] == nil)
        let all = try comments(result)
        // Report order: 3, 4–10 (ends in another hunk: single line 4), 9–10 (starts outside:
        // single line 10), 11–12 (one hunk: multi-line).
        #expect(all.map { $0["line"] as? Int } == [3, 4, 10, 12])
        #expect(all.map { $0["start_line"] as? Int } == [nil, nil, nil, 11])
        #expect(all.allSatisfy { $0["path"] as? String == "lists/papers.md" && $0["side"] as? String == "RIGHT" })
        #expect(all[3]["start_side"] as? String == "RIGHT" && all[0]["start_side"] == nil)
        #expect((all[3]["body"] as? String)?.hasPrefix("**Warning** `rule`: on 11-12\n") == true)
        #expect((all[1]["body"] as? String)?.hasPrefix("**Warning** `rule`: on 4-10\n") == true)
        let body = try #require(result["body"] as? String)
        #expect(body.contains("2 findings are not commented inline (2 outside the changed lines):\n\n"
            + "- **Warning** `lists/papers.md:5-6` `rule`: on 5-6\n- **Warning** `lists/papers.md:20` `rule`: on 20-20\n"))
        #expect(body.contains("\n4 findings are commented on the lines of this change.\n"))
        #expect(body.hasSuffix("\n<!-- vlmbot:review -->\n"))
    }

    @Test func keyOrderFollowsTheAPI() {
        let text = ReviewReporter().render(Fixtures.report([at(11, 12)], source: Self.source, hunks: Self.hunks, links: Fixtures.links))
        #expect(text.hasPrefix(#"{"commit_id":"0123abc","event":"COMMENT","body":"#))
        #expect(text.contains(#"{"path":"lists/papers.md","line":12,"side":"RIGHT","start_line":11,"start_side":"RIGHT","body":"#))
    }

    @Test func withoutHunksNothingIsInline() throws {
        let result = try review(Fixtures.report([at(3, 3)], source: Self.source))
        #expect(try comments(result).isEmpty)
        #expect((result["body"] as? String)?.contains("No change was reviewed, so no finding is commented inline:\n\n- **Warning**") == true)
    }

    @Test func suggestionRewritesTheCommentedLines() throws {
        let result = try review(Fixtures.report([Fixtures.heading], hunks: [1...5]))
        let body = try #require(try comments(result).first?["body"] as? String)
        let fingerprint = Fingerprint.all(in: Fixtures.report([Fixtures.heading]))[0]
        #expect(body == "**Error** `heading-space`: '#\u{200B}#\u{200B}' is not followed by a space\n\n"
            + "```suggestion\n## Bad heading\n```\n\n<!-- vlmbot:fingerprint=\(fingerprint) -->\n")
    }

    @Test func suggestionKeepsTabsAndMultiByteText() throws {
        let fix = Fix(replacements: [Replacement(range: Fixtures.range(3, 10, 3, 13), text: ":)")])
        let result = try review(Fixtures.report([Fixtures.finding(fix: fix)], hunks: [3...3]))
        let body = try #require(try comments(result).first?["body"] as? String)
        #expect(body.contains("\n```suggestion\n- [Café :) paper](https://x.org)\tby @octocat\n```\n"))
    }

    @Test func suggestionOmittedWhenTheFixReachesOutsideTheCommentedLines() throws {
        // The finding is on line 3 but its fix also edits line 4.
        let fix = Fix(replacements: [Replacement(range: Fixtures.range(3, 1, 3, 1), text: "*"),
                                     Replacement(range: Fixtures.range(4, 3, 4, 2), text: " ")])
        let result = try review(Fixtures.report([Fixtures.finding(fix: fix)], hunks: [1...5]))
        let body = try #require(try comments(result).first?["body"] as? String)
        #expect(!body.contains("suggestion"))
    }

    @Test func removedLinesGiveAnEmptySuggestion() throws {
        let fix = Fix(replacements: [Replacement(range: Fixtures.range(2, 1, 2, 2), text: "")])
        let result = try review(Fixtures.report([Fixtures.finding(at: Fixtures.range(2, 1, 2, 1), fix: fix)], hunks: [1...5]))
        let body = try #require(try comments(result).first?["body"] as? String)
        #expect(body.contains("\n```suggestion\n```\n"))
    }

    @Test func fenceOutgrowsBackticksInTheSuggestion() throws {
        let source = SourceText("Use ``` here\n")
        let fix = Fix(replacements: [Replacement(range: Fixtures.range(1, 1, 1, 3), text: "We")])
        let result = try review(Fixtures.report([Fixtures.finding(at: Fixtures.range(1, 1, 1, 3), fix: fix)], source: source, hunks: [1...1]))
        let body = try #require(try comments(result).first?["body"] as? String)
        #expect(body.contains("\n````suggestion\nWe ``` here\n````\n"))
    }

    @Test func atMostThirtyCommentsMostSevereFirst() throws {
        var findings = (1...32).map { at($0, $0, .note) }
        findings += (33...35).map { at($0, $0, .error) }
        let result = try review(Fixtures.report(findings, source: Self.source, hunks: [1...40]))
        let all = try comments(result)
        #expect(all.count == 30)
        #expect(all.map { $0["line"] as? Int } == [33, 34, 35] + Array(1...27))
        let body = try #require(result["body"] as? String)
        #expect(body.contains("5 findings are not commented inline (5 over the limit of 30 inline comments):\n\n"))
        #expect(body.contains("- **Note** `lists/papers.md:28` `rule`: on 28-28\n"))
        #expect(body.contains("- **Note** `lists/papers.md:32` `rule`: on 32-32\n"))
    }

    @Test func everyCommentCarriesTheSARIFFingerprint() throws {
        let findings = [at(3, 3), at(11, 12, .error)]
        let report = Fixtures.report(findings, source: Self.source, hunks: Self.hunks)
        let sarif = SARIFReporter().render(report)
        for comment in try comments(try review(report)) {
            let body = try #require(comment["body"] as? String)
            let match = try #require(body.firstMatch(of: /<!-- vlmbot:fingerprint=([0-9a-f]{16}:[0-9]+) -->\n$/))
            #expect(sarif.contains(#""vlmbot/v1":"\#(match.1)""#))
        }
    }

    @Test func untrustedTextIsEscapedInComments() throws {
        let finding = Fixtures.finding("rule", .error, Fixtures.hostile)
        let body = try #require(try comments(try review(Fixtures.report([finding], hunks: [3...3]))).first?["body"] as? String)
        #expect(body.hasPrefix("**Error** `rule`: ::error::pwned 100%   ::warning::x @\u{200B}octocat &lt;script&gt;"))
        #expect(!body.contains("<script>") && !body.contains("@octocat"))
    }

    @Test func bodyStaysUnderTheLimit() throws {
        let count = 2000
        let source = Fixtures.numbered(count)
        let message = String(repeating: "a long message ", count: 4)
        let findings = (1...count).map { Fixtures.finding("rule", .note, message, at: Fixtures.range($0, 1, $0, 4)) }
        let result = try review(Fixtures.report(findings, source: source))
        let body = try #require(result["body"] as? String)
        #expect(body.utf8.count < 65_536 && body.utf8.count > 60_000)
        let shown = body.components(separatedBy: "\n- **Note**").count - 1
        #expect(shown < count)
        #expect(body.contains("- … and \(count - shown) more findings (\(count - shown) notes); the job summary lists them all.\n"))
    }

    @Test func changesAreTabulatedInTheBody() throws {
        let result = try review(Fixtures.report([], changes: EntryChanges(added: 1, changed: 0, removed: 2), hunks: [1...2]))
        let body = try #require(result["body"] as? String)
        #expect(body.contains("| `lists/papers.md` | 1 | 1 | 0 | 2 | 0 |\n"))
        #expect(body.contains("No findings in 1 entry of 1 list."))
    }
}
