import Foundation

/// A position in a source text: a 1-based line and a 1-based column counted in UTF-8 bytes.
public struct SourcePosition: Hashable, Comparable, Sendable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// An inclusive range of source positions.
public struct SourceRange: Hashable, Sendable {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    /// A range covering whole lines `first...last`; the end column is the last byte of `last`.
    public init(lines first: Int, _ last: Int, in source: SourceText) {
        start = SourcePosition(line: first, column: 1)
        end = SourcePosition(line: last, column: max(1, source.lineLength(last)))
    }

    /// The lines the range touches.
    public var lines: ClosedRange<Int> { start.line...max(start.line, end.line) }
}

/// The bytes of a document split into lines, for exact positions.
///
/// Line terminators (`\n`, `\r\n`, a lone `\r`) are not part of a line's text. A leading
/// UTF-8 byte order mark is kept in the bytes and counted in line 1's columns.
public struct SourceText: Sendable {
    /// The document's bytes, exactly as read.
    public let bytes: [UInt8]
    /// For each line, the byte offset of its first byte and of its terminator.
    private let lineBounds: [(start: Int, end: Int)]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var bounds: [(start: Int, end: Int)] = []
        bounds.reserveCapacity(bytes.count / 40 + 1)
        var start = 0
        let count = bytes.count
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            if memchr(base, Int32(UInt8(ascii: "\r")), count) == nil {
                // Only `\n` ends lines: jump from one to the next.
                while start < count, let found = memchr(base + start, Int32(UInt8(ascii: "\n")), count - start) {
                    let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    bounds.append((start, index))
                    start = index + 1
                }
                return
            }
            var index = 0
            while index < count {
                let byte = buffer[index]
                if byte == UInt8(ascii: "\n") {
                    bounds.append((start, index))
                    start = index + 1
                } else if byte == UInt8(ascii: "\r") {
                    bounds.append((start, index))
                    if index + 1 < count, buffer[index + 1] == UInt8(ascii: "\n") { index += 1 }
                    start = index + 1
                }
                index += 1
            }
        }
        if start < count { bounds.append((start, count)) }
        lineBounds = bounds
    }

    public init(_ string: String) {
        self.init(Array(string.utf8))
    }

    /// The number of lines; a final line terminator does not start a new line.
    public var lineCount: Int { lineBounds.count }

    /// Whether the document starts with a UTF-8 byte order mark.
    public var hasByteOrderMark: Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    /// The bytes of 1-based line `number`, without its terminator; empty outside the document.
    public func lineBytes(_ number: Int) -> ArraySlice<UInt8> {
        guard number >= 1, number <= lineBounds.count else { return [] }
        let bound = lineBounds[number - 1]
        return bytes[bound.start..<bound.end]
    }

    /// The text of 1-based line `number`, without its terminator.
    public func line(_ number: Int) -> String {
        String(decoding: lineBytes(number), as: UTF8.self)
    }

    /// The length in bytes of 1-based line `number`.
    public func lineLength(_ number: Int) -> Int { lineBytes(number).count }

    /// Whether line `number` holds only spaces and tabs.
    public func isBlank(_ number: Int) -> Bool {
        lineBytes(number).allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// The byte offset in `bytes` of a position. Columns past a line's text reach into its
    /// terminator (`\r\n` is two bytes), so a range can take whole lines with their breaks.
    public func offset(of position: SourcePosition) -> Int {
        guard position.line >= 1, position.line <= lineBounds.count else { return bytes.count }
        let start = lineBounds[position.line - 1].start
        let next = position.line < lineBounds.count ? lineBounds[position.line].start : bytes.count
        return min(start + max(0, position.column - 1), next)
    }

    /// The length in bytes of line `number`'s terminator: 0 for a last line without one.
    public func terminatorLength(_ number: Int) -> Int {
        guard number >= 1, number <= lineBounds.count else { return 0 }
        let next = number < lineBounds.count ? lineBounds[number].start : bytes.count
        return next - lineBounds[number - 1].end
    }
}

extension SourceText {
    /// The byte offset of the first NUL byte, which marks a binary file.
    public var firstNULOffset: Int? {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                memchr(base, 0, buffer.count).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
            }
        }
    }

    /// The byte offset of the first byte that is not part of well-formed UTF-8, if any.
    public var firstInvalidUTF8Offset: Int? {
        bytes.withUnsafeBufferPointer(Self.firstInvalidUTF8Offset)
    }

    private static func firstInvalidUTF8Offset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        let count = bytes.count
        let raw = UnsafeRawBufferPointer(bytes)
        while index < count {
            // Eight ASCII bytes at a time.
            if index + 8 <= count, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            let lead = bytes[index]
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0x00...0x7F: index += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return index
            }
            guard index + length <= count else { return index }
            for offset in 1..<length {
                let byte = bytes[index + offset]
                let (lower, upper) = offset == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
                guard byte >= lower, byte <= upper else { return index }
            }
            index += length
        }
        return nil
    }

    /// The line and byte column of a byte offset.
    public func position(ofOffset offset: Int) -> SourcePosition {
        let low = lineBounds.lastIndex { $0.start <= offset }
        guard !lineBounds.isEmpty else { return SourcePosition(line: 1, column: 1) }
        return SourcePosition(line: low + 1, column: offset - lineBounds[low].start + 1)
    }
}

extension RandomAccessCollection where Index == Int {
    /// The index of the first element for which `isBefore` is false, in elements where every
    /// one for which it is true comes first (a binary search); `endIndex` when there is none.
    public func partitionPoint(where isBefore: (Element) -> Bool) -> Int {
        var low = startIndex
        var high = endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if isBefore(self[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The index of the last element for which `isAtOrBefore` is true, in elements where
    /// every one for which it is true comes first; `startIndex` when there is none.
    public func lastIndex(atOrBefore isAtOrBefore: (Element) -> Bool) -> Int {
        Swift.max(startIndex, partitionPoint(where: isAtOrBefore) - 1)
    }
}

extension [ClosedRange<Int>] {
    /// Whether `range` overlaps one of these ranges, which must be ascending and disjoint.
    public func anyOverlaps(_ range: ClosedRange<Int>) -> Bool {
        let low = partitionPoint { $0.upperBound < range.lowerBound }
        return low < count && self[low].lowerBound <= range.upperBound
    }
}

extension SourceText {
    /// The lines that hold `needle`, byte for byte, in order: one pass over the whole text.
    public func lines(containing needle: String) -> [Int] {
        let pattern = Array(needle.utf8)
        var lines: [Int] = []
        var from = 0
        while let found = ByteSearch.firstOffset(of: pattern, in: bytes, range: from..<bytes.count) {
            let line = position(ofOffset: found).line
            lines.append(line)
            from = line < lineCount ? offset(of: SourcePosition(line: line + 1, column: 1)) : bytes.count
        }
        return lines
    }
}
