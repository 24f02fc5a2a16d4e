import Markdown
import Settings

/// A word that looks misspelt, and the known words it may have been meant as.
public struct Misspelling: Sendable {
    /// The word as written.
    public let word: String
    /// The nearest known words, in the word's case, best first.
    public let suggestions: [String]
    /// The one word to put instead, when there is exactly one.
    public var replacement: String? { suggestions.count == 1 ? suggestions[0] : nil }
    /// Whether the list itself confirms the slip: it writes the one suggested word elsewhere,
    /// and the word is long and wrong inside, not at its end (an ending differs between a
    /// word's forms and languages: `Endoscope`, `Institut`).
    public let isConfirmedByList: Bool
}

/// Judges the words of headings and titles against an English word list, vocabulary
/// words and the list's own words (a word the list writes twice is its own term).
public struct WordSpeller: Sendable {
    private let dictionary: WordList
    private let extraWords: WordList
    /// How often each word (lowercase, letters only) occurs in the list.
    private let listCounts: [String: Int]
    private let listVocabulary: WordList
    /// The whole list, when the tree holds only some sections of it.
    private let wholeList: WholeListSearch?

    public init(dictionary: WordList, extraWords: Set<String>, tree: MarkdownTree, wholeList: WholeListSearch? = nil) {
        self.dictionary = dictionary
        self.extraWords = WordList(extraWords)
        self.wholeList = wholeList
        listCounts = Self.wordCounts(in: tree)
        listVocabulary = WordList(listCounts.filter { $0.value >= 2 }.keys)
    }

    /// The verdict on one word of a heading or title: nil when it is known, a form of a
    /// known word, or more than one typo away from every known word (a name, a term of art).
    /// One typo is one edit (`utilzed`) or two neighbouring letters swapped (`Segmentaiton`):
    /// correct but rarer words lie two edits from a common one (`backdoor`, `backdrop`), so
    /// two edits are not taken for a typo.
    public func misspelling(of word: String) -> Misspelling? {
        let lowercased = word.lowercased()
        guard !isKnown(lowercased), !WordForms.bases(of: lowercased).contains(where: isKnown) else { return nil }
        let typos = { (list: WordList) in list.words(near: lowercased, within: 1).map(\.word) }
        // The list's own words are suggested only when no word of the word lists is near: a
        // list may repeat a misspelling.
        let fromWordLists = typos(dictionary) + typos(extraWords)
        var nearest = Array(Set(fromWordLists.isEmpty ? typos(listVocabulary) : fromWordLists)).sorted()
        guard !nearest.isEmpty else { return nil }
        let inList = nearest.filter { listCounts[$0] != nil }
        if nearest.count > 1, inList.count == 1 { nearest = inList }
        let capitalised = word.first?.isUppercase ?? false
        let confirmed = nearest.count == 1 && lowercased.utf8.count >= 7 && isWritten(nearest[0], times: 2)
            && Self.commonSuffixLength(lowercased, nearest[0]) >= 2
        return Misspelling(word: word, suggestions: nearest.map { capitalised ? $0.prefix(1).uppercased() + $0.dropFirst() : $0 },
                           isConfirmedByList: confirmed)
    }

    /// Whether a word (lowercase) is in the English word list or the vocabulary.
    public func isWord(_ word: String) -> Bool {
        dictionary.contains(word) || extraWords.contains(word)
    }

    /// Whether the list writes a word (lowercase) at least `times` times.
    private func isWritten(_ word: String, times: Int) -> Bool {
        listCounts[word, default: 0] >= times || (wholeList?.holds(word: word, times: times) ?? false)
    }

    /// How many characters two words share at their ends.
    public static func commonSuffixLength(_ first: String, _ second: String) -> Int {
        zip(first.utf8.reversed(), second.utf8.reversed()).prefix { $0 == $1 }.count
    }

    /// Whether a word is known: in a word list, or written twice in the list. Beyond the parsed
    /// sections a word counts wherever its letters stand alone in the text, URLs included.
    private func isKnown(_ word: String) -> Bool {
        isWord(word) || isWritten(word, times: 2)
    }

    /// Counts of the list's words as a reader sees them (text, code, HTML, link titles;
    /// not URLs), lowercased. The table of contents (links to `#anchors`) is left out, so a
    /// heading copied there is not counted twice.
    private static func wordCounts(in tree: MarkdownTree) -> [String: Int] {
        var counts: [String: Int] = [:]
        var stack = [tree.root]
        while let id = stack.popLast() {
            let node = tree[id]
            switch node.kind {
            case .link where node.destination?.hasPrefix("#") == true, .codeBlock:
                continue
            case .text, .code, .htmlInline, .htmlBlock, .link, .image:
                for text in [node.literal, node.title].compactMap({ $0 }) { count(text, into: &counts) }
            default:
                break
            }
            stack.append(contentsOf: tree.children(of: id))
        }
        return counts
    }

