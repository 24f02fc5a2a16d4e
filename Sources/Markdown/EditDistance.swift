/// How many single-character edits turn one word into another: insertions, deletions,
/// substitutions and swaps of two neighbouring characters (`Natrual` → `Natural` is one).
public enum EditDistance {
    /// Whether `word` is one typo from `known` and not a variant named alike: a digit or an `s`
    /// added at the end (`:star2:` and `:stars:` beside `:star:`, `[pdfs]` beside `[pdf]`).
    public static func isSlip(_ word: String, of known: String) -> Bool {
        guard word != known, distance(word, known, limit: 1) != nil else { return false }
        let (longer, shorter) = word.count > known.count ? (word, known) : (known, word)
        return !(longer.hasPrefix(shorter) && longer.count == shorter.count + 1 && (longer.last!.isNumber || longer.last == "s"))
    }

    /// How many times as often a list writes a spelling for a rare one beside it to look like
    /// a slip of it.
    public static let slipRarity = 5

    /// What a spelling the list writes rarely was probably meant as: the spelling a slip away
    /// from it (as `isSlip` judges) that the list writes at least `minimumUses` times and
    /// `slipRarity` times as often, the most written when several are.
    public static func commonNeighbour(of word: String, uses: [String: Int], minimumUses: Int) -> String? {
        let count = uses[word, default: 0]
        return uses.filter { $0.value >= max(minimumUses, slipRarity * count) && isSlip(word, of: $0.key) }
            .max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }

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
