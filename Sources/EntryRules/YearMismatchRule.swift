import Engine
import Evidence
import Foundation
import Lists
import Markdown
import Settings

/// A preprint's stated year (or year and month) that contradicts its arXiv identifier, which
/// encodes the month it was first submitted (`2303.08774` is March 2023).
public struct YearMismatchRule: Rule {
    /// The `preprint-venues` option.
    public static let preprintVenues = OptionKey<[String]>("preprint-venues", default: ["arXiv", "CoRR", "preprint"],
        "Venue words that mean the entry is the arXiv preprint, so its date must be the arXiv one.")

    public static let description = RuleDescription(
        id: "year-mismatch",
        summary: "A preprint's year or month differs from the one its arXiv identifier encodes.",
        rationale: """
        An arXiv identifier gives the year and month the paper was first submitted (2303.08774 is \
        March 2023; cs/0112017 is December 2001). When an entry names no venue, or names arXiv or \
        another preprint venue, its date should be that one. A published venue's later year is the \
        published version's and is not reported. Only dates that follow arXiv's (at least four of \
        five, and five or more preprints) make a differing date a probable slip: many lists date \
        entries by publication, by release or by when they were added, and there a differing date \
        is no mistake (measured on the development corpus: in lists of that habit, four of every \
        five findings were wrong). The habit is the list's, or that of a table column's header: a \
        'Release Time' column keeps its own beside 'Date' columns (a group of fewer than five takes \
        the list's). A differing month, arXiv's own precision, is a warning; a year alone may be \
        the venue's or the year the entry was added, a note (measured on the development corpus: \
        four of five differing months were slips, half of the years). A \
        month one away is allowed \
        (arXiv numbers by submission, listings often by announcement). An arXiv id that two titles \
        carry is itself in doubt (duplicate-link's finding) and is not judged. vlmbot cannot tell which \
        of the two is wrong: fix the date, or name the venue if the date is when the paper was \
        published.
        """,
        severity: .warning,
        options: [
            Self.preprintVenues.declaration,
        ],
        triggering: [
            RuleExample("""
            - [2023.04] [Segment Anything in Medical Images](https://arxiv.org/abs/2304.12306)
            - [2023.03] [GPT-4 Technical Report](https://arxiv.org/abs/2303.08774)
            - [2023.01] [BLIP-2: Bootstrapping Language-Image Pre-training](https://arxiv.org/abs/2301.12597)
            - [2023.12] [Gemini: A Family of Highly Capable Multimodal Models](https://arxiv.org/abs/2312.11805)
            - [2024.03] [Gemini 1.5: Unlocking multimodal understanding](https://arxiv.org/abs/2403.05530)
            ↓- [2022.07] [On the Opportunities and Risks of Foundation Models](https://arxiv.org/pdf/2108.07258.pdf)
            """),
            RuleExample("""
            `arXiv 2023` **MAIRA-1: A specialised large multimodal model for radiology report generation** [[paper]](https://arxiv.org/abs/2311.13668)

            `arXiv 2023` **Med-Flamingo: a Multimodal Medical Few-shot Learner** [[paper]](https://arxiv.org/abs/2307.15189)

            `arXiv 2023` **PMC-LLaMA: Towards Building Open-source Language Models for Medicine** [[paper]](https://arxiv.org/abs/2304.14454)

            `arXiv 2024` **Gemini 1.5: Unlocking multimodal understanding** [[paper]](https://arxiv.org/abs/2403.05530)

            `arXiv 2023` **GPT-4 Technical Report** [[paper]](https://arxiv.org/abs/2303.08774)

            ↓`arXiv 2022` **MoE-TinyMed: Mixture of Experts for Tiny Medical Large Vision-Language Models** [[paper]](https://arxiv.org/abs/2404.10237)
            """),
            RuleExample("""
            | Year | Name | Links |
            |---|---|---|
            | 2023/04 | [MedSAM] | [paper](https://arxiv.org/abs/2304.12306) |
            | 2001/12 | [Old] | [paper](https://arxiv.org/abs/cs/0112017) |
            | 2023/03 | [GPT-4] | [paper](https://arxiv.org/abs/2303.08774) |
            | 2023/01 | [BLIP-2] | [paper](https://arxiv.org/abs/2301.12597) |
            | 2023/12 | [Gemini] | [paper](https://arxiv.org/abs/2312.11805) |
            | ↓2003 | [Old too] | [paper](https://arxiv.org/abs/cs/0112018v2) |
            """),
        ],
        nonTriggering: [
            RuleExample("""
            - [2023.04] [Segment Anything in Medical Images](https://arxiv.org/abs/2304.12306)
            - [2023.03] [GPT-4 Technical Report](https://arxiv.org/abs/2303.08774)
            - [2023.01] [BLIP-2: Bootstrapping Language-Image Pre-training](https://arxiv.org/abs/2301.12597)
            - [2024.01] [Gemini: A Family of Highly Capable Multimodal Models](https://arxiv.org/abs/2312.11805)
            - [2024.03] [Gemini 1.5: Unlocking multimodal understanding](https://arxiv.org/abs/2403.05530)
            - [MICCAI 2021] [A paper posted to arXiv after the conference](https://arxiv.org/abs/2203.01234)
            - [CVPR 2024] [A paper posted to arXiv the year before](https://arxiv.org/abs/2311.01234)
            """),
            RuleExample("""
            | Added | Name | Links |
            |---|---|---|
            | 2024/05 | [MedSAM] | [paper](https://arxiv.org/abs/2304.12306) |
            | 2024/05 | [GPT-4] | [paper](https://arxiv.org/abs/2303.08774) |
            | 2023/01 | [BLIP-2] | [paper](https://arxiv.org/abs/2301.12597) |
            | 2024/05 | [Gemini] | [paper](https://arxiv.org/abs/2312.11805) |
            | 2024/03 | [Gemini 1.5] | [paper](https://arxiv.org/abs/2403.05530) |
            | 2019 | [MIMIC-CXR] | [paper](https://www.nature.com/articles/s41597-019-0322-0) |
            """),
        ]
    )

