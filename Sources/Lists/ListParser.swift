import Markdown
import Papers

/// Turns a Markdown paper list into sections and entries by recognising entry shapes: table
/// rows (Markdown and HTML) with a title or name column, bullets naming a paper, paragraphs
/// naming one (bold titles, numbered references, a bold title over field bullets), headings
/// naming one over their fields, and `<details>` blocks. Sections that hold no entries (news,
/// contents, citation, contributing…) and the list's own introduction are read as such.
/// Nothing depends on file names or exact wording.
public enum ListParser {
    /// How deep nested lists are searched for entries; deeper levels are left alone.
    static let maximumListDepth = 32

    /// Parses a list given as bytes, with the profile of the list if it has one.
    public static func parse(_ source: SourceText, profile: ListProfile = .none) -> ListDocument {
        var walker = DocumentWalker(tree: MarkdownParser.parse(source), profile: profile, outline: nil)
        walker.walk()
        return ListDocument(tree: walker.tree, entries: walker.entries, headings: walker.headings,
                            tables: walker.tables, skipped: walker.skipped)
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
                            skipped: walker.skipped,
                            scope: .sections(sections, of: ListSections(outline: outline, profile: profile)))
    }

    /// Parses a list given as a string.
    public static func parse(_ text: String, profile: ListProfile = .none) -> ListDocument {
        parse(SourceText(text), profile: profile)
    }
}

/// Walks the document's top-level blocks in order, keeping the heading path and what each
/// heading says about its section. Given the whole list's headings (`outline`), it takes the
/// path from them, so sections parsed alone read as they do in the whole.
private struct DocumentWalker {
    let tree: MarkdownTree
    let profile: ListProfile
    let outline: [Heading]?
    var entries: [Entry] = []
    var headings: [Heading] = []
    var tables: [ListTable] = []
    var skipped: [SkippedBlock] = []
    private var path: [PathElement] = []
    private var details = DetailsTracker()
    private var htmlTable: (text: String, firstLine: Int)?
    /// How many of the outline's headings the path has taken in.
    private var outlineRead = 0
    /// The level of the list's title heading (its first heading, when it opens the list).
    private var titleLevel: Int?
    /// Entries read before the list's first section, and whether a section has begun.
    private var introEntries = 0
    private var sectionsBegun = false

    private struct PathElement {
        var level: Int
        var text: String
        var role: SectionRole
        var line: Int
        /// A year the heading names (`## 2023`, `### 2022 Venues`).
        var year: EntryDate?
    }

    init(tree: MarkdownTree, profile: ListProfile, outline: [Heading]?) {
        self.tree = tree
        self.profile = profile
        self.outline = outline
    }

    var section: [String] { path.map(\.text) }

    /// Why the current section holds no entries, if its heading says so. Only the innermost
    /// heading counts: a "Contents" heading is often followed by the list's topics one level
    /// down, which are sections of their own.
    private var skipReason: SkippedBlock.Reason? {
        if case .skip(let reason) = path.last?.role { return reason }
        return nil
    }

    private var kindHint: SectionRole.KindHint? {
        for element in path.reversed() {
            if case .kind(let hint) = element.role { return hint }
        }
        return nil
    }

    private var headingYear: (date: EntryDate, line: Int)? {
        for element in path.reversed() {
            if let year = element.year { return (year, element.line) }
        }
        return nil
    }

    private mutating func enter(_ heading: Heading) {
        headings.append(heading)
        // The list's title is a first heading of level 1; every other heading begins a section.
        if titleLevel == nil, headings.count == 1, heading.level == 1 {
            titleLevel = 1
        } else {
            if titleLevel == nil { titleLevel = 0 }
            sectionsBegun = true
        }
        path.removeAll { $0.level >= heading.level }
        let isTitle = heading.level == titleLevel && headings.count == 1
        let role = isTitle ? SectionRole.plain : SectionRole(heading: heading.text)
        path.append(PathElement(level: heading.level, text: heading.text, role: role, line: heading.line,
                                year: Self.year(named: heading.text)))
    }

