import Authoring
import Engine
import Format
import Foundation
import Lists
import Markdown
import Metadata
import Papers
import Rules
import Settings
import Testing

// `vlmbot add`'s core as pure values: dates and author lists written in a neighbour's form,
// and PaperAdder on the five seeds, on hand-written lists and on real corpus lists: a paper
// taken out of its list and added back from its own facts lands in its section, reads back as
// itself, and leaves every other byte of the list alone.

// MARK: - Fixtures

enum Fixture {
    /// The package's root folder (the seeds are in `seeds/`).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The development corpus beside the checkout (`../shared/corpus`), read only.
    static let corpusRoot = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")

    static let configuration: Configuration = {
        do { return try Configuration.builtIn() } catch { fatalError("the built-in rules do not load: \(error)") }
    }()

    static let linter = Linter(configuration: configuration)

    static func adder(path: String = "x.md") -> PaperAdder {
        PaperAdder(linter: linter, profile: .none, path: path)
    }

    /// The seed whose file name starts with `prefix` (`000`).
    static func seed(_ prefix: String) throws -> SourceText {
        let folder = packageRoot.appendingPathComponent("seeds")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let name = try #require(names.first { $0.hasPrefix(prefix) }, "no seed \(prefix) in \(folder.path)")
        let data = try #require(FileManager.default.contents(atPath: folder.appendingPathComponent(name).path))
        return SourceText(Array(data))
    }

    /// A corpus list's bytes, or nil when the corpus is not beside the checkout.
    static func corpusList(_ folder: String) -> SourceText? {
        FileManager.default.contents(atPath: corpusRoot.appendingPathComponent(folder).appendingPathComponent("list.md").path)
            .map { SourceText(Array($0)) }
    }

    static var corpusPresent: Bool {
        FileManager.default.fileExists(atPath: corpusRoot.appendingPathComponent("MANIFEST.tsv").path)
    }
}

/// A list's lines with their terminators, byte for byte.
func rawLines(_ source: SourceText) -> [[UInt8]] {
    (1...max(1, source.lineCount)).compactMap { number -> [UInt8]? in
        guard number <= source.lineCount else { return nil }
        let text = source.lineBytes(number)
        return Array(source.bytes[text.startIndex..<text.endIndex + source.terminatorLength(number)])
    }
}

/// A title as compared here: its letters and digits, lower-cased.
func titleKey(_ title: String?) -> String {
    String((title ?? "").lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }
        .map(Character.init))
}

/// A blank line (spaces and tabs only) with its terminator.
func isBlankLine(_ line: [UInt8]) -> Bool {
    line.allSatisfy { [9, 10, 13, 32].contains($0) }
}

// MARK: - The round trip: an entry taken out and added back from its own facts

/// One entry of a list taken out, and the paper it lists, as a source would give it.
struct RoundTrip {
    let original: SourceText
    let document: ListDocument
    let entry: Entry
    /// The list without the entry's lines.
    let without: SourceText
    let paper: NewPaper
    /// What `--section` is given: the entry's heading, or its whole path when that heading is not unique.
    let heading: String

    /// The entry of `document` a round trip takes out: in the section holding the most
    /// entries (the list's main body, written in its usual form; the first such section), the
    /// first entry with a title, an arXiv id or DOI, whose paper the list holds once (by id
    /// and by title), whose short name (if the list gives one) opens its title, that gives the
    /// authors, date and venue when most of its section gives them (so that a source can give
    /// everything its neighbours say), and that check reports nothing on: `add` writes nothing
    /// check would report, so a paper written from such an entry's facts would (rightly) be
    /// refused.
    static func choose(in document: ListDocument) -> Entry? {
        var counts: [String: Int] = [:]
        func keys(_ entry: Entry) -> [String] {
            ["a:" + (entry.ids.arxiv ?? ""), "d:" + (entry.ids.doi?.lowercased() ?? ""), "t:" + titleKey(entry.title)]
                .filter { !$0.hasSuffix(":") }
        }
        for entry in document.entries { for key in keys(entry) { counts[key, default: 0] += 1 } }
        let eligible = document.entries.filter { entry in
            guard let title = entry.title, !entry.section.isEmpty, entry.ids.arxiv != nil || entry.ids.doi != nil,
                  keys(entry).allSatisfy({ counts[$0] == 1 }) else { return false }
            guard let name = entry.name, name != title else { return true }
            return NewPaper(record: PaperRecord(title: title)).name?.lowercased() == name.lowercased()
        }
        var sizes: [[String]: Int] = [:]
        for entry in document.entries { sizes[entry.section, default: 0] += 1 }
        var giving: [[String]: [Int]] = [:]
        for entry in document.entries {
            let facts = [entry.authors?.isEmpty == false, entry.date != nil, entry.venue != nil].map { $0 ? 1 : 0 }
            giving[entry.section] = zip(giving[entry.section] ?? [0, 0, 0], facts).map { $0 + $1 }
        }
        func givesWhatItsSectionGives(_ entry: Entry) -> Bool {
            let facts = [entry.authors?.isEmpty == false, entry.date != nil, entry.venue != nil]
            return zip(facts, giving[entry.section]!).allSatisfy { has, count in has || count * 2 <= sizes[entry.section]! }
        }
        var order: [[String]] = []
        for entry in eligible where !order.contains(entry.section) { order.append(entry.section) }
        order = order.enumerated().sorted { (sizes[$0.element]!, -$0.offset) > (sizes[$1.element]!, -$1.offset) }.map(\.element)
        for section in order {
            for entry in eligible where entry.section == section && givesWhatItsSectionGives(entry) {
                let findings = Fixture.linter.lint(document, path: "x.md", changedLines: ChangedLines(lines: entry.lines))
                if !findings.contains(where: { $0.range.lines.overlaps(entry.lines) }) { return entry }
            }
        }
        return nil
    }

    /// An author as a source gives the name (`Ada Lovelace`) from how a list writes it (`Lovelace, A.`).
    static func sourceName(_ written: String) -> String {
        let parts = written.components(separatedBy: ", ")
        guard parts.count == 2, !parts[1].trimmingCharacters(in: .whitespaces).isEmpty else { return written }
        return "\(parts[1].trimmingCharacters(in: .whitespaces)) \(parts[0].trimmingCharacters(in: .whitespaces))"
    }

    init(source: SourceText, document: ListDocument, entry: Entry) {
        original = source
        self.document = document
        self.entry = entry
        var lines = rawLines(source)
        lines.removeSubrange(entry.lines.lowerBound - 1..<entry.lines.upperBound)
        without = SourceText(Array(lines.joined()))
        let text = entry.lines.map { source.line($0) }.joined(separator: "\n")
        // An entry that stops its authors with `et al.` says the paper has more: a source gives them all.
        var authors = (entry.authors ?? []).map(Self.sourceName)
        if !authors.isEmpty, text.range(of: #"et\.?\s*al"#, options: [.regularExpression, .caseInsensitive]) != nil {
            authors.append("Grace Hopper")
        }
        // arXiv gives no venue for a preprint: the list's preprint name is the writer's to choose.
        let venue = entry.venue.flatMap { $0.lowercased().contains("arxiv") ? nil : $0 }
        let record = PaperRecord(title: entry.title ?? "", authors: authors, year: entry.date?.year, month: entry.date?.month,
                                 day: entry.date?.day, venue: venue, arxiv: entry.ids.arxiv, doi: entry.ids.doi)
        paper = NewPaper(record: record, code: entry.links.first { $0.kind == .code }?.url, category: entry.category)
        let lasts = document.entries.map(\.section).reduce(into: Set<[String]>()) { $0.insert($1) }
            .filter { $0.last == entry.section.last }
        heading = lasts.count == 1 ? entry.section.last! : entry.section.joined(separator: " ")
    }

