import Engine
import Format
import Foundation
import Lists
import Markdown
import Rules
import Settings
import Testing

/// Formatting with the bundled rules: a list as a maintainer's repository holds it.
enum Formatting {
    static let linter = Linter(configuration: DefaultRules.configuration)
    static let canonical = ListProfile(format: FormatSwitches(arxivAbs: true, https: true, tableSpacing: true, linkStyle: true))

    static func format(_ text: String, profile: ListProfile = .none, changedLines: ChangedLines? = nil) -> FormatOutcome {
        format(Array(text.utf8), profile: profile, changedLines: changedLines)
    }

    static func format(_ bytes: [UInt8], profile: ListProfile = .none, changedLines: ChangedLines? = nil) -> FormatOutcome {
        Format.format(SourceText(bytes), path: "list.md", linter: linter, profile: profile, changedLines: changedLines)
    }
}

extension FormatOutcome {
    var text: String { String(decoding: formatted, as: UTF8.self) }
    var rules: Set<String> { Set(applied.map(\.rule)) }
}

@Suite struct FormatCoreTests {
    @Test func appliesRuleFixesAndStopsWhenNothingChanges() {
        let outcome = Formatting.format("##Papers\n\n- A paper about CLIP. [[paper]](https://arxiv.org/abs/2103.00020)   \n")
        #expect(outcome.text == "## Papers\n\n- A paper about CLIP. [[paper]](https://arxiv.org/abs/2103.00020)\n")
        #expect(outcome.rules == ["heading-space", "whitespace"])
        #expect(outcome.loss == nil)
        #expect(!Formatting.format(outcome.formatted).changes)
    }