    /// `2023`, `2022 Venues`, `Year 2021`: a heading that names a year and little else.
    private static func year(named heading: String) -> EntryDate? {
        let words = SectionRole.words(of: heading)
        guard words.count <= 2, let date = DateText.find(in: heading), date.precision == .year else { return nil }
        let tokens = DateToken.scan(heading).filter { $0.kind != .other }
        return tokens.count <= 3 ? date : nil
    }

    mutating func walk() {
        let blocks = tree.children(of: tree.root)
        var index = 0
        while index < blocks.count {
            let block = blocks[index]
            let node = tree[block]
            if let outline {
                while outlineRead < outline.count, outline[outlineRead].line <= node.range.start.line {
                    enter(outline[outlineRead])
                    outlineRead += 1
                }
            }
            if htmlTable != nil, node.kind != .htmlBlock { finishHTMLTable() }
            let next = index + 1 < blocks.count ? blocks[index + 1] : nil
            index += 1
            if let reason = skipReason, node.kind != .thematicBreak {
                if case .heading = node.kind { } else {
                    skip(block, reason: reason)
                    if node.kind == .htmlBlock { details.read(node, tree: tree, entries: &entries) }
                    continue
                }
            }
            switch node.kind {
            case .heading(let level):
                let heading = Heading(level: level, text: TextFacts.cleanHeading(tree.plainText(of: block)),
                                      line: node.range.start.line)
                if let next, let entry = headingEntry(block, fields: next) {
                    if outline == nil { headings.append(heading) }
                    add([entry], block: block)
                    index += 1
                    continue
                }
                if outline == nil { enter(heading) }
            case .table:
                tables.append(TableGrid.rawTable(block, in: tree))
                let grid = TableGrid(markdownTable: block, in: tree)
                add(TableReader(grid: grid, profile: profile).entries(section: section), block: block)
            case .list:
                add(BulletReader(tree: tree).entries(inList: block, section: section, depth: 0), block: block)
            case .paragraph:
                switch ParagraphReader(tree: tree).read(paragraph: block, section: section) {
                case .entry(let entry):
                    add([entry], block: block)
                case .titleOnly(var entry):
                    if let next, case .list = tree[next].kind, absorbFields(of: next, into: &entry) {
                        add([entry], block: block)
                        index += 1
                    }
                case nil:
                    if isBadgeLine(block) { skip(block, reason: .badges) }
                }
            case .htmlBlock:
                readHTML(block)
            case .thematicBreak:
                // A rule ends a section that holds no entries: what follows is the list again.
                if case .skip = path.last?.role { path[path.count - 1].role = .plain }
            default:
                continue
            }
        }
        finishHTMLTable()
        details.finish(entries: &entries)
        setAsideIntroduction()
    }

    /// Adds a block's entries with their kinds and the dates their headings give.
    private mutating func add(_ new: [Entry], block: NodeID) {
        let hint = kindHint
        let year = headingYear
        for var entry in new {
            entry.section = entry.section.isEmpty ? section : entry.section
            if !details.summaries.isEmpty { entry.section += details.summaries }
            if entry.date == nil, entry.dateText == nil, let year {
                entry.date = year.date
                entry.dateText = nil
                entry.fieldLines.date = year.line
            }
            entry.kind = EntryKinds.kind(of: entry, section: hint)
            entries.append(entry)
            if !sectionsBegun { introEntries += 1 }
        }
        if new.isEmpty, containsLinks(block), let reason = skipReasonForLinks(block) {
            skip(block, reason: reason)
        }
    }

    private mutating func skip(_ block: NodeID, reason: SkippedBlock.Reason) {
        let range = tree[block].range
        let lines = range.start.line...max(range.start.line, range.end.line)
        if let last = skipped.last, last.reason == reason, last.lines.upperBound + 1 >= lines.lowerBound - 2 {
            skipped[skipped.count - 1].lines = last.lines.lowerBound...max(last.lines.upperBound, lines.upperBound)
        } else {
            skipped.append(SkippedBlock(lines: lines, reason: reason))
        }
    }

