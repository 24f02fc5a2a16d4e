import Foundation
import Markdown
import Testing

/// A large document is parsed a few sections at a time: the tree must be the one a single
/// parse of the whole gives, node for node.
@Suite struct BatchParseTests {
    static let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("seeds")

    @Test func batchesGiveTheWholeTree() throws {
        // Seeds without setext headings, each copy under a heading of its own, past the size
        // from which documents are parsed in batches; a reference defined at the end is used
        // in every copy.
        let parts = try ["000_0d400a1bbd15071e", "002_978e9d997ce1388e", "003_2cec8cdf71660f63", "004_ae12df1e4fd30395"]
            .map { try String(contentsOf: Self.seeds.appendingPathComponent($0 + ".txt"), encoding: .utf8) }
        var text = ""
        var copy = 0
        while text.utf8.count < 5 << 20 {
            text += "# Copy \(copy)\n\nSee [the end note][end].\n\n" + parts[copy % parts.count] + "\n\n"
            copy += 1
        }
        text += "# End\n\n[end]: https://example.org/end \"The end\"\n"
        let source = SourceText(text)
        let outline = BlockOutline(source)
        #expect(!outline.mayHaveSetextHeadings && outline.sectionStarts.count > copy, "the document is cut, so batched")
        let batched = MarkdownParser.parse(source)
        let whole = MarkdownParser.parse(source, sections: [1...source.lineCount], definitions: [])
        #expect(batched.nodes.count == whole.nodes.count)
        for (index, (one, other)) in zip(batched.nodes, whole.nodes).enumerated() {
            let same = one.kind == other.kind && one.range == other.range && one.literal == other.literal
                && one.destination == other.destination && one.title == other.title && one.parent == other.parent
            #expect(same, "node \(index): \(one.kind) \(one.range) \(one.destination ?? "") vs \(other.kind) \(other.range) \(other.destination ?? "")")
            if !same { break }
        }
        let links = batched.nodes.filter { $0.kind == .link && $0.destination == "https://example.org/end" }
        #expect(links.count == copy, "the reference at the end resolves in every batch")
    }
}