    @Test func keepsCRLFByteOrderMarkAndMissingFinalNewline() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("# List\r\n\r\n##Papers\r\n\r\n- A paper. [[paper]](https://arxiv.org/abs/2103.00020)  ".utf8)
        let outcome = Formatting.format(bytes)
        #expect(outcome.formatted == [0xEF, 0xBB, 0xBF] + Array("# List\r\n\r\n## Papers\r\n\r\n- A paper. [[paper]](https://arxiv.org/abs/2103.00020)".utf8))
    }

    @Test func leavesAFormattedListByteForByte() throws {
        let text = "# List\n\n<p align=center>badge</p>\n\n## Papers\n\n| A | B |\n|:-:|---|\n|x  |  y|\n"
        let outcome = Formatting.format(text)
        #expect(!outcome.changes)
        #expect(outcome.applied.isEmpty)
    }

    @Test func withChangedLinesOnlyThoseAreFixed() {
        let text = "## Papers\n\n- Old paper. [[paper]](https://arxiv.org/abs/2103.00020)  \n- New paper. [[paper]](https://arxiv.org/abs/2104.00020)  \n"
        let outcome = Formatting.format(text, changedLines: ChangedLines(lines: [4]))
        #expect(outcome.text == "## Papers\n\n- Old paper. [[paper]](https://arxiv.org/abs/2103.00020)  \n- New paper. [[paper]](https://arxiv.org/abs/2104.00020)\n")
    }

    @Test func changedLinesFollowTheTextAcrossPasses() {
        // Pass one removes the blank-line run and fixes the new row's scheme; the row's
        // spacing overlaps that fix, so pass two fixes it, two lines higher up. The old row
        // is left alone throughout.
        let text = "## Papers\n\n\n\n\n|Paper|PDF|\n|---|---|\n|Old|[PDF](http://arxiv.org/abs/2103.00020)|\n|New|[PDF](http://arxiv.org/abs/2104.00020)|\n"
        let outcome = Formatting.format(text, profile: Formatting.canonical, changedLines: ChangedLines(lines: [3, 4, 5, 9]))
        #expect(outcome.text == "## Papers\n\n|Paper|PDF|\n|---|---|\n|Old|[PDF](http://arxiv.org/abs/2103.00020)|\n| New | [PDF](https://arxiv.org/abs/2104.00020) |\n")
        #expect(outcome.applied.map(\.rule).sorted() == [FormatCanonicalForms.httpsID, FormatCanonicalForms.tableSpacingID, "whitespace"])
        #expect(outcome.applied.first { $0.rule == FormatCanonicalForms.tableSpacingID }?.lines == 9...9)
    }

    @Test func aFixThatWouldLoseEntriesIsRefused() {
        let outcome = Format.format(SourceText("## Papers\n\n- One paper. [[paper]](https://arxiv.org/abs/2103.00020)\n- Two paper. [[paper]](https://arxiv.org/abs/2104.00020)\n"),
                                    path: "list.md", linter: Linter(configuration: DefaultRules.configuration, rules: [EntryEraser()]),
                                    profile: .none)
        #expect(outcome.changes)
        #expect(outcome.loss?.contains("0 entries instead of 2") == true, "\(outcome.loss ?? "no loss")")
    }

    @Test func fixesThatNeverSettleAreRefused() {
        let outcome = Format.format(SourceText("# List\n"), path: "list.md",
                                    linter: Linter(configuration: DefaultRules.configuration, rules: [EndlessInserter()]), profile: .none)
        #expect(outcome.loss == "its fixes still change it after \(Format.maximumPasses) passes (last: endless-inserter)")
    }

    @Test func aFixThatChangesAnotherEntrysFactsIsRefused() throws {
        // Removing the blank line turns two paragraphs into one: the fix is on line 2, but
        // the entry on line 3 would change.
        let source = SourceText("`arXiv 2023` **First paper title** \\\n\n`arXiv 2024` **Second paper title** \\\n*A. Author*\n")
        let before = ListParser.parse(source)
        let after = ListParser.parse(SourceText("`arXiv 2023` **First paper title** \\\n`arXiv 2024` **Second paper title** \\\n*A. Author*\n"))
        let kept = FormatDiff.keptLines(from: source.bytes, to: after.source.bytes)
        #expect(FormatLosslessness.loss(from: before, to: after, keptLines: kept) != nil)
        #expect(FormatLosslessness.loss(from: before, to: before, keptLines: kept) == nil)
    }

    static let titled = "## Papers\n\n- [Ontology-Guided Report Generation](https://arxiv.org/abs/2103.00020)\n"

    /// A certain fix that rewrites a title it does not declare it repairs is refused, however
    /// sure its rule is; declared, the same edit goes through; offered as a guess, it is not
    /// applied at all (format applies no guess about a word).
    @Test func aTitleChangesOnlyByAFixThatRepairsIt() {
        func run(_ fix: @escaping @Sendable (Replacement) -> Fix) -> FormatOutcome {
            Format.format(SourceText(Self.titled), path: "list.md",
                          linter: Linter(configuration: DefaultRules.configuration, rules: [WordSwapper(makeFix: fix)]), profile: .none)
        }
        let undeclared = run { Fix(replacements: [$0]) }
        #expect(undeclared.loss?.contains("would change its title, which no fix applied there repairs") == true, "\(undeclared.loss ?? "")")
        let declared = run { Fix(replacements: [$0], repairs: .title) }
        #expect(declared.loss == nil && declared.text.contains("[Oncology-Guided"))
        let guess = run { Fix(replacements: [$0], isCertain: false) }
        #expect(!guess.changes && guess.applied.isEmpty)
    }

    /// The spelling rule's and category-mismatch's fixes are guesses: `format` leaves the
    /// words and labels as written (it once turned Ontology into Oncology).
    @Test func formatAppliesNoGuessAboutAWord() {
        let list = "## Papers\n\n| Title | Category |\n|---|---|\n| Segmentaton of chest X-ray images | Natural |\n"
        let outcome = Formatting.format(list)
        #expect(!outcome.changes, "\(outcome.text)")
        let findings = Formatting.linter.lint(ListParser.parse(list), path: "a")
        #expect(findings.contains { $0.rule == "spelling" && $0.fix?.isCertain == false })
    }

    /// A file mixing line endings: a fix that inserts a line writes the ending of the line
    /// before it.
    @Test func anInsertedLineTakesItsNeighboursLineEnding() {
        let list = "# List\n\n<details>\r\n<summary>A</summary>\r\n\r\n- [A paper](https://arxiv.org/abs/2103.00020)\r\n</details>\r\n## Next\n"
        let outcome = Formatting.format(list)
        #expect(outcome.text.contains("</details>\r\n\r\n## Next\n"), "\(outcome.text.debugDescription)")
    }
}

