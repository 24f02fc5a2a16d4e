/// How many single-character edits turn one word into another: insertions, deletions,
/// substitutions and swaps of two neighbouring characters (`Natrual` → `Natural` is one).
public enum EditDistance {
    /// The distance between `a` and `b`, compared character by character as given (fold the
    /// case first for a case-insensitive comparison); nil when it is above `limit`.
    public static func distance(_ a: String, _ b: String, limit: Int) -> Int? {
        let source = Array(a)
        let target = Array(b)
        guard limit >= 0, abs(source.count - target.count) <= limit else { return nil }
        if source.isEmpty || target.isEmpty { return max(source.count, target.count) }
        // Rows of the optimal-string-alignment table: two back for swaps, one back, current.
        var beforePrevious = [Int](repeating: 0, count: target.count + 1)
        var previous = Array(0...target.count)
        var current = [Int](repeating: 0, count: target.count + 1)
        for i in 1...source.count {
            current[0] = i
            for j in 1...target.count {
                let substitution = source[i - 1] == target[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitution)
                if i > 1, j > 1, source[i - 1] == target[j - 2], source[i - 2] == target[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            // Every path to the end passes through this row, so its minimum bounds the result.
            if current.min()! > limit { return nil }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        let result = previous[target.count]
        return result <= limit ? result : nil
    }
}
