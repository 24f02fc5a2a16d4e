import Engine
import Markdown

/// A half-open span of bytes in a source: `start..<end`.
struct ByteSpan: Equatable, Sendable {
    var start: Int
    var end: Int

    var isEmpty: Bool { end <= start }
}

/// Where a finding is, in whole lines or in columns: the shape every structured format wants.
///
/// Columns are 1-based and the end column is exclusive (the column just after the last
/// character), as SARIF, reviewdog and LSP count; whether they count UTF-8 bytes or UTF-16 code
/// units depends on how the region was made.
struct TextRegion: Equatable, Sendable {
    var startLine: Int
    var endLine: Int
    /// Both nil when the region covers its lines whole.
    var startColumn: Int?
    var endColumn: Int?

    var isWholeLines: Bool { startColumn == nil }
}

extension SourceText {
    /// The offset of line `number`'s first byte.
    func startOffset(ofLine number: Int) -> Int {
        offset(of: SourcePosition(line: number, column: 1))
    }

    /// The offset just past line `number`'s text, before its terminator.
    func textEndOffset(ofLine number: Int) -> Int {
        guard number >= 1, number <= lineCount else { return bytes.count }
        return startOffset(ofLine: number) + lineLength(number)
    }

    /// The bytes a range covers, read as the fix applier reads a replacement: an end column
    /// one before the start column on the same line is an empty span (an insertion), and
    /// columns past a line's text reach into its terminator.
    func span(of range: SourceRange) -> ByteSpan {
        let start = offset(of: range.start)
        let isInsertion = range.end.line == range.start.line && range.end.column < range.start.column
        let end = isInsertion ? start : min(offset(of: range.end) + 1, bytes.count)
        return ByteSpan(start: start, end: max(start, end))
    }

    /// `span(of:)` widened to whole characters, for formats that cannot point inside one.
    func characterSpan(of range: SourceRange) -> ByteSpan {
        var span = span(of: range)
        while span.start > 0, span.start < bytes.count, Self.isContinuation(bytes[span.start]) { span.start -= 1 }
        while span.end < bytes.count, span.end > span.start, Self.isContinuation(bytes[span.end]) { span.end += 1 }
        return span
    }

    private static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    /// The line and byte column of an offset. The offset just past a final line terminator is
    /// the start of the (empty) line after the last, as editors and SARIF count lines.
    func bytePosition(ofOffset offset: Int) -> SourcePosition {
        if offset >= bytes.count, lineCount == 0 || terminatorLength(lineCount) > 0 {
            return SourcePosition(line: lineCount + 1, column: 1)
        }
        return position(ofOffset: offset)
    }

    /// The region a finding is shown at: its lines, with byte columns unless it covers them
    /// whole. The span is clamped to the text of its first and last lines (a line terminator
    /// is not something to underline) and widened to whole characters.
    func displayRegion(of range: SourceRange) -> TextRegion {
        let firstLine = max(1, range.start.line)
        let lastLine = max(firstLine, range.end.line)
        let span = characterSpan(of: range)
        let start = min(span.start, textEndOffset(ofLine: firstLine))
        let end = max(start, min(span.end, textEndOffset(ofLine: lastLine)))
        let firstStart = startOffset(ofLine: firstLine)
        if start == firstStart, end == textEndOffset(ofLine: lastLine) {
            return TextRegion(startLine: firstLine, endLine: lastLine)
        }
        return TextRegion(startLine: firstLine, endLine: lastLine, startColumn: start - firstStart + 1,
                          endColumn: end - startOffset(ofLine: lastLine) + 1)
    }

    /// The exact region a replacement covers, with byte columns and an exclusive end: a span
    /// that takes a line's terminator ends at column 1 of the next line.
    func exactRegion(of range: SourceRange) -> TextRegion {
        let span = span(of: range)
        let start = bytePosition(ofOffset: span.start)
        let end = bytePosition(ofOffset: span.end)
        return TextRegion(startLine: start.line, endLine: end.line, startColumn: start.column, endColumn: end.column)
    }

