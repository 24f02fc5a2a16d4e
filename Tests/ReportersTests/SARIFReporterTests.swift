import Engine
import Foundation
import Markdown
import Reporters
import Settings
import Testing

@Suite struct SARIFReporterTests {
    private func parse(_ report: Report) throws -> [String: Any] {
        let text = SARIFReporter().render(report)
        #expect(text.hasSuffix("}\n") && !text.dropLast().contains("\n"))
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func results(_ log: [String: Any]) throws -> [[String: Any]] {
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        return try #require(run["results"] as? [[String: Any]])
    }

    private func region(_ result: [String: Any]) throws -> [String: Int] {
        let location = try #require((result["locations"] as? [[String: Any]])?.first)
        let physical = try #require(location["physicalLocation"] as? [String: Any])
        return try #require(physical["region"] as? [String: Int])
    }

    @Test func logHasSchemaVersionDriverAndEveryRule() throws {
        let log = try parse(Fixtures.report([]))
        #expect(log["$schema"] as? String == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        #expect(run["columnKind"] as? String == "utf16CodeUnits")
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "vlmbot" && driver["version"] as? String == Report.toolVersion)
        #expect(driver["informationUri"] == nil)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let descriptions = Linter.allRules.map { type(of: $0).description }
        #expect(rules.map { $0["id"] as? String } == descriptions.map(\.id))
        for (rule, description) in zip(rules, descriptions) {
            #expect((rule["shortDescription"] as? [String: String])?["text"] == description.summary)
            #expect((rule["fullDescription"] as? [String: String])?["text"] == description.rationale)
            #expect((rule["help"] as? [String: String])?["text"] == description.rationale)
            #expect((rule["defaultConfiguration"] as? [String: String])?["level"] == description.severity.rawValue)
            #expect((rule["properties"] as? [String: Bool])?["fixable"] == description.fixable)
        }
        #expect(try results(log).isEmpty)
    }

    @Test func informationURIOnlyWhenGiven() throws {
        let text = SARIFReporter(informationURI: "https://example.org/vlmbot").render(Fixtures.report([]))
        #expect(text.contains(#""informationUri":"https://example.org/vlmbot""#))
    }

    @Test func resultPointsAtTheRuleAndConvertsColumnsToUTF16() throws {
        let rules = Linter.allRules.map { type(of: $0).description }
        let index = try #require(rules.firstIndex { $0.id == "heading-space" })
        let log = try parse(Fixtures.report([Fixtures.heading, Fixtures.finding("unknown-rule", .note, "m")]))
        let all = try results(log)
        let unknown = try #require(all.first { $0["ruleId"] as? String == "unknown-rule" })
        #expect(unknown["ruleIndex"] == nil && unknown["level"] as? String == "note")
        // `paper`: UTF-8 bytes 15…19 (inclusive) are UTF-16 units 12..<17.
        #expect(try region(unknown) == ["startLine": 3, "startColumn": 12, "endLine": 3, "endColumn": 17])
        let heading = try #require(all.first { $0["ruleId"] as? String == "heading-space" })
        #expect(heading["ruleIndex"] as? Int == index && heading["level"] as? String == "error")
        #expect((heading["message"] as? [String: String])?["text"] == "'##' is not followed by a space")
        let location = try #require((heading["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location["artifactLocation"] as? [String: String]) == ["uri": "lists/papers.md", "uriBaseId": "%SRCROOT%"])
    }

    @Test func columnsInsideMultiByteCharactersWidenToTheWholeCharacter() throws {
        // Byte 11 is inside 😀 (bytes 10–13): the region takes the whole emoji, UTF-16 units 9..<11.
        let log = try parse(Fixtures.report([Fixtures.finding(at: Fixtures.range(3, 11, 3, 12))]))
        #expect(try region(try results(log)[0]) == ["startLine": 3, "startColumn": 9, "endLine": 3, "endColumn": 11])
    }

    @Test func wholeLineFindingsHaveNoColumns() throws {
        let log = try parse(Fixtures.report([Fixtures.finding(at: SourceRange(lines: 3, 4, in: Fixtures.source))]))
        #expect(try region(try results(log)[0]) == ["startLine": 3, "endLine": 4])
    }

