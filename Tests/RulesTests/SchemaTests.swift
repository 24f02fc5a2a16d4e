import Engine
import EntryRules
@testable import Evidence
import Format
import Foundation
import LinkRules
import Lists
import Markdown
import Rules
import Settings
import Testing

/// The schema rules (vocabulary, entry-schema, code-link, placeholder, signed-url) on the five
/// bundled seeds, where their findings are known line by line, and on lists made for the traps.
@Suite struct SchemaTests {
    static func check(_ rule: any Rule, _ document: ListDocument, context: RuleContext? = nil) -> [Finding] {
        rule.check(document, in: context ?? DefaultRules.context(for: type(of: rule).description))
    }

    static func check(_ rule: any Rule, _ text: String, context: RuleContext? = nil) -> [Finding] {
        check(rule, ListParser.parse(text), context: context)
    }

    /// The text a range covers.
    static func text(at range: SourceRange, in source: SourceText) -> String {
        String(decoding: source.bytes[source.offset(of: range.start)...source.offset(of: range.end)], as: UTF8.self)
    }

    static func fixed(_ text: String, by findings: [Finding]) -> String {
        String(decoding: FixApplier.apply(findings.compactMap(\.fix), to: SourceText(text)), as: UTF8.self)
    }

    /// Each rule's finding lines on each seed, in seed order.
    static let expectedLines: [(rule: any Rule, lines: [[Int]])] = [
        (VocabularyRule(), [[], [6] + Array(8...33), [], [], []]),
        (EntrySchemaRule(), [[], [], [], [99], []]),
        (CodeLinkRule(), [[], [], [63, 71, 123, 139, 142], [103], [47, 81]]),
        (PlaceholderRule(), [[13], [83, 84], [], [], []]),
        (SignedUrlRule(), [[], [39, 51, 67, 68], [], [], []]),
    ]

    @Test(arguments: 0..<5)
    func seedFindingsAreExactlyTheKnownOnes(rule index: Int) throws {
        let (rule, lines) = Self.expectedLines[index]
        for (seed, expected) in zip(DefaultRules.seedNames, lines) {
            let found = Self.check(rule, try DefaultRules.seed(seed)).map(\.range.start.line)
            #expect(found == expected, "\(type(of: rule).description.id) on \(seed)")
        }
    }

    @Test func natrualIsFixedToNaturalInTheHeaderAndEveryCell() throws {
        let document = try DefaultRules.seed("001_cc10a04a1c6bde63")
        let findings = Self.check(VocabularyRule(), document)
        #expect(findings.allSatisfy { Self.text(at: $0.range, in: document.source) == "Natrual" })
        #expect(findings.allSatisfy { $0.fix?.replacements.map(\.text) == ["Natural"] && $0.fix?.replacements.first?.range == $0.range })
        #expect(findings[0].message.hasPrefix("The header names 'Natrual'"))
        let fixed = String(decoding: FixApplier.apply(findings.compactMap(\.fix), to: document.source), as: UTF8.self)
        #expect(!fixed.contains("Natrual"))
        #expect(fixed.contains("| Natural\\Medical    |"))
    }

    @Test func signedLinksAreReportedOverTheirWholeURLWithTheStablePage() throws {
        let document = try DefaultRules.seed("001_cc10a04a1c6bde63")
        let findings = Self.check(SignedUrlRule(), document)
        for finding in findings {
            let url = Self.text(at: finding.range, in: document.source)
            #expect(url.hasPrefix("https://pdf.sciencedirectassets.com/"))
            #expect(url.contains("X-Amz-Signature="))
            let after = document.source.lineBytes(finding.range.end.line).dropFirst(finding.range.end.column).first
            #expect(after == UInt8(ascii: ")"))
        }
        #expect(findings[0].message.contains("https://www.sciencedirect.com/science/article/pii/S1361841524002822"))
        #expect(findings[0].message.contains("leaks a session token"))
    }

    @Test func seedPlaceholderRowNamesBothItsTitleAndItsLink() throws {
        let findings = Self.check(PlaceholderRule(), try DefaultRules.seed("001_cc10a04a1c6bde63"))
        #expect(findings[0].message.contains("its title says '项目A'"))
        #expect(findings[0].message.contains("bare home page of google.com"))
    }

