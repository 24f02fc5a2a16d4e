import Foundation

/// One byte of what a reader sees in a block's inline content, tied to where it is written.
public struct InlineGlyph: Sendable {
    /// Stands for something shown as a whole (code, HTML, an image, the start of a link).
    public static let opaque: UInt8 = 0
    /// Stands for a line break.
    public static let lineBreak = UInt8(ascii: "\n")

    /// The byte as shown, or one of the markers above.
    public var byte: UInt8
    /// The source byte offset it was read from; nil when it could not be placed.
    public var origin: Int?
    /// Whether the source writes it escaped (`\*`) or as an entity, so it can never be markup.
    public var escaped: Bool
    /// The innermost link (or autolink) the byte belongs to.
    public var link: NodeID?
    /// The node an opaque glyph stands for.
    public var stands: NodeID?
}

/// The inline content of one block (a paragraph, heading or table cell) laid against the
/// source: each visible byte's origin and each placed node's byte range.
///
/// cmark-gfm's inline positions drift after backslash line breaks and container prefixes, so
/// they are not used: the walk follows the nodes' text through the block's own bytes.
public struct InlineLayout {
    public let block: NodeID
    public private(set) var glyphs: [InlineGlyph] = []
    /// The source byte range of each inline node that could be placed.
    private(set) var spans: [NodeID: Range<Int>] = [:]
    /// Links whose text is their URL (`https://…`, `<https://…>`), as opposed to `[text](…)`.
    public private(set) var autolinks: Set<NodeID> = []

    public init(block: NodeID, in tree: MarkdownTree) {
        self.block = block
        var walker = InlineWalker(tree: tree, block: block)
        walker.walk()
        glyphs = walker.glyphs
        spans = walker.spans
        autolinks = walker.autolinks
    }
}

/// Lays out each block once and tells where its inline nodes are written.
public struct InlineLocator {
    public let tree: MarkdownTree
    private var layouts: [NodeID: InlineLayout] = [:]

    public init(tree: MarkdownTree) {
        self.tree = tree
    }

    /// The layout of a paragraph, heading or table cell.
    public mutating func layout(of block: NodeID) -> InlineLayout {
        if let cached = layouts[block] { return cached }
        let layout = InlineLayout(block: block, in: tree)
        layouts[block] = layout
        return layout
    }

    /// The source bytes of an inline node, when they could be placed.
    public mutating func bytes(of node: NodeID) -> Range<Int>? {
        tree.inlineBlock(of: node).flatMap { layout(of: $0).spans[node] }
    }

    /// Where a link's destination is written: after the link's last `](`, or the whole link
    /// when it is an autolink; nil when it cannot be placed (a reference link).
    public mutating func destinationBytes(of link: NodeID) -> Range<Int>? {
        guard let destination = tree[link].destination, !destination.isEmpty, let span = bytes(of: link) else { return nil }
        let bytes = tree.source.bytes[span]
        let needle = Array(destination.utf8)
        let opener = Array("](".utf8)
        let start = bytes.indices.last(where: { bytes[$0...].starts(with: opener) }).map { $0 + 2 } ?? span.lowerBound
        guard start + needle.count <= span.upperBound else { return nil }
        return (start...span.upperBound - needle.count).lazy
            .first { bytes[$0...].starts(with: needle) }
            .map { $0..<$0 + needle.count }
    }

    /// Where a finding about an inline node goes: its own bytes, or else its block's first line.
    public mutating func range(of node: NodeID) -> SourceRange {
        if let bytes = bytes(of: node) { return tree.source.range(ofBytes: bytes) }
        let line = tree[tree.inlineBlock(of: node) ?? node].range.start.line
        return SourceRange(lines: line, line, in: tree.source)
    }
}

extension MarkdownTree {
    /// Whether a node holds inline content directly: a paragraph, heading or table cell.
    public func holdsInlines(_ id: NodeID) -> Bool {
        switch self[id].kind {
        case .paragraph, .heading, .tableCell: true
        default: false
        }
    }

    /// Every paragraph, heading and table cell, in document order.
    public var inlineBlocks: [NodeID] {
        nodes.indices.filter(holdsInlines)
    }