    func add(_ adder: PaperAdder = Fixture.adder()) -> AdditionOutcome {
        adder.add(paper, to: without, section: heading)
    }

    /// What is wrong with an addition, each problem one line; empty when the list reads back
    /// with the entry in its section as the source gave it, and every byte outside the new
    /// lines (and the blank lines that separate it) equals the list without the entry.
    func problems(with addition: Addition, reread: ListDocument? = nil) -> [String] {
        var problems: [String] = []
        let reread = reread ?? ListParser.parse(addition.text)
        if reread.entries.count != document.entries.count {
            problems.append("reads back as \(reread.entries.count) entries, not \(document.entries.count)")
        }
        guard let written = reread.entries.first(where: { addition.lines.contains($0.lines.lowerBound) }) else {
            return problems + ["no entry starts on the inserted lines \(addition.lines)"]
        }
        if written.lines != addition.lines { problems.append("the entry takes \(written.lines), inserted \(addition.lines)") }
        if titleKey(written.title) != titleKey(entry.title) { problems.append("title reads back as \(written.title ?? "nil")") }
        if written.section != entry.section { problems.append("section reads back as \(written.section)") }
        if addition.section != entry.section { problems.append("added to \(addition.section)") }
        if let arxiv = entry.ids.arxiv, written.ids.arxiv != arxiv {
            problems.append("arXiv id reads back as \(written.ids.arxiv ?? "nil")")
        }
        if entry.ids.arxiv == nil, let doi = entry.ids.doi, written.ids.doi?.lowercased() != doi.lowercased() {
            problems.append("DOI reads back as \(written.ids.doi ?? "nil")")
        }
        // No author of another paper: every written name's family name is one the source gave.
        let given = Set(paper.record.authors.map { $0.split(separator: " ").last.map(String.init) ?? $0 })
        for name in written.authors ?? [] {
            let family = name.components(separatedBy: ", ").first?.split(separator: " ").last.map(String.init) ?? name
            if !given.contains(family), !given.contains(where: { name.contains($0) }) { problems.append("author \(name) is not the paper's") }
        }
        if let year = entry.year, written.year != year { problems.append("year reads back as \(written.year.map(String.init) ?? "nil")") }
        if addition.draft.lines.count != addition.lines.count { problems.append("draft lines and inserted lines differ in number") }
        // Every byte outside the new lines is the list's without the entry; blank lines next to
        // the new ones may be the section's separator.
        let lines = rawLines(addition.text)
        var before = Array(lines[..<(addition.lines.lowerBound - 1)])
        var after = Array(lines[addition.lines.upperBound...])
        let expected = rawLines(without)
        var matched = before + after == expected
        var dropped = 0
        while !matched, dropped < 3 {
            if let last = before.last, isBlankLine(last), before.dropLast() + after == expected[...] {
                before.removeLast()
                matched = true
            } else if let first = after.first, isBlankLine(first), before + after.dropFirst() == expected[...] {
                after.removeFirst()
                matched = true
            } else if let last = before.last, isBlankLine(last) {
                before.removeLast()
            } else if let first = after.first, isBlankLine(first) {
                after.removeFirst()
            } else {
                break
            }
            dropped += 1
            if !matched { matched = before + after == expected }
        }
        if !matched {
            let firstDifference = Array(zip(before + after, expected)).firstIndex { $0.0 != $0.1 } ?? min(before.count + after.count, expected.count)
            problems.append("bytes outside the inserted lines differ from the list without the entry (first at line \(firstDifference + 1) of it)")
        }
        return problems
    }
}

// MARK: - DateForm

@Suite struct DateFormTests {
    static func render(_ text: String, year: Int, month: Int? = nil, day: Int? = nil,
                       to date: (Int, Int?, Int?)) -> String? {
        DateForm.render((date.0, date.1, date.2), like: EntryDate(year: year, month: month, day: day, text: text))
    }

    @Test func numericFormsKeepTheirSeparatorsAndWidths() {
        #expect(Self.render("2023-03-30", year: 2023, month: 3, day: 30, to: (2024, 1, 5)) == "2024-01-05")
        #expect(Self.render("2023-03-30", year: 2023, month: 3, day: 30, to: (2019, 12, 31)) == "2019-12-31")
        #expect(Self.render("2023/10", year: 2023, month: 10, to: (2024, 1, nil)) == "2024/01")
        #expect(Self.render("2023/10", year: 2023, month: 10, to: (2024, 11, 7)) == "2024/11")
        #expect(Self.render("2023.04", year: 2023, month: 4, to: (2022, 7, nil)) == "2022.07")
        #expect(Self.render("[2023.04]", year: 2023, month: 4, to: (2022, 7, nil)) == "[2022.07]")
        #expect(Self.render("202110", year: 2021, month: 10, to: (2024, 3, nil)) == "202403")
        #expect(Self.render("202110", year: 2021, month: 10, to: (2024, 12, 9)) == "202412")
        #expect(Self.render("20201008", year: 2020, month: 10, day: 8, to: (2024, 1, 5)) == "20240105")
        #expect(Self.render("2023", year: 2023, to: (2021, 5, 2)) == "2021")
        #expect(Self.render("(2023)", year: 2023, to: (2021, nil, nil)) == "(2021)")
    }

    @Test func monthNamesKeepTheirLengthCaseAndPunctuation() {
        #expect(Self.render("Oct., 2024", year: 2024, month: 10, to: (2023, 6, nil)) == "Jun., 2023")
        #expect(Self.render("Oct., 2024", year: 2024, month: 10, to: (2023, 9, 14)) == "Sep., 2023")
        #expect(Self.render("October 2024", year: 2024, month: 10, to: (2023, 6, nil)) == "June 2023")
        #expect(Self.render("OCT 2024", year: 2024, month: 10, to: (2023, 2, nil)) == "FEB 2023")
        #expect(Self.render("Sept. 2024", year: 2024, month: 9, to: (2023, 9, nil)) == "Sept. 2023")
    }

