import Lists
import Markdown

/// One cell of a table line as written.
public struct SchemaCell: Sendable {
    /// The cell's source text without surrounding blanks (`[PDF](…)`, `Natrual`, `-`).
    public let text: String
    /// Where that text stands; nil for an empty cell.
    public let range: SourceRange?

    /// The cells of a table line as GitHub splits them (`WrittenTableRow`).
    public static func cells(onLine line: Int, in source: SourceText) -> [SchemaCell] {
        let bytes = Array(source.lineBytes(line))
        return WrittenTableRow(bytes).cells.map { cell in
            cell.isEmpty ? SchemaCell(text: "", range: nil)
                : SchemaCell(text: String(decoding: bytes[cell], as: UTF8.self),
                             range: SourceRange(start: SourcePosition(line: line, column: cell.lowerBound + 1),
                                                end: SourcePosition(line: line, column: cell.upperBound)))
        }
    }
}

/// A table of the list with its cells as written and the entry read from each row: what
/// rules that learn a table's shape from its own rows work on.
public struct SchemaTable: Sendable {
    /// One body row.
    public struct Row: Sendable {
        public let line: Int
        public let cells: [SchemaCell]
        /// The entry read from the row, when the table has a title or name column.
        public let entry: Entry?
    }

    public let table: ListTable
    public let header: [SchemaCell]
    public let rows: [Row]

    /// The document's tables, in document order.
    public static func tables(of document: ListDocument) -> [SchemaTable] {
        var entriesByLine: [Int: Entry] = [:]
        for entry in document.entries where entry.shape == .tableRow {
            entriesByLine[entry.lines.lowerBound] = entry
        }
        return document.tables.map { table in
            SchemaTable(table: table,
                        header: SchemaCell.cells(onLine: table.headerLine, in: document.source),
                        rows: table.rows.map { row in
                            Row(line: row.line, cells: SchemaCell.cells(onLine: row.line, in: document.source),
                                entry: entriesByLine[row.line])
                        })
        }
    }

    /// The column whose cells hold an entry's fact (its title, its category, a link's URL) in
    /// most rows that have the fact; cells equal to the fact win over cells containing it.
    /// Nil when no column holds it in most rows.
    public func column(holding fact: (Entry) -> String?) -> Int? {
        var equal: [Int: Int] = [:]
        var containing: [Int: Int] = [:]
        var rowsWithFact = 0
        for row in rows {
            guard let entry = row.entry, let value = fact(entry), !value.isEmpty else { continue }
            rowsWithFact += 1
            for (column, cell) in row.cells.enumerated() where cell.text.containsBytes(value) {
                containing[column, default: 0] += 1
                if cell.text == value { equal[column, default: 0] += 1 }
            }
        }
        let best = containing.keys.max { left, right in
            (equal[left, default: 0], containing[left, default: 0], -left) < (equal[right, default: 0], containing[right, default: 0], -right)
        }
        guard let best, containing[best, default: 0] * 2 > rowsWithFact else { return nil }
        return best
    }
}