    /// Entries read before the list's first section are its introduction (its own survey,
    /// its news) when sections with entries follow.
    private mutating func setAsideIntroduction() {
        guard introEntries > 0, introEntries <= 10, entries.count - introEntries > introEntries * 4 else { return }
        for entry in entries.prefix(introEntries) {
            skipped.append(SkippedBlock(lines: entry.lines, reason: .intro))
        }
        entries.removeFirst(introEntries)
        skipped.sort { $0.lines.lowerBound < $1.lines.lowerBound }
    }

    private func containsLinks(_ block: NodeID) -> Bool {
        tree.descendants(of: block).contains { tree[$0].kind == .link }
    }

    /// Links no entry took: badges when they are all badges.
    private func skipReasonForLinks(_ block: NodeID) -> SkippedBlock.Reason? {
        isBadgeLine(block) ? .badges : nil
    }

    /// A paragraph of badges and images only.
    private func isBadgeLine(_ block: NodeID) -> Bool {
        guard tree[block].kind == .paragraph else { return false }
        let pieces = InlineFacts(tree: tree).pieces(of: tree.children(of: block))
        let visible = pieces.filter { !$0.isBlank && !$0.isBreak && $0.kind != .html }
        return !visible.isEmpty && visible.allSatisfy { $0.kind == .image || $0.link?.isBadge == true }
    }

    // MARK: - Headings and bold titles over their fields

    /// A heading naming one paper, when the block after it lists the paper's fields.
    private func headingEntry(_ heading: NodeID, fields next: NodeID) -> Entry? {
        guard case .heading(let level) = tree[heading].kind, level > (titleLevel ?? 0), isFieldBlock(next) else { return nil }
        let pieces = InlineFacts(tree: tree).pieces(of: tree.children(of: heading))
        let facts = EntryReader.read(pieces)
        guard facts.title != nil else { return nil }
        let line = tree[heading].range.start.line
        var entry = Entry(shape: .heading, section: path.filter { $0.level < level }.map(\.text), lines: line...line)
        facts.apply(to: &entry)
        entry.links = facts.links.map { link in
            EntryLink(label: LinkLabel.normalize(link.text),
                      kind: link.node == facts.titleLink ? LinkKind(titleLinkTo: link.url) : LinkKind(label: link.text, url: link.url),
                      url: link.url, line: link.line)
        }
        guard absorbFields(of: next, into: &entry) else { return nil }
        return entry
    }

    /// Whether a block is a list of field bullets (`- Paper: …`) or a paragraph of field lines.
    private func isFieldBlock(_ block: NodeID) -> Bool {
        let reader = BulletReader(tree: tree)
        let inline = InlineFacts(tree: tree)
        switch tree[block].kind {
        case .list:
            let items = tree.children(of: block)
            let labelled = items.filter { item in
                guard let paragraph = tree.children(of: item).first, tree[paragraph].kind == .paragraph else { return false }
                return reader.leadingFieldLabel(inline.pieces(of: tree.children(of: paragraph))) != nil
                    || isUnpunctuatedField(inline.pieces(of: tree.children(of: paragraph)))
            }
            return !items.isEmpty && labelled.count * 2 > items.count
        case .paragraph:
            let lines = inline.pieces(of: tree.children(of: block)).split(whereSeparator: \.isBreak)
            let labelled = lines.filter { reader.leadingFieldLabel(Array($0)) != nil }
            return lines.count >= 2 && labelled.count * 2 > lines.count
        default:
            return false
        }
    }

    /// `Paper  https://…`: a field word and a link with no colon between.
    private func isUnpunctuatedField(_ pieces: [Piece]) -> Bool {
        guard pieces.count >= 2, pieces[0].kind == .text, pieces[1].kind == .link,
              let label = FieldLabel.named(pieces[0].text) else { return false }
        return label != .other
    }