    public init() {}

    public func check(_ document: ListDocument, in context: RuleContext) -> [Finding] {
        let preprintVenues = context[Self.preprintVenues].map(Self.words)
        let dated = document.entries.compactMap { entry -> Dated? in
            guard let dateText = entry.dateText, let year = entry.year, let arxiv = entry.ids.arxiv,
                  let submitted = Self.submission(ofArxivID: arxiv),
                  entry.venue.map({ venue in preprintVenues.contains { Self.words(venue).isSuperset(of: $0) } }) ?? true
            else { return nil }
            return Dated(entry: entry, arxiv: arxiv, stated: StatedDate(dateText, year: year), submitted: submitted)
        }
        // An arXiv id two titles carry is itself in doubt (duplicate-link's finding): its date
        // says nothing about the entry's.
        var titlesByID: [String: [PaperTitle]] = [:]
        for item in dated { titlesByID[item.arxiv, default: []].append(PaperTitle(item.entry.title ?? "")) }
        let habits = DatingHabits(dated, tables: context.shared.tables(of: document))
        return dated.filter { !$0.agrees && Self.namesOnePaper(titlesByID[$0.arxiv] ?? []) }.compactMap { slip -> Finding? in
            // The habit of the slip's own dates (its table's date column, or the list's other
            // entries): only dates that follow arXiv's make a differing one a probable slip.
            guard let (agreeing, total) = habits.habit(of: slip) else { return nil }
            let (entry, stated, submitted, arxiv) = (slip.entry, slip.stated, slip.submitted, slip.arxiv)
            let dateText = entry.dateText ?? ""
            let written = String(dateText[stated.range])
            let expected = stated.month == nil
                ? "\(submitted.year)"
                : "\(submitted.year)\(stated.separator)\(submitted.month < 10 ? "0" : "")\(submitted.month)"
            let month = Self.monthNames[submitted.month - 1]
            let habit = "while \(agreeing) of the \(total) preprints the list dates like it follow their arXiv dates"
            let message: String = "The date \(written) contradicts arXiv \(arxiv), first submitted in \(month) "
                + "\(submitted.year), \(habit): write \(expected), or name the venue if \(written) is when it was published."
            let found = finding(message, at: Self.range(of: stated, in: dateText, entry: entry, source: document.source))
            return stated.month == nil ? found.with(severity: .note) : found
        }
    }

    /// Whether the titles one arXiv id carries name one paper: half their words together shared.
    private static func namesOnePaper(_ titles: [PaperTitle]) -> Bool {
        guard let first = titles.first else { return true }
        return titles.dropFirst().allSatisfy { $0.isEmpty || first.isEmpty || $0.overlap(with: first).similarity >= 0.5 }
    }

    /// How many dated preprints a group needs before its habit is trusted, and the share of them
    /// that must follow arXiv's dates.
    private static let minimumDated = 5
    private static let habitShare = 0.8

    /// The dating habits of a list: entries dated in tables are grouped by their date column's
    /// header (a 'Release Time' column keeps its own habit beside 'Date' columns), rows of an
    /// HTML table by their section, the rest form one group.
    private struct DatingHabits {
        private struct Counts {
            var agreeing = 0
            var total = 0
            mutating func add(_ item: Dated) {
                total += 1
                if item.agrees { agreeing += 1 }
            }

            static func + (left: Counts, right: Counts) -> Counts {
                Counts(agreeing: left.agreeing + right.agreeing, total: left.total + right.total)
            }

            /// Whether the dates follow arXiv's: five or more, four of five agreeing.
            var followsArxiv: Bool {
                total >= YearMismatchRule.minimumDated && Double(agreeing) >= YearMismatchRule.habitShare * Double(total)
            }
        }

        private var groups: [String: Counts] = [:]
        private var keyByLine: [Int: String] = [:]

