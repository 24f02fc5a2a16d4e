import CCmark
import Foundation

/// The one place that calls cmark-gfm: parses GitHub-flavoured Markdown into a `MarkdownTree`.
///
/// The C tree is copied into Swift values and freed before `parse` returns.
public enum MarkdownParser {
    /// The GFM extensions GitHub enables when it renders a README.
    private static let extensionNames = ["table", "autolink", "strikethrough", "tagfilter"]

    /// Registers the core extensions once per process; cmark-gfm's registry is not thread-safe.
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// cmark-gfm keeps the special-character table of its inline extensions process-wide
    /// and every parse rewrites it, so parses must not overlap.
    private static let lock = NSLock()

    /// The version of the cmark-gfm library vlmbot runs on (`0.29.0.gfm.6`).
    public static var cmarkVersion: String { String(cString: cmark_version_string()) }

    /// A large document is parsed a few of its sections at a time, about this many bytes.
    static let batchBytes = 1 << 21

    /// Parses a document given as UTF-8 bytes. A large one is parsed in batches of sections
    /// (see `BlockOutline`), which parse as they do in the whole, so that cmark-gfm's tree for
    /// only one batch is in memory at a time beside the Swift tree.
    public static func parse(_ source: SourceText) -> MarkdownTree {
        if source.bytes.count >= 2 * batchBytes {
            let outline = BlockOutline(source)
            if !outline.mayHaveSetextHeadings, outline.sectionStarts.count > 1 {
                var builder = TreeBuilder(source: source)
                for batch in batches(of: outline, in: source) {
                    feed(source, sections: [batch], definitions: outline.definitionBlocks, into: &builder)
                }
                return builder.finish()
            }
        }
        // cmark-gfm skips a leading byte order mark without counting it in columns; feed the
        // text after it and shift line 1's columns so positions stay byte-exact.
        let skipped = source.hasByteOrderMark ? 3 : 0
        var builder = TreeBuilder(source: source)
        source.bytes.withUnsafeBufferPointer { buffer in
            parse(UnsafeBufferPointer(rebasing: buffer[skipped...]), lineOneShift: skipped, lineMap: nil, into: &builder)
        }
        return builder.finish()
    }

    /// Consecutive sections of the outline, about `batchBytes` each, as line ranges.
    private static func batches(of outline: BlockOutline, in source: SourceText) -> [ClosedRange<Int>] {
        var batches: [ClosedRange<Int>] = []
        var start = 1
        var startOffset = 0
        for section in outline.sectionStarts.dropFirst() {
            let offset = source.offset(of: SourcePosition(line: section, column: 1))
            if offset - startOffset >= batchBytes {
                batches.append(start...(section - 1))
                (start, startOffset) = (section, offset)
            }
        }
        batches.append(start...max(start, source.lineCount))
        return batches
    }

    /// Parses some sections of a document (line ranges that `BlockOutline` cut it into), as
    /// they parse in the whole: with the reference definitions written outside them that
    /// their brackets may use, fed before and after them and left out of the tree. Node
    /// positions are the document's.
    public static func parse(_ source: SourceText, sections: [ClosedRange<Int>],
                             definitions: [ClosedRange<Int>]) -> MarkdownTree {
        var builder = TreeBuilder(source: source)
        feed(source, sections: sections, definitions: definitions, into: &builder)
        return builder.finish()
    }

    /// Parses some sections with the definitions they use and adds their blocks to a tree.
    private static func feed(_ source: SourceText, sections: [ClosedRange<Int>], definitions: [ClosedRange<Int>],
                             into builder: inout TreeBuilder) {
        let labels = ReferenceLabels(in: sections, of: source)
        let outside = definitions.filter { !sections.anyOverlaps($0) }.flatMap { labels.definitions(usedIn: $0, of: source) }
        let first = sections.first?.lowerBound ?? 1
        var bytes: [UInt8] = []
        // For each line fed, the document's line it is, or 0 for a definition from outside.
        var lineMap: [Int] = [0]
        var shift = 0
        func feed(_ lines: ClosedRange<Int>, asWritten: Bool) {
            for line in lines {
                var text = source.lineBytes(line)
                if line == 1, source.hasByteOrderMark {
                    text = text.dropFirst(3)
                    if bytes.isEmpty { shift = 3 }
                }
                if !asWritten { text = text.drop { $0 == 0x20 || $0 == 0x09 } }
                bytes.append(contentsOf: text)
                bytes.append(0x0A)
                lineMap.append(asWritten ? line : 0)
            }
            bytes.append(0x0A)
            lineMap.append(0)
        }
        for block in outside where block.upperBound < first { feed(block, asWritten: false) }
        for section in sections { feed(section, asWritten: true) }
        for block in outside where block.upperBound >= first { feed(block, asWritten: false) }
        bytes.withUnsafeBufferPointer { buffer in
            parse(buffer, lineOneShift: lineMap.count > 1 && lineMap[1] == 1 ? shift : 0, lineMap: lineMap, into: &builder)
        }
    }

