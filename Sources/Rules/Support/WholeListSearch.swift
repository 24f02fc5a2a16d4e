import Lists
import Markdown

/// The whole list's text, lower-cased once (ASCII letters only), for looking past the sections
/// a change-scoped check parsed: where the other copies of a changed paper may be written,
/// and how often a word is written.
struct WholeListSearch: Sendable {
    let source: SourceText
    private let lowered: [UInt8]

    init(_ source: SourceText) {
        self.source = source
        lowered = source.bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    }

    /// The lines where `needle` (ASCII, any case) is written.
    func lines(holding needle: String) -> Set<Int> {
        let pattern = Array(needle.lowercased().utf8)
        var lines = Set<Int>()
        var from = 0
        while let found = ByteSearch.firstOffset(of: pattern, in: lowered, range: from..<lowered.count) {
            lines.insert(source.position(ofOffset: found).line)
            from = found + 1
        }
        return lines
    }

    /// How often `word` (lower-case ASCII letters) is written as a whole run of letters.
    func count(ofWord word: String) -> Int {
        let pattern = Array(word.utf8)
        var count = 0
        var from = 0
        while let found = ByteSearch.firstOffset(of: pattern, in: lowered, range: from..<lowered.count) {
            let before = found == 0 ? 0 : lowered[found - 1]
            let after = found + pattern.count < lowered.count ? lowered[found + pattern.count] : 0
            if !Self.isLetter(before), !Self.isLetter(after) { count += 1 }
            from = found + 1
        }
        return count
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
        byte >= 0x61 && byte <= 0x7A
    }
}