    @Test func fixesAreReplacementsWithExactUTF16Regions() throws {
        // Replace `😀` (bytes 10–13) with `:)`, and delete line 2 with its CRLF (a blank line).
        let fix = Fix(replacements: [
            Replacement(range: Fixtures.range(3, 10, 3, 13), text: ":)"),
            Replacement(range: Fixtures.range(2, 1, 2, 2), text: ""),
        ])
        let log = try parse(Fixtures.report([Fixtures.finding(fix: fix), Fixtures.heading]))
        let all = try results(log)
        let change = try #require(((all[0]["fixes"] as? [[String: Any]])?.first?["artifactChanges"] as? [[String: Any]])?.first)
        #expect((change["artifactLocation"] as? [String: String])?["uri"] == "lists/papers.md")
        let replacements = try #require(change["replacements"] as? [[String: Any]])
        #expect(replacements[0]["deletedRegion"] as? [String: Int] == ["startLine": 3, "startColumn": 9, "endLine": 3, "endColumn": 11])
        #expect((replacements[0]["insertedContent"] as? [String: String])?["text"] == ":)")
        #expect(replacements[1]["deletedRegion"] as? [String: Int] == ["startLine": 2, "startColumn": 1, "endLine": 3, "endColumn": 1])
        let insertion = try #require(((all[1]["fixes"] as? [[String: Any]])?.first?["artifactChanges"] as? [[String: Any]])?
            .first?["replacements"] as? [[String: Any]])
        #expect(insertion[0]["deletedRegion"] as? [String: Int] == ["startLine": 4, "startColumn": 3, "endLine": 4, "endColumn": 3])
        #expect((insertion[0]["insertedContent"] as? [String: String])?["text"] == " ")
    }

    @Test func relatedLocationsAndFingerprints() throws {
        let finding = Fixtures.finding(related: [Fixtures.range(1, 3, 1, 8)])
        let log = try parse(Fixtures.report([finding]))
        let result = try results(log)[0]
        let related = try #require(result["relatedLocations"] as? [[String: Any]])
        #expect(related.count == 1 && related[0]["id"] as? Int == 1)
        let physical = try #require(related[0]["physicalLocation"] as? [String: Any])
        #expect(physical["region"] as? [String: Int] == ["startLine": 1, "startColumn": 3, "endLine": 1, "endColumn": 9])
        let fingerprint = try #require((result["partialFingerprints"] as? [String: String])?["vlmbot/v1"])
        #expect(fingerprint == Fingerprint.all(in: Fixtures.report([finding]))[0])
        #expect(fingerprint.wholeMatch(of: /[0-9a-f]{16}:1/) != nil)
    }

    @Test func pathsArePercentEncodedURIs() throws {
        let report = Fixtures.report([Fixtures.finding(path: "my lists/a:b#1.md")], path: "my lists/a:b#1.md")
        let text = SARIFReporter().render(report)
        #expect(text.contains(#""uri":"my%20lists/a%3Ab%231.md""#))
    }
}

@Suite struct FingerprintTests {
    @Test func fnv1aMatchesPublishedVectors() {
        #expect(Fingerprint.fnv1a64("".utf8) == 0xcbf2_9ce4_8422_2325)
        #expect(Fingerprint.fnv1a64("a".utf8) == 0xaf63_dc4c_8601_ec8c)
        #expect(Fingerprint.fnv1a64("foobar".utf8) == 0x8594_4171_f739_67e8)
    }

    @Test func stableWhenLinesShiftAndWhitespaceChanges() {
        let before = SourceText("# List\n- Paper A (2023)\n- Paper B (2024)\n")
        let after = SourceText("# List\n\nIntro added.\n\n-   Paper A   (2023)\n- Paper B (2024)\n")
        let old = Fingerprint.all(in: Fixtures.report([Fixtures.finding(at: Fixtures.range(2, 3, 2, 9))], source: before))
        let new = Fingerprint.all(in: Fixtures.report([Fixtures.finding(at: Fixtures.range(5, 5, 5, 11))], source: after))
        #expect(old == new)
    }

    @Test func differsByRulePathAndText() {
        let source = SourceText("- Paper A\n- Paper B\n")
        let base = Fixtures.finding(at: Fixtures.range(1, 3, 1, 9))
        func fingerprint(_ finding: Finding) -> String {
            Fingerprint.all(in: Fixtures.report([finding], source: source, path: finding.path))[0]
        }
        var otherRule = base
        otherRule.rule = "other"
        var otherPath = base
        otherPath.path = "other.md"
        let otherLine = Fixtures.finding(at: Fixtures.range(2, 3, 2, 9))
        let fingerprints = Set([base, otherRule, otherPath, otherLine].map(fingerprint))
        #expect(fingerprints.count == 4)
    }

    @Test func identicalFindingsOnIdenticalLinesAreNumbered() {
        let source = SourceText("- same\n- same\n")
        let report = Fixtures.report([Fixtures.finding(at: Fixtures.range(2, 1, 2, 6)), Fixtures.finding(at: Fixtures.range(1, 1, 1, 6))],
                                     source: source)
        let fingerprints = Fingerprint.all(in: report)
        #expect(fingerprints[0].hasSuffix(":1") && fingerprints[1].hasSuffix(":2"))
        #expect(fingerprints[0].dropLast(2) == fingerprints[1].dropLast(2))
    }
}
