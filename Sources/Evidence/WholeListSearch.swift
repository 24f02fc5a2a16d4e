import Lists
import Markdown

/// The whole list's text searched without regard to ASCII case, for looking past the sections
/// a change-scoped check parsed: where the other copies of a changed paper may be written,
/// and how often a word is written.
public struct WholeListSearch: Sendable {
    public let source: SourceText

    public init(_ source: SourceText) {
        self.source = source
    }

    /// Whether `word` (lower-case ASCII letters) is written at least `times` times as a whole
    /// run of letters.
    public func holds(word: String, times: Int) -> Bool {
        let bytes = source.bytes
        let length = word.utf8.count
        return ByteSearch.offsets(ofIgnoringCase: Array(word.utf8), in: bytes).count { found in
            !(found > 0 && bytes[found - 1].isASCIILetter) && !(found + length < bytes.count && bytes[found + length].isASCIILetter)
        } >= times
    }

    /// The lines where another copy of one of these papers may be written: its arXiv id, the
    /// distinctive part of its DOI, its paper and code links' last path segments, and the
    /// lines that hold its title's rarest words. A copy with the same identifier or link is
    /// always on such a line; a copy with the same or nearly the same title too, unless it
    /// joins or splits those words differently (`Pretraining`, `Pre-training`).
    public func lines(mayRepeat papers: [Paper]) -> Set<Int> {
        var needles = Set<String>()
        var titles: [(words: Set<[UInt8]>, fuzzy: Bool)] = []
        for paper in papers {
            if let arxiv = paper.arxiv { needles.insert(arxiv) }
            if let doi = paper.doi, let suffix = Self.longestPlainRun(doi) { needles.insert(suffix) }
            // Links keyed by an arXiv id or DOI are found by it; others by their last segment.
            for link in paper.links where !link.key.hasPrefix("arxiv:") && !link.key.hasPrefix("doi:") {
                let parts = link.key.split(separator: "/")
                if let last = parts.last, last.utf8.count >= 4 { needles.insert(String(last.prefix { $0 != "?" })) }
            }
            if let title = paper.entry.title { titles.append((Self.tokens(of: title), paper.title.allowsNearMatch)) }
        }
        let needleTokens = Dictionary(needles.compactMap { needle in
            Self.tokens(of: needle).max { $0.count < $1.count }.map { (needle, $0) }
        }) { first, _ in first }
        let found = lines(holding: Set(needleTokens.values).union(titles.flatMap(\.words)))
        var lines = Set<Int>()
        // An identifier's line holds its longest token, and the identifier itself.
        for (needle, token) in needleTokens {
            let pattern = Array(needle.lowercased().utf8)
            lines.formUnion((found[token] ?? []).filter { Self.contains(pattern, in: source.lineBytes($0)) })
        }
        // A title's copy holds its six rarest words, or all but one when one may differ.
        for (words, fuzzy) in titles {
            let rarest = words.sorted { (found[$0]?.count ?? 0, $0.count) < (found[$1]?.count ?? 0, $1.count) }.prefix(6)
            let needed = fuzzy && rarest.count > 1 ? rarest.count - 1 : rarest.count
            var hits: [Int: Int] = [:]
            for word in rarest { for line in found[word] ?? [] { hits[line, default: 0] += 1 } }
            lines.formUnion(hits.filter { $0.value >= needed }.keys)
        }
        return lines
    }

    /// The lines where each token is written as a whole run of ASCII letters and digits, in
    /// any case: one pass over the text for all of them.
    private func lines(holding tokens: Set<[UInt8]>) -> [[UInt8]: Set<Int>] {
        guard !tokens.isEmpty else { return [:] }
        // A bit per hash value's low 16 bits rejects almost every other word at once.
        var filter = [UInt64](repeating: 0, count: 1024)
        for token in tokens {
            let hash = Self.hash(token)
            filter[Int(hash >> 6 & 1023)] |= 1 << (hash & 63)
        }
        var found: [[UInt8]: Set<Int>] = [:]
        source.bytes.withUnsafeBufferPointer { bytes in
            filter.withUnsafeBufferPointer { filter in
                Self.folded.withUnsafeBufferPointer { folded in
                    var index = 0
                    let count = bytes.count
                    while index < count {
                        guard folded[Int(bytes[index])] != 0 else {
                            index += 1
                            continue
                        }
                        let start = index
                        var hash = FNV1a.offsetBasis
                        while index < count, case let byte = folded[Int(bytes[index])], byte != 0 {
                            hash = FNV1a.step(hash, byte)
                            index += 1
                        }
                        guard index - start >= 4, filter[Int(hash >> 6 & 1023)] & (1 << (hash & 63)) != 0 else { continue }
                        let token = bytes[start..<index].map { folded[Int($0)] }
                        if tokens.contains(token) { found[token, default: []].insert(source.position(ofOffset: start).line) }
                    }
                }
            }
        }
        return found
    }

    /// For each byte, its lower-case form when it is an ASCII letter or digit, else 0.
    private static let folded: [UInt8] = (0...255).map { value in
        let byte = UInt8(value)
        return byte.isASCIIAlphanumeric ? byte.asciiLowercased : 0
    }

    /// The runs of four ASCII letters or digits or more in a text, lower-cased, all digits left out.
    private static func tokens(of text: String) -> Set<[UInt8]> {
        Set(text.utf8.split { !$0.isASCIIAlphanumeric }.filter { $0.count >= 4 && !$0.allSatisfy(\.isASCIIDigit) }
            .map { $0.map(\.asciiLowercased) })
    }

    private static func hash(_ token: [UInt8]) -> UInt64 {
        FNV1a.hash(token)
    }

    private static func contains(_ pattern: [UInt8], in line: ArraySlice<UInt8>) -> Bool {
        guard line.count >= pattern.count else { return false }
        return (line.startIndex...(line.endIndex - pattern.count)).contains { start in
            pattern.indices.allSatisfy { line[start + $0].asciiLowercased == pattern[$0] }
        }
    }

    /// The longest run of letters, digits, `.`, `-` and `_` in a text: written the same
    /// however a URL encodes the rest.
    private static func longestPlainRun(_ text: String) -> String? {
        let plain: (Character) -> Bool = { character in
            character.isASCII && (character.isLetter || character.isNumber || character == "." || character == "-"
                || character == "_")
        }
        let runs: [Substring] = text.split(whereSeparator: { !plain($0) })
        return runs.max { $0.count < $1.count }.map { String($0) }
    }

}
