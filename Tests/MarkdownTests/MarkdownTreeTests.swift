import Markdown
import Testing

@Suite struct MarkdownTreeTests {
    @Test func blocksCarryExactLineRanges() {
        let tree = MarkdownParser.parse("# Title\n\n- one\n- two\n\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
        let kinds = tree.children(of: tree.root).map { tree[$0].kind }
        #expect(kinds == [.heading(level: 1), .list(ordered: false), .table])
        let list = tree.children(of: tree.root)[1]
        // A list item's end is clamped to its last non-blank line.
        #expect(tree[list].range.lines == 3...4)
        #expect(tree.children(of: list).map { tree[$0].range.lines } == [3...3, 4...4])
        let table = tree.children(of: tree.root)[2]
        #expect(tree.children(of: table).map { tree[$0].kind } == [.tableRow(isHeader: true), .tableRow(isHeader: false)])
        #expect(tree[table].range.lines == 7...9)
    }

    /// A line with more pipes than any table has columns is read as GitHub shows it: a row
    /// keeps its leading cells, and text, code and links keep every pipe.
    @Test func linesOfThousandsOfPipesReadAsWritten() {
        let wide = String(repeating: " x |", count: 3_000)
        let tree = MarkdownParser.parse("| a | b |\n|---|---|\n|\(wide)\n\nplain \(wide) [l](https://e.org/a|b)\n\n`\(wide)`\n")
        let row = tree.nodes.indices.first { tree[$0].kind == .tableRow(isHeader: false) }!
        #expect(tree.children(of: row).prefix(2).map { tree.plainText(of: $0) } == ["x", "x"])
        let paragraph = tree.children(of: tree.root)[1]
        #expect(tree.plainText(of: paragraph) == "plain \(wide) l")
        #expect(tree.nodes.first { $0.kind == .link }?.destination == "https://e.org/a|b")
        #expect(tree.nodes.first { $0.kind == .code }?.literal == wide)
    }

    @Test func columnsCountUTF8Bytes() {
        let tree = MarkdownParser.parse("é [link](https://e.org)\n")
        let link = tree.nodes.first { $0.kind == .link }!
        #expect(link.range.start.column == 4)
        #expect(link.destination == "https://e.org")
    }

    @Test func linksKeepDestinationAndTitleFromReferences() {
        let tree = MarkdownParser.parse("[Short]\n\n[Short]: ## \"A Long Title\"\n")
        let link = tree.nodes.first { $0.kind == .link }!
        #expect(link.destination == "##")
        #expect(link.title == "A Long Title")
        #expect(tree.plainText(of: tree.root) == "Short")
    }

    @Test func headingsWithoutSpaceAreParagraphs() {
        let tree = MarkdownParser.parse("##Not a heading\n\n## A heading\n")
        #expect(tree.children(of: tree.root).map { tree[$0].kind } == [.paragraph, .heading(level: 2)])
    }

    @Test func gfmExtensionsAreOn() {
        let tree = MarkdownParser.parse("~~gone~~ see https://example.org/x now\n")
        #expect(tree.nodes.contains { $0.kind == .strikethrough })
        #expect(tree.nodes.contains { $0.kind == .link && $0.destination == "https://example.org/x" })
    }

    @Test func plainTextSkipsImagesUnlessAsked() {
        let tree = MarkdownParser.parse("![badge](https://img.org/b.svg) **Bold** `code`\n")
        #expect(tree.plainText(of: tree.root) == " Bold code")
        #expect(tree.plainText(of: tree.root, includeImages: true) == "badge Bold code")
    }
}

@Suite struct SourceTextTests {
    @Test func linesSplitOnEveryTerminator() {
        let source = SourceText("a\r\nb\rc\nd")
        #expect(source.lineCount == 4)
        #expect((1...4).map(source.line) == ["a", "b", "c", "d"])
        #expect(source.position(ofOffset: 3) == SourcePosition(line: 2, column: 1))
        #expect(SourceText("a\n").lineCount == 1)
    }

    @Test func finalLineWithoutNewlineCounts() {
        #expect(SourceText("a\nb").lineCount == 2)
        #expect(SourceText("").lineCount == 0)
    }

    @Test(arguments: [
        ([0x61, 0x80], 1), ([0xC3, 0x28], 0), ([0xE2, 0x82], 0), ([0xED, 0xA0, 0x80], 0),
        ([0xF0, 0x80, 0x80, 0x80], 0), ([0xF4, 0x90, 0x80, 0x80], 0), ([0x61, 0x0A, 0xFF], 2), ([0xC0, 0xAF], 0),
    ] as [([UInt8], Int)])
    func invalidUTF8IsLocated(bytes: [UInt8], offset: Int) {
        #expect(SourceText(bytes).firstInvalidUTF8Offset == offset)
    }

    @Test func validUTF8PassesAndNULIsFound() {
        #expect(SourceText("héllo – 项目 🩺").firstInvalidUTF8Offset == nil)
        #expect(SourceText([0x61, 0x00, 0x62]).firstNULOffset == 1)
    }
}
