import Foundation

/// Line-level Markdown that an HTML block swallowed: a heading, list item or table row written
/// inside an HTML block that runs on because no blank line ends it.
public struct SwallowedLine {
    public enum Kind: String {
        case heading, listItem = "list item", tableRow = "table row"
    }

    public let line: Int
    public let kind: Kind
    /// The HTML block that holds the line.
    public let block: NodeID
    /// Whether it is the first swallowed line of its block (one blank line frees them all).
    public let isFirst: Bool
}

/// A `[label]: …` or `[label]=…` line that reads as a reference definition but stayed text.
public struct BrokenDefinition {
    public let line: Int
    /// The source bytes from the `[` to the end of the line.
    public let bytes: Range<Int>
    /// Whether the line is a valid definition on its own, and only fails because definitions
    /// cannot interrupt a paragraph.
    public let interruptsParagraph: Bool
}

extension MarkdownTree {
    /// Headings, and the first list item or table row of each run of them, inside HTML blocks
    /// that end only at a blank line, outside HTML comments and `<pre>`.
    public var swallowedLines: [SwallowedLine] {
        nodes.indices.filter { self[$0].kind == .htmlBlock && self[$0].range.lines.count > 1 }.flatMap { block in
            let depth = quoteDepth(of: block)
            let lines = self[block].range.lines
            guard Self.endsAtBlankLine(source.content(ofLine: lines.lowerBound, quoteDepth: depth)) else { return [SwallowedLine]() }
            var hidden = HiddenHTML()
            hidden.read(source.content(ofLine: lines.lowerBound, quoteDepth: depth))
            var found: [SwallowedLine] = []
            var previous: SwallowedLine.Kind?
            for line in lines.dropFirst() {
                let text = source.content(ofLine: line, quoteDepth: depth)
                let kind = hidden.isOpen ? nil : Self.markdownKind(of: text)
                if let kind, kind == .heading || kind != previous {
                    found.append(SwallowedLine(line: line, kind: kind, block: block, isFirst: found.isEmpty))
                }
                previous = kind
                hidden.read(text)
            }
            return found
        }
    }

    /// Lines of paragraphs that start like a reference definition (`[label]:` or `[label]=`
    /// and then a URL, `<`, `#` or a quoted title) whose `[` cmark-gfm left as text.
    public func brokenDefinitions(locator: inout InlineLocator) -> [BrokenDefinition] {
        nodes.indices.filter { self[$0].kind == .paragraph }.flatMap { paragraph in
            let range = self[paragraph].range
            let depth = quoteDepth(of: paragraph)
            // The offsets of the `[` shown as text, read once per paragraph, not per line.
            var textBrackets: Set<Int>?
            return range.lines.compactMap { line -> BrokenDefinition? in
                let lineStart = source.offset(of: SourcePosition(line: line, column: 1))
                let start = line == range.start.line
                    ? source.offset(of: range.start) : lineStart + source.contentColumn(ofLine: line, quoteDepth: depth)
                guard start < source.bytes.count, source.bytes[start] == UInt8(ascii: "[") else { return nil }
                let text = String(decoding: source.bytes[start..<lineStart + source.lineLength(line)], as: UTF8.self)
                guard text.firstMatch(of: Self.definitionLike) != nil else { return nil }
                let brackets = textBrackets ?? Set(locator.layout(of: paragraph).glyphs.compactMap { glyph in
                    glyph.byte == UInt8(ascii: "[") && glyph.link == nil && !glyph.escaped ? glyph.origin : nil
                })
                textBrackets = brackets
                guard brackets.contains(start) else { return nil }
                let alone = MarkdownParser.parse(text)
                return BrokenDefinition(line: line, bytes: start..<lineStart + source.lineLength(line),
                                        interruptsParagraph: alone.children(of: alone.root).isEmpty && line != range.start.line)
            }
        }
    }

    /// How many block quotes a node stands in.
    public func quoteDepth(of id: NodeID) -> Int {
        ancestors(of: id).filter { self[$0].kind == .blockQuote }.count
    }

