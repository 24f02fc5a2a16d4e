import Lists
import Markdown
import Papers

extension SourceText {
    /// The range of the first occurrence of `needle` on a line at or after a byte column,
    /// matched byte for byte (inline positions from cmark-gfm are not exact; the source is).
    public func range(of needle: String, onLine line: Int, from column: Int = 1) -> SourceRange? {
        let span = lineBytes(line)
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty, span.count >= pattern.count,
              let found = ByteSearch.firstOffset(of: pattern, in: bytes,
                                                 range: span.startIndex + max(0, column - 1)..<span.endIndex) else { return nil }
        let start = found - span.startIndex
        return SourceRange(start: SourcePosition(line: line, column: start + 1),
                           end: SourcePosition(line: line, column: start + pattern.count))
    }

    /// The first occurrence of `needle` within a span of lines.
    public func range(of needle: String, inLines lines: ClosedRange<Int>) -> SourceRange? {
        lines.lazy.compactMap { range(of: needle, onLine: $0) }.first
    }

    /// The text of a span of lines, joined by `\n`.
    public func text(ofLines lines: ClosedRange<Int>) -> String {
        lines.map(line).joined(separator: "\n")
    }
}

extension Entry {
    /// Where a finding about the whole entry goes: its first line, from its first non-blank
    /// byte to the line's end.
    public func range(in source: SourceText) -> SourceRange {
        let line = lines.lowerBound
        let bytes = source.lineBytes(line)
        let indent = bytes.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
        return SourceRange(start: SourcePosition(line: line, column: indent + 1),
                           end: SourcePosition(line: line, column: max(indent + 1, bytes.count)))
    }

    /// How a message names the entry: its title (or short name) and first line.
    public var label: String { label(atLine: lines.lowerBound) }

    /// The entry as a message names it, at one of its lines: its title or name, else its line.
    public func label(atLine line: Int) -> String {
        guard let name = title ?? self.name else { return "the entry at line \(line)" }
        let short = name.snippet
        return "'\(short)' (line \(line))"
    }

    /// Where a link of the entry is written: the first occurrence of its URL in the entry's lines.
    public func range(of link: EntryLink, in source: SourceText) -> SourceRange? {
        link.url.isEmpty ? nil : source.range(of: link.url, inLines: lines)
    }
}