        init(_ dated: [Dated], tables: [SchemaTable]) {
            for table in tables {
                guard let column = table.column(holding: \.dateText), column < table.header.count else { continue }
                let key = "table:" + table.header[column].text.lowercased()
                for row in table.rows where row.entry != nil { keyByLine[row.line] = key }
            }
            for item in dated {
                let line = item.entry.lines.lowerBound
                if item.entry.shape == .htmlRow { keyByLine[line] = "html:" + item.entry.section.joined(separator: "\u{1}") }
                groups[keyByLine[line] ?? "list", default: Counts()].add(item)
            }
        }

        /// The agreeing and total counts of the slip's group (of the whole list, when the group
        /// is too small to tell), when they make the slip a probable one.
        func habit(of item: Dated) -> (agreeing: Int, total: Int)? {
            var counts = groups[keyByLine[item.entry.lines.lowerBound] ?? "list"] ?? Counts()
            if counts.total < YearMismatchRule.minimumDated { counts = groups.values.reduce(Counts(), +) }
            guard counts.followsArxiv else { return nil }
            return (counts.agreeing, counts.total)
        }
    }

    /// A preprint's stated date and the month its arXiv identifier encodes.
    private struct Dated {
        let entry: Entry
        let arxiv: String
        let stated: StatedDate
        let submitted: (year: Int, month: Int)

        /// Whether the stated date is the arXiv one: the same year (or the next, for a paper
        /// submitted in December), or a month at most one away.
        var agrees: Bool {
            guard let month = stated.month else {
                return stated.year == submitted.year || stated.year == submitted.year + 1 && submitted.month == 12
            }
            return abs((stated.year * 12 + month) - (submitted.year * 12 + submitted.month)) <= 1
        }
    }

    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                                     "September", "October", "November", "December"]

    /// The year and month an arXiv identifier was assigned: `YYMM.NNNNN` or `archive/YYMMNNN`.
    private static func submission(ofArxivID id: String) -> (year: Int, month: Int)? {
        let isOldStyle = id.contains("/")
        let digits = id.split(separator: "/").last ?? ""
        guard let yy = Int(digits.prefix(2)), let month = Int(digits.dropFirst(2).prefix(2)),
              (1...12).contains(month) else { return nil }
        return (!isOldStyle || yy < 91 ? 2000 + yy : 1900 + yy, month)
    }

    private static func words(_ text: String) -> Set<String> {
        Set(text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init))
    }

    /// Where the stated date is written: the year text in the entry's lines, outside the title
    /// and not inside a longer number or word (such as a URL's), narrowed to the date itself.
    private static func range(of stated: StatedDate, in dateText: String, entry: Entry, source: SourceText) -> SourceRange {
        let offset = dateText.utf8.distance(from: dateText.startIndex, to: stated.range.lowerBound)
        let length = dateText[stated.range].utf8.count
        let title = entry.title.flatMap { source.range(of: $0, inLines: entry.lines) }
        for line in entry.lines {
            let bytes = Array(source.lineBytes(line))
            var column = 1
            while let found = source.range(of: dateText, onLine: line, from: column) {
                let inTitle = title.map { $0.start <= found.start && found.end <= $0.end } ?? false
                if !inTitle, isBoundary(bytes, found.start.column - 2), isBoundary(bytes, found.end.column) {
                    let start = found.start.column + offset
                    return SourceRange(start: SourcePosition(line: line, column: start),
                                       end: SourcePosition(line: line, column: start + length - 1))
                }
                column = found.start.column + 1
            }
        }
        return entry.range(in: source)
    }

    /// Whether the byte at a 0-based index is outside the line or not part of a number or word.
    private static func isBoundary(_ bytes: [UInt8], _ index: Int) -> Bool {
        guard bytes.indices.contains(index) else { return true }
        let byte = bytes[index]
        return !(byte >= 0x30 && byte <= 0x39 || byte >= 0x41 && byte <= 0x5A || byte >= 0x61 && byte <= 0x7A
            || "./-_".utf8.contains(byte))
    }
}

/// A date as a list writes it: a year, and a month when written as `2023/04`, `2023.04`
/// or `2023-04`.
private struct StatedDate {
    let year: Int
    let month: Int?
    let separator: String
    /// The date's span within the year text (the whole text when no four-digit year is in it).
    let range: Range<String.Index>

    init(_ text: String, year parsedYear: Int) {
        guard let match = text.firstMatch(of: Self.date),
              let year = Int(match.1) else {
            (year, month, separator, range) = (parsedYear, nil, "", text.startIndex..<text.endIndex)
            return
        }
        let month = match.3.flatMap { Int($0) }.flatMap { (1...12).contains($0) ? $0 : nil }
        self.year = year
        self.month = month
        separator = month == nil ? "" : String(match.2 ?? "")
        range = month == nil ? match.1.startIndex..<match.1.endIndex : match.range
    }

    nonisolated(unsafe) private static let date = /((?:19|20)[0-9]{2})(?:([.\/\-])([0-9]{1,2}))?(?![0-9])/
}