    /// The paragraph, heading or table cell an inline node stands in.
    public func inlineBlock(of id: NodeID) -> NodeID? {
        ancestors(of: id).first(where: holdsInlines)
    }

    /// The nodes a node stands in, innermost first.
    public func ancestors(of id: NodeID) -> [NodeID] {
        Array(sequence(first: id) { self[$0].parent }.dropFirst())
    }
}

extension SourceText {
    /// The range of source bytes `start..<end` (end exclusive), with an inclusive end position.
    public func range(ofBytes bytes: Range<Int>) -> SourceRange {
        SourceRange(start: position(ofOffset: bytes.lowerBound),
                    end: position(ofOffset: max(bytes.lowerBound, bytes.upperBound - 1)))
    }

    /// The source text of a byte range for quoting in a message: lines joined, and the middle
    /// of a long text cut so both of its ends show.
    public func excerpt(_ bytes: Range<Int>) -> String {
        let text = String(decoding: self.bytes[bytes], as: UTF8.self)
            .split(whereSeparator: \.isNewline).joined(separator: " ").trimming(.whitespaces)
        return text.count > 60 ? String(text.prefix(29)) + "…" + String(text.suffix(30)) : text
    }

    /// The line terminator that ends the line before `line`, for a fix that inserts a line
    /// there: a file mixing line endings keeps each line's own.
    public func lineTerminator(before line: Int) -> String {
        let start = offset(of: SourcePosition(line: line, column: 1))
        guard start > 0 else { return "\n" }
        if bytes[start - 1] == UInt8(ascii: "\r") { return "\r" }
        return start > 1 && bytes[start - 2] == UInt8(ascii: "\r") ? "\r\n" : "\n"
    }
}

/// Bytes of Markdown syntax that may stand between inline nodes without being shown.
private func isSyntaxGap(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: ">"),
         UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "\\"):
        true
    default:
        false
    }
}

/// Whether a byte is ASCII punctuation, which a backslash escapes.
func isASCIIPunctuation(_ byte: UInt8) -> Bool {
    (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte)
        || (0x7B...0x7E).contains(byte)
}

/// Walks a block's inline nodes in order with a cursor in the source bytes.
private struct InlineWalker {
    enum Event { case enter(NodeID), exit(NodeID) }

    let tree: MarkdownTree
    let block: NodeID
    let bytes: [UInt8]
    let end: Int
    var cursor: Int
    var glyphs: [InlineGlyph] = []
    var spans: [NodeID: Range<Int>] = [:]
    var autolinks: Set<NodeID> = []
    private var openLinks: [NodeID] = []
    private var linkStarts: [NodeID: Int] = [:]
    private var imageDepth = 0

    init(tree: MarkdownTree, block: NodeID) {
        self.tree = tree
        self.block = block
        let source = tree.source
        bytes = source.bytes
        let range = tree[block].range
        end = min(bytes.count, source.offset(of: range.end) + 1)
        cursor = source.offset(of: range.start)
        if case .heading = tree[block].kind, range.start.line == range.end.line {
            while cursor < end, bytes[cursor] == UInt8(ascii: "#") { cursor += 1 }
        }
    }

    mutating func walk() {
        var stack: [Event] = tree.children(of: block).reversed().map { .enter($0) }
        while let event = stack.popLast() {
            switch event {
            case .enter(let id):
                enter(id)
                let children = tree.children(of: id)
                if !children.isEmpty || isContainer(id) {
                    stack.append(.exit(id))
                    stack.append(contentsOf: children.reversed().map { .enter($0) })
                }
            case .exit(let id):
                exit(id)
            }
        }
    }

    private func isContainer(_ id: NodeID) -> Bool {
        switch tree[id].kind {
        case .link, .image: true
        default: false
        }
    }

    private mutating func emit(_ byte: UInt8, origin: Int?, escaped: Bool = false, stands: NodeID? = nil) {
        guard imageDepth == 0 else { return }
        glyphs.append(InlineGlyph(byte: byte, origin: origin, escaped: escaped, link: openLinks.last, stands: stands))
    }

