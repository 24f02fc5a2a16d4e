import Engine
import Evidence
import Format
import Lists
import Markdown
import Metadata
import Papers
import Placement
import Settings

/// What adding one paper to a list came to.
public enum AdditionOutcome: Sendable {
    /// The paper is listed already: the entries that list it, the certain ones first.
    case listed([ListedPaper])
    /// No section is clearly the paper's: the candidates to choose from with `--section`.
    case noClearSection([SectionChooser.Candidate])
    /// `--section` names no section of the list: the sections there are.
    case unknownSection(String, [[String]])
    /// No neighbour in the section could serve as the entry's model, with why for each tried.
    case unwritable(section: [String], reasons: [String])
    case added(Addition)
}

/// A paper written into a list.
public struct Addition: Sendable {
    public let section: [String]
    /// How the section was chosen: the candidates with their evidence (empty with `--section`).
    public let candidates: [SectionChooser.Candidate]
    /// The entry as written (numbered where it was placed, with format's fixes), and its model.
    public let draft: EntryDraft
    /// The new entry's text, line by line.
    public var entry: [String] { draft.lines }
    /// The new entry's lines in the new text.
    public let lines: ClosedRange<Int>
    /// The list with the entry in it.
    public let text: SourceText
    /// Papers that may be the same one, listed already (a near title).
    public let similar: [ListedPaper]
}

/// `vlmbot add`'s core: finds whether a paper is listed, chooses its section, writes its entry
/// after a neighbour's form, places it as the section orders its entries, and keeps the
/// result only when it reads back as the paper and `check` and `format` leave its lines alone.
public struct PaperAdder: Sendable {
    public let linter: Linter
    public let profile: ListProfile
    public let path: String
    /// Written entries checked (read back, checked, formatted) before giving up.
    public static let templatesTried = 12

    public init(linter: Linter, profile: ListProfile, path: String) {
        self.linter = linter
        self.profile = profile
        self.path = path
    }

    /// Adds `paper` to the list `source` holds, into the section `heading` names if given.
    public func add(_ paper: NewPaper, to source: SourceText, section heading: String? = nil) -> AdditionOutcome {
        let document = ListParser.parse(source, profile: profile)
        let found = ListedPaper.matches(of: paper.record, in: document, vocabulary: linter.configuration.vocabulary)
        if found.contains(where: \.isCertain) { return .listed(found.filter(\.isCertain)) }
        let chooser = SectionChooser(document)
        let section: [String]
        var candidates: [SectionChooser.Candidate] = []
        if let heading {
            guard let path = Self.section(named: heading, in: chooser.sections.map(\.path)) else {
                return .unknownSection(heading, chooser.sections.map(\.path))
            }
            section = path
        } else {
            let choice = chooser.choose(title: paper.record.title, abstract: paper.record.abstract, year: paper.record.year)
            guard let chosen = choice.chosen else { return .noClearSection(choice.candidates) }
            section = chosen
            candidates = choice.candidates
        }
        var paper = paper
        let neighbours = document.entries.filter { $0.section == section }
        if paper.category == nil { paper.category = category(for: paper.record, among: neighbours) }
        let writer = EntryWriter(document: document)
        let placement = Insertion(section: neighbours, in: document, date: paper.record)
        var reasons: [String] = []
        var drafts: [EntryDraft] = []
        for template in placement.templates(from: neighbours) {
            switch writer.draft(paper, like: template) {
            case .failure(let refusal): reasons.append("line \(template.lines.lowerBound): \(refusal.reason)")
            case .success(let draft): drafts.append(draft)
            }
        }
        // The neighbours whose form carries the most of the paper first: a code link when code
        // is given (and none when none is), the fewest fields left out; among equals, those
        // written as most of the section writes its entries, then the nearest.
        let forms = Dictionary(grouping: neighbours, by: { Self.form(of: $0, in: source) }).mapValues(\.count)
        func rank(_ draft: EntryDraft, _ order: Int) -> (Int, Int, Int, Int) {
            let template = draft.template
            let codeFits = template.links.contains { $0.kind == .code } == (paper.code != nil)
            return (codeFits ? 0 : 1, draft.notes.count, -(forms[Self.form(of: template, in: source)] ?? 0), order)
        }
        let ranked = drafts.enumerated().sorted { rank($0.element, $0.offset) < rank($1.element, $1.offset) }
        for draft in ranked.prefix(Self.templatesTried).map(\.element) {
            let lines = placement.numbered(draft.lines, template: draft.template)
            let (inserted, insertedLines) = placement.insert(lines, into: source)
            // A defect of the neighbour's form that `format` fixes for certain is not copied.
            guard let (text, fixes) = formatted(inserted, lines: insertedLines) else {
                reasons.append("line \(draft.template.lines.lowerBound): format would change it, and more than it")
                continue
            }
            if let problem = problem(with: text, inserted: insertedLines, paper: paper, section: section, entries: document.entries.count) {
                reasons.append("line \(draft.template.lines.lowerBound): \(problem)")
                continue
            }
            let written = EntryDraft(lines: insertedLines.map { text.line($0) }, template: draft.template,
                                     notes: draft.notes + fixes.map { "written with format's fix (\($0)) of the neighbour's form" })
            return .added(Addition(section: section, candidates: candidates, draft: written, lines: insertedLines, text: text,
                                   similar: found))
        }
        return .unwritable(section: section, reasons: reasons)
    }

