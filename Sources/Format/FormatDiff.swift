import Markdown

/// Line diffs of two texts: the unified diff `vlmbot format --diff` prints, and where each
/// kept line went, which carries a change's lines across a formatting pass.
public enum FormatDiff {
    /// One line of a unified diff: kept, removed from the old text, or added in the new one.
    enum Operation: Equatable {
        case kept(old: Int, new: Int)
        case removed(old: Int)
        case added(new: Int)
    }

    /// The lines of a text, each with its `\n` if it has one (a `\r` stays part of the line).
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lines.append(bytes[start...index])
            start = index + 1
        }
        if start < bytes.count { lines.append(bytes[start...]) }
        return lines
    }

    /// The edit script from `old` to `new` (0-based line indexes), removals before additions.
    ///
    /// Lines that occur once in each text, in the same order, are matched first (patience
    /// diffing), and only the stretches between them are diffed line by line, so scattered
    /// fixes in a long list cost about its length rather than its length times the fixes. A
    /// stretch with nothing to anchor on that is too long to diff is replaced whole: a longer
    /// script, never a wrong one.
    static func operations(_ old: [ArraySlice<UInt8>], _ new: [ArraySlice<UInt8>]) -> [Operation] {
        var operations: [Operation] = []
        operations.reserveCapacity(max(old.count, new.count))
        // Stretches still to diff, and lines matched between them, in reverse order of output.
        enum Task { case stretch(Range<Int>, Range<Int>), kept(Int, Int) }
        var tasks: [Task] = [.stretch(old.indices, new.indices)]
        while let task = tasks.popLast() {
            guard case .stretch(var oldRange, var newRange) = task else {
                if case .kept(let oldIndex, let newIndex) = task { operations.append(.kept(old: oldIndex, new: newIndex)) }
                continue
            }
            while !oldRange.isEmpty, !newRange.isEmpty, old[oldRange.lowerBound] == new[newRange.lowerBound] {
                operations.append(.kept(old: oldRange.lowerBound, new: newRange.lowerBound))
                oldRange = oldRange.dropFirst()
                newRange = newRange.dropFirst()
            }
            var suffix: [Task] = []
            while !oldRange.isEmpty, !newRange.isEmpty, old[oldRange.upperBound - 1] == new[newRange.upperBound - 1] {
                suffix.append(.kept(oldRange.upperBound - 1, newRange.upperBound - 1))
                oldRange = oldRange.dropLast()
                newRange = newRange.dropLast()
            }
            tasks.append(contentsOf: suffix)
            let anchors = uniqueCommonLines(old, oldRange, new, newRange)
            if anchors.isEmpty {
                operations.append(contentsOf: lineByLine(old, oldRange, new, newRange))
                continue
            }
            // Pushed last-first: the stretch after the last anchor, that anchor, ... the first stretch.
            var oldEnd = oldRange.upperBound, newEnd = newRange.upperBound
            for (oldIndex, newIndex) in anchors.reversed() {
                tasks.append(.stretch(oldIndex + 1..<oldEnd, newIndex + 1..<newEnd))
                tasks.append(.kept(oldIndex, newIndex))
                (oldEnd, newEnd) = (oldIndex, newIndex)
            }
            tasks.append(.stretch(oldRange.lowerBound..<oldEnd, newRange.lowerBound..<newEnd))
        }
        return operations
    }

    /// The longest run, in order in both, of lines that occur exactly once in each stretch.
    private static func uniqueCommonLines(_ old: [ArraySlice<UInt8>], _ oldRange: Range<Int>,
                                          _ new: [ArraySlice<UInt8>], _ newRange: Range<Int>) -> [(Int, Int)] {
        var seen: [ArraySlice<UInt8>: (old: Int, new: Int, oldCount: Int, newCount: Int)] = [:]
        for index in oldRange { seen[old[index], default: (index, -1, 0, 0)].oldCount += 1 }
        for index in newRange where seen[new[index]] != nil {
            seen[new[index]]!.newCount += 1
            seen[new[index]]!.new = index
        }
        let pairs = seen.values.filter { $0.oldCount == 1 && $0.newCount == 1 }.map { ($0.old, $0.new) }.sorted { $0.0 < $1.0 }
        // Longest increasing run of new indexes (patience sorting).
        var pileTops: [Int] = []      // index into pairs of each pile's top
        var previous = [Int](repeating: -1, count: pairs.count)
        for (index, pair) in pairs.enumerated() {
            let low = pileTops.partitionPoint { pairs[$0].1 < pair.1 }
            if low > 0 { previous[index] = pileTops[low - 1] }
            if low == pileTops.count { pileTops.append(index) } else { pileTops[low] = index }
        }
        var run: [(Int, Int)] = []
        var index = pileTops.last ?? -1
        while index >= 0 {
            run.append(pairs[index])
            index = previous[index]
        }
        return run.reversed()
    }

    /// Lines a line-by-line diff may compare at most (its cost grows with their square).
    private static let lineByLineLimit = 4000

    /// A minimal edit script for one stretch with no unique line in common, or, when it is
    /// too long for that, all its old lines removed and its new lines added.
    private static func lineByLine(_ old: [ArraySlice<UInt8>], _ oldRange: Range<Int>,
                                   _ new: [ArraySlice<UInt8>], _ newRange: Range<Int>) -> [Operation] {
        guard oldRange.count + newRange.count <= lineByLineLimit, !oldRange.isEmpty, !newRange.isEmpty else {
            return oldRange.map { Operation.removed(old: $0) } + newRange.map { Operation.added(new: $0) }
        }
        var removed = Set<Int>(), added = Set<Int>()
        for change in new[newRange].difference(from: old[oldRange]) {
            switch change {
            case .remove(let offset, _, _): removed.insert(oldRange.lowerBound + offset)
            case .insert(let offset, _, _): added.insert(newRange.lowerBound + offset)
            }
        }
        var operations: [Operation] = []
        var oldIndex = oldRange.lowerBound, newIndex = newRange.lowerBound
        while oldIndex < oldRange.upperBound || newIndex < newRange.upperBound {
            if oldIndex < oldRange.upperBound, removed.contains(oldIndex) {
                operations.append(.removed(old: oldIndex))
                oldIndex += 1
            } else if newIndex < newRange.upperBound, added.contains(newIndex) {
                operations.append(.added(new: newIndex))
                newIndex += 1
            } else {
                operations.append(.kept(old: oldIndex, new: newIndex))
                oldIndex += 1
                newIndex += 1
            }
        }
        return operations
    }

    /// For each 1-based line of `old` that `new` keeps, its 1-based line in `new`.
    public static func keptLines(from old: [UInt8], to new: [UInt8]) -> [Int: Int] {
        var map: [Int: Int] = [:]
        for case .kept(let oldIndex, let newIndex) in operations(lines(old), lines(new)) {
            map[oldIndex + 1] = newIndex + 1
        }
        return map
    }

    /// The 1-based lines of `new` that `old` does not have.
    public static func addedLines(from old: [UInt8], to new: [UInt8]) -> [Int] {
        operations(lines(old), lines(new)).compactMap { operation in
            if case .added(let newIndex) = operation { return newIndex + 1 }
            return nil
        }
    }

    /// A unified diff (`diff -u` style) from `old` to `new`, with `context` lines around each
    /// change; empty when they are equal. A last line without a line break is followed by
    /// `\ No newline at end of file`.
    public static func unified(old: [UInt8], new: [UInt8], oldName: String, newName: String, context: Int = 3) -> String {
        let oldLines = lines(old), newLines = lines(new)
        let script = operations(oldLines, newLines)
        let changes = script.indices.filter { if case .kept = script[$0] { false } else { true } }
        guard !changes.isEmpty else { return "" }
        var output = "--- \(oldName)\n+++ \(newName)\n"
        var groupStart = 0
        var scanned = 0, oldBefore = 0, newBefore = 0
        while groupStart < changes.count {
            var groupEnd = groupStart
            while groupEnd + 1 < changes.count, changes[groupEnd + 1] - changes[groupEnd] <= 2 * context + 1 {
                groupEnd += 1
            }
            let first = max(0, changes[groupStart] - context)
            let last = min(script.count - 1, changes[groupEnd] + context)
            for operation in script[scanned..<first] {
                if case .added = operation {} else { oldBefore += 1 }
                if case .removed = operation {} else { newBefore += 1 }
            }
            scanned = first
            output += hunk(script[first...last], oldLines, newLines, oldBefore: oldBefore, newBefore: newBefore)
            groupStart = groupEnd + 1
        }
        return output
    }

    /// One hunk: its `@@` header and its lines; `oldBefore`/`newBefore` lines precede it.
    private static func hunk(_ operations: ArraySlice<Operation>, _ old: [ArraySlice<UInt8>], _ new: [ArraySlice<UInt8>],
                             oldBefore: Int, newBefore: Int) -> String {
        var oldCount = 0, newCount = 0
        var body = ""
        func line(_ prefix: String, _ bytes: ArraySlice<UInt8>) {
            body += prefix + String(decoding: bytes, as: UTF8.self)
            if bytes.last != UInt8(ascii: "\n") { body += "\n\\ No newline at end of file\n" }
        }
        for operation in operations {
            switch operation {
            case .kept(let oldIndex, _):
                oldCount += 1
                newCount += 1
                line(" ", old[oldIndex])
            case .removed(let oldIndex):
                oldCount += 1
                line("-", old[oldIndex])
            case .added(let newIndex):
                newCount += 1
                line("+", new[newIndex])
            }
        }
        return "@@ -\(range(before: oldBefore, count: oldCount)) +\(range(before: newBefore, count: newCount)) @@\n" + body
    }

    /// A hunk side's `start,count`, GNU style: `start` alone for one line, and for an empty
    /// side the line before the hunk with count 0.
    private static func range(before: Int, count: Int) -> String {
        switch count {
        case 0: "\(before),0"
        case 1: "\(before + 1)"
        default: "\(before + 1),\(count)"
        }
    }
}