    /// Parses bytes and adds the blocks to a tree; with `lineMap`, the bytes are lines of the
    /// tree's source (fed line N is its line `lineMap[N]`, 0 for none), and top-level blocks of
    /// no line of it are left out.
    private static func parse(_ text: UnsafeBufferPointer<UInt8>, lineOneShift: Int, lineMap: [Int]?,
                              into builder: inout TreeBuilder) {
        precondition(registered)
        lock.lock()
        defer { lock.unlock() }
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else {
            fatalError("cmark_parser_new returned NULL: out of memory")
        }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        let wideRows = WideRows(text)
        func feed(_ text: UnsafeBufferPointer<UInt8>) {
            text.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: text.count) { characters in
                    cmark_parser_feed(parser, characters, text.count)
                }
            }
        }
        if let narrowed = wideRows.bytes { narrowed.withUnsafeBufferPointer(feed) } else { feed(text) }
        guard let document = cmark_parser_finish(parser) else {
            fatalError("cmark_parser_finish returned NULL: out of memory")
        }
        defer { cmark_node_free(document) }
        builder.add(document, lineOneShift: lineOneShift, lineMap: lineMap, wideRows: wideRows)
    }

    /// Parses a document given as a string.
    public static func parse(_ text: String) -> MarkdownTree {
        parse(SourceText(text))
    }
}

/// Copies a cmark node tree into `MarkdownNode` values with an explicit stack, so nesting
/// depth never grows the call stack.
private struct TreeBuilder {
    let source: SourceText
    /// How far line 1's columns shift in the document being added (its skipped byte order mark).
    private var lineOneShift = 0
    /// The source line of each line cmark read, when it read only some of them.
    private var lineMap: [Int]?
    /// The pipes fed as stand-ins in the document being added, to turn back in its text.
    private var wideRows: WideRows?
    var nodes: [MarkdownNode] = []
    var lastChild: [NodeID?] = []

    init(source: SourceText) {
        self.source = source
    }

    consuming func finish() -> MarkdownTree {
        MarkdownTree(nodes: nodes, source: source)
    }

    /// Copies a parsed document one top-level block at a time under the root (made from the
    /// first document added), freeing each block's C nodes once copied, so the C tree shrinks
    /// as the Swift one grows. A block fed from outside the chosen lines is left out.
    mutating func add(_ document: OpaquePointer, lineOneShift: Int, lineMap: [Int]?, wideRows: WideRows) {
        (self.lineOneShift, self.lineMap, self.wideRows) = (lineOneShift, lineMap, wideRows)
        let root = nodes.isEmpty ? append(document, parent: nil) : 0
        nodes[root].extend(to: range(of: document, kind: .document).end)
        var next = cmark_node_first_child(document)
        while let block = next {
            next = cmark_node_next(block)
            let line = Int(cmark_node_get_start_line(block))
            if lineMap.map({ (1..<$0.count).contains(line) && $0[line] != 0 }) ?? true {
                copy(block, under: root)
            }
            cmark_node_free(block)
        }
    }

