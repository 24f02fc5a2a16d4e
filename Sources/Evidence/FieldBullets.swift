import Markdown

/// A one-line bullet `- Label: value`, as lists that give each paper `- Paper: …` and
/// `- Code: …` lines write them. The labels are the list's own: any short word or two.
public struct FieldBullet {
    /// The label as written, without an aside (`Paper` of `Paper(Oral)`).
    public let label: String
    /// The value after the colon, trimmed.
    public let value: String
    /// Where the value is written.
    public let valueRange: SourceRange
    /// Whether the value holds a link (a bare URL included).
    public let hasLink: Bool

    /// The label lower-cased, which groups a list's fields.
    public var key: String { label.lowercased() }
}

extension MarkdownTree {
    /// The field bullets of the list: list items of one line that read `Label: value`.
    public func fieldBullets() -> [FieldBullet] {
        nodes.indices.compactMap { item -> FieldBullet? in
            guard self[item].kind == .item, self[item].range.start.line == self[item].range.end.line,
                  children(of: item).count == 1, let paragraph = children(of: item).first,
                  self[paragraph].kind == .paragraph else { return nil }
            let line = self[item].range.start.line
            let text = source.line(line)
            guard let (label, value) = Self.fieldParts(of: text) else { return nil }
            let column = text.utf8.distance(from: text.startIndex, to: value.startIndex) + 1
            let range = SourceRange(start: SourcePosition(line: line, column: column),
                                    end: SourcePosition(line: line, column: column + value.utf8.count - 1))
            return FieldBullet(label: String(label), value: String(value), valueRange: range,
                               hasLink: descendants(of: paragraph).contains { self[$0].kind == .link })
        }
    }

    /// The label and value of `- Paper(Oral): value`: a marker, a label of letters and spaces
    /// (an aside in brackets after it), a colon within `labelReach` characters of the marker,
    /// then a space; a URL's `https:` is no label. Read in one pass over the line (a pattern
    /// with runs of optional spaces took time growing with the square of a run of spaces).
    private static func fieldParts(of line: String) -> (label: Substring, value: Substring)? {
        let afterIndent = line.drop { $0 == " " || $0 == "\t" }
        guard let marker = afterIndent.first, "-*+".contains(marker),
              afterIndent.dropFirst().first.map({ $0 == " " || $0 == "\t" }) == true else { return nil }
        let body = afterIndent.dropFirst().drop { $0 == " " || $0 == "\t" }
        guard let colon = body.prefix(labelReach).firstIndex(of: ":") else { return nil }
        let afterColon = body[body.index(after: colon)...]
        guard afterColon.first.map({ $0 == " " || $0 == "\t" }) == true,
              let label = body[..<colon].wholeMatch(of: Self.fieldLabel)?.output.1,
              let start = afterColon.firstIndex(where: { !$0.isWhitespace }),
              let end = afterColon.lastIndex(where: { !$0.isWhitespace }) else { return nil }
        return (label, afterColon[start...end])
    }

    /// How far after the marker a field's colon may stand.
    private static let labelReach = 64

    /// A field's label before its colon: letters and spaces, an aside in brackets after it.
    nonisolated(unsafe) private static let fieldLabel = /([A-Za-z][A-Za-z ]{0,23}?)\s*(?:\([^)]*\))?\s*/
}