    /// Takes a field block's facts and links into an entry, extending its lines over it.
    private func absorbFields(of block: NodeID, into entry: inout Entry) -> Bool {
        guard isFieldBlock(block) else { return false }
        let inline = InlineFacts(tree: tree)
        var facts = EntryFacts()
        let paragraphs: [NodeID] = switch tree[block].kind {
        case .list: tree.children(of: block).compactMap { item in tree.children(of: item).first { tree[$0].kind == .paragraph } }
        default: [block]
        }
        for paragraph in paragraphs {
            for line in inline.pieces(of: tree.children(of: paragraph)).split(whereSeparator: \.isBreak) {
                let pieces = Array(line)
                let label = BulletReader(tree: tree).leadingFieldLabel(pieces) ?? (isUnpunctuatedField(pieces) ? FieldLabel.named(pieces[0].text) : nil)
                let text = pieces.filter { $0.kind == .text || $0.kind == .code }.map(\.text).joined()
                let value = FieldLabel.value(of: text)
                switch label {
                case .authors:
                    let names = TextFacts.authors(in: value)
                    if facts.authors == nil, !names.isEmpty { facts.authors = names; facts.authorsLine = pieces.first?.line }
                case .venue:
                    if let tag = TextFacts.venueTag(value) {
                        facts.venue = tag.venue ?? facts.venue
                        if facts.date == nil { facts.date = tag.date; facts.dateLine = pieces.first?.line }
                    } else if let venue = TextFacts.cleanTitle(value) {
                        facts.venue = venue
                    }
                    facts.venueLine = pieces.first?.line
                case .date:
                    if let date = DateText.field(value) ?? DateText.find(in: value) { facts.date = date; facts.dateLine = pieces.first?.line }
                default:
                    break
                }
                let hint: LinkKind? = switch label {
                case .paper: .paper
                case .code: .code
                case .project: .project
                case .dataset: .dataset
                default: nil
                }
                for link in pieces.compactMap(\.link) {
                    entry.links.append(EntryLink(label: LinkLabel.normalize(link.text),
                                                 kind: LinkLabel.kind(of: link.text) ?? hint ?? LinkURL.kind(of: link.url),
                                                 url: link.url, line: link.line))
                }
            }
        }
        var merged = EntryFacts(title: entry.title, titleLine: entry.fieldLines.title, name: entry.name,
                                authors: entry.authors, authorsLine: entry.fieldLines.authors, date: entry.date,
                                dateLine: entry.fieldLines.date, venue: entry.venue, venueLine: entry.fieldLines.venue)
        merged.fill(from: facts)
        merged.apply(to: &entry)
        let end = tree[block].range.end.line
        var last = end
        while last > entry.lines.lowerBound, tree.source.isBlank(last) { last -= 1 }
        entry.lines = entry.lines.lowerBound...max(entry.lines.upperBound, last)
        entry.ids = PaperIDs(links: entry.links)
        return true
    }

    // MARK: - HTML

    private mutating func readHTML(_ block: NodeID) {
        let node = tree[block]
        let text = node.range.lines.map { tree.source.line($0) }.joined(separator: "\n")
        let lower = text.lowercased()
        if htmlTable != nil || lower.contains("<table") {
            if htmlTable == nil {
                htmlTable = (text, node.range.start.line)
            } else {
                let gap = node.range.start.line - (htmlTable!.firstLine + htmlTable!.text.split(separator: "\n", omittingEmptySubsequences: false).count)
                htmlTable!.text += String(repeating: "\n", count: max(1, gap + 1)) + text
            }
            if lower.contains("</table") { finishHTMLTable() }
        }
        details.read(node, tree: tree, entries: &entries)
    }