/// A rule whose fix turns 'Ontology' into 'Oncology' in a title, with the fix the test makes.
private struct WordSwapper: Rule {
    static let description = RuleDescription(id: "word-swapper", summary: "", rationale: "", severity: .note,
                                             triggering: [], nonTriggering: [],
                                             corrections: [RuleCorrection("Ontology\n", "Oncology\n")])
    let makeFix: @Sendable (Replacement) -> Fix

    func check(_ document: ListDocument, in context: RuleContext) -> [Finding] {
        guard let range = document.source.range(of: "Ontology", inLines: 1...document.source.lineCount) else { return [] }
        return [Finding(rule: Self.description.id, severity: .note, message: "swap", range: range,
                        fix: makeFix(Replacement(range: range, text: "Oncology")))]
    }
}

/// A rule whose fix never settles: it always inserts one more character.
private struct EndlessInserter: Rule {
    static let description = RuleDescription(id: "endless-inserter", summary: "", rationale: "", severity: .note,
                                             triggering: [], nonTriggering: [],
                                             corrections: [RuleCorrection("a\n", "xa\n")])
    func check(_ document: ListDocument, in context: RuleContext) -> [Finding] {
        let start = SourcePosition(line: 1, column: 1)
        let insertion = SourceRange(start: start, end: SourcePosition(line: 1, column: 0))
        return [Finding(rule: Self.description.id, severity: .note, message: "more", range: SourceRange(start: start, end: start),
                        fix: Fix(replacements: [Replacement(range: insertion, text: "x")]))]
    }
}

/// A rule with a destructive fix: it deletes the first entry's line.
private struct EntryEraser: Rule {
    static let description = RuleDescription(id: "entry-eraser", summary: "", rationale: "", severity: .error,
                                             triggering: [], nonTriggering: [],
                                             corrections: [RuleCorrection("- A paper. [[paper]](https://arxiv.org/abs/2103.00020)\n", "\n")])
    func check(_ document: ListDocument, in context: RuleContext) -> [Finding] {
        guard let entry = document.entries.first else { return [] }
        let range = SourceRange(lines: entry.lines.lowerBound, entry.lines.upperBound, in: document.source)
        let whole = SourceRange(start: range.start, end: SourcePosition(line: range.end.line, column: document.source.lineLength(range.end.line) + 1))
        return [Finding(rule: Self.description.id, severity: .error, message: "erase", range: range,
                        fix: Fix(replacements: [Replacement(range: whole, text: "")]))]
    }
}

@Suite struct FormatCanonicalFormTests {
    @Test func arxivPDFLinksBecomeAbstractPagesAndHTTPBecomesHTTPS() {
        let text = "- A paper. [[paper]](http://arxiv.org/pdf/2103.00020.pdf) [[pdf]](https://arxiv.org/pdf/2104.00020v3) [[x]](https://example.org/pdf/1.pdf)\n"
        let outcome = Formatting.format(text, profile: Formatting.canonical)
        #expect(outcome.text == "- A paper. [[paper]](https://arxiv.org/abs/2103.00020) [[pdf]](https://arxiv.org/abs/2104.00020v3) [[x]](https://example.org/pdf/1.pdf)\n")
        #expect(outcome.rules == [FormatCanonicalForms.arxivAbsID, FormatCanonicalForms.httpsID])
        #expect(outcome.loss == nil)
    }

    @Test func aURLOutsideALinkDestinationIsLeftAlone() {
        let text = "- A paper http://arxiv.org/pdf/2103.00020 [[paper]](http://arxiv.org/pdf/2103.00020)\n"
        let outcome = Formatting.format(text, profile: Formatting.canonical)
        #expect(outcome.text == "- A paper http://arxiv.org/pdf/2103.00020 [[paper]](https://arxiv.org/abs/2103.00020)\n")
    }