    @Test func codeLinkMessagesSayWhatThePageIs() throws {
        let findings = Self.check(CodeLinkRule(), try DefaultRules.seed("002_978e9d997ce1388e"))
        // A project page off the code hosts may well link the code, an organisation page may be
        // the project's home: notes; a general library, a warning.
        #expect(findings.map { $0.severity } == [.note, .warning, .note, .note, .note])
        #expect(findings[1].message.contains("fxsjy/jieba, a general-purpose library"))
        #expect(findings[2].message.contains("user or organisation page on github.com"))
        #expect(findings[3].message.contains("stanfordmlgroup.github.io, which is not a code host"))
        let paperPage = Self.check(CodeLinkRule(), try DefaultRules.seed("004_ae12df1e4fd30395")).filter { $0.range.start.line == 81 }
        #expect(paperPage.map(\.severity) == [.warning])
        #expect(paperPage.first?.message.contains("a paper page on ieeexplore.ieee.org") == true)
    }

    // MARK: vocabulary

    static func context(categories: [[String]]) -> RuleContext {
        var vocabulary = DefaultRules.configuration.vocabulary
        vocabulary.categories = categories
        return RuleContext(vocabulary: vocabulary)
    }

    @Test func theSetMostValuesBelongToIsTheTablesSet() {
        let list = """
        | Title | Category |
        |---|---|
        | One | Human |
        | Two | Anmial |
        | Three | Animal |
        | Four | Human |
        """
        let findings = Self.check(VocabularyRule(), list, context: Self.context(categories: [["Natural", "Medical"], ["Human", "Animal"]]))
        #expect(findings.map(\.range.start.line) == [4])
        #expect(Self.fixed(list, by: findings).contains("| Two | Animal |"))
        #expect(Self.check(VocabularyRule(), list, context: Self.context(categories: [["Natural", "Medical"]])).isEmpty)
    }

    @Test func aValueNearTwoTermsIsReportedWithoutAFix() {
        let list = "| Title | Category |\n|---|---|\n| A | Train |\n| B | Test |\n| C | Trait |\n| D | Train |\n"
        let findings = Self.check(VocabularyRule(), list, context: Self.context(categories: [["Train", "Trail", "Test"]]))
        #expect(findings.map(\.range.start.line) == [5])
        #expect(findings.first?.fix == nil)
    }

    @Test func editDistanceCountsSwapsAsOneAndStopsAtTheLimit() {
        #expect(EditDistance.distance("natrual", "natural", limit: 2) == 1)
        #expect(EditDistance.distance("kitten", "sitting", limit: 3) == 3)
        #expect(EditDistance.distance("kitten", "sitting", limit: 2) == nil)
        #expect(EditDistance.distance("", "abc", limit: 3) == 3)
        #expect(EditDistance.distance("medical", "medical", limit: 0) == 0)
        #expect(EditDistance.distance("a", "abcd", limit: 2) == nil)
    }

    // MARK: entry-schema

    @Test func emptyTitleIsReportedButADeliberateDashIsNot() {
        let list = """
        | Index | Model | Paper | Link |
        |---|---|---|---|
        | 1 | CLIP | Learning Transferable Visual Models | [PDF](https://arxiv.org/abs/2103.00020) |
        | 2 | GPT 4V | - | - |
        | 3 | BLIP |  | [PDF](https://arxiv.org/abs/2201.12086) |
        """
        let findings = Self.check(EntrySchemaRule(), list)
        #expect(findings.map(\.range.start.line) == [5])
        #expect(findings.first?.message.contains("its 'Paper' cell is empty") == true)
    }

    @Test func seedRowsWithoutAPaperOnPurposeAreLeftAloneByTheirDashes() throws {
        let document = try DefaultRules.seed("001_cc10a04a1c6bde63")
        let context = RuleContext(vocabulary: DefaultRules.configuration.vocabulary, options: ["none-markers": .list([])])
        let findings = Self.check(EntrySchemaRule(), document, context: context)
        #expect(findings.map(\.range.start.line) == [18, 28, 30])
        #expect(findings.first?.message.hasPrefix("'Dreamlike Photoreal' (line 18) has no paper link, though 45 of the 48 papers of this table") == true)
    }

