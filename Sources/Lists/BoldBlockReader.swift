import Markdown

/// Reads a paragraph led by a bold title, optionally after a venue tag, an icon or an anchor:
///
///     `MICCAI 2023` **Title** \
///     *Author One, Author Two* \
///     [[paper](…)] [[code](…)]
///
/// Lines may also be separated by `<br>`. The paragraph is an entry when it carries a link or
/// an author line.
struct BoldBlockReader {
    let tree: MarkdownTree

    /// Text before the bold title longer than this is prose, not a decoration; shorter text
    /// may hold venue tags, icons and anchors but no words of its own.
    private static let maximumLeadLength = 40

    func entry(paragraph: NodeID, section: [String]) -> Entry? {
        let inline = InlineFacts(tree: tree)
        let lines = inline.lines(of: paragraph)
        guard let firstLine = lines.first,
              let titleIndex = firstLine.firstIndex(where: { isTitleNode($0) }) else { return nil }
        let lead = firstLine[..<titleIndex]
        let leadText = inline.text(of: lead)
        let decorations = Decorations(leadText)
        guard !lead.contains(where: { inline.holdsLink($0) }), leadText.count <= Self.maximumLeadLength,
              !decorations.rest.contains(where: \.isLetter) else { return nil }
        let titleNode = firstLine[titleIndex]
        guard let title = TextFacts.cleanTitle(tree.plainText(of: titleNode)) else { return nil }

        let authorLine = lines.dropFirst().first.flatMap { line -> [String]? in
            guard !line.contains(where: { inline.holdsLink($0) }) else { return nil }
            let text = inline.text(of: line)
            return TextFacts.looksLikeAuthors(text) ? TextFacts.authors(in: text) : nil
        }
        let links = inline.links(under: paragraph)
        guard !links.isEmpty || authorLine != nil else { return nil }

        let range = tree[paragraph].range
        var entry = Entry(shape: .boldBlock, title: title, authors: authorLine, section: section,
                          lines: range.start.line...range.end.line)
        let trailing = Decorations(inline.text(of: firstLine[(titleIndex + 1)...].prefix { !inline.holdsLink($0) }))
        entry.venue = decorations.venue ?? trailing.venue
        entry.year = decorations.year ?? trailing.year
        entry.yearText = decorations.yearText ?? trailing.yearText
        let titleLinkNode = tree[titleNode].kind == .link ? titleNode : nil
        entry.links = links.map { link in
            EntryLink(label: LinkLabel.normalize(link.text),
                      kind: link.node == titleLinkNode ? .paper : LinkKind(label: link.text, url: link.url),
                      url: link.url)
        }
        entry.ids = PaperIDs(links: entry.links)
        return entry
    }

    /// A bold node, or a link whose text is bold (`[**Title**](…)`).
    private func isTitleNode(_ node: NodeID) -> Bool {
        switch tree[node].kind {
        case .strong:
            return true
        case .link:
            return tree.children(of: node).first.map { tree[$0].kind == .strong } ?? false
        default:
            return false
        }
    }
}
