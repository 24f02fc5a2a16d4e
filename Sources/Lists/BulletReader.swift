import Markdown
import Papers

/// Reads entries from bullet and numbered lists: an item whose first paragraph names a paper
/// is an entry, with its sub-bullets and indented paragraphs (authors, venue, notes, links,
/// badge lines); an item that names no paper (a table of contents, a topic bullet) is
/// searched for entries below it.
struct BulletReader {
    let tree: MarkdownTree
    private var inline: InlineFacts { InlineFacts(tree: tree) }

    init(tree: MarkdownTree) {
        self.tree = tree
    }

    func entries(inList list: NodeID, section: [String], depth: Int) -> [Entry] {
        guard depth < ListParser.maximumListDepth, !isNavigation(list) else { return [] }
        var entries: [Entry] = []
        for item in tree.children(of: list) {
            let nested = children(of: item) { if case .list = $0 { true } else { false } }
            guard var entry = entry(item: item, section: section) else {
                for child in nested {
                    entries += self.entries(inList: child, section: section, depth: depth + 1)
                }
                continue
            }
            // Sub-bullets that name a paper of their own are entries too; the rest belong to
            // this entry (authors, venue, notes, `[code]` links).
            // Sub-bullets after a sub-entry belong to it.
            var subEntries: [Entry] = []
            for child in nested {
                for subItem in tree.children(of: child) {
                    if let subEntry = ownEntry(subItem, section: section) {
                        subEntries.append(subEntry)
                    } else if subEntries.isEmpty {
                        absorb(subItem, into: &entry)
                    } else {
                        absorb(subItem, into: &subEntries[subEntries.count - 1])
                        let last = lastLine(of: subItem)
                        subEntries[subEntries.count - 1].lines = subEntries[subEntries.count - 1].lines.lowerBound...max(last, subEntries[subEntries.count - 1].lines.upperBound)
                    }
                }
            }
            if let first = subEntries.first {
                entry.lines = entry.lines.lowerBound...max(entry.lines.lowerBound, lastLine(before: first.lines.lowerBound, from: entry.lines.lowerBound))
            }
            entry.ids = PaperIDs(links: entry.links)
            entries.append(entry)
            entries += subEntries
        }
        return entries
    }

    /// A sub-bullet that names a paper of its own: a title link or bold title, and links.
    private func ownEntry(_ item: NodeID, section: [String]) -> Entry? {
        guard let paragraph = firstParagraph(of: item) else { return nil }
        let pieces = inline.pieces(of: tree.children(of: paragraph))
        // Its own title is linked, bold or quoted.
        guard pieces.contains(where: { $0.kind == .link && $0.link?.isBadge == false || $0.strong
                                       || $0.kind == .text && ($0.text.contains("\"") || $0.text.contains("“")) }) else { return nil }
        if let label = leadingFieldLabel(pieces), label != .title { return nil }
        let facts = EntryReader.read(pieces)
        // A title of its own (linked, bold or quoted) and the facts of a paper; a line of
        // authors and venue is its parent's.
        guard facts.title != nil, [.link, .strong, .quoted].contains(facts.titleOrigin),
              facts.authors != nil || facts.date != nil || facts.venue != nil
                || facts.links.contains(where: { $0.node == facts.titleLink && LinkURL.kind(of: $0.url) == .paper }) else { return nil }
        return entry(item: item, section: section)
    }

    /// The entry an item holds: its first paragraph names it; its other paragraphs give
    /// authors, venue and date.
    func entry(item: NodeID, section: [String]) -> Entry? {
        guard let paragraph = firstParagraph(of: item) else { return nil }
        let pieces = inline.pieces(of: tree.children(of: paragraph))
        if leadingFieldLabel(pieces) != nil || Self.isPointer(pieces) { return nil }
        var facts = EntryReader.read(pieces)
        guard facts.title != nil else { return nil }
        for block in tree.children(of: item).dropFirst() where tree[block].kind == .paragraph {
            let more = EntryReader.fields(inline.pieces(of: tree.children(of: block)))
            facts.fill(from: more)
            facts.links += more.links
        }
        let hasPaperFacts = facts.authors != nil || (facts.venue != nil && facts.date != nil)
        guard !facts.links.isEmpty || hasPaperFacts else { return nil }
        // `[Cook et al., IJCNN 2011](#Cook11), *Title*`: naming a paper only through a link to
        // its entry elsewhere in the list is a cross-reference, not an entry.
        if facts.links.isEmpty, pieces.contains(where: { $0.kind == .text && isInAnchorLink($0.node) }) {
            return nil
        }
        let range = tree[item].range
        return facts.entry(shape: .bullet, section: section, lines: range.start.line...lastLine(of: item))
    }

