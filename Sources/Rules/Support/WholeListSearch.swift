import Lists
import Markdown

/// The whole list's text searched without regard to ASCII case, for looking past the sections
/// a change-scoped check parsed: where the other copies of a changed paper may be written,
/// and how often a word is written.
struct WholeListSearch: Sendable {
    let source: SourceText

    init(_ source: SourceText) {
        self.source = source
    }

    /// The lines where `needle` (ASCII, any case) is written.
    func lines(holding needle: String) -> Set<Int> {
        Set(ByteSearch.offsets(ofIgnoringCase: Array(needle.lowercased().utf8), in: source.bytes).map { source.position(ofOffset: $0).line })
    }

    /// Whether `word` (lower-case ASCII letters) is written at least `times` times as a whole
    /// run of letters.
    func holds(word: String, times: Int) -> Bool {
        let bytes = source.bytes
        let length = word.utf8.count
        var seen = 0
        var limit = times
        while true {
            let offsets = ByteSearch.offsets(ofIgnoringCase: Array(word.utf8), in: bytes, limit: limit)
            seen = offsets.count { found in
                !(found > 0 && Self.isLetter(bytes[found - 1])) && !(found + length < bytes.count && Self.isLetter(bytes[found + length]))
            }
            if seen >= times || offsets.count < limit { return seen >= times }
            limit *= 4
        }
    }

    /// The lines outside the parsed sections where another copy of one of these papers may be
    /// written: its arXiv id, the distinctive part of its DOI, or its paper and code links'
    /// last path segments. Every copy found by identifier or link is written on such a line.
    func lines(mayRepeat papers: [Paper]) -> Set<Int> {
        var needles = Set<String>()
        for paper in papers {
            if let arxiv = paper.arxiv { needles.insert(arxiv) }
            if let doi = paper.doi, let suffix = Self.longestPlainRun(doi) { needles.insert(suffix) }
            for link in paper.links {
                let parts = link.key.split(separator: "/")
                if let last = parts.last, last.utf8.count >= 4 { needles.insert(String(last.prefix { $0 != "?" })) }
            }
        }
        return needles.filter { $0.utf8.count >= 4 }.reduce(into: Set<Int>()) { $0.formUnion(lines(holding: $1)) }
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

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
    }
}