    @Test func anOrdinalDayChangesItsSuffixWithTheDay() {
        let example = (text: "3rd Jun., 2024", year: 2024, month: 6, day: 3)
        for (day, expected) in [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
                                (21, "21st"), (22, "22nd"), (23, "23rd"), (30, "30th")] {
            #expect(Self.render(example.text, year: example.year, month: example.month, day: example.day, to: (2025, 1, day))
                    == "\(expected) Jan., 2025", "day \(day)")
        }
        #expect(Self.render("07th Aug., 2025", year: 2025, month: 8, day: 7, to: (2024, 3, 21)) == "21st Mar., 2024")
    }

    @Test func twoDigitYearsStayTwoDigits() {
        #expect(Self.render("'23", year: 2023, to: (2024, 1, 5)) == "'24")
        #expect(Self.render("ICLR'23", year: 2023, to: (2019, nil, nil)) == "ICLR'19")
        #expect(Self.render("'23", year: 2023, to: (2005, nil, nil)) == "'05")
    }

    @Test func aFormThatSaysMoreThanTheDateIsNotWritten() {
        // A day in the example, none in the date.
        #expect(Self.render("2023-03-30", year: 2023, month: 3, day: 30, to: (2024, 1, nil)) == nil)
        #expect(Self.render("20201008", year: 2020, month: 10, day: 8, to: (2024, 1, nil)) == nil)
        #expect(Self.render("3rd Jun., 2024", year: 2024, month: 6, day: 3, to: (2024, 6, nil)) == nil)
        // A month in the example, none in the date.
        #expect(Self.render("2023/10", year: 2023, month: 10, to: (2024, nil, nil)) == nil)
        #expect(Self.render("Oct., 2024", year: 2024, month: 10, to: (2023, nil, nil)) == nil)
        #expect(Self.render("202110", year: 2021, month: 10, to: (2024, nil, nil)) == nil)
    }

    @Test func anExampleWhosePartsCannotBeToldApartIsNotFollowed() {
        // Day and month both 3: which number is which cannot be known.
        #expect(Self.render("3/3/2020", year: 2020, month: 3, day: 3, to: (2024, 1, 5)) == nil)
        #expect(Self.render("3.3.2020", year: 2020, month: 3, day: 3, to: (2024, 1, 5)) == nil)
    }

    /// In year-month-day order, and with a month name beside an ordinal day, which number is
    /// the month and which the day is known even when they are equal. Regression (a bug these tests found, since fixed): `role(of:)`
    /// asks only whether a number equals the example's month or day, not where it stands, so
    /// these examples are refused as ambiguous.
    @Test func anExampleWhoseDayEqualsItsMonthIsFollowedWhenItsFormSaysWhichIsWhich() {
        #expect(Self.render("2023-03-03", year: 2023, month: 3, day: 3, to: (2024, 1, 5)) == "2024-01-05")
        #expect(Self.render("3rd Mar., 2024", year: 2024, month: 3, day: 3, to: (2025, 6, 1)) == "1st Jun., 2025")
    }
}

// MARK: - AuthorForm

@Suite struct AuthorFormTests {
    static let newNames = ["Grace Hopper", "Edsger Dijkstra", "Barbara Liskov", "Alan Turing"]

    @Test func fullNamesWithCommasAndAnOxfordAnd() throws {
        let text = "Ada Lovelace, Charles Babbage, and Mary Somerville. Nature, 2023."
        let authors = ["Ada Lovelace", "Charles Babbage", "Mary Somerville"]
        let (form, span) = try #require(AuthorForm.learn(authors: authors, in: text))
        #expect(form.style == .full)
        #expect(form.separator == ", ")
        #expect(form.lastSeparator == ", and ")
        #expect(form.shown == nil)
        #expect(text[span] == "Ada Lovelace, Charles Babbage, and Mary Somerville")
        #expect(form.render(Self.newNames) == "Grace Hopper, Edsger Dijkstra, Barbara Liskov, and Alan Turing")
        #expect(form.render(Array(Self.newNames.prefix(3))) == "Grace Hopper, Edsger Dijkstra, and Barbara Liskov")
        #expect(form.render(["Grace Hopper"]) == "Grace Hopper")
    }

    @Test func fullNamesWithCommasOnly() throws {
        let text = "*Iryna Hartsock, Ghulam Rasool, Ada Lovelace* \\"
        let (form, span) = try #require(AuthorForm.learn(authors: ["Iryna Hartsock", "Ghulam Rasool", "Ada Lovelace"], in: text))
        #expect(form.style == .full && form.separator == ", " && form.lastSeparator == ", " && form.shown == nil)
        #expect(text[span] == "Iryna Hartsock, Ghulam Rasool, Ada Lovelace")
        #expect(form.render(Self.newNames) == "Grace Hopper, Edsger Dijkstra, Barbara Liskov, Alan Turing")
    }

    @Test func twoNamesJoinedByAndSayOnlyTheLastSeparator() throws {
        let (form, _) = try #require(AuthorForm.learn(authors: ["Ada Lovelace", "Charles Babbage"], in: "Ada Lovelace and Charles Babbage"))
        #expect(form.separator == ", ")
        #expect(form.lastSeparator == " and ")
        #expect(form.render(Array(Self.newNames.prefix(3))) == "Grace Hopper, Edsger Dijkstra and Barbara Liskov")
    }

    @Test func familyNameAndEtAl() throws {
        let text = "Sun et al. (2023)"
        let (form, span) = try #require(AuthorForm.learn(authors: ["Sun"], in: text))
        #expect(form.style == .familyOnly)
        #expect(form.shown == 1)
        #expect(form.etAl == " et al.")
        #expect(text[span] == "Sun et al.")
        #expect(form.render(["Grace Hopper", "Edsger Dijkstra"]) == "Hopper et al.")
        #expect(form.render(["Mart van Baalen", "Edsger Dijkstra"]) == "van Baalen et al.")
        // One author: nobody is left out.
        #expect(form.render(["Grace Hopper"]) == "Hopper")
    }

    @Test func familyNamesWithInitialsAfterACommaKeepTheirOwnCommas() throws {
        let text = "Mangalore, A. R., Seelamantula, C. S. (2024). Some title."
        let (form, span) = try #require(AuthorForm.learn(authors: ["Mangalore, A. R.", "Seelamantula, C. S."], in: text))
        #expect(form.style == .familyCommaInitials)
        #expect(text[span] == "Mangalore, A. R., Seelamantula, C. S.")
        #expect(form.render(["Grace Brewster Hopper", "Li-Ming Zhan"]) == "Hopper, G. B., Zhan, L.-M.")
        #expect(form.render(["Mart van Baalen"]) == "van Baalen, M.")
        // A name with no given name is written whole.
        #expect(form.render(["Plato"]) == "Plato")
    }

    @Test func initialsFirst() throws {
        // (A venue after a comma, `, Nature`, would read as one more name: a full stop ends the list here.)
        let text = "A. Lovelace, C. Babbage and M. Somerville. Nature, 2021."
        let (form, span) = try #require(AuthorForm.learn(authors: ["A. Lovelace", "C. Babbage", "M. Somerville"], in: text))
        #expect(form.style == .initialsFamily)
        #expect(text[span] == "A. Lovelace, C. Babbage and M. Somerville")
        #expect(form.render(["Grace Brewster Hopper", "Li-Ming Zhan", "Alan Turing"]) == "G. B. Hopper, L.-M. Zhan and A. Turing")
    }

    @Test func namesNotFoundInOrderOrOfMixedFormsAreNotLearned() {
        #expect(AuthorForm.learn(authors: ["Charles Babbage", "Ada Lovelace"], in: "Ada Lovelace, Charles Babbage") == nil)
        #expect(AuthorForm.learn(authors: ["Ada Lovelace", "Grace Hopper"], in: "Ada Lovelace, Charles Babbage") == nil)
        // Words between two names: they are not a list of names.
        #expect(AuthorForm.learn(authors: ["Ada Lovelace", "Charles Babbage"], in: "Ada Lovelace wrote to Charles Babbage") == nil)
        #expect(AuthorForm.learn(authors: ["Lovelace, A.", "Charles Babbage"], in: "Lovelace, A., Charles Babbage") == nil)
    }

