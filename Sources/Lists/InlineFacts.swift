import Foundation
import Markdown

/// A link found in inline content, before it is classified.
struct FoundLink {
    let node: NodeID
    /// The link text as displayed (image alt text for a badge).
    let text: String
    let url: String
    /// The link title attribute, which reference-style short names use for the full title.
    let title: String?
    /// Whether the link shows only an image (a badge).
    let isBadge: Bool
}

/// Reads links, lines and leading decorations out of a paragraph's inline nodes.
struct InlineFacts {
    let tree: MarkdownTree

    /// Every link under a node, in document order, anchors (`#…`) excluded.
    func links(under node: NodeID) -> [FoundLink] {
        tree.descendants(of: node).compactMap { id in
            let link = tree[id]
            guard link.kind == .link, let url = link.destination, LinkURL.isExternal(url) else { return nil }
            let visible = tree.plainText(of: id)
            let isBadge = visible.trimming(.whitespaces).isEmpty
                && tree.descendants(of: id).contains { tree[$0].kind == .image }
            let text = isBadge ? tree.plainText(of: id, includeImages: true) : visible
            return FoundLink(node: id, text: text, url: url, title: link.title, isBadge: isBadge)
        }
    }

    /// The paragraph's top-level inline nodes split into lines at soft, hard and `<br>` breaks.
    func lines(of paragraph: NodeID) -> [[NodeID]] {
        var lines: [[NodeID]] = [[]]
        for child in tree.children(of: paragraph) {
            let node = tree[child]
            if node.kind == .softBreak || node.kind == .lineBreak || isBreakTag(node) {
                lines.append([])
            } else {
                lines[lines.count - 1].append(child)
            }
        }
        return lines.filter { line in line.contains { !isBlankText(tree[$0]) } }
    }

    /// The text of inline nodes as a reader sees it, with code spans kept in backticks so that
    /// decorations such as `` `CVPR 2023` `` stay recognisable.
    func text(of nodes: some Sequence<NodeID>) -> String {
        nodes.map { id in
            tree[id].kind == .code ? "`\(tree[id].literal ?? "")`" : tree.plainText(of: id)
        }.joined()
    }

    /// Whether a node is or holds a link.
    func holdsLink(_ node: NodeID) -> Bool {
        tree.descendants(of: node).contains { tree[$0].kind == .link }
    }

    private func isBreakTag(_ node: MarkdownNode) -> Bool {
        guard node.kind == .htmlInline, let html = node.literal?.lowercased() else { return false }
        return html.hasPrefix("<br")
    }

    private func isBlankText(_ node: MarkdownNode) -> Bool {
        switch node.kind {
        case .text: return (node.literal ?? "").allSatisfy { $0 == " " || $0 == "\\" }
        case .htmlInline: return true
        default: return false
        }
    }
}

/// Venue and year decorations around a title: `[CVPR 2023] Title`, `` `arXiv 2023` ``,
/// `Title (NeurIPS'23)`, `[2023.04] Title`.
struct Decorations {
    var venue: String?
    var year: Int?
    var yearText: String?
    /// The text left once the decorations are removed.
    var rest: String

    /// Strips leading bracketed, parenthesised or code-span groups and a trailing parenthesised
    /// group that read as a venue and year.
    init(_ text: String) {
        rest = text.trimming(.whitespaces)
        while let match = rest.prefixMatch(of: Self.leadingGroup), absorb(Self.groupContent(match.1)) {
            rest = String(rest[match.range.upperBound...]).trimming(.whitespaces)
        }
        let trimmedEnd = rest.trimming(Self.trailingSeparators)
        if let match = trimmedEnd.firstMatch(of: Self.trailingGroup), absorb(String(match.1)) {
            rest = String(trimmedEnd[..<match.range.lowerBound])
        }
    }

    /// Takes a venue and year out of a group's text; false when it holds neither.
    private mutating func absorb(_ group: String) -> Bool {
        guard let parsed = TextFacts.venueAndYear(group) else { return false }
        if venue == nil { venue = parsed.venue }
        if year == nil {
            year = parsed.year
            yearText = group.trimming(.whitespaces)
        }
        return true
    }

    private static func groupContent(_ group: Substring) -> String {
        String(group.dropFirst().dropLast())
    }

    private static let trailingSeparators = ScalarSet(charactersIn: " [|-.,")
    nonisolated(unsafe) private static let leadingGroup = /\s*(\[[^\]]*\]|`[^`]*`|\([^)]*\))/
    nonisolated(unsafe) private static let trailingGroup = /\(([^()]*)\)\s*$/
}
