import Lists
import Markdown
import Metadata

/// Where a new entry goes in its section, as the section orders its entries: by date when
/// its dated entries all run one way (newest first or oldest first), else after the last one.
/// Also what goes between two entries (blank lines) and the number an entry takes when the
/// section numbers its entries.
struct Insertion {
    /// The section's entry the new one follows, and the one it precedes.
    let previous: Entry?
    let next: Entry?
    /// The lines the section writes between two entries (blank lines, or none).
    let separator: [String]
    /// The section's entries in order.
    private let neighbours: [Entry]
    private let source: SourceText

    init(section neighbours: [Entry], in document: ListDocument, date record: PaperRecord) {
        self.neighbours = neighbours
        source = document.source
        let index = Self.index(in: neighbours, for: record)
        previous = index > 0 ? neighbours[index - 1] : nil
        next = index < neighbours.count ? neighbours[index] : nil
        // Between two entries of one section, of the section's shape, anywhere in the list.
        let shape = neighbours.first?.shape
        let pairs = zip(document.entries, document.entries.dropFirst())
            .filter { $0.0.section == $0.1.section && $0.0.shape == shape && $0.1.shape == shape }
        let gaps = pairs.map { pair in
            (pair.0.lines.upperBound + 1..<pair.1.lines.lowerBound).map { document.source.line($0) }
        }
        let blankGaps = gaps.filter { $0.allSatisfy { $0.allSatisfy(\.isWhitespace) } }
        let blankLines = Dictionary(grouping: blankGaps, by: \.count).max { $0.value.count < $1.value.count }?.key ?? 0
        separator = blankGaps.count * 2 > gaps.count ? Array(repeating: "", count: blankLines) : []
    }

    /// The position among `neighbours` a paper of this date takes.
    private static func index(in neighbours: [Entry], for record: PaperRecord) -> Int {
        guard let year = record.year else { return neighbours.count }
        let key = [year, record.month ?? 0]
        let dated = neighbours.compactMap { entry in entry.date.map { [$0.year, $0.month ?? 0] } }
        guard dated.count >= 3, dated.count == neighbours.count else { return neighbours.count }
        let steps = zip(dated, dated.dropFirst())
        let keys = neighbours.map { entry in entry.date.map { [$0.year, $0.month ?? 0] } ?? [] }
        if steps.allSatisfy({ !$0.1.lexicographicallyPrecedes($0.0) }), steps.contains(where: { $0.0 != $0.1 }) {
            return keys.firstIndex { key.lexicographicallyPrecedes($0) } ?? neighbours.count
        }
        if steps.allSatisfy({ !$0.0.lexicographicallyPrecedes($0.1) }), steps.contains(where: { $0.0 != $0.1 }) {
            return keys.firstIndex { $0.lexicographicallyPrecedes(key) } ?? neighbours.count
        }
        return neighbours.count
    }

    /// The section's entries nearest the new one's place first: the order their forms are
    /// tried in, among equals.
    func templates(from neighbours: [Entry]) -> [Entry] {
        let anchor = previous ?? next
        let position = anchor.flatMap { anchor in neighbours.firstIndex(of: anchor) } ?? neighbours.count
        return neighbours.enumerated().sorted { (abs($0.offset - position), $0.offset) < (abs($1.offset - position), $1.offset) }
            .map(\.element)
    }

    /// The draft with its leading number (`12.`, `| 12 |`, `[12]`) made the one after the
    /// previous entry's (or before the next's), as the section counts.
    func numbered(_ lines: [String], template: Entry) -> [String] {
        guard let first = lines.first, let own = Self.leadingNumber(in: first) else { return lines }
        func number(of entry: Entry?) -> Int? {
            entry.flatMap { Self.leadingNumber(in: source.line($0.lines.lowerBound))?.value }
        }
        let counted = neighbours.compactMap { number(of: $0) }
        // An index counts by one (up or down); a leading date (`202301`) or year does not.
        let steps = zip(counted, counted.dropFirst()).map { $1 - $0 }
        guard own.value < 1000, counted.allSatisfy({ $0 < 1000 }),
              steps.isEmpty || steps.filter({ abs($0) == 1 }).count * 5 >= steps.count * 4 else { return lines }
        let step = (steps.first ?? 1) < 0 ? -1 : 1
        guard let value = number(of: previous).map({ $0 + step }) ?? number(of: next).map({ $0 - step }), value >= 0 else { return lines }
        var result = lines
        result[0] = first.replacingCharacters(in: own.range, with: String(value))
        return result
    }

    /// A number an entry's first line opens with: an ordered item's, a first table cell's, a
    /// bracketed reference's.
    static func leadingNumber(in line: String) -> (value: Int, range: Range<String.Index>)? {
        let patterns = [#/^\s*(\d+)[.)]\s/#, #/^\s*\|\s*(\d+)\s*\|/#, #/^\s*(?:\*\*)?\[(\d+)\]/#]
        for pattern in patterns {
            if let match = line.firstMatch(of: pattern), let value = Int(match.output.1) {
                return (value, match.output.1.startIndex..<match.output.1.endIndex)
            }
        }
        return nil
    }

    /// The source with `lines` inserted where this places them, and the lines they took.
    func insert(_ lines: [String], into source: SourceText) -> (SourceText, ClosedRange<Int>) {
        let block: [String]
        let at: Int
        if let next {
            block = lines + separator
            at = next.lines.lowerBound
        } else {
            block = separator + lines
            at = (previous?.lines.upperBound ?? source.lineCount) + 1
        }
        let terminator: [UInt8] = source.lineCount > 0 && source.terminatorLength(1) == 2 ? [13, 10] : [10]
        var bytes: [UInt8]
        if at <= source.lineCount {
            let start = source.lineBytes(at).startIndex
            bytes = Array(source.bytes[..<start])
            for line in block { bytes += Array(line.utf8) + terminator }
            bytes += source.bytes[start...]
        } else {
            bytes = source.bytes
            if source.lineCount > 0, source.terminatorLength(source.lineCount) == 0 { bytes += terminator }
            for line in block { bytes += Array(line.utf8) + terminator }
        }
        let first = at + (next == nil ? separator.count : 0)
        return (SourceText(bytes), first...first + lines.count - 1)
    }
}
