import Engine
import Markdown
import Rules

/// Applies fixes to a source as byte-exact replacements; everything outside the replaced
/// spans is kept byte for byte.
public enum FixApplier {
    /// The source with the replacements of `fixes` applied. A fix whose replacements overlap
    /// one already taken is skipped whole, so a second run can apply it.
    public static func apply(_ fixes: [Fix], to source: SourceText) -> [UInt8] {
        let taken = compatible(fixes, in: source).flatMap { spans(of: $0, in: source) }
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

    /// The fixes `apply` takes, in order: each fix whose replacements overlap none of the
    /// fixes taken before it.
    public static func compatible(_ fixes: [Fix], in source: SourceText) -> [Fix] {
        var taken: [(start: Int, end: Int, text: String)] = []
        var chosen: [Fix] = []
        for fix in fixes {
            let candidate = spans(of: fix, in: source)
            let overlaps = candidate.contains { span in
                taken.contains { span.start < $0.end && $0.start < span.end || span.start == $0.start }
            }
            if !overlaps {
                taken += candidate
                chosen.append(fix)
            }
        }
        return chosen
    }

    /// A fix's replacements as byte spans (end exclusive) of the source.
    static func spans(of fix: Fix, in source: SourceText) -> [(start: Int, end: Int, text: String)] {
        fix.replacements.map { replacement in
            let range = replacement.range
            let start = source.offset(of: range.start)
            let isInsertion = range.end.line == range.start.line && range.end.column < range.start.column
            return (start: start, end: isInsertion ? start : source.offset(of: range.end) + 1, text: replacement.text)
        }
    }
}
