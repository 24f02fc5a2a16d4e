import Foundation
import Markdown

/// One category label as written in a cell or a header, and where.
public struct CategoryTerm: Equatable, Sendable {
    public let text: String
    public let range: SourceRange

    /// The labels of a table's category column, in its cells and in its header when the
    /// header names the alternatives; nil when no column holds categories.
    public static func labels(of table: SchemaTable) -> (values: [CategoryTerm], header: [CategoryTerm])? {
        guard let column = table.column(holding: \.category) else { return nil }
        let values = table.rows.compactMap { row in
            row.entry?.category != nil && row.cells.indices.contains(column) ? row.cells[column] : nil
        }.flatMap(terms)
        return (values, table.header.indices.contains(column) ? alternatives(in: table.header[column]) : [])
    }

    /// The set most values belong to (allowing for misspellings), when the table uses at least
    /// two of its terms or its header names them: a table labelled only 'Medical' and 'General'
    /// is not judged by the set [Natural, Medical].
    public static func bestSet(_ sets: [[String]], values: [String], header: [String]) -> [String]? {
        let fitting = sets.compactMap { set -> (set: [String], members: Int)? in
            let resolved = values.compactMap { $0.category(in: set) }
            let namedByHeader = !header.isEmpty && header.allSatisfy { $0.category(in: set) != nil }
            guard resolved.count * 2 > values.count, Set(resolved).count >= 2 || namedByHeader else { return nil }
            return (set, resolved.count)
        }
        return fitting.max { $0.members < $1.members }?.set
    }

    /// Characters that separate labels in one cell (`Natural/Medical`, `Natural & Medical`).
    private static let separators: Set<Character> = ["/", "\\", ",", "&", "+", ";"]
    /// Characters around a label that are not part of it.
    private static let trimmed: Set<Character> = [" ", "\t", "*", "_", "`"]

    /// The labels of a category cell.
    public static func terms(in cell: SchemaCell) -> [CategoryTerm] {
        guard let range = cell.range else { return [] }
        return split(cell.text, at: range.start)
    }

    /// The labels a header names as alternatives (`Natural\Medical`), or none when it does not:
    /// two or more parts, each made of letters only.
    public static func alternatives(in cell: SchemaCell) -> [CategoryTerm] {
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

extension String {
    /// Whether the label is one of the set's terms, without regard to case.
    public func isCategory(in set: [String]) -> Bool {
        set.contains { $0.caseInsensitiveCompare(self) == .orderedSame }
    }

    /// The set's term the label is, or is a misspelling of.
    public func category(in set: [String]) -> String? {
        set.first { $0.caseInsensitiveCompare(self) == .orderedSame } ?? nearestCategory(in: set)
    }

    /// The one term of the set within a few edits of the label (fewer for short terms), if
    /// exactly one is nearest.
    public func nearestCategory(in set: [String]) -> String? {
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