    @Test func moreNamesAfterTheParsedOnesAreNotLearnedAsTheWholeList() {
        // Real names: the fourth is noticed.
        #expect(AuthorForm.learn(authors: ["Ada Lovelace", "Charles Babbage", "Mary Somerville"],
                                 in: "Ada Lovelace, Charles Babbage, Mary Somerville and Grace Hopper.") == nil)
        #expect(AuthorForm.learn(authors: ["Lovelace, A.", "Babbage, C."], in: "Lovelace, A., Babbage, C., Hopper, G.") == nil)
    }

    /// Regression (a bug these tests found, since fixed): the check for names after the parsed ones wants a capital followed by a
    /// lower-case letter, so a following name that opens with an initial (`J. Smith`) or is a
    /// single capital (`G H`) is not seen, and the form learned drops it.
    @Test func moreNamesOpeningWithAnInitialAreNoticedToo() {
        #expect(AuthorForm.learn(authors: ["A B", "C D", "E F"], in: "A B, C D, E F and G H.") == nil)
        #expect(AuthorForm.learn(authors: ["A. Lovelace", "C. Babbage"], in: "A. Lovelace, C. Babbage, J. Smith. Nature.") == nil)
    }
}


// MARK: - PaperAdder on the seeds

@Suite struct SeedRoundTripTests {
    /// Each seed with the entry the round trip takes out, by its first line, checked by hand:
    /// 000 a bullet with an author sub-bullet inside a `<details>` year group (the block is the
    /// entry's); 001 an indexed table row with a model name and a category column (BiomedCLIP,
    /// the first row check reports nothing on); 002 a three-column table row linking a
    /// publisher's page under a DOI, its code cell `-` (report generation, the largest section);
    /// 003 a wide aligned table row with a date, a reference-style title and a modality; 004 a
    /// bold-title block with a venue tag, authors, a DOI link and a code link (visual question
    /// answering, the largest section).
    static let seeds: [(prefix: String, line: Int)] = [("000", 18), ("001", 36), ("002", 62), ("003", 90), ("004", 41)]

    @Test(arguments: seeds.map(\.prefix))
    func anEntryTakenOutIsAddedBackInItsOwnSectionAndForm(seed: String) throws {
        let source = try Fixture.seed(seed)
        let document = ListParser.parse(source)
        let entry = try #require(RoundTrip.choose(in: document), "seed \(seed) has no entry with an id to take out")
        #expect(entry.lines.lowerBound == Self.seeds.first { $0.prefix == seed }?.line, "seed \(seed): the choice moved")
        let trip = RoundTrip(source: source, document: document, entry: entry)
        let outcome = trip.add()
        guard case .added(let addition) = outcome else {
            Issue.record("seed \(seed), entry at \(entry.lines) (\(entry.title ?? "")): \(outcome)")
            return
        }
        #expect(trip.problems(with: addition) == [], "seed \(seed)")
        // The written entry links the paper by its own identifier, never the neighbour's.
        let written = addition.text.lines(addition.lines)
        if let arxiv = entry.ids.arxiv { #expect(written.contains(arxiv), "seed \(seed): \(written)") }
        if entry.ids.arxiv == nil, let doi = entry.ids.doi { #expect(written.lowercased().contains(doi.lowercased()), "seed \(seed): \(written)") }
        #expect(!written.contains(addition.draft.template.title ?? "\u{0}"), "seed \(seed): the template's title survived")
    }

    /// Seed 001 writes its category `Natrual` (sic) in every row, which check reports: given the
    /// label as the list writes it, the row is written with `format`'s certain fix of it
    /// (`Natural`), and a note says so; the misspelling is never copied.
    @Test func seed001sMisspeltLabelIsNotCopied() throws {
        let source = try Fixture.seed("001")
        let document = ListParser.parse(source)
        let entry = try #require(document.entries.first { $0.lines.lowerBound == 8 })
        #expect(entry.category == "Natrual")
        let trip = RoundTrip(source: source, document: document, entry: entry)
        let outcome = trip.add()
        guard case .added(let addition) = outcome else {
            Issue.record("not added: \(outcome)")
            return
        }
        let row = addition.text.lines(addition.lines)
        #expect(row.contains("| Natural "), "\(row)")
        #expect(!row.contains("Natrual"), "\(row)")
        #expect(addition.entry == [row])
        #expect(addition.draft.notes.contains { $0.contains("format's fix (vocabulary)") }, "\(addition.draft.notes)")
        #expect(row.contains("VL-BERT") && row.contains("https://arxiv.org/pdf/1908.08530"), "\(row)")
        #expect(trip.problems(with: addition) == [])
    }

    /// The new row's index follows the section's last one (48 in seed 001), and what the
    /// report says was written (`Addition.draft.lines`, printed as `entry` by `add --format
    /// json`) is what the list now holds. Regression (a bug these tests found, since fixed): the draft keeps the neighbour's index
    /// (`| 18 |`): `PaperAdder` numbers the lines it inserts but keeps the unnumbered draft.
    @Test func theDraftReportedIsTheEntryWritten() throws {
        let source = try Fixture.seed("001")
        let record = PaperRecord(title: "RadCLIP: Medical Image Text Pretraining for Chest Radiographs",
                                 authors: ["Ada Lovelace", "Charles Babbage"], year: 2024, arxiv: "2401.12345")
        guard case .added(let addition) = Fixture.adder().add(NewPaper(record: record), to: source, section: "The summary of natural and medical")
        else {
            Issue.record("not added")
            return
        }
        let written = addition.lines.map { addition.text.line($0) }
        #expect(written.first?.hasPrefix("| 49    |") == true, "\(written)")
        #expect(addition.entry == written)
    }
}

extension SourceText {
    /// Lines `range`, joined by `\n`.
    func lines(_ range: ClosedRange<Int>) -> String {
        range.map { line($0) }.joined(separator: "\n")
    }
}

// MARK: - PaperAdder on real lists

@Suite struct CorpusRoundTripTests {
    /// Ten lists in ten forms (the corpus MANIFEST's descriptions), each read once.
    static let lists = [
        "amirhossein-kz__Awesome-Diffusion-Models-in-Medical-Imaging", // bold title, authors, `[date] [Venue, Year]`, links
        "atfortes__Awesome-LLM-Reasoning",                             // numbered bold links, an author paragraph `Venue'YY`
        "mingze-yuan__Awesome-LLM-Healthcare",                         // `- [YYYY/MM] **Title** *Authors et al. Venue.*`
        "BradyFU__Awesome-Multimodal-Large-Language-Models",           // tables with badges and `<br>` in cells
        "RUCAIBox__LLMSurvey",                                         // numbered `**"Title"**. *Authors*. Venue Year.`
        "Finspire13__Awesome-Surgical-Video-Analysis",                 // centred tables with unlinked titles
        "uzh-rpg__event-based_vision_resources",                       // multi-line bullets with anchors
        "showlab__Awesome-Video-Diffusion",                            // `+` bullets with a line of badges
        "onejune2018__Awesome-Medical-Healthcare-Dataset-For-LLM",     // CJK tables and `- Title [[Paper]](url)` bullets
        "hanjuku-kaso__awesome-offline-rl",                            // bullets with an author sub-bullet
    ]

    /// Lists whose entries carry what vlmbot does not invent, so it declines to write one, with
    /// what its reasons must say: uzh-rpg gives each entry an anchor of its own
    /// (`<a name="lagorce13iros"></a>`).
    static let declined = ["uzh-rpg__event-based_vision_resources": "would stay in the new entry"]

    @Test(.enabled(if: Fixture.corpusPresent, "no corpus beside the checkout"), arguments: lists)
    func anEntryTakenOutOfARealListIsAddedBack(list: String) throws {
        guard let reason = Self.declined[list] else {
            try Self.roundTrip(list)
            return
        }
        let source = try #require(Fixture.corpusList(list))
        let document = ListParser.parse(source)
        let entry = try #require(RoundTrip.choose(in: document), "\(list): no entry to take out")
        let outcome = RoundTrip(source: source, document: document, entry: entry).add(Fixture.adder(path: "README.md"))
        guard case .unwritable(_, let reasons) = outcome else {
            Issue.record("\(list): expected to decline, got \(outcome)")
            return
        }
        #expect(reasons.contains { $0.contains(reason) }, "\(reasons)")
    }

    static func roundTrip(_ list: String) throws {
        let source = try #require(Fixture.corpusList(list))
        let document = ListParser.parse(source)
        let entry = try #require(RoundTrip.choose(in: document), "\(list): no entry to take out")
        let trip = RoundTrip(source: source, document: document, entry: entry)
        let adder = Fixture.adder(path: "README.md")
        let outcome = trip.add(adder)
        guard case .added(let addition) = outcome else {
            Issue.record("\(list), entry at \(entry.lines) (\(entry.title ?? "")): \(outcome)")
            return
        }
        let reread = ListParser.parse(addition.text)
        #expect(trip.problems(with: addition, reread: reread) == [], "\(list): entry at \(entry.lines)")
        // check and format leave the new lines alone.
        let changed = ChangedLines(lines: addition.lines)
        let findings = Fixture.linter.lint(reread, path: "README.md", changedLines: changed).filter { $0.range.lines.overlaps(addition.lines) }
        #expect(findings.isEmpty, "\(list): \(findings.map(\.message))")
        let formatted = Format.format(addition.text, path: "README.md", linter: Fixture.linter, profile: .none, changedLines: changed)
        #expect(!formatted.changes, "\(list): format changes the new lines")
    }
}

// MARK: - What PaperAdder refuses: a listed paper, an unknown or unclear section

@Suite struct ListedAndSectionTests {
    static func listedLines(_ outcome: AdditionOutcome) -> [Int]? {
        guard case .listed(let listed) = outcome else { return nil }
        return listed.map(\.entry.lines.lowerBound)
    }

    @Test(arguments: ["000", "001", "002", "003", "004"])
    func aPaperListedByArxivIdDOIOrTitleIsListed(seed: String) throws {
        let source = try Fixture.seed(seed)
        let document = ListParser.parse(source)
        let entry = try #require(RoundTrip.choose(in: document))
        let title = try #require(entry.title)
        // By identifier, with the title as a source may give it (another case, no trailing period).
        let byID = PaperRecord(title: title.lowercased(), authors: ["Ada Lovelace"], year: 2030, arxiv: entry.ids.arxiv, doi: entry.ids.doi)
        #expect(Self.listedLines(Fixture.adder().add(NewPaper(record: byID), to: source))?.contains(entry.lines.lowerBound) == true,
                "seed \(seed) by id")
        // With --section naming another section, still listed: nothing is written twice.
        #expect(Self.listedLines(Fixture.adder().add(NewPaper(record: byID), to: source, section: "No Such Section")) != nil)
        // By the exact title alone.
        let byTitle = PaperRecord(title: title, year: 2030)
        #expect(Self.listedLines(Fixture.adder().add(NewPaper(record: byTitle), to: source))?.contains(entry.lines.lowerBound) == true,
                "seed \(seed) by title")
    }

