import Markdown
import Papers

/// A list's top-level shape, read without parsing the whole list: where it cuts into sections
/// that parse alone as in the whole (`BlockOutline`), and all its headings.
public struct ListOutline: Sendable {
    public let source: SourceText
    public let blocks: BlockOutline
    /// Every top-level heading of the list, in order, as the whole list's parse gives them.
    public let headings: [Heading]

    public init(_ source: SourceText) {
        self.source = source
        blocks = BlockOutline(source)
        let tree = MarkdownParser.parse(source, sections: blocks.headingLines.map { $0...$0 },
                                        definitions: blocks.definitionBlocks)
        headings = tree.children(of: tree.root).compactMap { id in
            guard case .heading(let level) = tree[id].kind else { return nil }
            return Heading(level: level, text: TextFacts.cleanHeading(tree.plainText(of: id)), line: tree[id].range.start.line)
        }
    }

    /// Whether sections can be parsed alone: a setext heading, which this outline does not
    /// read, would change the headings.
    public var isCuttable: Bool { !blocks.mayHaveSetextHeadings }
}

/// The sections of a list read on demand, for the parts of a check that reach past the
/// sections it parsed (the other copies of a duplicated paper).
public struct ListSections: Sendable {
    public let outline: ListOutline
    public let profile: ListProfile

    public init(outline: ListOutline, profile: ListProfile) {
        self.outline = outline
        self.profile = profile
    }

    /// The entries of the sections holding any of `lines`, leaving out those in `parsed`.
    public func entries(inSectionsHolding lines: some Sequence<Int>, except parsed: [ClosedRange<Int>]) -> [Entry] {
        let wanted = lines.filter { line in !parsed.contains { $0.contains(line) } }
        guard !wanted.isEmpty else { return [] }
        return ListParser.parse(outline, sectionsHolding: wanted, profile: profile).entries
    }
}

/// How much of a list a document holds.
public enum DocumentScope: Sendable {
    /// The whole list.
    case whole
    /// Only these sections; the others can be read from the list's sections.
    case sections([ClosedRange<Int>], of: ListSections)
}
