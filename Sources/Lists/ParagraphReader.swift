import Markdown
import Papers

/// Reads a paragraph that names one paper:
///
///     `MICCAI 2023` **Title** \
///     *Author One, Author Two* \
///     [[paper](…)] [[code](…)]
///
///     **[59]** Surname, A., et al. "**Title**." Venue (2016). [[pdf]](…)
///     [3a] Surname, A., et al. "Title." Journal 25.2 (2020): 429-440.
///
/// and a bold title standing alone, whose fields follow as a list (`- Paper: …`). Lines may
/// be separated by hard breaks, `<br>` or plain newlines. Prose with a link is not an entry:
/// the title must open the paragraph (after tags, an index or, in a reference, the authors).
struct ParagraphReader {
    let tree: MarkdownTree

    /// Text before a bold title longer than this is prose, not a decoration.
    private static let maximumLeadLength = 40

    /// What a paragraph holds: an entry, or a bold title waiting for its field list.
    enum Reading {
        case entry(Entry)
        case titleOnly(Entry)
    }

    func read(paragraph: NodeID, section: [String]) -> Reading? {
        let inline = InlineFacts(tree: tree)
        let pieces = inline.pieces(of: tree.children(of: paragraph))
        guard let firstText = pieces.firstIndex(where: { !$0.isBlank && !$0.isBreak && $0.kind != .html }) else { return nil }
        let facts = EntryReader.read(pieces)
        // A plain title is prose unless the paragraph is a one-line citation of a paper:
        // `Title, Authors et al. 2019 [(arxiv)](…)`.
        let citesPaper = facts.authors != nil && facts.date != nil && facts.links.contains { LinkURL.kind(of: $0.url) == .paper }
            && !pieces.contains(where: \.isBreak)
        guard facts.title != nil, facts.titleOrigin != .plain || citesPaper,
              opensWithTitle(pieces, from: firstText, facts: facts) else { return nil }
        let range = tree[paragraph].range
        let entry = facts.entry(shape: .boldBlock, section: section, lines: range.start.line...range.end.line)
        // `[Title](…): a description …` alone on its line is prose with a link.
        if facts.titleOrigin == .link, facts.links.count == 1, facts.authors == nil, facts.date == nil,
           !pieces.contains(where: \.isBreak) {
            return nil
        }
        if facts.links.isEmpty, facts.authors == nil {
            // A bold title alone on its paragraph may be followed by its fields.
            return isBoldTitleAlone(pieces) ? .titleOnly(entry) : nil
        }
        return .entry(entry)
    }

    /// Whether the paragraph starts with its title: after at most a short run of tags, or,
    /// for a quoted title, after an index and the authors.
    private func opensWithTitle(_ pieces: [Piece], from first: Int, facts: EntryFacts) -> Bool {
        guard let title = facts.title else { return false }
        // A reference's split already found its authors before its title.
        if facts.titleOrigin == .citation { return true }
        let lines = pieces.split(whereSeparator: \.isBreak)
        guard let firstLine = lines.first(where: { $0.contains { !$0.isBlank && $0.kind != .html } }) else { return false }
        let firstLineText = TextFacts.withoutEmoji(firstLine.filter { $0.kind != .html && $0.kind != .image }.map(\.readingText).joined())
        // The title is on the first line (a quoted title of a reference may follow the authors).
        guard firstLineText.contains(title.prefix(12)) || (facts.titleLink != nil && firstLine.contains { $0.link?.node == facts.titleLink }) else {
            return false
        }
        guard let titleStart = firstLineText.range(of: title.prefix(12)) else { return true }
        let lead = String(firstLineText[..<titleStart.lowerBound])
        let tags = LeadText(lead)
        let rest = tags.rest.trimming(TextFacts.quotedTagEdges)
        if rest.isEmpty || !rest.contains(where: \.isLetter) { return lead.count <= Self.maximumLeadLength || tags.date != nil }
        // `Summary: Title, …`: a label before the title.
        if let label = lead.trimming(TextFacts.spacesAndEmphasis).split(separator: ":").first,
           lead.trimming(TextFacts.spacesAndEmphasis).hasSuffix(":"), FieldLabel.named(String(label)) != nil {
            return true
        }
        // `Surname, A., et al. "Title."`: a reference names its authors first.
        return LeadText.authors(before: lead) != nil
    }

    /// A paragraph that is only a bold title (and tags around it).
    private func isBoldTitleAlone(_ pieces: [Piece]) -> Bool {
        let visible = pieces.filter { !$0.isBlank && !$0.isBreak && $0.kind != .html }
        guard !visible.isEmpty, visible.allSatisfy({ $0.strong || $0.kind == .code || $0.kind == .image }) else { return false }
        return pieces.filter(\.isBreak).count <= 1
    }
}