    @Test func aPaperListedByItsDOIAloneIsListed() throws {
        let source = try Fixture.seed("002")
        let document = ListParser.parse(source)
        let entry = try #require(document.entries.first { $0.ids.doi == "10.1007/978-3-031-16443-9_69" })
        // As Crossref gives it: the DOI in capitals, the title in another case. (The same DOI
        // under an unrelated title is only a likely match, by design: not refused.)
        let record = PaperRecord(title: try #require(entry.title).uppercased(), doi: "10.1007/978-3-031-16443-9_69".uppercased())
        guard case .listed(let listed) = Fixture.adder().add(NewPaper(record: record), to: source) else {
            Issue.record("a listed DOI is not found")
            return
        }
        #expect(listed.first?.entry.lines == entry.lines)
        #expect(listed.first?.evidence.phrase == "same DOI 10.1007/978-3-031-16443-9_69", "\(listed.map(\.evidence.phrase))")
    }

    @Test func anUnknownSectionNamesTheSectionsThereAre() throws {
        let source = try Fixture.seed("004")
        let record = PaperRecord(title: "A Model for Chest X-Rays", authors: ["Ada Lovelace"], year: 2024, arxiv: "2401.12345")
        guard case .unknownSection(let heading, let sections) = Fixture.adder().add(NewPaper(record: record), to: source,
                                                                                    section: "Protein Folding") else {
            Issue.record("an unknown section is not refused")
            return
        }
        #expect(heading == "Protein Folding")
        #expect(sections.contains(["Survey"]) && sections.contains(["Medical Visual Question Answering"]), "\(sections)")
        // Case and punctuation do not matter; a part of one heading names it. (Captioning and
        // retrieval hold only entries that link code: with no code given they are unwritable,
        // but in the section named.)
        for (named, path) in [("medical visual question-answering", "Medical Visual Question Answering"),
                              ("MEDICAL IMAGE CAPTIONING", "Medical Image Captioning"), ("Cross-modal Retrieval", "Medical Cross-modal Retrieval")] {
            switch Fixture.adder().add(NewPaper(record: record), to: source, section: named) {
            case .added(let addition): #expect(addition.section == [path])
            case .unwritable(let section, let reasons):
                #expect(section == [path])
                #expect(reasons.allSatisfy { $0.hasSuffix("it links its code, and no code was given (--code)") }, "\(reasons)")
            case let other: Issue.record("--section \(named): \(other)")
            }
        }
        // A word every heading holds names no one section.
        guard case .unknownSection = Fixture.adder().add(NewPaper(record: record), to: source, section: "Medical") else {
            Issue.record("an ambiguous --section is taken")
            return
        }
    }

    @Test func aPaperNoSectionClearlyHoldsIsNotFiledAnywhere() throws {
        let source = try Fixture.seed("004")
        let record = PaperRecord(title: "Zebra Stripes as Natural Barcodes for Herd Counting", authors: ["Ada Lovelace"], year: 2024,
                                 arxiv: "2412.99999")
        guard case .noClearSection(let candidates) = Fixture.adder().add(NewPaper(record: record), to: source) else {
            Issue.record("a paper of no section's topic is filed")
            return
        }
        #expect(candidates.allSatisfy { !$0.path.isEmpty })
    }
}

// MARK: - A neighbour's own facts never survive into the new entry

@Suite struct NeighbourFactsTests {
    /// A leaderboard whose rows give each paper's score and team: columns no source fills.
    static let leaderboard = """
    # Liver Segmentation Results

    ## LiTS Leaderboard

    | Date | Title | Paper | Dice | Team |
    | ---- | ----- | ----- | ---- | ---- |
    | 2023-01 | Alpha Net: Cascaded Liver Segmentation | [arXiv](https://arxiv.org/abs/2301.00001) | 0.912 | Zurich Vision Lab |
    | 2023-04 | Beta Transformer for Liver Tumours | [arXiv](https://arxiv.org/abs/2304.00002) | 0.887 | - |
    | 2023-08 | Gamma Diffusion Segmenter | [arXiv](https://arxiv.org/abs/2308.00003) | - | Oxford Imaging Group |

    """

