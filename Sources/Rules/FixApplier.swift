import Markdown

/// Applies fixes to a source as byte-exact replacements; everything outside the replaced
/// spans is kept byte for byte.
public enum FixApplier {
    /// The source with the replacements of `fixes` applied. A fix whose replacements overlap
    /// one already taken is skipped whole, so a second run can apply it.
    public static func apply(_ fixes: [Fix], to source: SourceText) -> [UInt8] {
        var taken: [(start: Int, end: Int, text: String)] = []
        for fix in fixes {
            let spans = fix.replacements.map { replacement in
                let range = replacement.range
                let start = source.offset(of: range.start)
                let isInsertion = range.end.line == range.start.line && range.end.column < range.start.column
                return (start: start, end: isInsertion ? start : source.offset(of: range.end) + 1, text: replacement.text)
            }
            let overlaps = spans.contains { span in
                taken.contains { span.start < $0.end && $0.start < span.end || span.start == $0.start }
            }
            if !overlaps { taken += spans }
        }
        var output: [UInt8] = []
        output.reserveCapacity(source.bytes.count)
        var cursor = 0
        for span in taken.sorted(by: { $0.start < $1.start }) where span.start >= cursor {
            output += source.bytes[cursor..<span.start]
            output += Array(span.text.utf8)
            cursor = max(span.start, span.end)
        }
        output += source.bytes[cursor...]
        return output
    }
}