    /// A sub-bullet of an entry: a field (`Authors: …`, `Paper: url`), an author line
    /// (`Authors. Venue, 2021.`), notes, or extra links.
    private func absorb(_ item: NodeID, into entry: inout Entry) {
        guard let paragraph = firstParagraph(of: item) else { return }
        let pieces = inline.pieces(of: tree.children(of: paragraph))
        let field = leadingFieldLabel(pieces)
        let facts = EntryReader.fields(pieces)
        if field == nil || field == .authors || field == .venue || field == .date {
            var fill = EntryFacts()
            fill.fill(from: facts)
            if entry.authors == nil, field == .authors, fill.authors == nil {
                let text = pieces.filter { $0.kind == .text }.map(\.text).joined()
                let names = TextFacts.authors(in: FieldLabel.value(of: text))
                if !names.isEmpty {
                    fill.authors = names
                    fill.authorsLine = tree[paragraph].range.start.line
                }
            }
            if field != nil || fill.authors != nil || fill.date != nil {
                var merged = EntryFacts(title: entry.title, titleLine: entry.fieldLines.title, name: entry.name,
                                        authors: entry.authors, authorsLine: entry.fieldLines.authors, date: entry.date,
                                        dateLine: entry.fieldLines.date, venue: entry.venue, venueLine: entry.fieldLines.venue)
                merged.fill(from: fill)
                merged.apply(to: &entry)
            }
        }
        let hint: LinkKind? = switch field {
        case .paper: .paper
        case .code: .code
        case .project: .project
        case .dataset: .dataset
        default: nil
        }
        entry.links += inline.links(under: item).map { link in
            EntryLink(label: LinkLabel.normalize(link.text),
                      kind: LinkLabel.kind(of: link.text) ?? hint ?? LinkURL.kind(of: link.url), url: link.url, line: link.line)
        }
    }

    /// The field a line starts with (`Paper: …`, `**Authors**: …`), if any.
    func leadingFieldLabel(_ pieces: [Piece]) -> FieldLabel? {
        var label = ""
        for piece in pieces {
            if piece.kind == .text || piece.kind == .code {
                label += piece.text
                if let colon = label.firstIndex(where: { $0 == ":" || $0 == "：" }) {
                    return FieldLabel.named(String(label[..<colon]))
                }
                if label.count > 24 { return nil }
            } else if piece.kind == .html || piece.kind == .image {
                continue
            } else {
                return nil
            }
        }
        return nil
    }

    /// A list whose items mostly link the list's own headings or pages (a table of contents,
    /// `- [Quantization](quantization.md)`): the few that link elsewhere are navigation too.
    private func isNavigation(_ list: NodeID) -> Bool {
        let items = tree.children(of: list)
        guard items.count >= 3 else { return false }
        let navigation = items.filter { item in
            // An item that is only a link to the list's own heading or page.
            guard let paragraph = firstParagraph(of: item) else { return false }
            let children = tree.children(of: paragraph)
            let links = children.filter { tree[$0].kind == .link }
            let others = children.filter { tree[$0].kind != .link }.map { tree.plainText(of: $0) }.joined()
            return links.count == 1 && !LinkURL.isExternal(tree[links[0]].destination ?? "")
                && !others.contains(where: { $0.isLetter || $0.isNumber })
        }
        return navigation.count * 3 >= items.count * 2
    }

    /// `See also [the theses of …](…)`, `[Contribute to the map](…)`: a bullet that points the
    /// reader elsewhere names no paper.
    private static func isPointer(_ pieces: [Piece]) -> Bool {
        let text = pieces.prefix(3).map(\.text).joined().lowercased().trimming(TextFacts.spacesAndEmphasis)
        return ["see also", "see ", "check out", "click ", "visit ", "refer to", "contribute to", "contributing",
                "more papers", "more at", "join ", "follow "].contains { text.hasPrefix($0) }
    }

    /// Whether a node stands inside a link to a heading of the list (`#anchor`).
    private func isInAnchorLink(_ node: NodeID) -> Bool {
        var current = tree[node].parent
        while let id = current {
            if tree[id].kind == .link { return tree[id].destination?.hasPrefix("#") == true }
            current = tree[id].parent
        }
        return false
    }

    private func firstParagraph(of item: NodeID) -> NodeID? {
        tree.children(of: item).first.flatMap { tree[$0].kind == .paragraph ? $0 : nil }
    }

    private func children(of item: NodeID, where matches: (NodeKind) -> Bool) -> [NodeID] {
        tree.children(of: item).filter { matches(tree[$0].kind) }
    }

    /// The last line of an item that holds text (a list item's range runs over blank lines).
    private func lastLine(of item: NodeID) -> Int {
        let range = tree[item].range
        return lastLine(before: range.end.line + 1, from: range.start.line)
    }

    private func lastLine(before line: Int, from first: Int) -> Int {
        var last = line - 1
        while last > first, tree.source.isBlank(last) { last -= 1 }
        return max(first, last)
    }
}