    static func cells(_ row: String) -> [String] {
        row.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast().map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @Test func scoresAndTeamsOfOtherRowsAreLeftInTheColumnsNoneForm() throws {
        let record = PaperRecord(title: "Delta Segmentation of Liver Lesions", authors: ["Ada Lovelace"], year: 2024, month: 2,
                                 arxiv: "2402.00004")
        guard case .added(let addition) = Fixture.adder().add(NewPaper(record: record), to: SourceText(Self.leaderboard),
                                                              section: "LiTS Leaderboard") else {
            Issue.record("not added")
            return
        }
        let row = addition.text.lines(addition.lines)
        #expect(Self.cells(row) == ["2024-02", "Delta Segmentation of Liver Lesions", "[arXiv](https://arxiv.org/abs/2402.00004)", "-", "-"],
                "\(row)")
        for fact in ["0.912", "0.887", "Zurich", "Oxford", "Vision", "Imaging", "Alpha", "Beta", "Gamma", "2308.00003"] {
            #expect(!row.contains(fact), "\(fact) survived: \(row)")
        }
        // Dates run oldest first: the 2024 paper comes last.
        #expect(addition.lines.lowerBound == 10)
        // The cell left out is said, with its column and the none form written.
        #expect(!addition.draft.notes.isEmpty)
        #expect(addition.draft.notes.allSatisfy {
            $0 == "column `Dice`: left as `-`; the source does not say" || $0 == "column `Team`: left as `-`; the source does not say"
        }, "\(addition.draft.notes)")
        #expect(ListParser.parse(addition.text).entries.count == 4)
    }

    /// A real leaderboard (JunMa11/SOTA-MedSeg, the EMIDEC challenge): scores per structure and
    /// a placing in a remark column. Written after each of its rows, the new row copies none of
    /// any row's own cells, and says which columns it left. (Written through `EntryWriter`:
    /// `PaperAdder` cannot place a row in this table, see `FoundBugTests.aCompactDateInTheFirstColumnIsNotARowNumber`.)
    @Test(.enabled(if: Fixture.corpusPresent, "no corpus beside the checkout"))
    func aRealLeaderboardsScoresAndRemarksAreNotCopied() throws {
        let source = try #require(Fixture.corpusList("JunMa11__SOTA-MedSeg"))
        let document = ListParser.parse(source)
        let heading = "2020 MICCAI: Automatic Evaluation of Myocardial Infarction from Delayed-Enhancement Cardiac MRI"
        let rows = document.entries.filter { $0.section.last?.hasPrefix(heading) == true }
        #expect(rows.count == 3)
        let others = rows.flatMap { Self.cells(source.line($0.lines.lowerBound)) }
            .filter { !EntryWriterNone.words.contains($0.lowercased()) && $0.count >= 3 }
        #expect(others.contains("0.8786") && others.contains("1st Place in MICCAI 2020"))
        let record = PaperRecord(title: "Cardiac Segmentation Across Vendors with Shape Priors", authors: ["Ada Lovelace", "Charles Babbage"],
                                 year: 2021, month: 3, day: 15, arxiv: "2103.99999")
        let writer = EntryWriter(document: document)
        var survivors: [String] = []
        for template in rows {
            guard case .success(let draft) = writer.draft(NewPaper(record: record), like: template) else {
                Issue.record("line \(template.lines): \(writer.draft(NewPaper(record: record), like: template))")
                continue
            }
            let row = try #require(draft.lines.first)
            #expect(draft.lines.count == 1)
            survivors += others.filter { row.contains($0) }.map { "line \(template.lines.lowerBound): `\($0)`" }
            let cells = Self.cells(row)
            #expect(cells.count == 7, "\(row)")
            #expect(cells.first == "20210315" && cells.dropFirst().first == "Ada Lovelace, Charles Babbage", "\(row)")
            #expect(cells.dropFirst(2).first?.hasPrefix("Cardiac Segmentation Across Vendors with Shape Priors [(") == true, "\(row)")
            #expect(row.contains("(https://arxiv.org/abs/2103.99999)"), "\(row)")
            // The scores: left empty, and said.
            #expect(cells.dropFirst(3).prefix(3).allSatisfy { $0.isEmpty }, "\(row)")
            for column in ["Infarction", "Myo", "Re-flow"] {
                #expect(draft.notes.contains("column `\(column)`: left as empty; the source does not say"), "\(draft.notes)")
            }
            // The remark (a placing): no neighbour's, in any year.
            let remark = cells.last ?? ""
            if remark.contains("Place") { survivors.append("line \(template.lines.lowerBound): remark `\(remark)`") }
        }
        // Regression (a bug these tests found, since fixed): after line 105 (`1st Place in MICCAI 2020`), the remark is written
        // `1st Place in MICCAI 2021`: the writer swaps every `2020` of the row for the paper's
        // year, so the cell counts as the paper's, and its other words are common in this list.
        #expect(survivors.isEmpty, "\(survivors)")
    }

    /// The same through `PaperAdder`, on a hand-written list: placings that name the year are
    /// a neighbour's facts. Regression (a bug these tests found, since fixed): the 2024 paper's row says `3rd Place in MICCAI 2024`.
    @Test func aNeighboursPlacingIsNotGivenToTheNewPaperWithItsYearChanged() throws {
        let list = """
        # Challenge Results

        ## LiTS 2023

        | Title | Paper | Year | Dice | Remark |
        | ----- | ----- | ---- | ---- | ------ |
        | Alpha Net: Cascaded Liver Segmentation | [arXiv](https://arxiv.org/abs/2301.00001) | 2023 | 0.912 | 1st Place in MICCAI 2023 |
        | Beta Transformer for Liver Tumours | [arXiv](https://arxiv.org/abs/2303.00002) | 2023 | 0.887 | 2nd Place in MICCAI 2023 |
        | Gamma Diffusion Segmenter | [arXiv](https://arxiv.org/abs/2305.00003) | 2023 | 0.850 | 3rd Place in MICCAI 2023 |

        ## KiTS 2023

        | Title | Paper | Year | Dice | Remark |
        | ----- | ----- | ---- | ---- | ------ |
        | Kidney Net: Cascaded Kidney Segmentation | [arXiv](https://arxiv.org/abs/2301.00011) | 2023 | 0.902 | 1st Place in MICCAI 2023 |
        | Kidney Transformer for Tumours | [arXiv](https://arxiv.org/abs/2303.00012) | 2023 | 0.877 | 2nd Place in MICCAI 2023 |
        | Kidney Diffusion Segmenter | [arXiv](https://arxiv.org/abs/2305.00013) | 2023 | 0.840 | 3rd Place in MICCAI 2023 |

        ## BraTS 2023

        | Title | Paper | Year | Dice | Remark |
        | ----- | ----- | ---- | ---- | ------ |
        | Brain Net: Cascaded Tumour Segmentation | [arXiv](https://arxiv.org/abs/2301.00021) | 2023 | 0.802 | 1st Place in MICCAI 2023 |
        | Brain Transformer for Gliomas | [arXiv](https://arxiv.org/abs/2303.00022) | 2023 | 0.777 | 2nd Place in MICCAI 2023 |
        | Brain Diffusion Segmenter | [arXiv](https://arxiv.org/abs/2305.00023) | 2023 | - | 3rd Place in MICCAI 2023 |

        """
        let record = PaperRecord(title: "Delta Segmentation of Liver Lesions", authors: ["Ada Lovelace"], year: 2024, month: 2, arxiv: "2402.00004")
        guard case .added(let addition) = Fixture.adder().add(NewPaper(record: record), to: SourceText(list), section: "LiTS 2023") else {
            Issue.record("not added")
            return
        }
        let cells = Self.cells(addition.text.line(addition.lines.lowerBound))
        #expect(cells.prefix(4) == ["Delta Segmentation of Liver Lesions", "[arXiv](https://arxiv.org/abs/2402.00004)", "2024", ""], "\(cells)")
        #expect(addition.draft.notes.contains("column `Dice`: left as empty; the source does not say"), "\(addition.draft.notes)")
        #expect(cells.last.map { !$0.contains("Place") } == true, "\(cells)")
    }
}