    @Test func withoutTheProfileSwitchesLinksStay() {
        let text = "- A paper. [[paper]](http://arxiv.org/pdf/2103.00020.pdf)\n"
        #expect(!Formatting.format(text).changes)
    }

    @Test func tableCellsGetOneSpaceEachSideButTheDelimiterRowAndEscapesStay() {
        let text = "|Paper|PDF|Code|\n|:---|---|---|\n|A model for X\\|Y|[PDF](https://arxiv.org/abs/2103.00020)|  -  |\n"
        let outcome = Formatting.format(text, profile: ListProfile(format: FormatSwitches(tableSpacing: true)))
        #expect(outcome.text == "| Paper | PDF | Code |\n|:---|---|---|\n| A model for X\\|Y | [PDF](https://arxiv.org/abs/2103.00020) | - |\n")
    }

    @Test func aTableWhosePipesMostlyLineUpIsAlignedOnPurpose() {
        let text = "|  Paper  | Code |\n|---------|------|\n| A model | -    |\n| B model with a long name | - |\n"
        #expect(!Formatting.format(text, profile: ListProfile(format: FormatSwitches(tableSpacing: true))).changes)
    }

    @Test func linksTakeTheListsDominantStyle() {
        let entries = (1...8).map { "- Paper \($0). [[paper]](https://arxiv.org/abs/2103.0000\($0))" }
        let text = (["## Papers", ""] + entries + ["- New paper. [paper](https://arxiv.org/abs/2104.00001) [[code](https://github.com/a/b)] ![x](https://e.org/x.png)"])
            .joined(separator: "\n") + "\n"
        let outcome = Formatting.format(text, profile: ListProfile(format: FormatSwitches(linkStyle: true)))
        #expect(outcome.text.hasSuffix("- New paper. [[paper]](https://arxiv.org/abs/2104.00001) [[code]](https://github.com/a/b) ![x](https://e.org/x.png)\n"))
        #expect(outcome.rules == [FormatLinkStyle.id])
        #expect(outcome.loss == nil)
    }

    @Test func withoutADominantStyleLinksStay() {
        let text = "- One. [[paper]](https://arxiv.org/abs/2103.00001)\n- Two. [paper](https://arxiv.org/abs/2103.00002)\n- Three. [[paper](https://arxiv.org/abs/2103.00003)]\n"
        #expect(!Formatting.format(text, profile: ListProfile(format: FormatSwitches(linkStyle: true))).changes)
    }

    @Test func profilesReadTheFormatSwitches() throws {
        let setting = try ProfileSetting.parse("match: [\"*.md\"]\nformat: { arxiv-abs: true, table-spacing: true }\n", file: "p.yml")
        #expect(setting.profile.format == FormatSwitches(arxivAbs: true, https: false, tableSpacing: true, linkStyle: false))
        #expect(throws: ConfigurationError.self) {
            try ProfileSetting.parse("match: [\"*.md\"]\nformat: { pdf: true }\n", file: "p.yml")
        }
    }
}

@Suite struct FormatDiffTests {
    private func diff(_ old: String, _ new: String, context: Int = 3) -> String {
        FormatDiff.unified(old: Array(old.utf8), new: Array(new.utf8), oldName: "a/f", newName: "b/f", context: context)
    }

    @Test func equalTextsHaveNoDiff() {
        #expect(diff("a\nb\n", "a\nb\n") == "")
        #expect(diff("", "") == "")
    }

    @Test func oneChangedLineWithContext() {
        let old = (1...10).map { "l\($0)\n" }.joined()
        let new = old.replacingOccurrences(of: "l5\n", with: "L5\n")
        #expect(diff(old, new) == "--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n l2\n l3\n l4\n-l5\n+L5\n l6\n l7\n l8\n")
    }

