/// Finds vocabulary terms (`chest x-ray`, `CT`, `report generation`) in a text as whole
/// words and phrases: words are runs of letters and digits, so `CT` is found in `CT-CLIP`
/// but never inside `ObjeCT`. A term written in capitals (an acronym such as `PET`) must
/// match in capitals; other terms match in any case. A plural (`x-rays`, `reports
/// generation`, `pathologies`) matches its singular term.
public struct TermMatcher: Sendable {
    /// One term found in a text.
    public struct Match: Sendable {
        /// The key the term is listed under (a category label, a task).
        public let key: String
        /// The words as written in the text, from the first word's start to the last's end.
        public let text: String
        public let firstWord: Int
        public let wordCount: Int
    }

    private struct Term: Sendable {
        let key: String
        let words: [String]
    }

    /// Terms by their first word, lowercased.
    private let termsByFirstWord: [String: [Term]]

    /// A matcher for terms listed by key (`Medical: [CT, chest x-ray]`).
    public init(_ termsByKey: [String: [String]]) {
        let terms = termsByKey.flatMap { key, terms in
            terms.map { Term(key: key, words: Self.words(of: $0).map { String($0) }) }.filter { !$0.words.isEmpty }
        }
        termsByFirstWord = Dictionary(grouping: terms) { $0.words[0].lowercased() }
    }

    public var isEmpty: Bool { termsByFirstWord.isEmpty }

    /// The terms a text names, longest first where they overlap (so `report generation` wins
    /// over `generation`), in text order.
    public func matches(in text: String) -> [Match] {
        let words = Self.words(of: text)
        var found: [Match] = []
        for start in words.indices {
            for key in Self.singulars(of: words[start].lowercased()) {
                for term in termsByFirstWord[key] ?? [] where start + term.words.count <= words.count {
                    let span = words[start..<start + term.words.count]
                    guard let first = span.first, let last = span.last,
                          zip(term.words, span).allSatisfy({ Self.word($1, matches: $0) }) else { continue }
                    found.append(Match(key: term.key, text: String(text[first.startIndex..<last.endIndex]),
                                       firstWord: start, wordCount: term.words.count))
                }
            }
        }
        var taken = Set<Int>()
        return found.sorted { ($0.wordCount, -$0.firstWord) > ($1.wordCount, -$1.firstWord) }
            .filter { match in
                let span = Set(match.firstWord..<match.firstWord + match.wordCount)
                guard taken.isDisjoint(with: span) else { return false }
                taken.formUnion(span)
                return true
            }
            .sorted { $0.firstWord < $1.firstWord }
    }

    /// The runs of letters and digits of a text.
    private static func words(of text: String) -> [Substring] {
        text.unicodeScalars.split { !$0.isLetterOrDigit }.map { text[$0.startIndex..<$0.endIndex] }
    }

    /// The word and the singulars it may be the plural of.
    private static func singulars(of word: String) -> [String] {
        var forms = [word]
        if word.hasSuffix("s") { forms.append(String(word.dropLast())) }
        if word.hasSuffix("es") { forms.append(String(word.dropLast(2))) }
        if word.hasSuffix("ies") { forms.append(word.dropLast(3) + "y") }
        return forms
    }

    /// Whether a word of the text is a term's word or its plural; acronyms keep their case.
    private static func word(_ written: Substring, matches termWord: String) -> Bool {
        let isAcronym = termWord.count >= 2 && termWord.allSatisfy { $0.isUppercase || $0.isNumber }
        let candidate = isAcronym ? String(written) : written.lowercased()
        return singulars(of: candidate).contains(isAcronym ? termWord : termWord.lowercased())
    }
}


extension Unicode.Scalar {
    /// Whether the scalar is a letter or a digit, ASCII answered without a table lookup.
    public var isLetterOrDigit: Bool {
        if isASCII {
            let byte = UInt8(value)
            return (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
        return properties.isAlphabetic || properties.numericType != nil
    }
}