/// How tables write a cell that says nothing (EntryWriter's own set is internal).
enum EntryWriterNone {
    static let words: Set<String> = ["", "-", "--", "—", "–", "n/a", "na", "none", "/", "null", "nil", "×", "✗", "x"]
}

// MARK: - Bugs found writing these tests: regressions, and one open

@Suite struct FoundBugTests {
    /// Numbered entries in sections by year (atfortes/Awesome-LLM-Reasoning's form).
    static let byYear = """
    # Reasoning

    ## Survey

    ### 2025

    1. **[Multimodal Chain-of-Thought Reasoning: A Comprehensive Survey.](https://arxiv.org/abs/2503.12605)** [[code](https://github.com/yaotingwangofficial/Awesome-MCoT)]

        *Yaoting Wang, Shengqiong Wu, Yuecheng Zhang.* Preprint'25

    2. **[Recent Advances in Large Language Model Benchmarks Against Data Contamination.](https://arxiv.org/abs/2502.17521)** [[code](https://github.com/SeekingDream/Static-to-Dynamic-LLMEval)]

        *Simin Chen, Yiming Chen, Zexin Li.* Preprint'25

    ### 2024

    1. **[Attention Heads of Large Language Models: A Survey.](https://arxiv.org/abs/2409.03752)** [[code](https://github.com/IAAR-Shanghai/Awesome-Attention-Heads)]

        *Zifan Zheng, Yezhaohui Wang, Yuxin Huang.* Preprint'24

    2. **[Internal Consistency and Self-Feedback in Large Language Models: A Survey.](https://arxiv.org/abs/2407.14507)** [[code](https://github.com/IAAR-Shanghai/ICSFSurvey)]

        *Xun Liang, Shichao Song, Zifan Zheng.* Preprint'24

    """

    static func paper(year: Int, title: String = "Reasoning Traces Under Pressure: A Survey") -> NewPaper {
        NewPaper(record: PaperRecord(title: title, authors: ["Ada Lovelace", "Charles Babbage"], year: year, month: 2, day: 3,
                                     arxiv: "\(year % 100)02.01234"),
                 code: "https://github.com/ada/traces")
    }

    /// Regression (a bug these tests found, since fixed): a paper of the same year as every neighbour of its section cannot be written
    /// there: the year written (`'25`) equals the neighbour's, so `Substitution.insertions`
    /// (which keeps only replacements that change the text) does not count it as the new
    /// paper's, and a number that is not the paper's is a fact of the neighbour's ("its `25`
    /// would stay in the new entry"). The paper of another year is written in the same section
    /// (the control), so a year-sectioned list takes papers only into the wrong year.
    @Test func aPaperOfItsSectionsYearIsWrittenThere() {
        if case .added(let addition) = Fixture.adder().add(Self.paper(year: 2024), to: SourceText(Self.byYear), section: "2025") {
            #expect(addition.draft.lines.last?.hasSuffix("Preprint'24") == true || addition.draft.lines.last?.hasSuffix("arXiv'24") == true,
                    "\(addition.draft.lines)")
        } else {
            Issue.record("the control (a 2024 paper in the 2025 section) is not written")
        }
        let outcome = Fixture.adder().add(Self.paper(year: 2025), to: SourceText(Self.byYear), section: "2025")
        guard case .added(let addition) = outcome else {
            Issue.record("a 2025 paper is not written into the 2025 section: \(outcome)")
            return
        }
        #expect(addition.draft.lines.last?.contains("'25") == true)
    }

    /// Regression (a bug these tests found, since fixed): where a list writes each title with a closing full stop (`**[Title.](url)**`),
    /// a title ending in `?` is written `Title?.`.
    @Test func aTitleEndingInAQuestionMarkTakesNoFullStopAfterIt() {
        let outcome = Fixture.adder().add(Self.paper(year: 2024, title: "Can Language Models Reason About Time?"),
                                          to: SourceText(Self.byYear), section: "2025")
        guard case .added(let addition) = outcome else {
            Issue.record("not added: \(outcome)")
            return
        }
        let first = addition.text.line(addition.lines.lowerBound)
        #expect(first.contains("Can Language Models Reason About Time?"), "\(first)")
        #expect(!first.contains("?."), "\(first)")
    }

    /// Regression (a bug these tests found, since fixed): in seed 000 each year's papers sit in a `<details>` block, each paper with a
    /// nested `<details><summary>Digest</summary>…</details>`. The entry written leaves out the
    /// neighbour's `- <details><summary>Digest</summary>` line (its own words) but keeps that
    /// block's `  </details>`: one `<details>` opened, two closed.
    @Test func theHTMLBlocksOfTheEntryWrittenAreBalanced() throws {
        let source = try Fixture.seed("000")
        let record = PaperRecord(title: "A Model for Chest X-Rays", authors: ["Ada Lovelace", "Charles Babbage"], year: 2024,
                                 arxiv: "2401.12345")
        guard case .added(let addition) = Fixture.adder().add(NewPaper(record: record), to: source, section: "Survey") else {
            Issue.record("not added")
            return
        }
        let written = addition.text.lines(addition.lines)
        #expect(written.contains("- A Model for Chest X-Rays. [[paper]](https://arxiv.org/abs/2401.12345)"), "\(written)")
        #expect(written.contains("  - Ada Lovelace, Charles Babbage."), "\(written)")
        let opened = written.components(separatedBy: "<details>").count - 1
        let closed = written.components(separatedBy: "</details>").count - 1
        #expect(opened == closed, "\(opened) <details> and \(closed) </details> in:\n\(written)")
    }
}

extension FoundBugTests {
    /// Regression (a bug these tests found, since fixed): `Insertion.leadingNumber` reads a table's first cell as the row's index when it
    /// holds only digits, so a compact date there (`202305`, `20201008`, as JunMa11/SOTA-MedSeg
    /// writes every row) is "renumbered" to the previous row's plus one. A 2023-09 paper is
    /// written `202306` (a wrong date, silently: the draft reported says `202309`); a 2024 one is
    /// refused ("reads back as of 2023"); one placed first becomes `202300`.
    @Test func aCompactDateInTheFirstColumnIsNotARowNumber() {
        let list = """
        # Results

        ## Leaderboard

        | Date | Title | Paper |
        | ---- | ----- | ----- |
        | 202301 | Alpha Net: Cascaded Liver Segmentation | [arXiv](https://arxiv.org/abs/2301.00001) |
        | 202303 | Beta Transformer for Liver Tumours | [arXiv](https://arxiv.org/abs/2303.00002) |
        | 202305 | Gamma Diffusion Segmenter | [arXiv](https://arxiv.org/abs/2305.00003) |

        """
        for (year, month) in [(2023, 9), (2024, 2)] {
            let record = PaperRecord(title: "Delta Segmentation of Liver Lesions", authors: ["Ada Lovelace"], year: year, month: month,
                                     arxiv: "\(year % 100)0\(month).00004")
            let outcome = Fixture.adder().add(NewPaper(record: record), to: SourceText(list), section: "Leaderboard")
            guard case .added(let addition) = outcome else {
                Issue.record("\(year)-\(month): \(outcome)")
                continue
            }
            let row = addition.text.line(addition.lines.lowerBound)
            #expect(row.hasPrefix("| \(year)0\(month) |"), "\(row)")
        }
    }