    private mutating func enter(_ id: NodeID) {
        let node = tree[id]
        switch node.kind {
        case .text:
            let literal = Array((node.literal ?? "").utf8)
            if let placed = place(literal) {
                for (index, byte) in literal.enumerated() {
                    emit(byte, origin: placed[index].origin, escaped: placed[index].escaped)
                }
                if let first = placed.first, let last = placed.last { spans[id] = first.origin..<last.origin + 1 }
            } else {
                literal.forEach { emit($0, origin: nil) }
            }
        case .softBreak, .lineBreak:
            emit(InlineGlyph.lineBreak, origin: nil)
        case .code:
            let span = placeCode()
            spans[id] = span
            emit(InlineGlyph.opaque, origin: span?.lowerBound, stands: id)
        case .htmlInline:
            let span = placeHTML(node.literal ?? "")
            spans[id] = span
            emit(InlineGlyph.opaque, origin: span?.lowerBound, stands: id)
        case .link:
            let start = skipGap(from: cursor)
            if start < end, bytes[start] == UInt8(ascii: "[") {
                cursor = start + 1
                emit(InlineGlyph.opaque, origin: start, stands: id)
            } else {
                autolinks.insert(id)
                if start < end, bytes[start] == UInt8(ascii: "<") { cursor = start + 1 }
            }
            linkStarts[id] = start
            openLinks.append(id)
        case .image:
            let start = skipGap(from: cursor)
            emit(InlineGlyph.opaque, origin: start, stands: id)
            if start + 1 < end, bytes[start] == UInt8(ascii: "!"), bytes[start + 1] == UInt8(ascii: "[") {
                cursor = start + 2
            }
            linkStarts[id] = start
            imageDepth += 1
        default:
            break
        }
    }

    private mutating func exit(_ id: NodeID) {
        switch tree[id].kind {
        case .link:
            openLinks.removeLast()
            closeLink(id, bracketed: !autolinks.contains(id))
        case .image:
            imageDepth -= 1
            closeLink(id, bracketed: true)
        default:
            break
        }
    }

    /// Moves past a link's closing syntax (`](…)`, `][ref]`, `]` or `>`) and records its span.
    private mutating func closeLink(_ id: NodeID, bracketed: Bool) {
        guard let start = linkStarts[id] else { return }
        if !bracketed {
            if start < end, bytes[start] == UInt8(ascii: "<"), let close = firstIndex(of: UInt8(ascii: ">"), from: cursor) {
                cursor = close + 1
            }
            spans[id] = start..<max(start + 1, cursor)
            return
        }
        let bracket = skipGap(from: cursor)
        guard bracket < end, bytes[bracket] == UInt8(ascii: "]") else { return }
        var after = bracket + 1
        if after < end, bytes[after] == UInt8(ascii: "(") {
            after = destinationEnd(from: after) ?? after
        } else if after < end, bytes[after] == UInt8(ascii: "["), let close = firstIndex(of: UInt8(ascii: "]"), from: after) {
            after = close + 1
        }
        cursor = after
        spans[id] = start..<after
    }

    /// The offset after the `)` closing an inline destination and title that open at `open`.
    private func destinationEnd(from open: Int) -> Int? {
        var index = skipSpaces(from: open + 1)
        if index < end, bytes[index] == UInt8(ascii: "<") {
            guard let close = firstIndex(of: UInt8(ascii: ">"), from: index + 1) else { return nil }
            index = close + 1
        } else {
            var depth = 0
            while index < end {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\\") { index += 2; continue }
                if byte == UInt8(ascii: "(") { depth += 1 }
                if byte == UInt8(ascii: ")") {
                    if depth == 0 { break }
                    depth -= 1
                }
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") { break }
                index += 1
            }
        }
        index = skipSpaces(from: index)
        if index < end, let closer = Self.titleCloser(bytes[index]) {
            guard let close = firstIndex(of: closer, from: index + 1) else { return nil }
            index = skipSpaces(from: close + 1)
        }
        return index < end && bytes[index] == UInt8(ascii: ")") ? index + 1 : nil
    }

    private static func titleCloser(_ opener: UInt8) -> UInt8? {
        switch opener {
        case UInt8(ascii: "\""): UInt8(ascii: "\"")
        case UInt8(ascii: "'"): UInt8(ascii: "'")
        case UInt8(ascii: "("): UInt8(ascii: ")")
        default: nil
        }
    }

