import Foundation
import Markdown
import Papers

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
    let line: Int
    /// What a badge image says, when its address says it (a shields.io badge).
    var badgeText: String? = nil
}

/// One piece of inline content in reading order: a link, a run of text, a code span, an
/// HTML tag, an image or a line break, with the emphasis it is written in.
struct Piece {
    enum Kind: Equatable {
        case text, link, code, html, image
        /// A soft break (a newline inside a paragraph).
        case softBreak
        /// A hard break (two trailing spaces or `\`) or a `<br>` tag.
        case hardBreak
    }

    var kind: Kind
    /// The text a reader sees: a link's text, a badge's image text, a tag as written.
    var text: String
    var node: NodeID
    var line: Int
    var strong = false
    var emphasis = false
    var link: FoundLink?
    /// What a badge says (`ICML'23` of a `Conference-ICML'23-blue` shield), for images and badge links.
    var badgeText: String?

    var isBreak: Bool { kind == .softBreak || kind == .hardBreak }

    /// The text as a reader sees it, code spans kept in backticks so that tags such as
    /// `` `CVPR 2023` `` stay recognisable.
    var readingText: String { kind == .code ? "`" + text + "`" : text }
    var isBlank: Bool { kind == .text && text.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\\" } }
}

/// Reads links and pieces out of inline nodes.
struct InlineFacts {
    let tree: MarkdownTree

    /// Every link under a node, in document order, anchors (`#…`) excluded.
    func links(under node: NodeID) -> [FoundLink] {
        tree.descendants(of: node).compactMap(link)
    }

    /// The link a node is, when it is a link to outside the document.
    func link(_ id: NodeID) -> FoundLink? {
        let link = tree[id]
        guard link.kind == .link, let url = link.destination, LinkURL.isExternal(url) else { return nil }
        let visible = tree.plainText(of: id)
        let isBadge = visible.trimming(.whitespaces).isEmpty
            && tree.descendants(of: id).contains { tree[$0].kind == .image }
        let text = isBadge ? tree.plainText(of: id, includeImages: true) : visible
        let badgeText = isBadge ? tree.descendants(of: id).lazy.compactMap { tree[$0].kind == .image ? tree[$0].destination : nil }
            .first.flatMap(Badge.text) : nil
        return FoundLink(node: id, text: text, url: url, title: link.title, isBadge: isBadge, line: link.range.start.line,
                         badgeText: badgeText)
    }

    /// The pieces of some inline nodes, in reading order. Emphasis and strong emphasis are
    /// flattened into flags; a link is one piece whatever it holds; neighbouring text pieces
    /// of the same emphasis are joined (cmark splits text at brackets).
    func pieces(of nodes: some Sequence<NodeID>) -> [Piece] {
        var pieces: [Piece] = []
        for node in nodes { append(node, strong: false, emphasis: false, to: &pieces) }
        return pieces
    }

    private func append(_ id: NodeID, strong: Bool, emphasis: Bool, to pieces: inout [Piece]) {
        let node = tree[id]
        let line = node.range.start.line
        func add(_ kind: Piece.Kind, _ text: String, link: FoundLink? = nil) {
            if kind == .text, let last = pieces.last, last.kind == .text, last.strong == strong, last.emphasis == emphasis {
                pieces[pieces.count - 1].text += text
                return
            }
            pieces.append(Piece(kind: kind, text: text, node: id, line: line, strong: strong, emphasis: emphasis, link: link))
        }
        switch node.kind {
        case .text:
            add(.text, node.literal ?? "")
        case .code:
            add(.code, node.literal ?? "")
        case .softBreak:
            add(.softBreak, " ")
        case .lineBreak:
            add(.hardBreak, " ")
        case .htmlInline:
            let html = node.literal ?? ""
            add(html.lowercased().hasPrefix("<br") ? .hardBreak : .html, html)
        case .image:
            add(.image, tree.plainText(of: id, includeImages: true))
            pieces[pieces.count - 1].badgeText = node.destination.flatMap(Badge.text)
        case .link:
            if let found = link(id) {
                // `[**Title**](…)` is a strong link.
                let inner = tree.children(of: id)
                let strongInside = inner.contains { tree[$0].kind == .strong }
                let emphasisInside = inner.contains { tree[$0].kind == .emphasis }
                pieces.append(Piece(kind: .link, text: found.text, node: id, line: line, strong: strong || strongInside,
                                    emphasis: emphasis || emphasisInside, link: found, badgeText: found.badgeText))
            } else {
                // An anchor link reads as its text.
                for child in tree.children(of: id) { append(child, strong: strong, emphasis: emphasis, to: &pieces) }
            }
        case .strong:
            for child in tree.children(of: id) { append(child, strong: true, emphasis: emphasis, to: &pieces) }
        case .emphasis:
            for child in tree.children(of: id) { append(child, strong: strong, emphasis: true, to: &pieces) }
        default:
            for child in tree.children(of: id) { append(child, strong: strong, emphasis: emphasis, to: &pieces) }
        }
    }
}

/// Reads what a shields.io badge says from its address: `/badge/LABEL-MESSAGE-COLOR`, with
/// `--` for a dash, `__` for an underscore, `_` or `%20` for a space.
enum Badge {
    static func text(_ url: String) -> String? {
        guard let host = LinkURL.host(of: url), host.hasSuffix("shields.io"),
              let range = url.range(of: "/badge/") else { return nil }
        var path = String(url[range.upperBound...])
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<query]) }
        if let dot = path.range(of: ".svg", options: .backwards) { path = String(path[..<dot.lowerBound]) }
        let marked = path.replacingOccurrences(of: "--", with: "\u{1}").replacingOccurrences(of: "__", with: "\u{2}")
        let parts = marked.split(separator: "-", omittingEmptySubsequences: false).map { part in
            (String(part).removingPercentEncoding ?? String(part))
                .replacingOccurrences(of: "_", with: " ")
                .replacingOccurrences(of: "\u{1}", with: "-").replacingOccurrences(of: "\u{2}", with: "_")
        }
        guard parts.count >= 2 else { return nil }
        let message = parts.count >= 3 ? parts[parts.count - 2] : parts[0]
        return message.trimming(.whitespaces).isEmpty ? nil : message
    }
}
