import Markdown

/// Reads entries from bullet lists: an item whose first paragraph carries a link to the paper
/// is an entry, with its sub-bullets (authors, notes, extra links); an item without such a
/// link (a table of contents, a topic bullet) is searched for entries below it.
struct BulletReader {
    let tree: MarkdownTree
    private var inline: InlineFacts { InlineFacts(tree: tree) }

    init(tree: MarkdownTree) {
        self.tree = tree
    }

    func entries(inList list: NodeID, section: [String], depth: Int) -> [Entry] {
        guard depth < ListParser.maximumListDepth else { return [] }
        var entries: [Entry] = []
        for item in tree.children(of: list) {
            let nested = nestedLists(of: item)
            guard var entry = entry(item: item, section: section) else {
                for child in nested {
                    entries += self.entries(inList: child, section: section, depth: depth + 1)
                }
                continue
            }
            // Sub-bullets that name a paper of their own are entries too; the rest belong to
            // this entry (authors, notes, `[code]` links).
            var children: [Entry] = []
            for child in nested {
                for subItem in tree.children(of: child) {
                    if titleLink(in: subItem) != nil, let subEntry = self.entry(item: subItem, section: section) {
                        children.append(subEntry)
                    } else {
                        absorb(subItem, into: &entry)
                    }
                }
            }
            if let firstChild = children.first {
                entry.lines = entry.lines.lowerBound...max(entry.lines.lowerBound, firstChild.lines.lowerBound - 1)
            }
            entry.ids = PaperIDs(links: entry.links)
            entries.append(entry)
            entries += children
        }
        return entries
    }

    /// The entry an item holds, from its first paragraph alone.
    private func entry(item: NodeID, section: [String]) -> Entry? {
        guard let paragraph = firstParagraph(of: item) else { return nil }
        let links = inline.links(under: paragraph)
        guard links.contains(where: { !$0.isBadge }) else { return nil }
        let range = tree[item].range
        var entry = Entry(shape: .bullet, section: section, lines: range.start.line...range.end.line)
        let titleLink = links.first { !$0.isBadge && Self.isTitleText($0.text) }
        let children = tree.children(of: paragraph)
        let lead: Decorations
        if let titleLink {
            let before = children.prefix { !tree.descendants(of: $0).contains(titleLink.node) }
            lead = Decorations(inline.text(of: before))
            entry.title = TextFacts.cleanTitle(titleLink.text)
            let after = children.drop { !tree.descendants(of: $0).contains(titleLink.node) }.dropFirst()
            let trailing = Decorations(inline.text(of: after.prefix { !inline.holdsLink($0) }))
            entry.venue = lead.venue ?? trailing.venue
            entry.year = lead.year ?? trailing.year ?? TextFacts.year(in: trailing.rest)
            entry.yearText = lead.yearText ?? trailing.yearText ?? entry.year.map(String.init)
        } else {
            lead = Decorations(inline.text(of: children.prefix { !inline.holdsLink($0) }))
            entry.title = TextFacts.cleanTitle(lead.rest)
            entry.venue = lead.venue
            entry.year = lead.year
            entry.yearText = lead.yearText
        }
        entry.links = links.map { link in
            EntryLink(label: LinkLabel.normalize(link.text),
                      kind: link.node == titleLink?.node ? .paper : LinkKind(label: link.text, url: link.url),
                      url: link.url)
        }
        entry.ids = PaperIDs(links: entry.links)
        return entry
    }

    /// A sub-bullet of an entry: an author line, or extra links.
    private func absorb(_ item: NodeID, into entry: inout Entry) {
        guard let paragraph = firstParagraph(of: item) else { return }
        let text = tree.plainText(of: paragraph)
        let links = inline.links(under: item)
        if entry.authors == nil, links.isEmpty, TextFacts.looksLikeAuthors(text) || text.lowercased().hasPrefix("author") {
            entry.authors = TextFacts.authors(in: text)
        }
        entry.links += links.map { link in
            EntryLink(label: LinkLabel.normalize(link.text), kind: LinkKind(label: link.text, url: link.url), url: link.url)
        }
    }

    /// The link of an item's first paragraph that names a paper rather than labelling a link.
    private func titleLink(in item: NodeID) -> FoundLink? {
        guard let paragraph = firstParagraph(of: item) else { return nil }
        return inline.links(under: paragraph).first { !$0.isBadge && Self.isTitleText($0.text) }
    }

    /// Link text that is a title: not a generic label and not a venue-and-year tag.
    private static func isTitleText(_ text: String) -> Bool {
        !LinkLabel.isGeneric(text) && TextFacts.venueAndYear(LinkLabel.normalize(text)) == nil
    }

    private func firstParagraph(of item: NodeID) -> NodeID? {
        tree.children(of: item).first.flatMap { tree[$0].kind == .paragraph ? $0 : nil }
    }

    private func nestedLists(of item: NodeID) -> [NodeID] {
        tree.children(of: item).filter { if case .list = tree[$0].kind { true } else { false } }
    }
}
