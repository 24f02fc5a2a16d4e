import Evidence
import Foundation
import Lists
import Markdown
import Metadata
import Papers

/// A new entry written from a neighbour: the neighbour's lines with each of its facts (title,
/// name, authors, date, venue, category, links, identifiers) replaced, where the parser found
/// it, by the new paper's in the same form.
public struct EntryDraft: Sendable, Equatable {
    /// The new entry's lines, without line terminators.
    public let lines: [String]
    /// The entry whose form was copied.
    public let template: Entry
    /// What the list writes that the source did not say, and what was written instead.
    public let notes: [String]
}

/// Why a neighbour could not serve as the new entry's model: one of its facts would survive,
/// or the list writes a fact the source does not give.
public struct DraftRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }
}

/// What `vlmbot add` knows about the paper to write, beyond its metadata.
public struct NewPaper: Sendable {
    public var record: PaperRecord
    /// The code repository the contributor named.
    public var code: String?
    /// The category label to write, when the list has a category column.
    public var category: String?

    public init(record: PaperRecord, code: String? = nil, category: String? = nil) {
        self.record = record
        self.code = code
        self.category = category
    }

    /// The paper's short name when its title opens with one (`LLaVA: Visual Instruction Tuning`).
    public var name: String? {
        guard let colon = record.title.range(of: ": ") else { return nil }
        let name = record.title[..<colon.lowerBound].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 30, name.split(separator: " ").count <= 3 else { return nil }
        return name
    }

    /// The link a list gives for the paper: its arXiv page, else its DOI, else its own page.
    var paperURL: String? {
        record.identifierURLs.first ?? record.url
    }
}

/// Writes new entries in a list's own style, one neighbour at a time.
public struct EntryWriter: Sendable {
    private let document: ListDocument
    /// How the list names a preprint's venue (`arXiv`, `Arxiv`, `arXiv preprint`).
    let preprintVenue: String
    /// For each word (lower-cased), how many entries write it: a word few entries write is an
    /// entry's own fact (an affiliation, a score, a dataset), never to be copied to another.
    private let entriesWriting: [String: Int]
    /// The fewest entries that must write a word or a link for it to be the list's rather
    /// than an entry's; in a longer list, a tenth of its entries.
    static let sharedWordEntries = 3
    /// The links a tenth of the entries write, at least three (a badge, a shared page): the
    /// list's, kept in a new entry; a link fewer write (an author's profile, a project's
    /// page) is an entry's own.
    private let sharedLinks: Set<String>
    /// Entries that must write a word for it to be the list's (`Paper`, `et al`), not one
    /// entry's (an affiliation, a remark): half of them, at least three.
    private let sharedWordThreshold: Int
    /// Whether any entry of the list names authors, a venue, a date.
    private let listWrites: (authors: Bool, venue: Bool, date: Bool)

    public init(document: ListDocument) {
        self.document = document
        var counts: [String: Int] = [:]
        for venue in document.entries.compactMap(\.venue) where venue.lowercased().contains("arxiv") { counts[venue, default: 0] += 1 }
        preprintVenue = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "arXiv"
        var writing: [String: Int] = [:]
        var linking: [String: Int] = [:]
        for entry in document.entries {
            let text = entry.lines.map { document.source.line($0) }.joined(separator: "\n")
            for word in Set(Self.words(of: text)) { writing[word, default: 0] += 1 }
            for url in Self.urls(of: entry, in: text) { linking[url, default: 0] += 1 }
        }
        entriesWriting = writing
        let linkThreshold = max(Self.sharedWordEntries, document.entries.count / 10)
        sharedLinks = Set(linking.filter { $0.value >= linkThreshold }.keys)
        sharedWordThreshold = max(Self.sharedWordEntries, document.entries.count / 2)
        listWrites = (document.entries.contains { $0.authors != nil }, document.entries.contains { $0.venue != nil },
                      document.entries.contains { $0.date != nil })
    }

    /// The paper written in the form of `template`, or why that entry cannot be its model.
    public func draft(_ paper: NewPaper, like template: Entry) -> Result<EntryDraft, DraftRefusal> {
        do throws(DraftRefusal) {
            return .success(try write(paper, like: template))
        } catch {
            return .failure(error)
        }
    }

