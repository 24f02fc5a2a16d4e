import Engine
import Foundation
import Markdown
import Reporters
import Testing

@Suite struct MarkdownReporterTests {
    @Test func titleCountsAndFindingsGroupedByFile() {
        let other = CheckedFile(path: "a.md", entryCount: 4, source: SourceText("x\n"))
        let report = Report(files: [CheckedFile(path: Fixtures.path, entryCount: 3, source: Fixtures.source), other], findings: [
            Fixtures.heading, Fixtures.finding("some-rule", .note, "look", at: Fixtures.range(1, 1, 1, 1), related: [Fixtures.range(3, 1, 3, 1)]),
            Fixtures.finding("r", .warning, "in a", path: "a.md", at: Fixtures.range(1, 1, 1, 1)),
        ])
        let text = MarkdownReporter().render(report)
        #expect(text.hasPrefix("## vlmbot check\n\n1 error, 1 warning and 1 note in 7 entries of 2 lists.\n\n"
            + "| Errors | Warnings | Notes | Entries | Lists |\n|---:|---:|---:|---:|---:|\n| 1 | 1 | 1 | 7 | 2 |\n"))
        #expect(!text.contains("Changed lists"))
        #expect(text.contains("\n#### `a.md` (1 finding)\n\n- **Warning** `a.md:1` `r`: in a\n"))
        #expect(text.contains("\n#### `lists/papers.md` (2 findings)\n\n- **Note** `lists/papers.md:1` `some-rule`: look "
            + "(see also `lists/papers.md:3`)\n- **Error** `lists/papers.md:4` `heading-space`: '#\u{200B}#\u{200B}' is not followed by a space\n"))
        let aIndex = try? #require(text.range(of: "`a.md` (1 finding)")?.lowerBound)
        let papersIndex = try? #require(text.range(of: "`lists/papers.md` (2 findings)")?.lowerBound)
        #expect(aIndex! < papersIndex!)
    }

    @Test func fixesShowTheFixedLineInADiffBlock() {
        let text = MarkdownReporter().render(Fixtures.report([Fixtures.heading]))
        #expect(text.contains("`heading-space`: '#\u{200B}#\u{200B}' is not followed by a space\n\n  Suggested change:\n\n"
            + "  ```diff\n  -##Bad heading\n  +## Bad heading\n  ```\n"))
    }

    @Test func removalsAreSaidNotDrawn() {
        let fix = Fix(replacements: [Replacement(range: Fixtures.range(2, 1, 2, 2), text: "")])
        let text = MarkdownReporter().render(Fixtures.report([Fixtures.finding(at: Fixtures.range(2, 1, 2, 1), fix: fix)]))
        #expect(text.contains("\n  Suggested change: remove line 2.\n"))
        #expect(!text.contains("```diff"))
    }

    @Test func fenceIsLongerThanAnyBacktickRunInTheLines() {
        let source = SourceText("Use ```` here\n")
        let fix = Fix(replacements: [Replacement(range: Fixtures.range(1, 1, 1, 3), text: "We")])
        let text = MarkdownReporter().render(Fixtures.report([Fixtures.finding(at: Fixtures.range(1, 1, 1, 3), fix: fix)], source: source))
        #expect(text.contains("  `````diff\n  -Use ```` here\n  +We ```` here\n  `````\n"))
    }

    @Test func untrustedTextIsEscaped() {
        let text = MarkdownReporter().render(Fixtures.report([Fixtures.finding("rule", .error, Fixtures.hostile)]))
        let line = text.split(separator: "\n").first { $0.hasPrefix("- **Error**") }.map(String.init) ?? ""
        #expect(line == "- **Error** `lists/papers.md:3` `rule`: ::error::pwned 100%   ::warning::x @\u{200B}octocat "
            + "&lt;script&gt;alert(1)&lt;/script&gt; \\`\\`\\`\\` a\\|b #\u{200B}12")
        #expect(!text.contains("<script>") && !text.contains("@octocat"))
    }

    @Test func inlineEscapingCoversMarkdownSyntax() {
        // A word holding a URL becomes code instead (QuotedTextTests).
        let message = "*bold* _em_ [link](x) ![img](y) ~~s~~ $x$ \\ a&b"
        let text = MarkdownReporter().render(Fixtures.report([Fixtures.finding("rule", .error, message)]))
        #expect(text.contains(": \\*bold\\* \\_em\\_ \\[link\\](x) !\\[img\\](y) \\~\\~s\\~\\~ \\$x\\$ \\\\ a&amp;b\n"))
    }

    @Test func pathsWithPipesAndBackticksStayInTheirTableCellAndCodeSpan() {
        let path = "odd|na`me.md"
        let report = Fixtures.report([Fixtures.finding(path: path)], path: path, changes: EntryChanges(added: 2, changed: 1, removed: 3))
        let text = MarkdownReporter().render(report)
        #expect(text.contains("### Changed lists\n\n| List | Entries | Added | Changed | Removed | Findings |\n"
            + "|---|---:|---:|---:|---:|---:|\n| ``odd\\|na`me.md`` | 1 | 2 | 1 | 3 | 1 |\n"))
        #expect(text.contains("\n#### ``odd|na`me.md`` (1 finding)\n"))
    }

    @Test func linksToLinesWhenTheForgeIsKnown() {
        let report = Fixtures.report([Fixtures.finding(at: SourceRange(lines: 3, 4, in: Fixtures.source))], links: Fixtures.links)
        let text = MarkdownReporter().render(report)
        #expect(text.contains("- **Warning** [`lists/papers.md:3-4`](https://github.com/octo/lists/blob/0123abc/lists/papers.md#L3-L4) `some-rule`"))
    }

    @Test func cutBelowOneMebibyteWithANote() {
        let count = 12_000
        let source = Fixtures.numbered(count)
        let message = String(repeating: "long message ", count: 12)
        let findings = (1...count).map { Fixtures.finding("rule", .warning, message, at: Fixtures.range($0, 1, $0, 4)) }
        let text = MarkdownReporter().render(Fixtures.report(findings, source: source))
        #expect(text.utf8.count <= 1_048_576)
        #expect(text.utf8.count > 1_000_000)
        let shown = text.components(separatedBy: "\n- **Warning**").count - 1
        #expect(shown > 0 && shown < count)
        #expect(text.hasSuffix("\n> [!WARNING]\n> This summary stops here to stay under GitHub's 1 MiB limit: "
            + "\(count - shown) more findings (\(count - shown) warnings) are not shown. Run `vlmbot check --format json` to see them all.\n"))
    }

    @Test func smallReportsAreNotCut() {
        let text = MarkdownReporter().render(Fixtures.report([Fixtures.heading]))
        #expect(!text.contains("stops here"))
    }

    @Test func cleanReport() {
        let text = MarkdownReporter().render(Fixtures.report([]))
        #expect(text.contains("\nNo findings in 1 entry of 1 list.\n"))
        #expect(!text.contains("### Findings"))
    }
}