    /// Lines `lines` as they read after a fix, or nil when one of its replacements reaches
    /// outside them (their last terminator included) or two of them overlap. An empty array
    /// means the fix removes the lines.
    func fixedLines(_ fix: Fix, lines: ClosedRange<Int>) -> [String]? {
        guard lines.lowerBound >= 1, lines.upperBound <= lineCount else { return nil }
        let regionStart = startOffset(ofLine: lines.lowerBound)
        let regionEnd = textEndOffset(ofLine: lines.upperBound) + terminatorLength(lines.upperBound)
        let edits = fix.replacements.map { (span: span(of: $0.range), text: $0.text) }.sorted { $0.span.start < $1.span.start }
        guard edits.allSatisfy({ $0.span.start >= regionStart && $0.span.end <= regionEnd }) else { return nil }
        var result: [UInt8] = []
        var cursor = regionStart
        for edit in edits {
            guard edit.span.start >= cursor else { return nil }
            result += bytes[cursor..<edit.span.start]
            result += Array(edit.text.utf8)
            cursor = edit.span.end
        }
        result += bytes[cursor..<regionEnd]
        let fixed = SourceText(result)
        return (0..<fixed.lineCount).map { fixed.line($0 + 1) }
    }

    /// The text of lines `lines`, one string a line.
    func lineTexts(_ lines: ClosedRange<Int>) -> [String] {
        lines.filter { $0 >= 1 && $0 <= lineCount }.map(line)
    }
}

/// A source to locate findings in, or nothing when the report lacks the file: then the
/// finding's own columns are taken as they are.
struct Locator {
    let source: SourceText?
    private let columns: UTF16Columns?

    init(_ source: SourceText?) {
        self.source = source
        columns = source.map(UTF16Columns.init)
    }

    /// Where a finding is shown, in byte columns.
    func displayRegion(of range: SourceRange) -> TextRegion {
        if let source { return source.displayRegion(of: range) }
        return Self.naive(range)
    }

    /// Where a finding is shown, in UTF-16 columns.
    func utf16DisplayRegion(of range: SourceRange) -> TextRegion {
        guard let source, let columns else { return Self.naive(range) }
        return columns.region(source.displayRegion(of: range))
    }

    /// The exact span of a replacement, in byte columns.
    func exactRegion(of range: SourceRange) -> TextRegion {
        source?.exactRegion(of: range) ?? Self.naive(range)
    }

    /// The exact span of a replacement, in UTF-16 columns.
    func utf16ExactRegion(of range: SourceRange) -> TextRegion {
        guard let source, let columns else { return Self.naive(range) }
        return columns.region(source.exactRegion(of: range))
    }

    private static func naive(_ range: SourceRange) -> TextRegion {
        let isInsertion = range.end.line == range.start.line && range.end.column < range.start.column
        let endColumn = isInsertion ? range.start.column : range.end.column + 1
        return TextRegion(startLine: range.start.line, endLine: max(range.start.line, range.end.line),
                          startColumn: max(1, range.start.column), endColumn: max(1, endColumn))
    }
}

/// Byte columns turned into UTF-16 columns, each line measured once however many findings it
/// holds (a line of 100,000 characters with a finding every three is read once, not per finding).
final class UTF16Columns {
    private let source: SourceText
    /// For each measured line holding a non-ASCII byte, the UTF-16 units before each of its
    /// bytes (and one past its text); nil for an ASCII line, where the two counts agree.
    private var unitsBefore: [Int: [Int]?] = [:]

    init(_ source: SourceText) {
        self.source = source
    }

    /// The 1-based UTF-16 column of a byte column on a line. Bytes past the line's text (its
    /// terminator) count one unit each; the byte column must lie on a character boundary.
    func column(line: Int, byteColumn: Int) -> Int {
        let offset = max(0, byteColumn - 1)
        guard let units = measured(line) else { return offset + 1 }
        let inText = min(offset, units.count - 1)
        return units[inText] + (offset - inText) + 1
    }

    /// A byte-column region in UTF-16 code units.
    func region(_ region: TextRegion) -> TextRegion {
        var converted = region
        if let start = region.startColumn { converted.startColumn = column(line: region.startLine, byteColumn: start) }
        if let end = region.endColumn { converted.endColumn = column(line: region.endLine, byteColumn: end) }
        return converted
    }

    private func measured(_ line: Int) -> [Int]? {
        if let known = unitsBefore[line] { return known }
        let bytes = source.lineBytes(line)
        var units: [Int]?
        if bytes.contains(where: { $0 >= 0x80 }) {
            var counts = [0]
            counts.reserveCapacity(bytes.count + 1)
            for byte in bytes {
                // A four-byte sequence is a surrogate pair; continuation bytes add nothing.
                let weight = byte & 0xC0 == 0x80 ? 0 : byte >= 0xF0 ? 2 : 1
                counts.append(counts[counts.count - 1] + weight)
            }
            units = counts
        }
        unitsBefore[line] = .some(units)
        return units
    }
}
