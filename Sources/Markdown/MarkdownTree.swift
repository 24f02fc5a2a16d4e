/// The kind of a Markdown node, as GitHub-flavoured Markdown (cmark-gfm) parses it.
public enum NodeKind: Hashable, Sendable {
    case document
    case blockQuote
    case list(ordered: Bool)
    case item
    case codeBlock
    case htmlBlock
    case paragraph
    case heading(level: Int)
    case thematicBreak
    case table
    case tableRow(isHeader: Bool)
    case tableCell
    case text
    case softBreak
    case lineBreak
    case code
    case htmlInline
    case emphasis
    case strong
    case link
    case image
    case strikethrough
    /// A node of an extension vlmbot does not interpret (footnotes, custom blocks).
    case other

    /// Whether the node is a block (holds lines) rather than inline content.
    public var isBlock: Bool {
        switch self {
        case .document, .blockQuote, .list, .item, .codeBlock, .htmlBlock, .paragraph, .heading,
             .thematicBreak, .table, .tableRow, .tableCell:
            return true
        default:
            return false
        }
    }
}

/// Identifies a node inside its `MarkdownTree`.
public typealias NodeID = Int

/// One node of a parsed document: its kind, where it stands, and its text facts.
public struct MarkdownNode: Sendable {
    public let kind: NodeKind
    /// Where the node stands; block ends are clamped to their last non-blank line.
    public let range: SourceRange
    /// The literal text of text, code, HTML and code-block nodes.
    public let literal: String?
    /// The destination of a link or image.
    public let destination: String?
    /// The title of a link or image (`[a](url "title")`).
    public let title: String?
    public let parent: NodeID?
    var firstChild: NodeID?
    var nextSibling: NodeID?
}

/// A parsed Markdown document as a flat, immutable tree of value nodes.
///
/// Nodes are stored in document order (parents before children), so very deep documents
/// need no recursion to build, walk or free.
public struct MarkdownTree: Sendable {
    /// All nodes in document order; the root (the document) is at index 0.
    public let nodes: [MarkdownNode]
    /// The source the tree was parsed from.
    public let source: SourceText

    init(nodes: [MarkdownNode], source: SourceText) {
        self.nodes = nodes
        self.source = source
    }

    /// The document node.
    public var root: NodeID { 0 }

    public subscript(id: NodeID) -> MarkdownNode { nodes[id] }

    /// The children of a node, in order.
    public func children(of id: NodeID) -> [NodeID] {
        var result: [NodeID] = []
        var child = nodes[id].firstChild
        while let current = child {
            result.append(current)
            child = nodes[current].nextSibling
        }
        return result
    }

    /// The node and every node below it, in document order.
    public func descendants(of id: NodeID) -> [NodeID] {
        var result: [NodeID] = []
        var stack: [NodeID] = [id]
        while let current = stack.popLast() {
            result.append(current)
            stack.append(contentsOf: children(of: current).reversed())
        }
        return result
    }

    /// The text a reader sees: text, code and the text of links, emphasis and so on, with
    /// line breaks as spaces. Images contribute their alt text only when `includeImages` is set.
    public func plainText(of id: NodeID, includeImages: Bool = false) -> String {
        var text = ""
        var stack: [NodeID] = [id]
        while let current = stack.popLast() {
            let node = nodes[current]
            switch node.kind {
            case .text, .code:
                text += node.literal ?? ""
            case .softBreak, .lineBreak:
                text += " "
            case .image where !includeImages, .htmlInline, .htmlBlock, .codeBlock:
                continue
            default:
                stack.append(contentsOf: children(of: current).reversed())
            }
        }
        return text
    }
}
