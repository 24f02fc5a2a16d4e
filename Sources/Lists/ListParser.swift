import Markdown

/// Turns a Markdown paper list into sections and entries by recognising entry shapes:
/// table rows with a title column, bullets carrying links, bold-title blocks, and
/// `<details>` blocks wrapping one entry. Nothing depends on file names or exact wording.
public enum ListParser {
    /// How deep nested lists are searched for entries; deeper levels are left alone.
    static let maximumListDepth = 32

    /// Parses a list given as bytes, with the profile of the list if it has one.
    public static func parse(_ source: SourceText, profile: ListProfile = .none) -> ListDocument {
        var walker = DocumentWalker(tree: MarkdownParser.parse(source), profile: profile, outline: nil)
        walker.walk()
        return ListDocument(tree: walker.tree, entries: walker.entries, headings: walker.headings,
                            tables: walker.tables)
    }

    /// Parses only the sections of a list that hold some lines (`ListOutline.sections`): their
    /// entries have the sections and headings they have in the whole list, and the document's
    /// `headings` are all the list's. The other sections can be read later through `scope`.
    public static func parse(_ outline: ListOutline, sectionsHolding lines: some Sequence<Int>,
                             profile: ListProfile = .none) -> ListDocument {
        let sections = outline.blocks.sections(holding: lines, lineCount: outline.source.lineCount)
        let tree = MarkdownParser.parse(outline.source, sections: sections, definitions: outline.blocks.definitionBlocks)
        var walker = DocumentWalker(tree: tree, profile: profile, outline: outline.headings)
        walker.walk()
        return ListDocument(tree: tree, entries: walker.entries, headings: outline.headings, tables: walker.tables,
                            scope: .sections(sections, of: ListSections(outline: outline, profile: profile)))
    }

    /// Parses a list given as a string.
    public static func parse(_ text: String, profile: ListProfile = .none) -> ListDocument {
        parse(SourceText(text), profile: profile)
    }
}

/// Walks the document's top-level blocks in order, keeping the heading path. Given the whole
/// list's headings (`outline`), it takes the path from them, so sections parsed alone have
/// the path they have in the whole.
private struct DocumentWalker {
    let tree: MarkdownTree
    let profile: ListProfile
    let outline: [Heading]?
    var entries: [Entry] = []
    var headings: [Heading] = []
    var tables: [ListTable] = []
    private var headingPath: [(level: Int, text: String)] = []
    private var details = DetailsTracker()
    /// How many of the outline's headings the path has taken in.
    private var outlineRead = 0

    init(tree: MarkdownTree, profile: ListProfile, outline: [Heading]?) {
        self.tree = tree
        self.profile = profile
        self.outline = outline
    }

    var section: [String] { headingPath.map(\.text) }

    private mutating func enter(_ heading: Heading) {
        headings.append(heading)
        headingPath.removeAll { $0.level >= heading.level }
        headingPath.append((heading.level, heading.text))
    }

    mutating func walk() {
        for block in tree.children(of: tree.root) {
            let node = tree[block]
            if let outline {
                while outlineRead < outline.count, outline[outlineRead].line <= node.range.start.line {
                    enter(outline[outlineRead])
                    outlineRead += 1
                }
            }
            switch node.kind {
            case .heading(let level):
                if outline == nil {
                    enter(Heading(level: level, text: TextFacts.cleanHeading(tree.plainText(of: block)),
                                  line: node.range.start.line))
                }
            case .table:
                let table = TableReader(tree: tree, table: block, profile: profile)
                tables.append(table.rawTable)
                entries += table.entries(section: section)
            case .list:
                entries += BulletReader(tree: tree).entries(inList: block, section: section, depth: 0)
            case .paragraph:
                if let entry = BoldBlockReader(tree: tree).entry(paragraph: block, section: section) {
                    entries.append(entry)
                }
            case .htmlBlock:
                details.read(node, tree: tree, entries: &entries)
            default:
                continue
            }
        }
        details.finish(entries: &entries)
    }
}

/// Follows `<details>` … `</details>` across sibling HTML blocks; when one such block wraps
/// exactly one entry, the entry's lines grow to the whole block and its summary can give
/// the year.
private struct DetailsTracker {
    private var depth = 0
    private var openLine = 0
    private var entriesAtOpen = 0
    private var summary = ""

    mutating func read(_ node: MarkdownNode, tree: MarkdownTree, entries: inout [Entry]) {
        for line in node.range.lines {
            let text = tree.source.line(line).lowercased()
            let opens = text.occurrences(of: "<details")
            let closes = text.occurrences(of: "</details")
            if depth == 0, opens > 0 {
                openLine = line
                entriesAtOpen = entries.count
                summary = ""
            }
            if depth > 0 || opens > 0, text.containsBytes("<summary") {
                summary += tree.source.line(line)
            }
            depth = max(0, depth + opens - closes)
            if depth == 0, closes > 0, entries.count == entriesAtOpen + 1 {
                let last = entries.count - 1
                entries[last].lines = min(openLine, entries[last].lines.lowerBound)...max(line, entries[last].lines.upperBound)
                takeSummaryYear(into: &entries[last])
            }
            if depth == 0, closes > 0 { entriesAtOpen = entries.count }
        }
    }

    /// A `<details>` block left open at the end of the document keeps its lines (GitHub shows
    /// the rest of the file inside it) but still gives its one entry the summary's year.
    func finish(entries: inout [Entry]) {
        if depth > 0, entries.count == entriesAtOpen + 1 {
            takeSummaryYear(into: &entries[entries.count - 1])
        }
    }

    private func takeSummaryYear(into entry: inout Entry) {
        if entry.year == nil, let match = summary.firstMatch(of: Self.summaryYear) {
            entry.year = Int(match.1)
            entry.yearText = String(match.1)
        }
    }

    nonisolated(unsafe) private static let summaryYear = /\(((?:19|20)[0-9]{2})\)\s*<\/summary/
}

extension String {
    /// How many times `needle` occurs, without overlaps.
    func occurrences(of needle: String) -> Int {
        var count = 0
        var searchRange = startIndex..<endIndex
        while let found = range(of: needle, range: searchRange) {
            count += 1
            searchRange = found.upperBound..<endIndex
        }
        return count
    }
}