    private func skipGap(from start: Int) -> Int {
        var index = start
        while index < end, isSyntaxGap(bytes[index]) { index += 1 }
        return index
    }

    private func skipSpaces(from start: Int) -> Int {
        var index = start
        while index < end, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(bytes[index]) {
            index += 1
        }
        return index
    }

    /// The first unescaped `byte` at or after `start` within the block.
    private func firstIndex(of byte: UInt8, from start: Int) -> Int? {
        var index = start
        while index < end {
            if bytes[index] == UInt8(ascii: "\\") { index += 2; continue }
            if bytes[index] == byte { return index }
            index += 1
        }
        return nil
    }

    /// Where a text literal is written: just past the syntax at the cursor, or failing that
    /// (a paragraph that starts with reference definitions) its first later occurrence.
    private mutating func place(_ literal: [UInt8]) -> [(origin: Int, escaped: Bool)]? {
        guard !literal.isEmpty else { return nil }
        var start = cursor
        while start < end {
            if let placed = align(literal, at: start) { return placed }
            guard isSyntaxGap(bytes[start]) else { break }
            start += 1
        }
        for candidate in start..<end {
            if let placed = align(literal, at: candidate) { return placed }
        }
        return nil
    }

    /// The origins of a literal's bytes when it is written from `start`, allowing backslash
    /// escapes and entities; moves the cursor past it.
    private mutating func align(_ literal: [UInt8], at start: Int) -> [(origin: Int, escaped: Bool)]? {
        var placed: [(origin: Int, escaped: Bool)] = []
        placed.reserveCapacity(literal.count)
        var index = 0
        var position = start
        while index < literal.count {
            guard position < end else { return nil }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\\"), position + 1 < end, isASCIIPunctuation(bytes[position + 1]) {
                guard bytes[position + 1] == literal[index] else { return nil }
                placed.append((position + 1, true))
                index += 1
                position += 2
            } else if byte == UInt8(ascii: "&"), let entityEnd = entityEnd(at: position),
                      !literal[index...].starts(with: bytes[position..<entityEnd]) {
                let length = Self.scalarLength(literal[index])
                for _ in 0..<min(length, literal.count - index) { placed.append((position, true)) }
                index += length
                position = entityEnd
            } else if byte == literal[index] {
                placed.append((position, false))
                index += 1
                position += 1
            } else {
                return nil
            }
        }
        cursor = position
        return placed
    }

    /// The end of an entity reference (`&amp;`, `&#x1F4D7;`) starting at `start`.
    private func entityEnd(at start: Int) -> Int? {
        var index = start + 1
        let bodyStart = index
        while index < end, index - bodyStart <= 32,
              bytes[index] == UInt8(ascii: "#") || (bytes[index] < 0x80 && Character(Unicode.Scalar(bytes[index])).isLetter)
                  || (bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9")) {
            index += 1
        }
        return index > bodyStart + 1 && index < end && bytes[index] == UInt8(ascii: ";") ? index + 1 : nil
    }

    private static func scalarLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }

    /// A code span's bytes, backticks included.
    private mutating func placeCode() -> Range<Int>? {
        guard let open = firstIndex(of: UInt8(ascii: "`"), from: cursor) else { return nil }
        var fence = open
        while fence < end, bytes[fence] == UInt8(ascii: "`") { fence += 1 }
        let length = fence - open
        var index = fence
        while index < end {
            guard bytes[index] == UInt8(ascii: "`") else { index += 1; continue }
            var run = index
            while run < end, bytes[run] == UInt8(ascii: "`") { run += 1 }
            if run - index == length {
                cursor = run
                return open..<run
            }
            index = run
        }
        return nil
    }

    /// Raw HTML's bytes: its first line where the cursor stands, then its later lines in turn.
    private mutating func placeHTML(_ literal: String) -> Range<Int>? {
        let lines = literal.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) }
        guard let first = lines.first, let start = find(first, from: cursor) else { return nil }
        var position = start + first.count
        for line in lines.dropFirst() where !line.isEmpty {
            guard let found = find(line, from: position) else { return nil }
            position = found + line.count
        }
        cursor = position
        return start..<position
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, start + needle.count <= end else { return nil }
        return (start...(end - needle.count)).first { bytes[$0..<$0 + needle.count].elementsEqual(needle) }
    }
}
