import Evidence
import Foundation
import Lists
import Papers

/// Where a new paper belongs in a list, by evidence: the words of its title (and abstract,
/// when known) against each section's heading and the titles already filed there. It chooses
/// only when one section is clearly ahead, and otherwise declines, naming the candidates:
/// a wrong section is worse than a question.
public struct SectionChooser: Sendable {
    /// One section of the list: its heading path and the word counts of its entries' titles.
    public struct Section: Sendable {
        public let path: [String]
        public let entries: Int
        /// The year the innermost heading naming one names (`2023`, `CVPR 2023`), if any.
        public let year: Int?
        fileprivate let headingWords: Set<String>
        fileprivate let titleWords: [String: Int]
    }

    /// A section's score and the words that earned it, for the text output.
    public struct Candidate: Sendable, Equatable {
        public let path: [String]
        public let score: Double
        /// The paper's words this section shares, strongest first.
        public let evidence: [String]
    }

    /// The choice: a section, or none with the candidates to ask about.
    public struct Choice: Sendable {
        /// The chosen section's path; nil when no section is clearly ahead.
        public let chosen: [String]?
        /// The best candidates, best first (at most three).
        public let candidates: [Candidate]
    }

    /// How far the best section must be ahead of the next, and the least score it needs.
    public static let (lead, floor) = (4.0, 2.0)
    /// A heading word weighs as much as this many entries' titles holding it.
    static let headingWeight = 3.0
    /// An abstract's word weighs this much of a title's.
    static let abstractWeight = 0.25

    public let sections: [Section]
    private let documentFrequency: [String: Int]

    /// The sections of a parsed list that hold entries, in order; `excluding` leaves one
    /// entry out (to measure the choice on entries already filed).
    public init(_ document: ListDocument, excluding excluded: Entry? = nil) {
        var order: [[String]] = []
        var grouped: [[String]: [Entry]] = [:]
        for entry in document.entries where !entry.section.isEmpty && entry != excluded {
            if grouped[entry.section] == nil { order.append(entry.section) }
            grouped[entry.section, default: []].append(entry)
        }
        sections = order.map { path in
            let entries = grouped[path] ?? []
            var counts: [String: Int] = [:]
            for entry in entries {
                for word in Set(Self.words(of: entry.title ?? entry.name ?? "")) { counts[word, default: 0] += 1 }
            }
            return Section(path: path, entries: entries.count, year: path.reversed().lazy.compactMap(Self.year).first,
                           headingWords: Set(path.flatMap(Self.words)), titleWords: counts)
        }
        var frequency: [String: Int] = [:]
        for section in sections {
            for word in Set(section.titleWords.keys).union(section.headingWords) { frequency[word, default: 0] += 1 }
        }
        documentFrequency = frequency
    }

    /// The section for a paper with this title (and abstract) and year. When the list files
    /// papers by year (most headings name one), only the sections of the paper's year compete.
    public func choose(title: String, abstract: String? = nil, year: Int? = nil) -> Choice {
        let yearly = sections.filter { $0.year != nil }
        if yearly.count * 2 > sections.count {
            guard let year else { return Choice(chosen: nil, candidates: []) }
            let ofYear = SectionChooser(sections: sections.filter { $0.year == year }, documentFrequency: documentFrequency)
            if ofYear.sections.count == 1, let only = ofYear.sections.first {
                return Choice(chosen: only.path, candidates: [Candidate(path: only.path, score: 1, evidence: [String(year)])])
            }
            return ofYear.chooseByWords(title: title, abstract: abstract)
        }
        return chooseByWords(title: title, abstract: abstract)
    }

    private init(sections: [Section], documentFrequency: [String: Int]) {
        self.sections = sections
        self.documentFrequency = documentFrequency
    }

    /// The section whose heading and titles share the most telling words with the paper's.
    private func chooseByWords(title: String, abstract: String?) -> Choice {
        var weights: [String: Double] = [:]
        for word in Self.words(of: title) { weights[word] = 1 }
        for word in Self.words(of: abstract ?? "") where weights[word] == nil { weights[word] = Self.abstractWeight }
        // Each word shown as the title (or abstract) writes it, not as compared.
        var shown: [String: String] = [:]
        for token in PaperTitle(title).words + PaperTitle(abstract ?? "").words {
            if let stem = Self.stem(token), shown[stem] == nil { shown[stem] = token }
        }
        let candidates = sections.map { section -> Candidate in
            let earned = weights.compactMap { word, weight -> (String, Double)? in
                let inTitles = Double(section.titleWords[word] ?? 0) / Double(max(section.entries, 1))
                let inHeading = section.headingWords.contains(word) ? Self.headingWeight / Double(max(section.entries, 3)) + 0.5 : 0
                let share = inTitles + inHeading
                guard share > 0 else { return nil }
                return (word, weight * share * rarity(word) * 10)
            }.sorted { $0.1 > $1.1 }
            return Candidate(path: section.path, score: earned.reduce(0) { $0 + $1.1 },
                             evidence: earned.prefix(4).map { shown[$0.0] ?? $0.0 })
        }.sorted { $0.score > $1.score }
        let top = Array(candidates.prefix(3))
        guard let best = top.first, best.score >= Self.floor else { return Choice(chosen: nil, candidates: top) }
        let second = top.count > 1 ? top[1].score : 0
        return Choice(chosen: best.score >= Self.lead * second ? best.path : nil, candidates: top)
    }

    /// How telling a word is: rarer across sections, more (log inverse document frequency).
    private func rarity(_ word: String) -> Double {
        log(Double(sections.count + 1) / Double((documentFrequency[word] ?? 0) + 1)) + 0.1
    }

    /// A year from 1950 to 2099 written as a word of a heading.
    static func year(in heading: String) -> Int? {
        heading.split { !$0.isNumber }.lazy.compactMap { Int($0) }.first { (1950...2099).contains($0) && $0 > 999 }
    }

    /// Words that name nothing on their own.
    static let stopWords: Set<String> = [
        "the", "and", "for", "with", "from", "via", "its", "are", "that", "this", "into", "onto", "over", "under", "using",
        "based", "towards", "toward", "through", "their", "our", "your", "can", "not", "all", "any", "new", "one", "two",
        "what", "when", "how", "why", "who", "which", "does", "more", "less", "than", "then", "but", "also", "beyond",
        "paper", "papers", "study", "approach", "method", "methods", "model", "models", "learning", "network", "networks",
        "deep", "neural", "data", "towards", "task", "tasks", "other", "others", "misc", "miscellaneous", "general",
    ]

    /// A text's content words, as titles are compared (`PaperTitle`: folded, dashes joining),
    /// three letters or more, without stop words, a plural `s` dropped.
    static func words(of text: String) -> [String] {
        PaperTitle(text).words.compactMap(stem)
    }

    /// A word as sections are compared by it (`segmentations` is `segmentation`); nil for one
    /// too short, a stop word or a number.
    static func stem(_ token: String) -> String? {
        var word = token
        guard word.count >= 3, !stopWords.contains(word), !word.allSatisfy(\.isNumber) else { return nil }
        if word.count > 4, word.hasSuffix("s"), !word.hasSuffix("ss") { word.removeLast() }
        return word
    }
}
