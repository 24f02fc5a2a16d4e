
/// A quoted attribute of a tag written in a list's HTML.
public struct HTMLAttribute {
    /// The attribute's value as written, between its quotes.
    public let value: String
    /// The bytes of the whole attribute, `src="…"`.
    public let bytes: Range<Int>
    /// The bytes of the value alone.
    public let valueBytes: Range<Int>

    /// Which attributes to read.
    public enum Kind {
        /// `src` of `<img>`.
        case imageSource
        /// `id` or `name` of any element: a fragment's target.
        case anchor
        /// `href` of `<a>`: where an HTML link goes.
        case linkTarget

        /// The attribute within one tag, its value double-quoted, single-quoted or bare: a tag's
        /// scan stops at the next `<` as at its `>`, so that tags left open (`<img a=1 <img a=1
        /// …`) cost time in proportion to the text, not its square.
        var pattern: Regex<(Substring, Substring, Substring?, Substring?, Substring?)> {
            switch self {
            case .imageSource: /<img\b[^<>]*?\s(src\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)'|([^\s"'<>]+)))/.ignoresCase()
            case .anchor: /<[a-z][^<>]*?\s((?:id|name)\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)'|([^\s"'<>]+)))/.ignoresCase()
            case .linkTarget: /<a\b[^<>]*?\s(href\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)'|([^\s"'<>]+)))/.ignoresCase()
            }
        }
    }
}

extension MarkdownTree {
    /// The attributes of one kind in the list's HTML blocks and inline HTML, outside comments.
    public func htmlAttributes(_ kind: HTMLAttribute.Kind, locator: inout InlineLocator) -> [HTMLAttribute] {
        let pattern = kind.pattern
        return nodes.indices.flatMap { id -> [HTMLAttribute] in
            let bytes: Range<Int>?
            switch self[id].kind {
            case .htmlBlock:
                let range = self[id].range
                let start = source.offset(of: SourcePosition(line: range.start.line, column: 1))
                bytes = start..<source.offset(of: SourcePosition(line: range.end.line, column: 1)) + source.lineLength(range.end.line)
            case .htmlInline: bytes = locator.bytes(of: id)
            default: bytes = nil
            }
            guard let bytes else { return [] }
            return Self.attributes(pattern, in: source.bytes, bytes)
        }
    }

    /// An HTML comment, closed or running to the end of the HTML.
    nonisolated(unsafe) private static let comment = /<!--.*?(?:-->|$)/.dotMatchesNewlines()

    private static func attributes(_ pattern: Regex<(Substring, Substring, Substring?, Substring?, Substring?)>, in bytes: [UInt8],
                                   _ range: Range<Int>) -> [HTMLAttribute] {
        let text = String(decoding: bytes[range], as: UTF8.self)
        // Invalid UTF-8 would shift offsets: such HTML is left alone.
        guard text.utf8.count == range.count else { return [] }
        let offset = { (index: String.Index) in range.lowerBound + text.utf8.distance(from: text.startIndex, to: index) }
        let comments = text.matches(of: comment).map(\.range)
        return text.matches(of: pattern).compactMap { match -> HTMLAttribute? in
            guard let value = match.output.2 ?? match.output.3 ?? match.output.4,
                  !comments.contains(where: { $0.contains(match.range.lowerBound) }) else { return nil }
            let attribute = match.output.1
            return HTMLAttribute(value: String(value), bytes: offset(attribute.startIndex)..<offset(attribute.endIndex),
                                 valueBytes: offset(value.startIndex)..<offset(value.endIndex))
        }
    }
}
