import Foundation
import Lists
import Markdown
import Testing

/// Hostile and unusual inputs parse without a crash, with positions still right.
@Suite struct RobustnessTests {
    static let list = """
    # Papers

    ## Segmentation
    - [A Paper About Livers](https://arxiv.org/abs/2301.00001) [[code]](https://github.com/a/livers)
    - [Another Paper About Lungs](https://arxiv.org/abs/2302.00002)

    | Title | Code |
    |---|---|
    | A Table Paper | [code](https://github.com/b/table) |
    """

    @Test func crlfLineEndingsKeepLinesAndFacts() {
        let lf = ListParser.parse(Self.list + "\n")
        let crlf = ListParser.parse(Self.list.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n")
        #expect(lf.entries.count == 3)
        #expect(crlf.entries == lf.entries)
        #expect(crlf.source.line(4) == lf.source.line(4))
    }

    @Test func byteOrderMarkIsCountedInLineOneColumns() {
        let plain = ListParser.parse("- [Title Of A Paper](https://e.org/p)\n")
        let marked = ListParser.parse(SourceText([0xEF, 0xBB, 0xBF] + Array("- [Title Of A Paper](https://e.org/p)\n".utf8)))
        #expect(marked.entries.map(\.title) == plain.entries.map(\.title))
        let item = { (document: ListDocument) in document.tree.nodes.first { $0.kind == .item }!.range.start.column }
        #expect(item(marked) == item(plain) + 3)
        #expect(marked.source.line(1).utf8.count == plain.source.line(1).utf8.count + 3)
    }

    @Test func tabsIndentSubBullets() {
        let document = ListParser.parse("- A Paper Title. [[paper]](https://arxiv.org/abs/2301.00001)\n\t- Ada Lovelace, Alan Turing.\n\t- Key Words: tabs.\n")
        #expect(document.entries.count == 1)
        #expect(document.entries[0].authors == ["Ada Lovelace", "Alan Turing"])
        #expect(document.entries[0].lines == 1...3)
    }

    @Test func raggedRowsAreCountedAsWritten() {
        let document = ListParser.parse("""
        | Title | Code | Year |
        |---|---|---|
        | Short row | - |
        | Full row | - | 2023 |
        | Long row | - | 2023 | extra |
        | Escaped \\| pipe | `a|b` | 2023 |
        No pipes at all
        """)
        let table = try! #require(document.tables.first)
        #expect(table.header == ["Title", "Code", "Year"])
        #expect(table.rows.map(\.cellCount) == [2, 3, 4, 4, 1])
        #expect(table.rows.map(\.line) == [3, 4, 5, 6, 7])
        #expect(document.entries.map(\.lines.lowerBound) == [3, 4, 5, 6, 7])
    }

    @Test func unterminatedDetailsKeepsItsEntry() {
        let document = ListParser.parse("""
        ## Open

        <details>
        <summary>A Paper Left Open (2021)</summary>

        - A Paper Left Open. [[paper]](https://arxiv.org/abs/2101.00001)
          - Grace Hopper.
        """)
        #expect(document.entries.count == 1)
        #expect(document.entries[0].lines == 6...7)
        #expect(document.entries[0].year == 2021)
        #expect(document.entries[0].section == ["Open"])
    }

    @Test func aOneMegabyteLineParses() {
        let long = "- [Long Title Here](https://arxiv.org/abs/2301.00003) " + String(repeating: "x", count: 1 << 20)
        let document = ListParser.parse(long + "\n- [Next Paper Title](https://e.org/p)\n")
        #expect(document.entries.map(\.lines) == [1...1, 2...2])
        #expect(document.source.lineLength(1) > 1 << 20)
    }

    @Test func tenThousandNestedListLevelsParse() {
        let deep = String(repeating: "- ", count: 10_000) + "[Too Deep To Matter](https://e.org/a)\n\n"
        let document = ListParser.parse(deep + "- [A Shallow Paper](https://arxiv.org/abs/2301.00002)\n")
        #expect(document.entries.map(\.title) == ["A Shallow Paper"])
        #expect(document.entries[0].lines == 3...3)
        #expect(document.tree.nodes.count > 20_000)
    }

    @Test func tenThousandNestedQuotesAndEmphasisParse() {
        let text = String(repeating: "> ", count: 10_000) + "x\n\n" + String(repeating: "*", count: 50_000)
            + "\n\n" + String(repeating: "[", count: 20_000) + "\n"
        let document = ListParser.parse(text)
        #expect(document.entries.isEmpty)
        #expect(document.source.lineCount == 5)
    }
}

@Suite struct ProfileTests {
    static let table = "| Year | Algorithm | Short name |\n|---|---|---|\n| 2023 | Medical | [X] |\n\n[X]: ## \"A Full Title Of Paper\"\n"

    @Test func aProfileNamesTheCategoryColumnAHeaderLeavesOpen() {
        #expect(ListParser.parse(Self.table).entries.first?.category == nil)
        let profiled = ListParser.parse(Self.table, profile: ListProfile(categoryColumns: ["algorithm"]))
        #expect(profiled.entries.first?.category == "Medical")
        #expect(profiled.entries.first?.title == "A Full Title Of Paper")
    }

    @Test func aProfileNamesTheTitleColumn() {
        let text = "| Entry | Notes |\n|---|---|\n| A Paper On Lungs | long notes here |\n"
        #expect(ListParser.parse(text).entries.isEmpty)
        #expect(ListParser.parse(text, profile: ListProfile(titleColumns: ["entry"])).entries.map(\.title) == ["A Paper On Lungs"])
    }
}
