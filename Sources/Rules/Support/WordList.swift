import Foundation

/// A set of lowercase words that answers membership at once and finds the words near a
/// misspelling without comparing it with every word: words are kept by length, with a mask
/// of the letters each holds, so only words that could lie within the limit are compared.
/// That index is built the first time a near word is asked for: most runs ask for none.
public struct WordList: Sendable, Equatable {
    private let words: Set<String>
    private let index: NearWordIndex

    /// A list of the given words, lowercased.
    public init(_ words: some Sequence<String>) {
        self.words = Set(words.map { $0.lowercased() })
        index = NearWordIndex()
    }

    /// An empty list.
    public init() {
        self.init([String]())
    }

    /// The words of a dictionary file (`/usr/share/dict/american-english`): one a line;
    /// possessives (`word's`) are left out. Read byte by byte: the file has 100,000 lines.
    public init(dictionaryText text: String) {
        let blank: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r")]
        self.init(text.utf8.split(separator: UInt8(ascii: "\n")).compactMap { line -> String? in
            guard let first = line.firstIndex(where: { !blank.contains($0) }),
                  let last = line.lastIndex(where: { !blank.contains($0) }) else { return nil }
            let word = line[first..<line.index(after: last)]
            return word.contains(UInt8(ascii: "'")) ? nil : String(decoding: word, as: UTF8.self)
        })
    }

    public var isEmpty: Bool { words.isEmpty }

    /// Whether the list holds the word, whatever its case.
    public func contains(_ word: String) -> Bool {
        words.contains(word.lowercased())
    }

    /// The words within `limit` edits of `word` (lowercase), with their distances.
    public func words(near word: String, within limit: Int) -> [(word: String, distance: Int)] {
        let length = word.unicodeScalars.count
        let letters = NearWordIndex.letterMask(word)
        let byLength = index.byLength(of: words)
        return (length - limit...length + limit).flatMap { byLength[$0] ?? [] }.compactMap { candidate in
            // Each letter one word has and the other lacks needs an edit of its own (a swap
            // brings in no letter).
            guard (letters & ~candidate.letters).nonzeroBitCount <= limit,
                  (candidate.letters & ~letters).nonzeroBitCount <= limit,
                  let distance = EditDistance.distance(word, candidate.word, limit: limit)
            else { return nil }
            return (candidate.word, distance)
        }
    }

    public static func == (lhs: WordList, rhs: WordList) -> Bool {
        lhs.words == rhs.words
    }
}

/// A word list's words by length, each with the mask of its letters, built on first use.
private final class NearWordIndex: @unchecked Sendable {
    struct Indexed {
        let word: String
        let letters: UInt32
    }

    private let lock = NSLock()
    private var built: [Int: [Indexed]]?

    func byLength(of words: Set<String>) -> [Int: [Indexed]] {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        let made = Dictionary(grouping: words.map { Indexed(word: $0, letters: Self.letterMask($0)) },
                              by: { $0.word.unicodeScalars.count })
        built = made
        return made
    }

    /// One bit per letter a–z the word holds; other characters share the last bits.
    static func letterMask(_ word: String) -> UInt32 {
        word.unicodeScalars.reduce(0) { mask, scalar in
            let value = scalar.value
            let bit = (97...122).contains(value) ? value - 97 : 26 + value % 6
            return mask | (1 << bit)
        }
    }
}
