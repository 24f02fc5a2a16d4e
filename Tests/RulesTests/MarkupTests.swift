@testable import Engine
import Format
import Foundation
@testable import LinkRules
import Lists
import Markdown
@testable import MarkupRules
import Rules
import Settings
import Testing

/// The Markdown rules (malformed-link, empty-link, literal-markup, toc-anchor) on the bundled
/// seeds and on lists made for their traps.
@Suite struct MarkupTests {
    static func findings(_ rule: some Rule, _ document: ListDocument) -> [Finding] {
        rule.check(document, in: DefaultRules.context(for: type(of: rule).description)).sorted(by: Finding.reportOrder)
    }

    static func findings(_ rule: some Rule, _ text: String) -> [Finding] {
        findings(rule, ListParser.parse(text))
    }

    /// The document with every fix of a rule applied.
    static func fixed(_ rule: some Rule, _ document: ListDocument) -> String {
        String(decoding: FixApplier.apply(findings(rule, document).compactMap(\.fix), to: document.source), as: UTF8.self)
    }

    static let prefixes = ["000", "001", "002", "003", "004"]

    // MARK: Seeds

    @Test(arguments: prefixes)
    func malformedLinksOnTheSeeds(prefix: String) throws {
        let lines = Self.findings(MalformedLinkRule(), try DefaultRules.seed(prefix)).map(\.range.start.line)
        #expect(lines == (prefix == "003" ? [118] : []))
    }

    @Test(arguments: prefixes)
    func emptyLinksOnTheSeeds(prefix: String) throws {
        let lines = Self.findings(EmptyLinkRule(), try DefaultRules.seed(prefix)).map(\.range.start.line)
        #expect(lines == (prefix == "003" ? [5, 118, 118] : []))
    }

    @Test(arguments: prefixes)
    func literalMarkupOnTheSeeds(prefix: String) throws {
        let expected = ["000": [84, 85], "003": [79, 80], "004": [35]]
        let lines = Self.findings(LiteralMarkupRule(), try DefaultRules.seed(prefix)).map(\.range.start.line)
        #expect(lines == expected[prefix, default: []])
    }

    @Test(arguments: prefixes)
    func tocAnchorsOnTheSeeds(prefix: String) throws {
        let lines = Self.findings(TocAnchorRule(), try DefaultRules.seed(prefix)).map(\.range.start.line)
        #expect(lines == (prefix == "004" ? [6, 9] : []))
    }

    @Test func seed003BrokenPaperLinkIsFixedAndEmptyLinksArePlacedExactly() throws {
        let document = try DefaultRules.seed("003")
        let broken = try #require(Self.findings(MalformedLinkRule(), document).first)
        #expect(broken.severity == .error)
        #expect(broken.range.start.column == 5)
        let fixed = Self.fixed(MalformedLinkRule(), document)
        let line = try #require(fixed.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(117).first)
        #expect(line.hasPrefix("[ [ [Paper](https://arxiv.org/pdf/2301.04558.pdf) | [ [Code]() |"))
        // Once the link parses, the stray '[ [' the author put before it shows.
        #expect(Self.findings(MalformedLinkRule(), fixed).map(\.range.start) == [SourcePosition(line: 118, column: 1)])

        let empty = Self.findings(EmptyLinkRule(), document)
        #expect(empty.map(\.range.start.column) == [3, 54, 65])
        #expect(empty.map(\.range.end.column) == [90, 61, 80])
        #expect(empty.allSatisfy { $0.message.contains("add its URL or remove the link") })
    }