    private func write(_ paper: NewPaper, like template: Entry) throws(DraftRefusal) -> EntryDraft {
        let record = paper.record
        let source = document.source
        var text = Substitution(template.lines.map { source.line($0) }, firstLine: template.lines.lowerBound)
        var notes: [String] = []
        let isRow = template.shape == .tableRow && template.lines.count == 1
        if paper.paperURL != nil, !template.links.contains(where: { $0.kind == .paper }) {
            throw DraftRefusal(reason: "it links no paper, and the new entry would lose its link")
        }
        // Its own links the new paper has nothing like: in a table row their cells are left
        // empty; elsewhere the entry cannot be followed.
        var ownLinks: [Range<String.Index>] = []
        var keptURLs: [String] = []
        for url in Self.urls(of: template, in: text.text) {
            for range in Substitution.ranges(of: url, in: text.text) {
                switch fate(of: url, at: range, in: text.text, template: template, paper: paper) {
                case .replaced(let replacement): text.replace(range, with: replacement)
                case .kept:
                    text.claim(range)
                    keptURLs.append(url)
                case .own(let reason):
                    guard isRow else { throw DraftRefusal(reason: reason) }
                    text.claim(range)
                    ownLinks.append(range)
                }
            }
        }
        guard let title = template.title else { throw DraftRefusal(reason: "it has no title to replace") }
        // A title ending in `.`, `?` or `!` takes no full stop after it (`**[Title?](…)**`, not `Title?.`).
        let newTitle = escaped(record.title, in: template.shape)
        if let last = record.title.last, ".?!".contains(last) { text.replaceAll(title + ".", with: newTitle) }
        guard text.replaceAll(title, with: newTitle) > 0 else {
            throw DraftRefusal(reason: "its title is not written as it reads")
        }
        if let name = template.name, name != title {
            guard let newName = paper.name else {
                throw DraftRefusal(reason: "the list names each paper (`\(name)`), and this title opens with no name")
            }
            text.replaceAll(name, with: escaped(newName, in: template.shape), wholeWord: true)
        }
        if let authors = template.authors, !authors.isEmpty {
            guard !record.authors.isEmpty else { throw DraftRefusal(reason: "the list gives authors, and the source gives none") }
            guard let line = template.fieldLines.authors, let (form, span) = text.onLine(line, { AuthorForm.learn(authors: authors, in: $0) }) else {
                throw DraftRefusal(reason: "its authors are not written in a form vlmbot can follow")
            }
            text.replace(span, with: escaped(form.render(record.authors), in: template.shape))
        }
        if let date = template.date { try rewrite(date, of: template, to: record, in: &text) }
        if let venue = template.venue, let line = template.fieldLines.venue {
            let newVenue = record.venue ?? (record.arxiv != nil ? preprintVenue : nil)
            guard let newVenue else { throw DraftRefusal(reason: "the list names each paper's venue, and the source names none") }
            guard text.replaceFirst(venue, with: escaped(newVenue, in: template.shape), onLine: line, wholeWord: true) else {
                throw DraftRefusal(reason: "its venue is not written as it reads")
            }
            if record.venue == nil { notes.append("venue: the source names none; written as a preprint (\(newVenue))") }
        }
        if let category = template.category, let line = template.fieldLines.category {
            guard let newCategory = paper.category else { throw DraftRefusal(reason: "the list labels each paper (`\(category)`), and no label is known") }
            guard text.replaceFirst(category, with: newCategory, onLine: line, wholeWord: true) else {
                throw DraftRefusal(reason: "its label is not written as it reads")
            }
        }
        // Identifiers written in the text (`arXiv:1511.06434`), outside the links already rewritten.
        if let arxiv = template.ids.arxiv, !text.freeRanges(of: arxiv).isEmpty {
            guard let new = record.arxiv else { throw DraftRefusal(reason: "it names its arXiv id, and the paper has none") }
            text.replaceAll(arxiv, with: new, wholeWord: true)
        }
        if let doi = template.ids.doi, !text.freeRanges(of: doi).isEmpty {
            guard let new = record.doi else { throw DraftRefusal(reason: "it names its DOI, and the paper has none") }
            text.replaceAll(doi, with: new)
        }
        let facts = [record.title, record.authors.joined(separator: " "), record.venue ?? "", paper.name ?? "", paper.category ?? "",
                     record.arxiv ?? "", record.doi ?? "", paper.code ?? ""] + [record.year, record.month, record.day].compactMap { $0.map(String.init) }
        // The labels of the links rewritten (`[[code]]`, `[PDF]`) are the list's words for them.
        let labels = template.links.filter { [.paper, .code].contains($0.kind) }.map(\.label)
        let known = Set(Self.words(of: (text.insertions + keptURLs + facts + labels).joined(separator: " ")))
        let lines: [String]
        if isRow {
            lines = [try row(text, template: template, ownLinks: ownLinks, known: known, notes: &notes)]
        } else {
            lines = try withoutOwnLines(text, known: known, notes: &notes)
        }
        if let code = paper.code, !lines.joined(separator: "\n").contains(Self.repositoryPath(code) ?? code) {
            notes.append("code: this entry's form links no code, so \(code) is not written")
        }
        notes += missingFacts(of: template, for: record)
        guard Self.tagBalance(of: lines.joined(separator: "\n")) == Self.tagBalance(of: text.text) else {
            throw DraftRefusal(reason: "leaving out its own lines would leave its HTML unbalanced")
        }
        try checkNothingSurvives(of: template, in: lines.joined(separator: "\n"), paper: paper)
        return EntryDraft(lines: lines, template: template, notes: notes)
    }