    /// Copies one block and everything in it under the node `root`.
    private mutating func copy(_ block: OpaquePointer, under root: NodeID) {
        guard let iterator = cmark_iter_new(block) else {
            fatalError("cmark_iter_new returned NULL: out of memory")
        }
        defer { cmark_iter_free(iterator) }
        var open: [NodeID] = [root]
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            if event == CMARK_EVENT_EXIT {
                open.removeLast()
                continue
            }
            let id = append(node, parent: open.last)
            if Self.isContainer(nodes[id].kind) { open.append(id) }
        }
    }

    /// The document's line for a line cmark read: the nearest chosen line at or before it,
    /// for a block's end that runs over the blank line fed after a section.
    private func documentLine(_ line: Int) -> Int {
        guard let lineMap else { return line }
        var fed = min(max(line, 0), lineMap.count - 1)
        while fed > 0, lineMap[fed] == 0 { fed -= 1 }
        return fed > 0 ? lineMap[fed] : line
    }

    /// cmark reports an EXIT event for every node but these leaves, empty or not.
    private static func isContainer(_ kind: NodeKind) -> Bool {
        switch kind {
        case .text, .softBreak, .lineBreak, .code, .htmlInline, .htmlBlock, .codeBlock, .thematicBreak:
            return false
        default:
            return true
        }
    }

    private mutating func append(_ node: OpaquePointer, parent: NodeID?) -> NodeID {
        let kind = Self.kind(of: node)
        let id = nodes.count
        let url = kind == .link || kind == .image ? string(cmark_node_get_url(node)) : nil
        let title = kind == .link || kind == .image ? string(cmark_node_get_title(node)) : nil
        var range = range(of: node, kind: kind)
        if cmark_node_get_start_line(node) == 0, let parent {
            // Nodes made after parsing (autolinks of bare URLs) have no position: they stand after
            // their previous sibling, on the line that holds their text.
            let after = lastChild[parent].map { nodes[$0].range.end } ?? nodes[parent].range.start
            let text = url ?? string(cmark_node_get_literal(node)) ?? ""
            let line = (after.line...max(after.line, nodes[parent].range.end.line)).first { line in
                !text.isEmpty && source.line(line).contains(text)
            } ?? after.line
            range = SourceRange(start: SourcePosition(line: line, column: line == after.line ? after.column : 1),
                                end: SourcePosition(line: line, column: max(1, source.lineLength(line))))
        }
        nodes.append(MarkdownNode(
            kind: kind,
            range: range,
            literal: string(cmark_node_get_literal(node)),
            destination: url,
            title: title,
            parent: parent
        ))
        lastChild.append(nil)
        if let parent {
            if let previous = lastChild[parent] {
                nodes[previous].nextSibling = id
            } else {
                nodes[parent].firstChild = id
            }
            lastChild[parent] = id
        }
        return id
    }

    private func range(of node: OpaquePointer, kind: NodeKind) -> SourceRange {
        var start = SourcePosition(line: documentLine(Int(cmark_node_get_start_line(node))),
                                   column: Int(cmark_node_get_start_column(node)))
        var end = SourcePosition(line: documentLine(Int(cmark_node_get_end_line(node))),
                                 column: Int(cmark_node_get_end_column(node)))
        if start.line == 1 { start.column += lineOneShift }
        if end.line == 1 { end.column += lineOneShift }
        // A block's end can run over trailing blank lines (list items do): clamp it to the
        // last non-blank line it covers.
        if kind.isBlock {
            while end.line > start.line, source.isBlank(end.line) {
                end.line -= 1
                end.column = source.lineLength(end.line)
            }
        }
        start.line = max(start.line, 1)
        end.line = max(end.line, start.line)
        start.column = max(start.column, 1)
        end.column = max(end.column, 1)
        return SourceRange(start: start, end: end)
    }

    private func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { text in wideRows.map { $0.restored(String(cString: text)) } ?? String(cString: text) }
    }

    private static func kind(of node: OpaquePointer) -> NodeKind {
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST: return .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST)
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK: return .codeBlock
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code
        case CMARK_NODE_HTML_INLINE: return .htmlInline
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK: return .link
        case CMARK_NODE_IMAGE: return .image
        case vlmbot_node_table(): return .table
        case vlmbot_node_table_row(): return .tableRow(isHeader: cmark_gfm_extensions_get_table_row_is_header(node) != 0)
        case vlmbot_node_table_cell(): return .tableCell
        case vlmbot_node_strikethrough(): return .strikethrough
        default: return .other
        }
    }
}

/// The texts in brackets on some lines, normalised as cmark-gfm matches reference labels
/// (case folded, runs of white space as one space): the definitions they may use.
private struct ReferenceLabels {
    private var labels = Set<String>()

    init(in sections: [ClosedRange<Int>], of source: SourceText) {
        for line in sections.joined() {
            let bytes = source.lineBytes(line)
            var open: Int?
            for index in bytes.indices {
                if bytes[index] == UInt8(ascii: "[") {
                    open = index
                } else if bytes[index] == UInt8(ascii: "]"), let start = open {
                    labels.insert(Self.normalized(bytes[(start + 1)..<index]))
                    open = nil
                }
            }
        }
    }

    /// The lines of a block of definitions that define a label these brackets hold, each with
    /// the lines that continue it (a title on the next line), as line ranges.
    func definitions(usedIn block: ClosedRange<Int>, of source: SourceText) -> [ClosedRange<Int>] {
        var used: [ClosedRange<Int>] = []
        var current: ClosedRange<Int>?
        for line in block {
            if let label = Self.definedLabel(source.lineBytes(line)) {
                if let current { used.append(current) }
                current = labels.contains(label) ? line...line : nil
            } else if let open = current {
                current = open.lowerBound...line
            }
        }
        if let current { used.append(current) }
        return used
    }

    /// The label a line defines (`[label]: …`), normalised.
    private static func definedLabel(_ line: ArraySlice<UInt8>) -> String? {
        let start = line.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? line.endIndex
        guard start < line.endIndex, line[start] == UInt8(ascii: "["),
              let close = line[start...].firstIndex(of: UInt8(ascii: "]")),
              close + 1 < line.endIndex, line[close + 1] == UInt8(ascii: ":") else { return nil }
        return normalized(line[(start + 1)..<close])
    }

    private static func normalized(_ label: ArraySlice<UInt8>) -> String {
        guard label.allSatisfy({ $0 < 0x80 }) else {
            return String(decoding: label, as: UTF8.self).lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(label.count)
        for byte in label {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
                if let last = bytes.last, last != 0x20 { bytes.append(0x20) }
            } else {
                bytes.append(byte.asciiLowercased)
            }
        }
        if bytes.last == 0x20 { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