    private mutating func finishHTMLTable() {
        guard let table = htmlTable else { return }
        htmlTable = nil
        for grid in HTMLTable.grids(in: table.text, firstLine: table.firstLine) {
            add(TableReader(grid: grid, profile: profile).entries(section: section), block: tree.root)
        }
    }
}

/// Follows `<details>` … `</details>` across sibling HTML blocks. A block that wraps exactly
/// one entry makes the entry's lines the whole block (its summary can give the year); a block
/// that wraps several makes its `<summary>` a subsection of the entries inside.
private struct DetailsTracker {
    private var depth = 0
    private var openLine = 0
    private var entriesAtOpen = 0
    private var summary = ""
    /// The text of `summary`, once read.
    private var summaryName: String??
    /// The summaries of the `<details>` blocks open now, outermost first.
    private(set) var summaries: [String] = []

    mutating func read(_ node: MarkdownNode, tree: MarkdownTree, entries: inout [Entry]) {
        for line in node.range.lines {
            let raw = tree.source.line(line)
            let text = raw.lowercased()
            let opens = text.occurrences(of: "<details")
            let closes = text.occurrences(of: "</details")
            if depth == 0, opens > 0 {
                openLine = line
                entriesAtOpen = entries.count
                summary = ""
            }
            if depth > 0 || opens > 0, text.containsBytes("<summary") {
                summary += raw
                summaryName = nil
                if depth + opens - closes > 0, let name = Self.summaryText(raw) { summaries.append(name) }
            }
            depth = max(0, depth + opens - closes)
            if closes > 0, !summaries.isEmpty { summaries.removeLast(min(closes, summaries.count)) }
            if depth == 0, closes > 0, entries.count == entriesAtOpen + 1 {
                // One entry: the block is the entry's, and its summary no section.
                let last = entries.count - 1
                entries[last].lines = min(openLine, entries[last].lines.lowerBound)...max(line, entries[last].lines.upperBound)
                if let name = summaryTitle(), entries[last].section.last == name {
                    entries[last].section.removeLast()
                }
                takeSummaryYear(into: &entries[last])
            }
            if depth == 0, closes > 0 { entriesAtOpen = entries.count }
        }
    }

    /// A `<details>` block left open at the end of the document keeps its lines (GitHub shows
    /// the rest of the file inside it) but still gives its one entry the summary's year.
    mutating func finish(entries: inout [Entry]) {
        if depth > 0, entries.count == entriesAtOpen + 1 {
            let last = entries.count - 1
            if let name = summaryTitle(), entries[last].section.last == name { entries[last].section.removeLast() }
            takeSummaryYear(into: &entries[last])
        }
    }

    /// The text of a `<summary>` element, tags removed.
    private static func summaryText(_ html: String) -> String? {
        let lower = Array(html.utf8.map(\.asciiLowercased))
        guard let open = ByteSearch.firstOffset(of: Array("<summary".utf8), in: lower, range: 0..<lower.count),
              let start = lower[open...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let close = ByteSearch.firstOffset(of: Array("</summary".utf8), in: lower, range: start..<lower.count) ?? lower.count
        let bytes = Array(html.utf8)
        let rest = Substring(String(decoding: bytes[(start + 1)..<close], as: UTF8.self))
        let end = rest.endIndex
        var text = ""
        var inTag = false
        for character in rest[..<end] {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
        }
        let cleaned = TextFacts.cleanHeading(HTMLText.decode(text))
        return cleaned.isEmpty ? nil : cleaned
    }

    /// The text of the open block's summary.
    private mutating func summaryTitle() -> String? {
        if let known = summaryName { return known }
        let name = Self.summaryText(summary)
        summaryName = name
        return name
    }

    private mutating func takeSummaryYear(into entry: inout Entry) {
        guard entry.date == nil, let name = summaryTitle() ?? Optional(summary),
              let open = name.lastIndex(of: "("), name.hasSuffix(")") else { return }
        let inner = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
        if let date = DateText.field(inner), date.precision == .year {
            entry.date = date
            entry.dateText = date.text
        }
    }
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
