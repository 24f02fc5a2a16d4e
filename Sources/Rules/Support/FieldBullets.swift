import Markdown

/// A one-line bullet `- Label: value`, as lists that give each paper `- Paper: …` and
/// `- Code: …` lines write them. The labels are the list's own: any short word or two.
struct FieldBullet {
    /// The label as written, without an aside (`Paper` of `Paper(Oral)`).
    let label: String
    /// The value after the colon, trimmed.
    let value: String
    /// Where the value is written.
    let valueRange: SourceRange
    /// Whether the value holds a link (a bare URL included).
    let hasLink: Bool

    /// The label lower-cased, which groups a list's fields.
    var key: String { label.lowercased() }
}

extension MarkdownTree {
    /// The field bullets of the list: list items of one line that read `Label: value`.
    func fieldBullets() -> [FieldBullet] {
        nodes.indices.compactMap { item -> FieldBullet? in
            guard self[item].kind == .item, self[item].range.start.line == self[item].range.end.line,
                  children(of: item).count == 1, let paragraph = children(of: item).first,
                  self[paragraph].kind == .paragraph else { return nil }
            let line = self[item].range.start.line
            let text = source.line(line)
            guard let match = text.wholeMatch(of: Self.fieldBullet) else { return nil }
            let value = match.output.2
            let column = text.utf8.distance(from: text.startIndex, to: value.startIndex) + 1
            let range = SourceRange(start: SourcePosition(line: line, column: column),
                                    end: SourcePosition(line: line, column: column + value.utf8.count - 1))
            return FieldBullet(label: String(match.output.1), value: String(value), valueRange: range,
                               hasLink: descendants(of: paragraph).contains { self[$0].kind == .link })
        }
    }

    /// `- Paper(Oral): value`: a marker, a label of letters and spaces (an aside in brackets
    /// after it), a colon and a space; a URL's `https:` is no label.
    nonisolated(unsafe) private static let fieldBullet =
        /\s*[-*+]\s+([A-Za-z][A-Za-z ]{0,23}?)\s*(?:\([^)]*\))?\s*:\s+(\S.*?)\s*/
}