    /// The template's date written as the paper's, in the same form; a year written again
    /// with the venue follows it. Throws when the form says more than the source does.
    private func rewrite(_ date: EntryDate, of template: Entry, to record: PaperRecord,
                         in text: inout Substitution) throws(DraftRefusal) {
        guard let year = record.year else { throw DraftRefusal(reason: "the list dates each paper, and the source gives no date") }
        guard let written = DateForm.render((year, record.month, record.day), like: date) else {
            throw DraftRefusal(reason: "its date `\(date.text)` says more than the source does")
        }
        if let line = template.fieldLines.date, text.replaceFirst(date.text, with: written, onLine: line) {
            // The year may be written again with the venue (`[arXiv, 2024]`, `CVPR 2023`); a
            // year elsewhere (`1st Place in MICCAI 2023`) is the neighbour's own remark.
            if let venue = template.venue {
                for range in text.freeRanges(of: String(date.year)) where text.follows(venue, within: 3, at: range) {
                    text.replace(range, with: String(year))
                }
            }
        } else if !text.contains(date.text), template.section.contains(where: { $0.contains(String(date.year)) }) {
            // The section's heading dates its entries: the paper must be of that year.
            guard year == date.year else { throw DraftRefusal(reason: "its section is of \(date.year), and the paper of \(year)") }
        } else {
            throw DraftRefusal(reason: "its date is not written as it reads")
        }
    }

    /// Notes on facts other entries of the list write, the source gives, and this form has no place for.
    private func missingFacts(of template: Entry, for record: PaperRecord) -> [String] {
        var notes: [String] = []
        if !record.authors.isEmpty, template.authors == nil, listWrites.authors {
            notes.append("authors: this entry's form names none, so they are not written")
        }
        if let venue = record.venue, template.venue == nil, listWrites.venue {
            notes.append("venue: this entry's form names none, so \(venue) is not written")
        }
        if record.year != nil, template.date == nil, listWrites.date { notes.append("date: this entry's form gives none, so it is not written") }
        return notes
    }

    /// What a URL of the template becomes where it stands.
    private enum URLFate {
        /// Its identifier or repository swapped, or the paper's own link put in its place.
        case replaced(String)
        /// Kept as it is: a decoration many entries share.
        case kept
        /// The template's own, with no counterpart for the new paper.
        case own(String)
    }