    @Test func bulletsWithoutAPaperLinkAreReportedWhenTheOthersHaveOne() {
        let bullets = (1...5).map { "- Paper number \($0) (CVPR 2023). [[paper]](https://arxiv.org/abs/2301.0000\($0))" }
        let list = (bullets + ["- A paper with only code (CVPR 2023). [[code]](https://github.com/a/b)",
                               "- A tool with only code. [[code]](https://github.com/c/d)"]).joined(separator: "\n")
        let findings = Self.check(EntrySchemaRule(), list)
        #expect(findings.map(\.range.start.line) == [6])
        #expect(findings.first?.message.contains("5 of the 6 papers of its section") == true)
        let fewer = (Array(bullets.prefix(3)) + ["- A paper with only code (CVPR 2023). [[code]](https://github.com/a/b)"]).joined(separator: "\n")
        #expect(Self.check(EntrySchemaRule(), fewer).isEmpty)
    }

    @Test func numberingContinuesAcrossTablesAndTheFixRenumbersTheRest() {
        let list = """
        | # | Title |
        |---|---|
        | 1 | A |
        | 2 | B |
        | 4 | C |

        | # | Title |
        |---|---|
        | 5 | D |
        | 6 | E |
        """
        let findings = Self.check(EntrySchemaRule(), list)
        #expect(findings.map(\.range.start.line) == [5])
        #expect(findings.first?.message == "Number 4 breaks the numbering: after 2 comes 3; the fix renumbers this row and the 2 after it.")
        #expect(Self.fixed(list, by: findings) == list.replacingOccurrences(of: "| 4 |", with: "| 3 |")
            .replacingOccurrences(of: "| 5 |", with: "| 4 |").replacingOccurrences(of: "| 6 |", with: "| 5 |"))
    }

    @Test func seedNumberingRestartsAndContinuesWithoutFindings() throws {
        let document = try DefaultRules.seed("001_cc10a04a1c6bde63")
        #expect(Self.check(EntrySchemaRule(), document).isEmpty)
        let broken = String(decoding: document.source.bytes, as: UTF8.self)
            .replacingOccurrences(of: "| 17    | 项目A", with: "| 19    | 项目A")
            .replacingOccurrences(of: "| 18    | 项目A", with: "| 20    | 项目A")
        let findings = Self.check(EntrySchemaRule(), broken)
        #expect(findings.map(\.range.start.line) == [83])
        #expect(findings.first?.message == "This table's numbering starts at 19: start it at 1, or at 17 to continue the table before.")
    }

    @Test func aYearAfterNextYearIsInTheFuture() {
        let next = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1
        let list = "| Year | Title |\n|---|---|\n| \(next) | Accepted for next year |\n| \(next + 1) | Too far |\n"
        let findings = Self.check(EntrySchemaRule(), list)
        #expect(findings.map(\.range.start.line) == [4])
        #expect(findings.first.map { Self.text(at: $0.range, in: SourceText(list)) } == String(next + 1))
    }

    // MARK: code-link

    @Test func libraryListsAndCodeHostsBeyondTheGitHostsComeFromTheVocabulary() {
        let list = "- A paper. [[paper]](https://arxiv.org/abs/2301.00001) [[code]](https://gitlab.example.org/lab/model)\n"
        #expect(Self.check(CodeLinkRule(), list).isEmpty)
        var vocabulary = Vocabulary()
        vocabulary.codeHosts = ["github.com"]
        vocabulary.unrelatedRepositories = ["lab/model"]
        #expect(Self.check(CodeLinkRule(), list, context: RuleContext(vocabulary: vocabulary)).map(\.range.start.line) == [1])
        let library = "- A paper. [[paper]](https://arxiv.org/abs/2301.00001) [[code]](https://github.com/Lab/Model.git)\n"
        #expect(Self.check(CodeLinkRule(), library, context: RuleContext(vocabulary: vocabulary)).first?.message
            .contains("Lab/Model, a general-purpose library") == true)
        // Without a vocabulary only the git hosts count: a self-hosted GitLab is then off them.
        let bare = RuleContext(vocabulary: Vocabulary())
        #expect(Self.check(CodeLinkRule(), list, context: bare).map(\.severity) == [.note])
        let repository = "- A paper. [[paper]](https://arxiv.org/abs/2301.00001) [[code]](https://codeberg.org/lab/model)\n"
        #expect(Self.check(CodeLinkRule(), repository, context: bare).isEmpty)
    }

    // MARK: placeholder

    @Test func aHostWithASlashIsAPlaceholderOnlyAsItsBareHomePage() {
        let list = """
        - One. [[paper]](https://google.com/)
        - Two. [[paper]](https://google.com/?)
        - Three. [[paper]](https://scholar.google.com/)
        - Four. [[paper]](https://google.com/search?q=a)
        - Five. [[paper]](https://docs.example.com/a/b)
        - Six. [[paper]](https://myexample.com/)
        """
        #expect(Self.check(PlaceholderRule(), list).map(\.range.start.line) == [1, 2, 5])
    }

    @Test func fieldBulletsFollowWhatTheListsFieldsOfTheirLabelHold() {
        let entries = (1...12).map { "**\($0). Paper \($0)**\n\n- Paper: https://arxiv.org/abs/2401.000\($0 + 10)\n- Code: None\n" }
        let odd = "**13. MaX-DeepLab**\n\n- Paper(Oral): MaX-DeepLab: End-to-End Panoptic Segmentation\n- Code: Code\n"
        let list = (entries + [odd]).joined(separator: "\n")
        let schema = Self.check(EntrySchemaRule(), list).filter { $0.message.contains("plain text") }
        #expect(schema.map(\.range.start.line) == [63])
        #expect(schema.map(\.range.start.column) == [16])
        #expect(schema.map(\.severity) == [.warning])
        let placeholders = Self.check(PlaceholderRule(), list)
        #expect(placeholders.map(\.range.start.line) == [64])
        #expect(placeholders.first?.message.contains("only repeats its label") == true)
        // Nine fields with a link are too few to say what the list's fields hold.
        let fewer = (entries.prefix(8) + [odd]).joined(separator: "\n")
        #expect(Self.check(EntrySchemaRule(), fewer).filter { $0.message.contains("plain text") }.isEmpty)
    }

    @Test func anImageNamedOnlyByItsExtensionIsAPlaceholder() {
        let list = """
        <div align="center"><img src="figures/pruning.png" width="80%"><img src="figures/.png" width="80%"></div>

        <!-- <img src="figures/.png"> -->
        - A paper. ![figure](./figures/.JPG) [[paper]](https://arxiv.org/abs/2401.00001)
        - Another. ![figure](./figures/.png/overview.png) [[paper]](https://arxiv.org/abs/2401.00002)
        """
        let findings = Self.check(PlaceholderRule(), list).sorted(by: Finding.reportOrder)
        #expect(findings.map(\.range.start.line) == [1, 4])
        #expect(findings.map(\.range.start.column) == [69, 12])
        #expect(findings.allSatisfy { $0.severity == .warning })
    }

    @Test func placeholderTextsMatchWholeWordsOnly() {
        let list = """
        - TBD. [[paper]](https://arxiv.org/abs/2301.00001)
        - TBDNet: a real model. [[paper]](https://arxiv.org/abs/2301.00002)
        - A paper. [[paper]](https://arxiv.org/abs/2301.00003) [[code]](TBD)
        """
        let findings = Self.check(PlaceholderRule(), list)
        #expect(findings.map(\.range.start.line) == [1, 3])
        #expect(findings.last?.message.contains("its link goes to 'TBD'") == true)
    }

    // MARK: signed-url

    @Test func signedParametersAreAnOption() {
        let list = "- A paper. [[paper]](https://cdn.lab.org/p.pdf?X-Lab-Sig=abc)\n"
        #expect(Self.check(SignedUrlRule(), list).isEmpty)
        let context = RuleContext(vocabulary: Vocabulary(), options: ["parameters": .list(["x-lab-sig"])])
        let findings = Self.check(SignedUrlRule(), list, context: context)
        #expect(findings.map(\.range) == [SourceRange(start: SourcePosition(line: 1, column: 22),
                                                      end: SourcePosition(line: 1, column: 60))])
        #expect(findings.first?.message.contains("link the DOI or the publisher's stable page instead") == true)
    }

    @Test func hostURLSplitsHostPathAndQuery() throws {
        let address = try #require(HostURL("HTTPS://user@WWW.Example.org:8080/a//b/?x=1&Sig=2#frag"))
        #expect(address.host == "example.org")
        #expect(address.pathSegments == ["a", "b"])
        #expect(address.value(of: "sig") == "2")
        #expect(address.isOn("example.org") && !address.isOn("ample.org"))
        #expect(HostURL("https://gitlab.lrz.de/x/y")?.isOn("gitlab.*") == true)
        #expect(HostURL("/relative/path") == nil)
        #expect(HostURL("https://google.com")?.isHomePage == true)
    }
}
