import Foundation

/// A paper title reduced to what identifies it: its words, compared without case, accents,
/// punctuation, Unicode compatibility forms or spacing, so that `Pre-training` and
/// `pretraining`, `Ariadne’s` and `Ariadne's` are the same words.
public struct PaperTitle: Sendable {
    /// The fewest words the shorter of two titles needs before a one-word difference is taken
    /// for the same title: short titles ("Segment Anything") must match exactly.
    public static let fuzzyMinimumWords = 6

    /// English function words, left out when judging how many words two titles share.
    private static let functionWords: Set<String> = [
        "a", "an", "the", "of", "for", "and", "or", "in", "on", "at", "to", "from", "by", "with", "via",
        "using", "into", "its", "is", "are", "as", "towards", "toward", "through", "based",
    ]

    /// The title's words, lower-cased and folded; dashes and apostrophes join the parts they
    /// sit between.
    public let words: [String]
    /// The words run together: equal for titles that differ only in spacing and hyphenation.
    public let compact: String

    public init(_ text: String) {
        let isASCII = text.utf8.allSatisfy { $0 < 0x80 }
        let folded = isASCII ? text.lowercased() : text.precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var words: [String] = []
        var current: [UInt8] = []
        for scalar in folded.unicodeScalars {
            if scalar.isASCII ? ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
                : CharacterSet.alphanumerics.contains(scalar) {
                current.append(contentsOf: scalar.utf8)
            } else if scalar == "+", !current.isEmpty {
                // A plus after a word is part of its name: ViViD and ViViD++ are two papers.
                current.append(UInt8(ascii: "+"))
            } else if !current.isEmpty, !Self.joinsWords(scalar) {
                words.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        self.words = words
        compact = words.joined()
    }

    private static func joinsWords(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == "-" || scalar == "'" }
        return scalar.properties.generalCategory == .dashPunctuation || "’‘ʼ\u{00AD}".unicodeScalars.contains(scalar)
    }

    public var isEmpty: Bool { words.isEmpty }

    /// Whether the title is long enough to match another with one word changed.
    public var allowsNearMatch: Bool { words.count >= Self.fuzzyMinimumWords }

    /// The words that carry meaning, without function words and a plural `s`.
    public var contentWords: Set<String> {
        Set(words.filter { !Self.functionWords.contains($0) }.map { word in
            word.count > 3 && word.hasSuffix("s") && !word.hasSuffix("ss") ? String(word.dropLast()) : word
        })
    }

    /// Whether the titles are the same but for spelling: equal once compacted, or, when both
    /// are long enough, one word added or dropped, or misspelt by one letter (never a number,
    /// such as `BLIP-2` or `Part II`, and never another word: `self-` and `semi-supervised`).
    public func isNearDuplicate(of other: PaperTitle) -> Bool {
        guard !isEmpty, !other.isEmpty else { return false }
        if compact == other.compact { return true }
        guard min(words.count, other.words.count) >= Self.fuzzyMinimumWords,
              let edit = Self.singleEdit(words, other.words) else { return false }
        let changed = [edit.removed, edit.added].compactMap { $0 }
        guard !changed.contains(where: Self.isNumberLike) else { return false }
        if let removed = edit.removed, let added = edit.added {
            return Self.singleEdit(Array(removed), Array(added)) != nil
        }
        return true
    }

    /// Keys that two near-duplicate titles always share at least one of (the words, and the
    /// words with one left out), so near duplicates are found by lookup, not by comparing
    /// every pair. Empty for titles too short to match fuzzily.
    public var fuzzyKeys: [Int] {
        guard words.count >= Self.fuzzyMinimumWords else { return [] }
        let hashes = words.map(\.hashValue)
        return (-1..<hashes.count).map { skipped in
            var hasher = Hasher()
            for (index, hash) in hashes.enumerated() where index != skipped { hasher.combine(hash) }
            return hasher.finalize()
        }
    }

    /// How many content words the titles share, what part of the shorter title's content words
    /// that is, and what part of both titles' words together (`similarity`).
    public func overlap(with other: PaperTitle) -> (shared: Int, ratio: Double, similarity: Double) {
        let mine = contentWords
        let theirs = other.contentWords
        let shared = mine.intersection(theirs).count
        let smaller = min(mine.count, theirs.count)
        let union = mine.count + theirs.count - shared
        return (shared, smaller == 0 ? 0 : Double(shared) / Double(smaller), union == 0 ? 0 : Double(shared) / Double(union))
    }

    /// The one element that turns `a` into `b` (replaced, added or removed), or nil when they
    /// are equal or differ by more: one word of a title, or one letter of a word.
    private static func singleEdit<Element: Equatable>(_ a: [Element], _ b: [Element]) -> (removed: Element?, added: Element?)? {
        guard abs(a.count - b.count) <= 1, a != b else { return nil }
        let prefix = zip(a, b).prefix { $0 == $1 }.count
        let suffix = zip(a.reversed(), b.reversed()).prefix { $0 == $1 }.count
        guard prefix + suffix >= max(a.count, b.count) - 1 else { return nil }
        return (a.count >= b.count ? a[prefix] : nil, b.count >= a.count ? b[prefix] : nil)
    }

    private static func isNumberLike(_ word: String) -> Bool {
        word.contains(where: \.isNumber) || (1...4).contains(word.count) && word.allSatisfy { "ivx".contains($0) }
    }
}
