import Foundation
import Markdown

/// A set of lowercase words that answers membership at once and finds the words near a
/// misspelling without comparing it with every word.
///
/// The words are kept as one buffer of lower-cased bytes, one word a line, with an
/// open-addressed table of where each starts: loading a 100,000-word dictionary makes no
/// string per word. The words near a misspelling are found through an index by length and
/// letters, built the first time it is asked for: most runs ask for none.
public struct WordList: Sendable, Equatable {
    private let storage: Storage

    /// A list of the given words, lowercased.
    public init(_ words: some Sequence<String>) {
        storage = Storage(text: Array(words.joined(separator: "\n").utf8))
    }

    /// An empty list.
    public init() {
        self.init([String]())
    }

    /// The words of a word list file (`rules/english-words.txt`): one a line;
    /// possessives (`word's`) are left out.
    public init(dictionaryText text: String) {
        storage = Storage(text: Array(text.utf8))
    }

    public var isEmpty: Bool { storage.count == 0 }

    /// Whether the list holds the word, whatever its case.
    public func contains(_ word: String) -> Bool {
        storage.contains(Array((word.isASCII ? word : word.lowercased()).utf8).map(\.asciiLowercased))
    }

    /// The words within `limit` edits of `word` (lowercase), with their distances.
    public func words(near word: String, within limit: Int) -> [(word: String, distance: Int)] {
        let length = word.unicodeScalars.count
        let letters = NearWordIndex.letterMask(word)
        let byLength = storage.index.byLength(of: storage.words)
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
        Set(lhs.storage.words) == Set(rhs.storage.words)
    }
}

/// The bytes of a word list and the table of its words.
private final class Storage: Sendable {
    /// Lower-cased words, each followed by `\n`.
    private let bytes: [UInt8]
    /// For each slot, 1 + the offset of the word filed there, or 0 for none.
    private let slots: [Int32]
    let count: Int
    let index = NearWordIndex()

    /// Reads one word a line, trimming blanks and leaving out empty lines and possessives.
    /// Every run loads a list of 75,000 words, so this works on raw bytes, index by index.
    init(text: [UInt8]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count + 1)
        var words: [(start: Int32, end: Int32)] = []
        text.withUnsafeBufferPointer { text in
            var index = 0
            while index < text.count {
                var end = index
                while end < text.count, text[end] != 0x0A { end += 1 }
                var (first, last) = (index, end)
                while first < last, Self.isBlank(text[first]) { first += 1 }
                while last > first, Self.isBlank(text[last - 1]) { last -= 1 }
                var (ascii, possessive) = (true, false)
                for offset in first..<last {
                    ascii = ascii && text[offset] < 0x80
                    possessive = possessive || text[offset] == UInt8(ascii: "'")
                }
                if first < last, !possessive {
                    let start = bytes.count
                    if ascii {
                        for offset in first..<last { bytes.append(text[offset].asciiLowercased) }
                    } else {
                        bytes.append(contentsOf: String(decoding: UnsafeBufferPointer(rebasing: text[first..<last]), as: UTF8.self)
                            .lowercased().utf8)
                    }
                    words.append((Int32(start), Int32(bytes.count)))
                    bytes.append(0x0A)
                }
                index = end + 1
            }
        }
        var capacity = 16
        while capacity < words.count * 2 { capacity *= 2 }
        var slots = [Int32](repeating: 0, count: capacity)
        var unique = 0
        bytes.withUnsafeBufferPointer { bytes in
            for word in words {
                let letters = UnsafeBufferPointer(rebasing: bytes[Int(word.start)..<Int(word.end)])
                var slot = Self.hash(letters) & (capacity - 1)
                var duplicate = false
                while slots[slot] != 0 {
                    if Self.word(at: Int(slots[slot]) - 1, in: bytes).elementsEqual(letters) {
                        duplicate = true
                        break
                    }
                    slot = (slot + 1) & (capacity - 1)
                }
                if !duplicate {
                    slots[slot] = word.start + 1
                    unique += 1
                }
            }
        }
        self.bytes = bytes
        self.slots = slots
        count = unique
    }

    func contains(_ word: [UInt8]) -> Bool {
        guard !word.isEmpty, !slots.isEmpty else { return false }
        return bytes.withUnsafeBufferPointer { bytes in
            word.withUnsafeBufferPointer { word in
                var slot = Self.hash(word) & (slots.count - 1)
                while slots[slot] != 0 {
                    if Self.word(at: Int(slots[slot]) - 1, in: bytes).elementsEqual(word) { return true }
                    slot = (slot + 1) & (slots.count - 1)
                }
                return false
            }
        }
    }

    /// Every distinct word, in no particular order.
    var words: [String] {
        bytes.withUnsafeBufferPointer { bytes in
            slots.filter { $0 != 0 }.map { String(decoding: Self.word(at: Int($0) - 1, in: bytes), as: UTF8.self) }
        }
    }

    /// The word starting at `start`, up to its newline.
    private static func word(at start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var end = start
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// FNV-1a over the word's bytes.
    private static func hash(_ word: UnsafeBufferPointer<UInt8>) -> Int {
        Int(truncatingIfNeeded: FNV1a.hash(word) >> 1)
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D
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

    func byLength(of words: @autoclosure () -> [String]) -> [Int: [Indexed]] {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        let made = Dictionary(grouping: words().map { Indexed(word: $0, letters: Self.letterMask($0)) },
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