    /// Adds the runs of ASCII letters of a text to the counts.
    private static func count(_ text: String, into counts: inout [String: Int]) {
        var word: [UInt8] = []
        func flush() {
            guard !word.isEmpty else { return }
            counts[String(decoding: word, as: UTF8.self), default: 0] += 1
            word.removeAll(keepingCapacity: true)
        }
        for byte in text.utf8 {
            let lower = byte | 0x20
            if lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "z") {
                word.append(lower)
            } else {
                flush()
            }
        }
        flush()
    }
}

/// The words of a heading or title worth checking: model names, acronyms and code-like
/// words are left out.
public enum CheckableWords {
    /// Small words that stay lowercase in title-case text, so they do not make it sentence case.
    private static let functionWords: Set<String> = [
        "about", "across", "after", "against", "among", "based", "before", "between", "from", "into", "onto",
        "over", "than", "that", "their", "this", "through", "toward", "towards", "under", "upon", "using",
        "what", "when", "where", "which", "while", "with", "within", "without",
    ]

    /// The words of `text` to check: ASCII words of five letters or more, without digits or
    /// capitals inside (`BiomedCLIP`, `LLaVA-Med` and `GPT-4` are names). In sentence-case
    /// text (as many lowercase words as capitalised ones, short and small words aside), a
    /// capitalised word that does not start a sentence is a name and is left out.
    public static func words(in text: String) -> [String] {
        let tokens = self.tokens(of: text)
        let contentWords = tokens.filter { !$0.startsSentence && $0.word.utf8.count >= 4 && !functionWords.contains($0.word.lowercased()) }
        let lowercase = contentWords.count { isLowercaseLetter($0.word.utf8.first) }
        let sentenceCase = lowercase > 0 && lowercase >= contentWords.count { isUppercaseLetter($0.word.utf8.first) }
        return tokens.flatMap { token -> [String] in
            let word = token.word.hasSuffix("'s") || token.word.hasSuffix("’s") ? token.word.dropLast(2) : Substring(token.word)
            let pieces = word.utf8.split(separator: UInt8(ascii: "-"))
            guard !word.utf8.contains(where: isDigit), !word.utf8.contains(UInt8(ascii: "'")), !word.unicodeScalars.contains("’"),
                  !pieces.contains(where: { $0.dropFirst().contains(where: isUppercaseLetter) })
            else { return [] }
            return pieces.enumerated().compactMap { index, piece in
                let isName = sentenceCase && isUppercaseLetter(piece.first) && !(token.startsSentence && index == 0)
                let isASCIIWord = piece.allSatisfy { isUppercaseLetter($0) || isLowercaseLetter($0) }
                return piece.count >= 5 && isASCIIWord && !isName ? String(decoding: piece, as: UTF8.self) : nil
            }
        }
    }

    /// A title without its leading name (`Kiut: Knowledge-injected …` gives `Knowledge-injected …`):
    /// the part before a colon, when it is three words or fewer.
    public static func withoutLeadingName(_ title: String) -> String {
        guard let colon = title.firstIndex(of: ":"), title[..<colon].split(separator: " ").count <= 3 else { return title }
        return String(title[title.index(after: colon)...])
    }

    /// Runs of letters, digits, hyphens and apostrophes (without hyphens or apostrophes at
    /// their ends), each marked when it starts the text or follows a colon or a full stop.
    private static func tokens(of text: String) -> [(word: String, startsSentence: Bool)] {
        let joiners: Set<Unicode.Scalar> = ["-", "'", "’"]
        let scalars = text.unicodeScalars
        var tokens: [(word: String, startsSentence: Bool)] = []
        var startsSentence = true
        var start = scalars.startIndex
        var index = scalars.startIndex
        while index <= scalars.endIndex {
            let scalar = index < scalars.endIndex ? scalars[index] : " "
            if scalar.isLetterOrDigit || joiners.contains(scalar) {
                index = scalars.index(after: index)
                continue
            }
            let run = scalars[start..<index]
            if let first = run.firstIndex(where: { !joiners.contains($0) }), let last = run.lastIndex(where: { !joiners.contains($0) }) {
                tokens.append((String(scalars[first...last]), startsSentence))
                startsSentence = false
            }
            if ":.?!".unicodeScalars.contains(scalar) { startsSentence = true }
            guard index < scalars.endIndex else { break }
            index = scalars.index(after: index)
            start = index
        }
        return tokens
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private static func isUppercaseLetter(_ byte: UInt8?) -> Bool { byte.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") } ?? false }
    private static func isLowercaseLetter(_ byte: UInt8?) -> Bool { byte.map { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") } ?? false }
}