    /// The list with `format`'s certain fixes made on the new lines, and the rules that made
    /// them: after it, `format` leaves those lines alone. Nil when its fixes would reach other
    /// lines, change the number of lines, or not settle.
    private func formatted(_ text: SourceText, lines: ClosedRange<Int>) -> (SourceText, [String])? {
        let outcome = Format.format(text, path: path, linter: linter, profile: profile, changedLines: ChangedLines(lines: lines))
        guard outcome.changes else { return (text, []) }
        let fixed = SourceText(outcome.formatted)
        let elsewhere = (1...max(1, text.lineCount)).filter { !lines.contains($0) }
        guard outcome.loss == nil, fixed.lineCount == text.lineCount,
              elsewhere.allSatisfy({ fixed.lineBytes($0) == text.lineBytes($0) }) else { return nil }
        return (fixed, Array(Set(outcome.applied.map(\.rule))).sorted())
    }

    /// Why a written list does not hold the paper as it should, if it does not: the new entry
    /// must read back as the paper, in its section, and raise nothing in `check` (`format` has
    /// already had its say: `formatted`).
    private func problem(with text: SourceText, inserted: ClosedRange<Int>, paper: NewPaper, section: [String],
                         entries: Int) -> String? {
        let document = ListParser.parse(text, profile: profile)
        guard document.entries.count == entries + 1,
              let entry = document.entries.first(where: { inserted.contains($0.lines.lowerBound) }) else {
            return "the written entry does not read back as one entry"
        }
        let record = paper.record
        guard let title = entry.title, PaperTitle(title).compact == PaperTitle(record.title).compact else {
            return "the written entry's title reads back as \(entry.title ?? "none")"
        }
        guard entry.section == section else { return "the written entry reads back in another section" }
        if let arxiv = entry.ids.arxiv, arxiv != record.arxiv { return "the written entry reads back with arXiv id \(arxiv)" }
        if let url = paper.paperURL, !entry.links.contains(where: { link in
            link.url == url || record.arxiv.map { LinkURL.arxivID(in: link.url) == $0 } == true
                || record.doi.map { LinkURL.doi(in: link.url)?.lowercased() == $0.lowercased() } == true
        }) {
            return "the written entry reads back without a link to the paper"
        }
        if let year = entry.year, let expected = record.year, year != expected { return "the written entry reads back as of \(year)" }
        let changed = ChangedLines(lines: inserted)
        if let finding = linter.lint(document, path: path, changedLines: changed)
            .first(where: { $0.range.lines.overlaps(inserted) }) {
            return "check would say: \(finding.message)"
        }
        return nil
    }

    /// An entry's form: its text with every run of words (and the spaces, commas and dashes
    /// between them) as one letter, so that entries written alike compare equal whatever
    /// their titles and authors (`**a** \ *a* \ [[a](a://a.a/a/a)]`).
    static func form(of entry: Entry, in source: SourceText) -> String {
        entry.lines.map { source.line($0) }.joined(separator: "\n").replacing(#/[\p{L}\p{N}][\p{L}\p{N}\s,'’-]*/#, with: "a")
    }

    /// The label a category column gives the paper: the one label its title shows evidence
    /// of, else the one label the section's entries all carry.
    private func category(for record: PaperRecord, among neighbours: [Entry]) -> String? {
        let written = Set(neighbours.compactMap(\.category))
        guard !written.isEmpty else { return nil }
        let vocabulary = linter.configuration.vocabulary
        let shown = Set(TermMatcher(vocabulary.evidence).matches(in: record.title).map(\.key))
        if shown.count == 1, let label = shown.first {
            // As the section writes it; else as the vocabulary does, when it is of the section's set.
            if let same = written.first(where: { $0.lowercased() == label.lowercased() }) { return same }
            if vocabulary.categories.contains(where: { $0.contains(label) && $0.contains(where: written.contains) }) { return label }
        }
        return written.count == 1 ? written.first : nil
    }

    /// The section a `--section` heading names: the one whose heading (or path) reads the same
    /// without case and punctuation, else the one whose heading contains it.
    static func section(named heading: String, in sections: [[String]]) -> [String]? {
        func key(_ text: String) -> String { String(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }.map(Character.init)) }
        let wanted = key(heading)
        guard !wanted.isEmpty else { return nil }
        let exact = sections.filter { key($0.last ?? "") == wanted || key($0.joined(separator: " ")) == wanted }
        if exact.count == 1 { return exact[0] }
        let containing = sections.filter { key($0.last ?? "").contains(wanted) }
        return containing.count == 1 ? containing[0] : nil
    }
}