    @Test func distantChangesMakeTwoHunksAndNearOnesOne() {
        let old = (1...20).map { "l\($0)\n" }.joined()
        let twoHunks = diff(old, old.replacingOccurrences(of: "l2\n", with: "").replacingOccurrences(of: "l19\n", with: "x\ny\n"), context: 1)
        #expect(twoHunks == "--- a/f\n+++ b/f\n@@ -1,3 +1,2 @@\n l1\n-l2\n l3\n@@ -18,3 +17,4 @@\n l18\n-l19\n+x\n+y\n l20\n")
        let oneHunk = diff(old, old.replacingOccurrences(of: "l2\n", with: "").replacingOccurrences(of: "l5\n", with: "5\n"), context: 1)
        #expect(oneHunk == "--- a/f\n+++ b/f\n@@ -1,6 +1,5 @@\n l1\n-l2\n l3\n l4\n-l5\n+5\n l6\n")
    }

    @Test func aMissingFinalNewlineIsMarked() {
        #expect(diff("a\nb", "a\nb\n") == "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n")
        #expect(diff("a\n", "a\nb") == "--- a/f\n+++ b/f\n@@ -1 +1,2 @@\n a\n+b\n\\ No newline at end of file\n")
    }

    @Test func emptySidesUseTheLineBefore() {
        #expect(diff("", "a\n") == "--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+a\n")
        #expect(diff("a\nb\nc\n", "a\nc\n", context: 0) == "--- a/f\n+++ b/f\n@@ -2 +1,0 @@\n-b\n")
    }

    @Test func carriageReturnsStayInTheLines() {
        #expect(diff("a\r\nb\r\n", "a\r\nc\r\n") == "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n")
    }

    @Test func keptLinesMapOldLinesToNew() {
        #expect(FormatDiff.keptLines(from: Array("a\nb\nc\n".utf8), to: Array("a\nx\ny\nc\n".utf8)) == [1: 1, 3: 4])
    }

    /// Edits scattered through a long list, among repeated lines (blank lines, rules): every
    /// line no edit touched is matched to its place, the script is a true one, and the
    /// unified diff names exactly the edited lines.
    @Test func scatteredEditsInALongListKeepEveryOtherLine() {
        let old = (0..<20_000).map { $0 % 5 == 0 ? "\n" : $0 % 7 == 0 ? "---\n" : "- entry \($0)\n" }
        var new = old
        var edited = Set<Int>()
        for step in 0..<800 {
            let line = (step * 7_919 + 13) % old.count
            edited.insert(line)
            new[line] = old[line] == "\n" ? "\n\n" : "- entry \(line) edited\n"
        }
        let oldBytes = Array(old.joined().utf8), newBytes = Array(new.joined().utf8)
        let kept = FormatDiff.keptLines(from: oldBytes, to: newBytes)
        let oldLines = SourceText(oldBytes), newLines = SourceText(newBytes)
        for (oldLine, newLine) in kept { #expect(oldLines.line(oldLine) == newLines.line(newLine)) }
        #expect(kept.keys.sorted().map { kept[$0]! } == kept.values.sorted())
        let uniqueUntouched = old.indices.filter { !edited.contains($0) && old[$0].hasPrefix("- entry") }
        #expect(uniqueUntouched.allSatisfy { kept[$0 + 1] != nil })
        let added = FormatDiff.addedLines(from: oldBytes, to: newBytes)
        #expect(Set(added).isDisjoint(with: Set(kept.values)))
        #expect(added.count + kept.count == newLines.lineCount)
    }

    /// A long stretch with no line occurring once on both sides is replaced whole rather than
    /// diffed line by line; the script stays true.
    @Test func aLongStretchOfRepeatedLinesIsReplacedWhole() {
        let old = Array(String(repeating: "- x  \n", count: 10_000).utf8)
        let new = Array(String(repeating: "- x\n", count: 10_000).utf8)
        #expect(FormatDiff.keptLines(from: old, to: new).isEmpty)
        #expect(FormatDiff.addedLines(from: old, to: new).count == 10_000)
    }
}
