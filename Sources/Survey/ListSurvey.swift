import Engine
import Evidence
import Foundation
import Lists
import Markdown
import Papers
import Settings

/// What vlmbot reads in one list, for `vlmbot init`: its entries by kind and layout, its
/// sections, what its table columns hold, its category labels, the sections that repeat each
/// other's papers, and the findings each rule raises on it today. A function of values: the
/// parsed list, its findings and the configuration they were found with.
public struct ListSurvey: Sendable {
    /// A count of something, by name, most first.
    public struct Tally: Sendable, Equatable {
        public let name: String
        public let count: Int
    }

    /// Two sections that list some of the same papers (by arXiv id or DOI).
    public struct SharedSections: Sendable, Equatable {
        public let first: String
        public let second: String
        public let papers: Int
    }

    /// A rule's findings on the list, by severity.
    public struct RuleFindings: Sendable, Equatable {
        public let rule: String
        public let count: Int
        public let severities: [Tally]
    }

    /// The list's path, as reported.
    public let path: String
    public let entries: Int
    public let kinds: [Tally]
    public let layouts: [Tally]
    /// Sections holding entries, by their heading, in the order of the list.
    public let sections: [Tally]
    /// Table headers with what each column holds (`Date`: `date`), first table first.
    public let columns: [(header: String, fact: String)]
    /// The labels of the list's category columns, most used first.
    public let categories: [Tally]
    /// The configured set of categories the labels belong to, if one fits.
    public let knownCategorySet: [String]?
    /// Whether every category cell reads as a label.
    public let categoryCellsAreLabels: Bool
    public let sharedSections: [SharedSections]
    public let findings: [RuleFindings]

    /// The fewest uses a label needs to join a category set `init` proposes, and the most
    /// labels such a set may have: more is free text, not a closed set.
    static let (labelUses, setSize) = (2, 12)
    /// The most section pairs reported.
    static let sharedSectionLimit = 10

    public init(document: ListDocument, path: String, findings: [Finding], configuration: Configuration,
                profile: ListProfile) {
        self.path = path
        entries = document.entries.count
        kinds = Self.tally(document.entries.map(\.kind.rawValue))
        layouts = Self.tally(document.entries.map { Self.layoutName($0.shape) })
        sections = Self.inOrder(document.entries.map(Self.sectionName))
        var seen = Set<String>()
        columns = document.tables.flatMap { table in
            table.header.compactMap { header -> (header: String, fact: String)? in
                let name = Self.oneLine(header)
                guard !name.isEmpty, seen.insert(name.lowercased()).inserted,
                      let fact = profile.columnFact(ofHeader: header) else { return nil }
                return (name, fact)
            }
        }
        let tables = SchemaTable.tables(of: document).compactMap(CategoryTerm.labels)
        let values = tables.flatMap { $0.values.map(\.text) }
        // Cells holding other text (a title or link in a shifted row, `Video-level (30s)`) are
        // not counted as labels, and make the column no closed set.
        let labels = values.filter(Self.isLabel)
        categoryCellsAreLabels = labels.count == values.count
        categories = Self.tally(labels.map(Self.oneLine))
        knownCategorySet = tables.isEmpty ? nil
            : CategoryTerm.bestSet(configuration.vocabulary.categories.filter { !$0.isEmpty }, values: values,
                                   header: tables.flatMap { $0.header.map(\.text) })
        sharedSections = Self.sharedSections(document.entries)
        self.findings = Self.tally(findings.map(\.rule)).map { rule in
            RuleFindings(rule: rule.name, count: rule.count,
                         severities: Self.tally(findings.filter { $0.rule == rule.name }.map(\.severity.rawValue)))
        }
    }

    /// The category set `init` writes into the configuration, when no configured set fits and
    /// every category cell is a label: the labels the list uses, two to `setSize` of them, at
    /// least one used twice, without a label used once that is a slip of a label used more
    /// (which the vocabulary rule will then report, rightly).
    public var proposedCategorySet: [String]? {
        guard knownCategorySet == nil, categoryCellsAreLabels else { return nil }
        let repeated = categories.filter { $0.count >= Self.labelUses }.map(\.name)
        let set = categories.filter { $0.count >= Self.labelUses || $0.name.nearestCategory(in: repeated) == nil }.map(\.name)
        return !repeated.isEmpty && (2...Self.setSize).contains(set.count) ? set : nil
    }

    /// Whether a category cell's text reads as a label: up to three words of letters, digits,
    /// `-` and `_`, and 30 characters (not a title, a link or a sentence); case and
    /// misspellings are the vocabulary rule's to judge.
    static func isLabel(_ text: String) -> Bool {
        text.count <= 30 && text.split(separator: " ").count <= 3
            && text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || " -_".unicodeScalars.contains($0) }
    }

    /// How often each name comes, most first; ties keep the order of first appearance.
    private static func tally(_ names: [String]) -> [Tally] {
        inOrder(names).enumerated().sorted { first, second in
            first.element.count != second.element.count ? first.element.count > second.element.count : first.offset < second.offset
        }.map(\.element)
    }

    /// How often each name comes, in the order of first appearance; empty names left out.
    private static func inOrder(_ names: [String]) -> [Tally] {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for name in names where !name.isEmpty {
            if counts[name] == nil { order.append(name) }
            counts[name, default: 0] += 1
        }
        return order.map { Tally(name: $0, count: counts[$0, default: 0]) }
    }

    private static func layoutName(_ shape: EntryShape) -> String {
        switch shape {
        case .tableRow: "table rows"
        case .htmlRow: "HTML table rows"
        case .bullet: "bullets"
        case .boldBlock: "paragraphs"
        case .heading: "headings"
        }
    }

    private static func sectionName(_ entry: Entry) -> String {
        entry.section.last.map(oneLine) ?? "(before the first heading)"
    }

    /// Pairs of sections that list the same papers, by arXiv id or DOI, most shared first.
    private static func sharedSections(_ entries: [Entry]) -> [SharedSections] {
        var sectionsByPaper: [String: Set<String>] = [:]
        for entry in entries {
            guard let key = entry.ids.arxiv.map({ "arxiv:" + $0 }) ?? entry.ids.doi.map({ "doi:" + $0.lowercased() }) else { continue }
            sectionsByPaper[key, default: []].insert(sectionName(entry))
        }
        var pairs: [[String]: Int] = [:]
        for sections in sectionsByPaper.values where sections.count >= 2 {
            let sorted = sections.sorted()
            for (index, first) in sorted.enumerated() {
                for second in sorted[(index + 1)...] { pairs[[first, second], default: 0] += 1 }
            }
        }
        return pairs.filter { $0.value >= 2 }
            .sorted { ($1.value, $0.key.joined(separator: "\n")) < ($0.value, $1.key.joined(separator: "\n")) }
            .prefix(sharedSectionLimit)
            .map { SharedSections(first: $0.key[0], second: $0.key[1], papers: $0.value) }
    }

    /// Text from the list as one line of plain characters: no control or format characters
    /// (newlines, bidirectional overrides), so it cannot break out of a YAML comment or a line.
    static func oneLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
                || scalar.properties.generalCategory == .lineSeparator
                || scalar.properties.generalCategory == .paragraphSeparator ? " " : scalar
        })).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }
}