    /// What a URL of the template becomes: an arXiv id in it swapped for the paper's (an id
    /// names the paper on every site); a DOI swapped on doi.org or under the same registrant
    /// (a publisher's page for another publisher's DOI would be a wrong link); a paper link
    /// replaced by the paper's; a repository swapped for the code given.
    private func fate(of url: String, at range: Range<String.Index>, in text: String, template: Entry,
                      paper: NewPaper) -> URLFate {
        let record = paper.record
        let isImage = Self.isImage(at: range, in: text)
        let kind = isImage ? nil : template.links.first { $0.url == url }?.kind
        if let id = template.ids.arxiv, !isImage, let found = url.range(of: id), let new = record.arxiv {
            // What follows the id names the neighbour's version, page or figure: only a `.pdf` stays.
            let rest = url[found.upperBound...].replacing(#/^v\d+/#, with: "")
            return .replaced(url[..<found.lowerBound] + new + (rest.hasPrefix(".pdf") ? ".pdf" : ""))
        }
        if let doi = template.ids.doi, let found = url.range(of: doi, options: .caseInsensitive), let new = record.doi,
           LinkURL.host(of: url)?.hasSuffix("doi.org") == true || Self.registrant(of: doi) == Self.registrant(of: new) {
            return .replaced(url.replacingCharacters(in: found, with: new))
        }
        if kind == .paper, let new = paper.paperURL { return .replaced(new) }
        if kind == .code {
            guard let code = paper.code else { return .own("it links its code, and no code was given (--code)") }
            return .replaced(code)
        }
        // A badge or image of the repository (its stars): the same for the given repository.
        if let repository = Self.repositoryPath(template.links.first { $0.kind == .code }?.url),
           url.range(of: repository, options: .caseInsensitive) != nil {
            guard let newRepository = Self.repositoryPath(paper.code) else {
                return .own("it links its code, and no code was given (--code)")
            }
            return .replaced(url.replacingOccurrences(of: repository, with: newRepository, options: .caseInsensitive))
        }
        if sharedLinks.contains(url) { return .kept }
        return .own("its link \(url) is its own, and the new paper has none like it")
    }

    /// Whether the URL at `range` is an image's: `![alt](URL)` or `src="URL"`.
    private static func isImage(at range: Range<String.Index>, in text: String) -> Bool {
        let before = text[..<range.lowerBound]
        if before.hasSuffix("src=\"") || before.hasSuffix("src='") { return true }
        guard before.hasSuffix("](") else { return false }
        var depth = 0
        var index = before.index(before.endIndex, offsetBy: -2)
        while index > before.startIndex {
            index = before.index(before: index)
            switch before[index] {
            case "]": depth += 1
            case "[":
                if depth == 0 { return index > before.startIndex && before[before.index(before: index)] == "!" }
                depth -= 1
            default: break
            }
        }
        return false
    }

    /// A DOI's registrant prefix (`10.1007`).
    private static func registrant(of doi: String) -> Substring {
        doi.split(separator: "/").first ?? ""
    }

    /// The written row: each cell as substituted, or, when it holds the template's own facts
    /// (a link without counterpart, words few entries write), the column's "none" form; cells
    /// keep their width in a table whose columns are aligned.
    private func row(_ text: Substitution, template: Entry, ownLinks: [Range<String.Index>], known: Set<String>,
                     notes: inout [String]) throws(DraftRefusal) -> String {
        let line = text.text
        let bytes = Array(line.utf8)
        let written = WrittenTableRow(bytes)
        func index(_ offset: Int) -> String.Index { line.utf8.index(line.startIndex, offsetBy: offset) }
        let none = noneForms(ofTableAt: template.lines.lowerBound)
        let header = headers(ofTableAt: template.lines.lowerBound)
        var result = ""
        var position = line.startIndex
        for (column, cell) in written.cells.enumerated() {
            let content = index(cell.lowerBound)..<index(cell.upperBound)
            var value = text.applied(in: content)
            let isIndex = column == 0 && Int(value.trimmingCharacters(in: .whitespaces)) != nil
            let own = ownLinks.contains { content.contains($0.lowerBound) }
            // A cell the new paper's facts did not touch says something of the neighbour's paper
            // (a modality, an affiliation, a score): unless it says nothing, it is not copied.
            let untouched = !text.hasEdits(in: content) && !Self.noneWords.contains(value.lowercased())
                && !Self.words(of: value).isEmpty
            if !isIndex, own || untouched || !residue(of: value, known: known).isEmpty {
                value = none[column] ?? ""
                let name = header.indices.contains(column) && !header[column].isEmpty ? "`\(header[column])`" : "\(column + 1)"
                notes.append("column \(name): left as \(value.isEmpty ? "empty" : "`\(value)`"); the source does not say")
            }
            // A cell padded to line up with its column keeps its width.
            let end = written.pipes.first { index($0) >= content.upperBound }.map(index) ?? line.endIndex
            let padding = line[content.upperBound..<end]
            let width = line.distance(from: content.lowerBound, to: content.upperBound) + padding.count
            let aligned = padding.count >= 2 && !content.isEmpty
            result += line[position..<content.lowerBound] + value
            result += aligned ? String(repeating: " ", count: max(1, width - value.count)) : String(padding)
            position = end
        }
        return result + line[position...]
    }

    /// The entry's lines without the ones that only say what the template's own paper is
    /// (a description, key words, a modality): a later line with no replaced fact and words
    /// few entries write is left out. Refuses when such words remain elsewhere.
    private func withoutOwnLines(_ text: Substitution, known: Set<String>, notes: inout [String]) throws(DraftRefusal) -> [String] {
        var kept: [String] = []
        // Elements a left-out line opened and has not closed: the lines up to their end go too.
        var openedByLeftOut = 0
        for (offset, range) in text.lineRanges.enumerated() {
            let line = text.applied(in: range)
            if openedByLeftOut > 0 {
                openedByLeftOut = max(0, openedByLeftOut + Self.tagBalance(of: line).values.reduce(0, +))
                continue
            }
            // The leading number of a numbered entry is written anew where it is placed.
            var checked = line
            if offset == 0, let number = Insertion.leadingNumber(in: line) { checked.replaceSubrange(number.range, with: "") }
            let touched = text.hasEdits(in: range)
            let residue = residue(of: checked, known: known)
            // A later line the new paper's facts did not touch, with words of its own, says
            // something of the neighbour's paper (key words, a modality, a summary).
            let ownWords = touched ? residue : Self.words(of: checked).filter { !known.contains($0) && !Self.markupWords.contains($0) }
            guard !ownWords.isEmpty else {
                kept.append(line)
                continue
            }
            guard offset > 0, !touched else {
                throw DraftRefusal(reason: "its `\(residue.prefix(3).joined(separator: " "))` would stay in the new entry")
            }
            notes.append("left out the neighbour's line `\(line.trimmingCharacters(in: .whitespaces).prefix(80))`: the source does not say")
            openedByLeftOut = max(0, Self.tagBalance(of: line).values.reduce(0, +))
        }
        return kept
    }

    /// For each HTML element name, how many more are opened than closed (void elements aside).
    static func tagBalance(of text: String) -> [String: Int] {
        var balance: [String: Int] = [:]
        for match in text.matches(of: #/<(/?)([A-Za-z][A-Za-z0-9]*)/#) {
            let name = match.output.2.lowercased()
            guard !["br", "img", "hr", "input", "meta", "source", "wbr"].contains(name) else { continue }
            balance[name, default: 0] += match.output.1.isEmpty ? 1 : -1
        }
        return balance.filter { $0.value != 0 }
    }

    /// Words of a written text that neither the new paper's facts nor enough entries write;
    /// a number is a fact (a score, a page, a citation) unless the new paper's.
    private func residue(of text: String, known: Set<String>) -> [String] {
        Self.words(of: text).filter { word in
            !known.contains(word) && (word.allSatisfy(\.isNumber) || (entriesWriting[word] ?? 0) < sharedWordThreshold)
        }
    }

    /// Lower-cased runs of letters and digits.
    static func words(of text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    /// The table holding a row: its header texts.
    private func headers(ofTableAt line: Int) -> [String] {
        guard let table = document.tables.first(where: { $0.rows.contains { $0.line == line } }) else { return [] }
        let bytes = Array(document.source.lineBytes(table.headerLine))
        return WrittenTableRow(bytes).cells.map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    /// For each column of the table holding a row, how its rows write "none" (`-`, `N/A`, an
    /// empty cell): the most common such cell, else nil.
    private func noneForms(ofTableAt line: Int) -> [Int: String] {
        guard let table = document.tables.first(where: { $0.rows.contains { $0.line == line } }) else { return [:] }
        var counts: [Int: [String: Int]] = [:]
        for row in table.rows {
            let bytes = Array(document.source.lineBytes(row.line))
            for (column, cell) in WrittenTableRow(bytes).cells.enumerated() {
                let value = String(decoding: bytes[cell], as: UTF8.self)
                if Self.noneWords.contains(value.lowercased()) { counts[column, default: [:]][value, default: 0] += 1 }
            }
        }
        return counts.mapValues { values in values.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key }
    }

    /// Words of HTML and Markdown markup a line may hold without saying anything of a paper.
    static let markupWords: Set<String> = ["details", "summary", "br", "p", "div", "td", "tr", "ul", "li", "b", "strong",
                                           "em", "i", "hr", "img", "a", "href", "align", "center", "left", "right"]

    /// How tables write a cell that says nothing.
    static let noneWords: Set<String> = ["", "-", "--", "—", "–", "n/a", "na", "none", "/", "null", "nil", "×", "✗", "x"]

    /// The URLs an entry writes: its links' and any other (a badge's image), each once.
    private static func urls(of entry: Entry, in text: String) -> [String] {
        var seen = Set<String>()
        let found = entry.links.map(\.url) + text.matches(of: #/https?://[^\s<>"'\])|]+/#).map { String($0.output) }
            + text.matches(of: #/(?:src|href)="([^"]+)"|\]\(([^)\s]+)\)/#).compactMap { match in (match.output.1 ?? match.output.2).map(String.init) }
        return found.filter { text.contains($0) && seen.insert($0).inserted }.sorted { $0.count > $1.count }
    }

    /// `owner/name` of a repository URL on a git host.
    static func repositoryPath(_ url: String?) -> String? {
        guard let address = url.flatMap(HostURL.init), LinkURL.repositoryHosts.contains(address.host) else { return nil }
        return address.repositoryPath
    }

    /// Refuses a draft that still holds the template's title, name, identifiers, links or authors.
    private func checkNothingSurvives(of template: Entry, in text: String, paper: NewPaper) throws(DraftRefusal) {
        let record = paper.record
        let newText = [record.title, paper.name ?? "", record.authors.joined(separator: " "), record.venue ?? "",
                       paper.code ?? "", paper.paperURL ?? ""].joined(separator: "\n")
        var facts = [template.title, template.name, template.ids.arxiv, template.ids.doi].compactMap { $0 }
        facts += (template.authors ?? []).map(AuthorForm.family).filter { $0.count >= 3 }
        for fact in facts where !newText.contains(fact) && Substitution.wordRanges(of: fact, in: text).first != nil {
            throw DraftRefusal(reason: "its `\(fact)` would stay in the new entry")
        }
    }

    /// A value from a source (untrusted) as the entry's markup needs it: on one line, without
    /// control or bidirectional-override characters; brackets, emphasis and `<` escaped, in a
    /// table its cell separator, in HTML its markup characters.
    private func escaped(_ value: String, in shape: EntryShape) -> String {
        let plain = String(String.UnicodeScalarView(value.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control || Self.bidirectionalControls.contains(scalar.value) ? " " : scalar
        })).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        if shape == .htmlRow {
            return plain.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        }
        var result = ""
        for character in plain {
            if "[]*<".contains(character) || (shape == .tableRow && character == "|") { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// The characters that reorder text: embeddings, overrides, isolates, marks.
    private static let bidirectionalControls: Set<UInt32> = [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                                             0x2066, 0x2067, 0x2068, 0x2069]
}

/// Replacements in an entry's text, each span replaced once: a later replacement never
/// touches what an earlier one wrote or claimed.
struct Substitution {
    let text: String
    private let lineStarts: [String.Index]
    private let firstLine: Int
    private var edits: [(range: Range<String.Index>, with: String)] = []
    private var claims: [Range<String.Index>] = []

    init(_ lines: [String], firstLine: Int) {
        text = lines.joined(separator: "\n")
        var starts = [text.startIndex]
        var index = text.startIndex
        while let newline = text[index...].firstIndex(of: "\n") {
            index = text.index(after: newline)
            starts.append(index)
        }
        lineStarts = starts
        self.firstLine = firstLine
    }

    /// The text with every replacement made.
    var applied: String { applied(in: text.startIndex..<text.endIndex) }

    /// A span of the text with the replacements inside it made.
    func applied(in span: Range<String.Index>) -> String {
        var result = ""
        var position = span.lowerBound
        for edit in edits.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) where span.contains(edit.range.lowerBound) {
            result += text[position..<edit.range.lowerBound] + edit.with
            position = edit.range.upperBound
        }
        return result + text[position..<max(position, span.upperBound)]
    }

    /// What the replacements wrote (the new paper's facts, also where they equal the old).
    var insertions: [String] { edits.map(\.with) }

    /// Whether a replacement changed something in a span.
    func hasEdits(in span: Range<String.Index>) -> Bool {
        edits.contains { span.contains($0.range.lowerBound) && text[$0.range] != $0.with }
    }

    /// Each line's span.
    var lineRanges: [Range<String.Index>] {
        lineStarts.indices.compactMap { range(ofLine: firstLine + $0) }
    }

    func contains(_ needle: String) -> Bool { text.contains(needle) }

    /// The span of one line of the list in the text.
    private func range(ofLine line: Int) -> Range<String.Index>? {
        let index = line - firstLine
        guard lineStarts.indices.contains(index) else { return nil }
        let end = index + 1 < lineStarts.count ? text.index(before: lineStarts[index + 1]) : text.endIndex
        return lineStarts[index]..<end
    }

    /// What `read` finds in one line of the list, with its span mapped into the text; in the
    /// whole text when the line does not hold it (a block's facts are all placed on its first line).
    func onLine<Value>(_ line: Int, _ read: (String) -> (Value, Range<String.Index>)?) -> (Value, Range<String.Index>)? {
        for scope in [range(ofLine: line), text.startIndex..<text.endIndex].compactMap({ $0 }) {
            let scopeText = String(text[scope])
            guard let (value, span) = read(scopeText) else { continue }
            let start = text.utf8.index(scope.lowerBound, offsetBy: scopeText.utf8.distance(from: scopeText.startIndex, to: span.lowerBound))
            let end = text.utf8.index(start, offsetBy: scopeText.utf8.distance(from: span.lowerBound, to: span.upperBound))
            return (value, start..<end)
        }
        return nil
    }

    private func isFree(_ range: Range<String.Index>) -> Bool {
        !edits.contains { $0.range.overlaps(range) || $0.range.lowerBound == range.lowerBound }
            && !claims.contains { $0.overlaps(range) || $0.lowerBound == range.lowerBound }
    }

    mutating func replace(_ range: Range<String.Index>, with replacement: String) {
        if isFree(range) { edits.append((range, replacement)) }
    }

    /// Whether `word` ends at most `gap` characters before `range` (`arXiv, 2024`).
    func follows(_ word: String, within gap: Int, at range: Range<String.Index>) -> Bool {
        let start = text.index(range.lowerBound, offsetBy: -(word.count + gap), limitedBy: text.startIndex) ?? text.startIndex
        return text[start..<range.lowerBound].contains(word)
    }

    /// Keeps a span as it is, out of reach of later replacements, without counting it as written.
    mutating func claim(_ range: Range<String.Index>) {
        if isFree(range) { claims.append(range) }
    }

    /// The free occurrences of a word: those no replacement or claim has taken.
    func freeRanges(of needle: String) -> [Range<String.Index>] {
        Self.wordRanges(of: needle, in: text).filter(isFree)
    }

    /// Replaces every free occurrence; returns how many were found (free or not).
    @discardableResult
    mutating func replaceAll(_ needle: String, with replacement: String, wholeWord: Bool = false) -> Int {
        let found = wholeWord ? Self.wordRanges(of: needle, in: text) : Self.ranges(of: needle, in: text)
        for range in found where isFree(range) { edits.append((range, replacement)) }
        return found.count
    }

    /// Replaces the first free occurrence on one line of the list, else in the whole text.
    mutating func replaceFirst(_ needle: String, with replacement: String, onLine line: Int, wholeWord: Bool = false) -> Bool {
        let found = (wholeWord ? Self.wordRanges(of: needle, in: text) : Self.ranges(of: needle, in: text)).filter(isFree)
        let lineRange = range(ofLine: line)
        guard let first = found.first(where: { lineRange?.contains($0.lowerBound) == true }) ?? found.first else { return false }
        edits.append((first, replacement))
        return true
    }

    static func ranges(of needle: String, in text: String) -> [Range<String.Index>] {
        guard !needle.isEmpty else { return [] }
        var found: [Range<String.Index>] = []
        var start = text.startIndex
        while let range = text.range(of: needle, range: start..<text.endIndex) {
            found.append(range)
            start = range.upperBound
        }
        return found
    }

    /// Occurrences not glued to a letter or digit on either side.
    static func wordRanges(of needle: String, in text: String) -> [Range<String.Index>] {
        ranges(of: needle, in: text).filter { range in
            let before = range.lowerBound > text.startIndex ? text[text.index(before: range.lowerBound)] : " "
            let after = range.upperBound < text.endIndex ? text[range.upperBound] : " "
            return !(before.isLetter || before.isNumber) && !(after.isLetter || after.isNumber)
        }
    }
}