    /// Whether an HTML block that opens with this line runs to the next blank line (CommonMark
    /// types 6 and 7), rather than to a closing `-->`, `</pre>`, `</script>` and the like.
    private static func endsAtBlankLine(_ opening: String) -> Bool {
        let lower = opening.lowercased()
        return lower.hasPrefix("<") && !lower.hasPrefix("<!") && !lower.hasPrefix("<?")
            && lower.firstMatch(of: rawTextTag) == nil
    }

    private static func markdownKind(of text: String) -> SwallowedLine.Kind? {
        if text.firstMatch(of: headingLine) != nil { return .heading }
        if text.firstMatch(of: listItemLine) != nil { return .listItem }
        if text.firstMatch(of: tableRowLine) != nil { return .tableRow }
        return nil
    }

    nonisolated(unsafe) private static let rawTextTag = /^<(?:pre|script|style|textarea)(?:\s|>|$)/
    nonisolated(unsafe) private static let headingLine = /^#{1,6}(?:[ \t]|$)/
    nonisolated(unsafe) private static let listItemLine = /^(?:[-+*]|[0-9]{1,9}[.)])[ \t]+\S/
    nonisolated(unsafe) private static let tableRowLine = /^\|.*\|/
    nonisolated(unsafe) private static let definitionLike =
        /^\[[^\]]+\][ \t]*[:=][ \t]*(?:"|'|<|#|https?:\/\/|www\.|\.{0,2}\/)/
}

extension SourceText {
    /// The 0-based byte column where a line's content starts once its indentation and up to
    /// `quoteDepth` block-quote markers are skipped.
    public func contentColumn(ofLine line: Int, quoteDepth: Int) -> Int {
        let bytes = lineBytes(line)
        var index = bytes.startIndex
        var quotes = 0
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
                index += 1
            } else if bytes[index] == UInt8(ascii: ">"), quotes < quoteDepth {
                quotes += 1
                index += 1
            } else {
                break
            }
        }
        return index - bytes.startIndex
    }

    /// A line's content, without indentation and block-quote markers.
    public func content(ofLine line: Int, quoteDepth: Int) -> String {
        String(decoding: lineBytes(line).dropFirst(contentColumn(ofLine: line, quoteDepth: quoteDepth)), as: UTF8.self)
    }
}

/// Follows HTML comments and `<pre>` elements across the lines of an HTML block: Markdown-like
/// lines inside them are hidden or shown as written on purpose.
private struct HiddenHTML {
    private var closer: TextNeedle?

    var isOpen: Bool { closer != nil }

    mutating func read(_ text: String) {
        var from = text.startIndex
        while true {
            if let closing = closer {
                guard let found = closing.range(in: text, from: from) else { return }
                closer = nil
                from = found.upperBound
            } else {
                let comment = Self.commentOpener.range(in: text, from: from)
                let pre = preTag(in: text, from: from)
                guard let opening = [comment, pre].compactMap({ $0 }).min(by: { $0.lowerBound < $1.lowerBound }) else { return }
                closer = opening == comment ? Self.commentCloser : Self.preCloser
                from = opening.upperBound
            }
        }
    }

    /// The next `<pre` that opens a tag: followed by a space, `>` or the end of the line.
    private func preTag(in text: String, from: String.Index) -> Range<String.Index>? {
        var from = from
        while let found = Self.preOpener.range(in: text, from: from) {
            guard found.upperBound < text.endIndex else { return found }
            let next = text.unicodeScalars[found.upperBound]
            if next == ">" || next.properties.isWhitespace { return found }
            from = found.upperBound
        }
        return nil
    }

    private static let commentOpener = TextNeedle("<!--", ignoresCase: false)
    private static let commentCloser = TextNeedle("-->", ignoresCase: false)
    private static let preOpener = TextNeedle("<pre", ignoresCase: true)
    private static let preCloser = TextNeedle("</pre", ignoresCase: true)
}
