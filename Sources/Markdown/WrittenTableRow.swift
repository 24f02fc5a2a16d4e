/// A table row as written: the cells GitHub splits it into at unescaped pipes (inside code
/// spans too), a leading and a trailing pipe being borders. The one reading of a row's cells
/// for the parser, the rules and the formatter.
public struct WrittenTableRow: Sendable {
    /// Each cell's bytes without surrounding spaces and tabs, as offsets into the row; a blank
    /// cell is an empty range. A blank row has no cells.
    public let cells: [Range<Int>]
    /// Whether a pipe opens the row (after blanks).
    public let opensWithPipe: Bool
    /// Whether a pipe closes the row (before blanks), other than the one that opens it.
    public let closesWithPipe: Bool
    /// The offsets of the row's unescaped pipes.
    public let pipes: [Int]

    public init(_ row: [UInt8]) {
        var pipes: [Int] = []
        var index = 0
        while index < row.count {
            if row[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if row[index] == UInt8(ascii: "|") { pipes.append(index) }
            index += 1
        }
        self.pipes = pipes
        guard let first = row.firstIndex(where: { !Self.isBlank($0) }), let last = row.lastIndex(where: { !Self.isBlank($0) }) else {
            (cells, opensWithPipe, closesWithPipe) = ([], false, false)
            return
        }
        let opens = pipes.first == first
        let closes = pipes.last == last && last != first
        let inner = pipes.filter { !(opens && $0 == first) && !(closes && $0 == last) }
        let starts = [opens ? first + 1 : first] + inner.map { $0 + 1 }
        let ends = inner + [closes ? last : last + 1]
        cells = zip(starts, ends).map { start, end in
            var low = start
            var high = end
            while low < high, Self.isBlank(row[low]) { low += 1 }
            while high > low, Self.isBlank(row[high - 1]) { high -= 1 }
            return low..<high
        }
        (opensWithPipe, closesWithPipe) = (opens, closes)
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }
}