    @Test func seed004AnchorsAreFixedToTheHeadingsTheyMean() throws {
        let document = try DefaultRules.seed("004")
        let findings = Self.findings(TocAnchorRule(), document)
        #expect(findings.map { $0.fix?.replacements.first?.text } == ["#medical-vision-language-pre-training",
                                                                         "#medical-visual-grounding-referring"])
        let fixed = Self.fixed(TocAnchorRule(), document)
        #expect(fixed.contains("- [Medical Visual Grounding (Referring)](#medical-visual-grounding-referring)\n"))
        #expect(Self.findings(TocAnchorRule(), fixed).isEmpty)
    }

    /// A fragment that GitHub's slug turns into a heading's very anchor is fixed for certain; a
    /// near match (apart in hyphens, or another renderer's spelling) is a guess `format` leaves.
    @Test func onlyTheExactSlugOfAHeadingIsACertainFix() {
        let text = "- [Pre-training](#medical-vision-language-pretraining)\n- [Grounding](#Medical-Visual-Grounding-(Referring))\n"
            + "- [News](#News!)\n\n# Medical Vision-Language Pre-training\n# Medical Visual Grounding (Referring)\n## :fire: News\n"
        let fixes = Self.findings(TocAnchorRule(), text).map(\.fix)
        #expect(fixes.map { $0?.replacements.first?.text } == ["#medical-vision-language-pre-training", "#medical-visual-grounding-referring", "#fire-news"])
        #expect(fixes.map { $0?.isCertain } == [false, true, false])
        let formatted = Formatting.format(text)
        #expect(formatted.text == text.replacing("(#Medical-Visual-Grounding-(Referring))", with: "(#medical-visual-grounding-referring)"))
    }

    @Test func seed000SwallowedHeadingsBecomeHeadingsOnceFixed() throws {
        let document = try DefaultRules.seed("000")
        let findings = Self.findings(LiteralMarkupRule(), document)
        #expect(findings.allSatisfy { $0.message.contains("starts at line 83") })
        #expect(findings.compactMap(\.fix).count == 1)
        let fixed = ListParser.parse(Self.fixed(LiteralMarkupRule(), document))
        #expect(fixed.headings.map(\.text).contains(["Fairness", "Privacy", "Security", "Tasks, Datasets and Metrics"]))
        #expect(Self.findings(LiteralMarkupRule(), fixed).isEmpty)
    }

    @Test func seed004UnclosedAuthorsEmphasisIsFixed() throws {
        let document = try DefaultRules.seed("004")
        let finding = try #require(Self.findings(LiteralMarkupRule(), document).first)
        #expect(finding.message.contains("closing '*' follows a space"))
        let fixed = Self.fixed(LiteralMarkupRule(), document)
        #expect(fixed.contains("Matthew P. Lungren, Serena Yeung* \\\n"))
        #expect(Self.findings(LiteralMarkupRule(), fixed).isEmpty)
    }

    @Test func seed003DefinitionsThatParseAreLeftAlone() throws {
        let findings = Self.findings(LiteralMarkupRule(), try DefaultRules.seed("003"))
        #expect(findings.map(\.range.start.column) == [1, 1])
        #expect(findings.allSatisfy { $0.message.contains("does not parse as a reference definition") })
    }

    // MARK: Lists of our own

    @Test func positionsHoldAfterBackslashBreaksInListItemsAndQuotes() {
        let text = "- **A paper** \\\n  *An Author* \\\n  [Paper](https://x.org/p) [Code]()\n\n> quoted \\\n> [Code](#)\n"
        let findings = Self.findings(EmptyLinkRule(), text)
        #expect(findings.map(\.range) == [
            SourceRange(start: SourcePosition(line: 3, column: 28), end: SourcePosition(line: 3, column: 35)),
            SourceRange(start: SourcePosition(line: 6, column: 3), end: SourcePosition(line: 6, column: 11)),
        ])
        #expect(findings.last?.message.contains("bare '#'") == true)
    }

    @Test func escapesAndEntitiesKeepLaterPositionsExact() {
        let text = "&#x1F4D7; \\*not emphasis\\* &amp; [x](<>)\n"
        let finding = Self.findings(EmptyLinkRule(), text).first
        #expect(finding?.range.start == SourcePosition(line: 1, column: 34))
        #expect(finding?.range.end == SourcePosition(line: 1, column: 40))
    }

    @Test(arguments: [
        ("[Paper]https://x.org/p.pdf", "[Paper](https://x.org/p.pdf)"),
        ("See [Paper]https://x.org/p.pdf) now", "See [Paper](https://x.org/p.pdf) now"),
        ("[Code] (https://github.com/a/b) [Web] (www.example.org)", "[Code](https://github.com/a/b) [Web] (www.example.org)"),
    ])
    func malformedLinksAreFixedWhenCertain(before: String, after: String) {
        let document = ListParser.parse(before)
        #expect(Self.fixed(MalformedLinkRule(), document) == after)
    }

    @Test func malformedLinksWithoutACertainFixKeepTheText() {
        let text = "[Paper]https://x.org/p.pdf. [a](https://x.org/a b) [Code]\n"
        let findings = Self.findings(MalformedLinkRule(), text)
        #expect(findings.count == 3)
        #expect(findings.allSatisfy { $0.fix == nil })
        #expect(findings[1].message.contains("space in its URL"))
    }

    @Test(arguments: [
        "- [2023.04] [A title](https://x.org/a) [**CVPR 2023**] [toc]",
        "[Code] (coming soon) and [Code]: to be released",
        "Index a[0][1] and [1, 2][3], ([paper](https://x.org/p)) and [[code](https://x.org/c)]",
        "[Paper]\n\n[Paper]: https://x.org/p",
        "[a link](https://en.wikipedia.org/wiki/Attention_(machine_learning)) <https://x.org/a_(b)>",
    ])
    func nearMissesAreNotMalformedLinks(text: String) {
        #expect(Self.findings(MalformedLinkRule(), text).isEmpty)
    }

    @Test func unparsedDestinationsSayWhy() {
        let messages = Self.findings(MalformedLinkRule(), "[a](https://x.org/a \"title) [b](https://x.org/b c) [c](https://x.org/c ").map(\.message)
        #expect(messages.count == 3)
        #expect(messages[0].contains("title that does not parse"))
        #expect(messages[1].contains("space in its URL"))
        #expect(messages[2].contains("no closing ')'"))
    }

    @Test func linkWordsAreAnOption() throws {
        let description = MalformedLinkRule.description
        let context = RuleContext(vocabulary: DefaultRules.configuration.vocabulary, options: ["link-words": .list(["model"])])
        let findings = MalformedLinkRule().check(ListParser.parse("[Model] [Code]\n"), in: context)
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains("[Model]") == true)
        #expect(description.options.map(\.name) == ["link-words"])
    }

    @Test(arguments: [
        ("C++ Tools & Libraries", "c-tools--libraries"),
        ("🔥 News", "-news"),
        ("Medical Visual Grounding (Referring)", "medical-visual-grounding-referring"),
        ("中文 介绍", "中文-介绍"),
        ("snake_case and  two spaces", "snake_case-and--two-spaces"),
        ("Café Déjà-vu", "café-déjà-vu"),
    ])
    func slugsFollowGitHub(heading: String, anchor: String) {
        #expect(GitHubSlugger.slug(heading) == anchor)
    }

    @Test func repeatedHeadingsAreNumberedAndCodeBlocksAreNotHeadings() {
        let text = "[a](#intro-1) [b](#intro-2) [c](#setup)\n\n# Intro\n## Intro\n\n```\n# Setup\n```\n"
        let findings = Self.findings(TocAnchorRule(), text)
        #expect(findings.map(\.message).count == 2)
        #expect(findings.first?.message.contains("did you mean '#intro-1'?") == true)
        #expect(findings.allSatisfy { $0.fix == nil })
    }

    @Test func htmlHeadingsAndImageHeadingsAreTargets() {
        let text = "[a](#awesome-list) [b](#-tools) [c](#tools) [d](#Tool)\n\n<h1 align=\"center\">\n  Awesome List\n</h1>\n\n"
            + "## <img src=\"t.svg\" width=\"20\"/> Tools\n"
        let findings = Self.findings(TocAnchorRule(), text)
        #expect(findings.map(\.range.start.column) == [49])
        #expect(findings.first?.message.contains("did you mean '#-tools'?") == true)
        #expect(findings.first?.fix == nil)
    }

    @Test func builtinAnchorsAreAnOption() {
        let text = "[up](#top) [readme](#readme) [home](#home)\n"
        #expect(Self.findings(TocAnchorRule(), text).count == 1)
        let context = RuleContext(vocabulary: DefaultRules.configuration.vocabulary, options: ["builtin-anchors": .list([])])
        #expect(TocAnchorRule().check(ListParser.parse(text), in: context).count == 3)
    }

    @Test func swallowedLinesInCRLFFilesGetACRLFBlankLine() {
        let document = ListParser.parse("</details>\r\n## Next\r\n")
        #expect(Self.fixed(LiteralMarkupRule(), document) == "</details>\r\n\r\n## Next\r\n")
    }

    @Test func swallowedLinesInsideABlockQuoteAreReportedWithoutAFix() {
        let findings = Self.findings(LiteralMarkupRule(), "> <div>\n> ## Title\n> </div>\n")
        #expect(findings.map(\.range.start.line) == [2])
        #expect(findings.first?.fix == nil)
    }

    @Test func swallowedTablesAreReportedOncePerRun() {
        let text = "<div>\n| a | b |\n|---|---|\n| 1 | 2 |\n- item\n</div>\n"
        #expect(Self.findings(LiteralMarkupRule(), text).map(\.range.start.line) == [2, 5])
    }

    @Test(arguments: [
        "*Alice\\*, Bob\\** and Carol* \\\nAlice*, Bob* (*equal contribution)",
        "Cost is 5 * 3 * 2, and a_b_c, and __init__ is fine, and *emphasis* too.",
        "$\\alpha * \\beta$ and `*code *` and <span>*</span> and https://x.org/a*b*c",
        "- [2023.10]: we released it\n- **Title** *Authors* \\\n  [paper](https://x.org)",
        "**A study of x * y** \\\n*Alice Smith*, Bob Jones* \\\n2**10 and a**b",
        "*Alice Smith, *Bob Jones, Carol White",
    ])
    func nearMissesAreNotLiteralMarkup(text: String) {
        #expect(Self.findings(LiteralMarkupRule(), text).isEmpty)
    }

    @Test func emphasisFixesOnlyWhatReparsesAsEmphasis() {
        let document = ListParser.parse("**Authors *\n\n**Title:**Next\n")
        let findings = Self.findings(LiteralMarkupRule(), document)
        #expect(findings.map(\.range.start.line) == [1, 3])
        #expect(findings.compactMap(\.fix).isEmpty)
    }

    @Test func emojiSlipsAreJudgedAgainstTheListsOwnShortcodes() {
        let known = String(repeating: "- A paper :star::star:\n", count: 2)
        let findings = Self.findings(LiteralMarkupRule(), known + "- Glued :star:star: here\n- Typo :start:\n- Once :fire: and :fir:\n")
        #expect(findings.map(\.range.start.line) == [3, 4])
        #expect(findings.map(\.range.start.column) == [9, 8])
        #expect(findings.allSatisfy { $0.severity == .warning })
        #expect(findings.first?.message.contains("write ':star::star:'") == true)
        #expect(Self.findings(LiteralMarkupRule(), "- A paper :star:\n- Typo :start: and :star:star:\n").isEmpty)
    }

    @Test func emptyImageSourcesAreEmptyLinksOutsideComments() {
        let text = "<p><img src=\"\" width=\"60%\"></p>\n\n<!--\n<img src=\"\">\n-->\n- A paper <img src = '  '> <img data-src=\"\" src=\"a.png\">\n"
        let findings = Self.findings(EmptyLinkRule(), text)
        #expect(findings.map(\.range.start.line) == [1, 6])
        #expect(findings.map(\.range.start.column) == [9, 16])
    }

    @Test func anAnchorNamedWithSpacesAroundIsReportedOnItsOwnLine() {
        let text = "- [Stereo Matching](#Stereo-Matching)\n\n<a name=\" Stereo-Matching\"></a>\n\n# 立体匹配\n<a id=\"ok\"></a> <a id=\"  \"></a>\n"
        let findings = Self.findings(TocAnchorRule(), text)
        #expect(findings.map(\.range.start.line) == [1, 3])
        #expect(findings.last?.message.contains("'#Stereo-Matching' misses it") == true)
    }
}
