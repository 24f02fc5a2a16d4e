import Evidence
import Markdown

/// The lines a change touched in one file, on its new side: what a pull request is judged on.
public struct ChangedLines: Hashable, Sendable {
    /// Sorted, disjoint, non-adjacent ranges of 1-based lines.
    public private(set) var ranges: [ClosedRange<Int>] = []

    public init<Lines: Sequence>(lines: Lines) where Lines.Element == Int {
        for line in Set(lines).sorted() {
            if let last = ranges.last, last.upperBound + 1 == line {
                ranges[ranges.count - 1] = last.lowerBound...line
            } else {
                ranges.append(line...line)
            }
        }
    }

    /// Whether any line of `lines` changed.
    public func intersects(_ lines: ClosedRange<Int>) -> Bool {
        ranges.anyOverlaps(lines)
    }
}

extension RuleContext {
    /// Whether an entry or span is part of the change being reviewed; everything is when the
    /// whole file is checked.
    public func isChanged(_ lines: ClosedRange<Int>) -> Bool {
        changedLines?.intersects(lines) ?? true
    }
}

extension RuleContext {
    /// Which of two entries about one finding it goes on, and which it names: the later one,
    /// unless a reviewed change touched the earlier one only (a comment must be on the change).
    public func orient(later: Paper, earlier: Paper) -> (reported: Paper, named: Paper) {
        isChanged(later.entry.lines) || !isChanged(earlier.entry.lines) ? (later, earlier) : (earlier, later)
    }
}
