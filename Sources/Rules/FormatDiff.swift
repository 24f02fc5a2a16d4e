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
    static func operations(_ old: [ArraySlice<UInt8>], _ new: [ArraySlice<UInt8>]) -> [Operation] {
        let difference = new.difference(from: old)
        var removed = Set<Int>(), added = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): added.insert(offset)
            }
        }
        var operations: [Operation] = []
        var oldIndex = 0, newIndex = 0
        while oldIndex < old.count || newIndex < new.count {
            if oldIndex < old.count, removed.contains(oldIndex) {
                operations.append(.removed(old: oldIndex))
                oldIndex += 1
            } else if newIndex < new.count, added.contains(newIndex) {
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
