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
///
/// A list of 100,000 entries has about a million nodes, so they are stored small: positions
/// and links between nodes as 32-bit numbers, a link's destination and title apart.
public struct MarkdownNode: Sendable {
    public let kind: NodeKind
    /// The literal text of text, code, HTML and code-block nodes.
    public let literal: String?
    private let target: LinkTarget?
    private var position: (startLine: Int32, startColumn: Int32, endLine: Int32, endColumn: Int32)
    private let parentID: Int32
    private var firstChildID: Int32 = -1
    private var nextSiblingID: Int32 = -1

    init(kind: NodeKind, range: SourceRange, literal: String?, destination: String?, title: String?, parent: NodeID?) {
        self.kind = kind
        self.literal = literal
        target = destination == nil && title == nil ? nil : LinkTarget(destination: destination, title: title)
        position = (Int32(clamping: range.start.line), Int32(clamping: range.start.column),
                    Int32(clamping: range.end.line), Int32(clamping: range.end.column))
        parentID = parent.map { Int32($0) } ?? -1
    }

    /// Where the node stands; block ends are clamped to their last non-blank line.
    public var range: SourceRange {
        SourceRange(start: SourcePosition(line: Int(position.startLine), column: Int(position.startColumn)),
                    end: SourcePosition(line: Int(position.endLine), column: Int(position.endColumn)))
    }

    /// Moves the node's end to `end`, for a document read in parts.
    mutating func extend(to end: SourcePosition) {
        position.endLine = Int32(clamping: end.line)
        position.endColumn = Int32(clamping: end.column)
    }

    /// The destination of a link or image.
    public var destination: String? { target?.destination }
    /// The title of a link or image (`[a](url "title")`).
    public var title: String? { target?.title }
    public var parent: NodeID? { parentID < 0 ? nil : Int(parentID) }

    var firstChild: NodeID? {
        get { firstChildID < 0 ? nil : Int(firstChildID) }
        set { firstChildID = newValue.map { Int32($0) } ?? -1 }
    }

    var nextSibling: NodeID? {
        get { nextSiblingID < 0 ? nil : Int(nextSiblingID) }
        set { nextSiblingID = newValue.map { Int32($0) } ?? -1 }
    }
}

/// A link's or image's destination and title, kept apart from the node.
private final class LinkTarget: Sendable {
    let destination: String?
    let title: String?

    init(destination: String?, title: String?) {
        self.destination = destination
        self.title = title
    }
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
