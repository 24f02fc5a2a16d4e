import Lists
import Markdown

/// An entry that does not follow its list's own shape: here, a table row whose cell count
/// differs from its header's.
public struct EntrySchemaRule: Rule {
    public static let description = RuleDescription(
        id: "entry-schema",
        summary: "An entry misses facts its list's shape requires, or a table row has the wrong number of cells.",
        rationale: """
        A row with fewer cells than its header shows empty cells; one with more loses the extra ones \
        on GitHub. Fill the missing cells (or write '-') or remove the extra ones.
        """,
        severity: .error,
        triggering: [
            RuleExample("""
            | Title | Code |
            |---|---|
            ↓| Only one cell |
            """),
            RuleExample("""
            | Title | Code |
            |---|---|
            | A paper | [code](https://github.com/a/b) |
            ↓| Another paper | [code](https://github.com/c/d) | extra |
            """),
        ],
        nonTriggering: [
            RuleExample("""
            | Title | Code |
            |---|---|
            | A paper | [code](https://github.com/a/b) |
            | Escaped \\| pipe | - |
            """),
        ]
    )

    public init() {}

    public func check(_ document: ListDocument, in context: RuleContext) -> [Finding] {
        document.tables.flatMap { table in
            table.rows.filter { $0.cellCount != table.header.count }.map { row in
                let missing = row.cellCount < table.header.count
                let message = "This table row has \(row.cellCount) cells but its header (line \(table.headerLine)) has "
                    + "\(table.header.count): " + (missing
                        ? "GitHub shows the missing cells empty; fill them or write '-'."
                        : "GitHub drops the extra cells; remove them or add a column to the header.")
                return finding(message, at: SourceRange(lines: row.line, row.line, in: document.source))
            }
        }
    }
}
