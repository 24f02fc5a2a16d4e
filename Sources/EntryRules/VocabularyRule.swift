import Engine
import Evidence
import Foundation
import Lists
import Markdown
import Settings

/// A category label outside the list's closed set of categories, in a category column's
/// cells or in a header that names the alternatives (`Natrual\Medical`).
public struct VocabularyRule: Rule {
    public static let description = RuleDescription(
        id: "vocabulary",
        summary: "A category column's value or a header naming the categories uses a term outside the category vocabulary.",
        rationale: """
        A category column sorts a list: readers filter by its values and tools count them, so a \
        misspelt or stray label ('Natrual' beside 'Natural') splits a category in two. The \
        vocabulary's closed sets (rules/vocabulary.yml, 'categories') say which labels exist. The set \
        that most of a table's values belong to, allowing for small misspellings, is the table's \
        set when the table uses two or more of its terms or its header names them; a table whose \
        values fit no set is left alone. A value close to exactly one term \
        of the set is fixed to that term; add a new label to the vocabulary when it is meant.
        """,
        severity: .error,
        triggering: [
            RuleExample("""
            | Model | Paper | ↓Natrual\\Medical |
            |---|---|---|
            | CLIP | Learning Transferable Visual Models | ↓Natrual |
            | MedCLIP | Contrastive Learning from Unpaired Medical Images | Medical |
            | BLIP | Bootstrapping Language-Image Pre-training | Natural |
            """),
            RuleExample("""
            | Title | Category |
            |---|---|
            | First paper | Medical |
            | Second paper | ↓medcial |
            | Third paper | Natural |
            | Fourth paper | ↓Robotics |
            | Fifth paper | Natural/↓Medicla |
            """),
        ],
        nonTriggering: [
            RuleExample("""
            | Model | Paper | Natural/Medical |
            |---|---|---|
            | CLIP | Learning Transferable Visual Models | Natural |
            | MedCLIP | Contrastive Learning from Unpaired Medical Images | medical |
            | Both | A paper on both | Natural & Medical |
            """),
            RuleExample("""
            | Title | Type |
            |---|---|
            | First paper | Human |
            | Second paper | Animal |
            | Third paper | Natrual |
            """),
            RuleExample("""
            | Title | Domain |
            |---|---|
            | First paper | Medical |
            | Second paper | Medical |
            | Third paper | Medical |
            | Fourth paper | General |
            """),
            RuleExample("""
            | Title | Input/Output |
            |---|---|
            | First paper | Image |
            """),
        ],
        corrections: [
            RuleCorrection("""
            | Model | Paper | Natrual\\Medical |
            |---|---|---|
            | CLIP | Learning Transferable Visual Models | Natrual |
            | MedCLIP | Contrastive Learning from Unpaired Medical Images | Medical |
            """, """
            | Model | Paper | Natural\\Medical |
            |---|---|---|
            | CLIP | Learning Transferable Visual Models | Natural |
            | MedCLIP | Contrastive Learning from Unpaired Medical Images | Medical |
            """),
        ]
    )

    public init() {}

    public func check(_ document: ListDocument, in context: RuleContext) -> [Finding] {
        let sets = context.vocabulary.categories.filter { !$0.isEmpty }
        guard !sets.isEmpty else { return [] }
        return context.shared.tables(of: document).flatMap { table -> [Finding] in
            guard let column = table.column(holding: \.category) else { return [] }
            let values = table.rows.compactMap { row in
                row.entry?.category != nil && row.cells.indices.contains(column) ? row.cells[column] : nil
            }.flatMap(CategoryTerm.terms)
            let alternatives = table.header.indices.contains(column) ? CategoryTerm.alternatives(in: table.header[column]) : []
            guard let set = Self.bestSet(sets, values: values.map(\.text), header: alternatives.map(\.text)) else { return [] }
            return (alternatives + values).compactMap { term in
                term.text.isCategory(in: set) ? nil : finding(for: term, set: set, inHeader: alternatives.contains(term))
            }
        }
    }