    /// The same on a real list: JunMa11/SOTA-MedSeg dates each row `20201008` in its first
    /// column; a 2021 paper is refused in every one of the section's rows' forms.
    @Test(.enabled(if: Fixture.corpusPresent, "no corpus beside the checkout"))
    func aRealLeaderboardTakesANewRow() throws {
        let source = try #require(Fixture.corpusList("JunMa11__SOTA-MedSeg"))
        let record = PaperRecord(title: "Cardiac Segmentation Across Vendors with Shape Priors", authors: ["Ada Lovelace", "Charles Babbage"],
                                 year: 2021, month: 3, day: 15, arxiv: "2103.99999")
        let outcome = Fixture.adder(path: "README.md").add(NewPaper(record: record), to: source,
                                                           section: "Automatic Evaluation of Myocardial Infarction")
        guard case .added(let addition) = outcome else {
            Issue.record("\(outcome)")
            return
        }
        #expect(addition.text.line(addition.lines.lowerBound).hasPrefix("| 20210315 |"))
    }
}

extension FoundBugTests {
    /// Regression (Lists; a bug these tests found, since fixed): in a `Family, I., Family, I.` author list the last
    /// name is read as two (`Babbage`, `C`); AuthorForm then finds two forms of names and no
    /// such neighbour can be followed (every entry of uzh-rpg/event-based_vision_resources).
    @Test func theLastFamilyCommaInitialNameIsOneName() {
        let list = """
        # Papers

        ## Tracking

        - Lovelace, A., Babbage, C.,  
        *[Analytical Engines for Event Cameras](https://arxiv.org/abs/2301.00001)*,  
        IEEE Conf., 2023.

        """
        let entry = ListParser.parse(SourceText(list)).entries.first
        #expect(entry?.authors?.first == "Lovelace, A.")
        #expect(entry?.authors == ["Lovelace, A.", "Babbage, C."])
    }
}

extension FoundBugTests {
    /// Regression (a bug these tests found, since fixed): a paper with a DOI and no arXiv id cannot follow a neighbour that links its
    /// arXiv page: the neighbour's link is replaced by the paper's DOI link, but the writer then
    /// asks whether the neighbour's *original* text names its arXiv id (`Substitution.contains`
    /// reads the text before replacement) and refuses: "it names its arXiv id, and the paper has
    /// none". (Seed 004: no DOI paper can be added to Survey, Captioning or Retrieval.)
    @Test func aDOIPaperFollowsANeighbourThatLinksArxiv() {
        let list = """
        # Papers

        ## Segmentation

        - [Alpha Net: Cascaded Liver Segmentation](https://arxiv.org/abs/2301.00001), 2023
        - [Beta Transformer for Liver Tumours](https://arxiv.org/abs/2303.00002), 2023
        - [Gamma Diffusion Segmenter](https://arxiv.org/abs/2305.00003), 2023
        - [Delta Graph Segmenter](https://arxiv.org/abs/2306.00004), 2023

        """
        let record = PaperRecord(title: "Epsilon Shape Priors for Liver Segmentation", authors: ["Ada Lovelace"], year: 2024,
                                 venue: "Medical Image Analysis", doi: "10.1016/j.media.2024.103101")
        let outcome = Fixture.adder().add(NewPaper(record: record), to: SourceText(list), section: "Segmentation")
        guard case .added(let addition) = outcome else {
            Issue.record("\(outcome)")
            return
        }
        #expect(addition.text.line(addition.lines.lowerBound) == "- [Epsilon Shape Priors for Liver Segmentation](https://doi.org/10.1016/j.media.2024.103101), 2024")
    }
}

// MARK: - Metadata is untrusted

/// A source's title and authors are untrusted text: what `vlmbot add` writes from them stays
/// one entry on its own lines, makes no markup, HTML or table cell of its own, and carries no
/// control or bidirectional-override character into the list.
@Suite struct HostileMetadataTests {
    static let title = "Pipes | and *stars* <img src=x onerror=alert(1)> [link]\nsecond line \u{202E}reversed"
    static let authors = ["Ada\u{0007} Lovelace", "Mallory <b>Bold</b>"]

    static func written(in seed: String, section: String, title: String = title) throws -> (Addition, ListDocument) {
        let source = try Fixture.seed(seed)
        let record = PaperRecord(title: title, authors: authors, year: 2024, month: 2, day: 3, arxiv: "2402.00001")
        let outcome = Fixture.adder().add(NewPaper(record: record, code: "https://github.com/owner/repository"), to: source,
                                          section: section)
        guard case .added(let addition) = outcome else {
            throw HostileError.notAdded("\(outcome)")
        }
        return (addition, ListParser.parse(addition.text))
    }

    enum HostileError: Error { case notAdded(String) }

    @Test(arguments: [("004", "Medical Visual Question Answering"), ("002", "VLM in Medical image VQA")])
    func aHostileTitleIsWrittenAsText(seed: String, section: String) throws {
        let (addition, reread) = try Self.written(in: seed, section: section)
        let text = addition.text.lines(addition.lines)
        #expect(!text.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x07 }, "\(text)")
        // Every `<` the source wrote is escaped, so no HTML is made.
        #expect(text.replacingOccurrences(of: "\\<", with: "").firstMatch(of: #/<(img|b|/b)/#) == nil, "\(text)")
        #expect(text.contains("\\<img"), "\(text)")
        #expect(!text.contains("](https://evil.example)"), "\(text)")
        let original = ListParser.parse(try Fixture.seed(seed))
        #expect(reread.entries.count == original.entries.count + 1)
        let entry = try #require(reread.entries.first { addition.lines.contains($0.lines.lowerBound) })
        // One entry, read back with the paper's words and only the paper's and code's links.
        #expect(entry.lines == addition.lines)
        #expect(titleKey(entry.title).contains("pipesandstars"), "\(entry.title ?? "")")
        #expect(Set(entry.links.map(\.url)).isSubset(of: ["https://arxiv.org/abs/2402.00001", "https://github.com/owner/repository"]),
                "\(entry.links.map(\.url))")
        if seed == "002" {
            // The table row keeps its number of cells.
            let cells = WrittenTableRow(Array(addition.text.lineBytes(addition.lines.lowerBound))).cells.count
            let before = WrittenTableRow(Array(addition.text.lineBytes(addition.lines.lowerBound - 1))).cells.count
            #expect(cells == before, "\(text)")
        }
    }

    /// A title holding a link would make one (GitHub links bare URLs): such an entry does not
    /// read back as the paper, so nothing is written.
    @Test func aTitleHoldingALinkIsNotWritten() throws {
        #expect(throws: HostileError.self) {
            try Self.written(in: "004", section: "Medical Visual Question Answering", title: "Free GPUs at https://evil.example now")
        }
    }
}
