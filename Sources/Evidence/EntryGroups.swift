import Lists
import Markdown

/// The groups a section's entries are filed in below its headings: parted by a thematic break
/// or a block of text that is no entry (a bold label, a quoted caption), and, for nested
/// bullets, by the top-level item they stand under (`- **HVS**` with its sensors below).
public struct EntryGroups {
    /// The first lines of the blocks that start a new group, in order.
    private let boundaries: [Int]
    /// The line ranges of top-level list items, in order.
    private let topItems: [ClosedRange<Int>]

    public init(_ document: ListDocument) {
        let tree = document.tree
        let entryStarts = document.entries.map(\.lines.lowerBound).sorted()
        var boundaries: [Int] = []
        var topItems: [ClosedRange<Int>] = []
        for block in tree.children(of: tree.root) {
            let lines = tree[block].range.lines
            switch tree[block].kind {
            case .thematicBreak:
                boundaries.append(lines.lowerBound)
            case .paragraph, .blockQuote:
                if !Self.holdsStart(entryStarts, lines) { boundaries.append(lines.lowerBound) }
            case .list:
                topItems += tree.children(of: block).map { tree[$0].range.lines }
            default:
                break
            }
        }
        self.boundaries = boundaries
        self.topItems = topItems
    }

    /// Whether two entries of one section are filed in one group.
    public func areTogether(_ first: Entry, _ second: Entry) -> Bool {
        let (a, b) = (first.lines.lowerBound, second.lines.lowerBound)
        guard boundariesBefore(a) == boundariesBefore(b) else { return false }
        // Nested entries under two different top-level items stand in two groups.
        let (parentA, parentB) = (topItem(holding: a), topItem(holding: b))
        let nestedA = parentA.map { $0.lowerBound != a } ?? false
        let nestedB = parentB.map { $0.lowerBound != b } ?? false
        return !(nestedA || nestedB) || parentA == parentB
    }

    private func boundariesBefore(_ line: Int) -> Int {
        Self.countNotAfter(line, in: boundaries, by: { $0 })
    }

    private func topItem(holding line: Int) -> ClosedRange<Int>? {
        let index = Self.countNotAfter(line, in: topItems, by: \.lowerBound)
        guard index > 0, topItems[index - 1].contains(line) else { return nil }
        return topItems[index - 1]
    }

    /// Whether an entry starts within the lines (the starts ascending).
    private static func holdsStart(_ starts: [Int], _ lines: ClosedRange<Int>) -> Bool {
        let index = countNotAfter(lines.upperBound, in: starts, by: { $0 })
        return index > 0 && starts[index - 1] >= lines.lowerBound
    }

    /// How many elements, ascending by `key`, have a key at most `line` (a binary search).
    private static func countNotAfter<Element>(_ line: Int, in elements: [Element], by key: (Element) -> Int) -> Int {
        elements.partitionPoint { key($0) <= line }
    }
}