    private func finding(for term: CategoryTerm, set: [String], inHeader: Bool) -> Finding {
        let problem = (inHeader ? "The header names '\(term.text)', which is not" : "'\(term.text)' is not")
            + " a category of this list (\(set.joined(separator: ", ")))"
        guard let nearest = term.text.nearestCategory(in: set) else {
            return finding(problem + ": use one of them, or add it to the vocabulary's categories.", at: term.range)
        }
        return finding(problem + ": did you mean '\(nearest)'?", at: term.range,
                       fix: Fix(replacements: [Replacement(range: term.range, text: nearest)]))
    }

    /// The set most values belong to (allowing for misspellings), when the table uses at least
    /// two of its terms or its header names them: a table labelled only 'Medical' and 'General'
    /// is not judged by the set [Natural, Medical].
    private static func bestSet(_ sets: [[String]], values: [String], header: [String]) -> [String]? {
        let fitting = sets.compactMap { set -> (set: [String], members: Int)? in
            let resolved = values.compactMap { $0.category(in: set) }
            let namedByHeader = !header.isEmpty && header.allSatisfy { $0.category(in: set) != nil }
            guard resolved.count * 2 > values.count, Set(resolved).count >= 2 || namedByHeader else { return nil }
            return (set, resolved.count)
        }
        return fitting.max { $0.members < $1.members }?.set
    }
}

/// One category label as written in a cell or a header, and where.
private struct CategoryTerm: Equatable {
    let text: String
    let range: SourceRange

    /// Characters that separate labels in one cell (`Natural/Medical`, `Natural & Medical`).
    private static let separators: Set<Character> = ["/", "\\", ",", "&", "+", ";"]
    /// Characters around a label that are not part of it.
    private static let trimmed: Set<Character> = [" ", "\t", "*", "_", "`"]

    /// The labels of a category cell.
    static func terms(in cell: SchemaCell) -> [CategoryTerm] {
        guard let range = cell.range else { return [] }
        return split(cell.text, at: range.start)
    }

    /// The labels a header names as alternatives (`Natural\Medical`), or none when it does not:
    /// two or more parts, each made of letters only.
    static func alternatives(in cell: SchemaCell) -> [CategoryTerm] {
        guard let range = cell.range else { return [] }
        let terms = split(cell.text, at: range.start)
        guard terms.count >= 2, terms.allSatisfy({ $0.text.allSatisfy(\.isLetter) }),
              cell.text.contains(where: { $0 == "/" || $0 == "\\" }) else { return [] }
        return terms
    }

    /// The labels of a text starting at `start`, with their byte ranges.
    private static func split(_ text: String, at start: SourcePosition) -> [CategoryTerm] {
        var terms: [CategoryTerm] = []
        var offset = 0
        for part in text.split(omittingEmptySubsequences: false, whereSeparator: { separators.contains($0) }) {
            defer { offset += part.utf8.count + 1 }
            var label = part.drop { trimmed.contains($0) }
            while let last = label.last, trimmed.contains(last) { label = label.dropLast() }
            guard !label.isEmpty else { continue }
            let first = start.column + offset + part[..<label.startIndex].utf8.count
            terms.append(CategoryTerm(text: String(label),
                                      range: SourceRange(start: SourcePosition(line: start.line, column: first),
                                                         end: SourcePosition(line: start.line, column: first + label.utf8.count - 1))))
        }
        return terms
    }
}

private extension String {
    /// Whether the label is one of the set's terms, without regard to case.
    func isCategory(in set: [String]) -> Bool {
        set.contains { $0.caseInsensitiveCompare(self) == .orderedSame }
    }

    /// The set's term the label is, or is a misspelling of.
    func category(in set: [String]) -> String? {
        set.first { $0.caseInsensitiveCompare(self) == .orderedSame } ?? nearestCategory(in: set)
    }

    /// The one term of the set within a few edits of the label (fewer for short terms), if
    /// exactly one is nearest.
    func nearestCategory(in set: [String]) -> String? {
        let label = lowercased()
        let distances = set.compactMap { term in
            EditDistance.distance(label, term.lowercased(), limit: Self.allowedEdits(for: term)).map { (term, $0) }
        }
        guard let best = distances.map(\.1).min(), best > 0 else { return nil }
        let nearest = distances.filter { $0.1 == best }
        return nearest.count == 1 ? nearest[0].0 : nil
    }

    /// How many edits a misspelling of a term may have: none for three letters or fewer.
    private static func allowedEdits(for term: String) -> Int {
        term.count <= 3 ? 0 : term.count <= 5 ? 1 : 2
    }
}
