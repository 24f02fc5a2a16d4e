import Lists
import Papers

/// The entries of one list, as JSON (version 1 of the documented contract) or as TSV.
public enum EntriesReporter {
    public static func json(_ document: ListDocument, path: String) -> String {
        let value: JSONValue = .object([
            ("version", .int(1)),
            ("path", .string(path)),
            ("entries", .array(document.entries.map(json))),
            ("skipped", .array(document.skipped.map { block in
                .object([("line", .int(block.lines.lowerBound)), ("endLine", .int(block.lines.upperBound)),
                         ("reason", .string(block.reason.rawValue))])
            })),
            ("paperLinks", .array(document.paperLinks.map { link in
                .object([("line", .int(link.line)), ("url", .string(link.url))])
            })),
        ])
        return value.serialized() + "\n"
    }

    static func json(_ entry: Entry) -> JSONValue {
        .object([
            ("line", .int(entry.lines.lowerBound)),
            ("endLine", .int(entry.lines.upperBound)),
            ("section", .array(entry.section.map(JSONValue.string))),
            ("title", .string(entry.title)),
            ("authors", entry.authors.map { .array($0.map(JSONValue.string)) } ?? .null),
            ("year", .int(entry.year)),
            ("venue", .string(entry.venue)),
            ("category", .string(entry.category)),
            ("links", .array(entry.links.map { link in
                .object([("label", .string(link.label)), ("kind", .string(link.kind.rawValue)),
                         ("url", .string(link.url)), ("line", .int(link.line))])
            })),
            ("ids", .object([("arxiv", .string(entry.ids.arxiv)), ("doi", .string(entry.ids.doi))])),
            ("kind", .string(entry.kind.rawValue)),
            ("name", .string(entry.name)),
            ("date", entry.date.map { date in
                .object([("year", .int(date.year)), ("month", .int(date.month)), ("day", .int(date.day)),
                         ("precision", .string(date.precision.rawValue)), ("text", .string(date.text)),
                         ("line", .int(entry.fieldLines.date))])
            } ?? .null),
            ("fields", .object([
                ("title", .int(entry.fieldLines.title)), ("name", .int(entry.fieldLines.name)),
                ("authors", .int(entry.fieldLines.authors)), ("date", .int(entry.fieldLines.date)),
                ("venue", .int(entry.fieldLines.venue)), ("category", .int(entry.fieldLines.category)),
            ])),
        ])
    }

    /// One header line, then one line per entry; tabs and line breaks inside values become spaces.
    /// The columns after `links` (kind, date as precise as written) were added later, at the end.
    public static func tsv(_ entries: [Entry]) -> String {
        let header = ["line", "endLine", "section", "title", "authors", "year", "venue", "category",
                      "arxiv", "doi", "links", "kind", "date"]
        let rows = entries.map { entry -> [String] in
            let facts: [String] = [String(entry.lines.lowerBound), String(entry.lines.upperBound),
                                   entry.section.joined(separator: " > "), entry.title ?? "",
                                   entry.authors?.joined(separator: ", ") ?? "", entry.year.map(String.init) ?? "",
                                   entry.venue ?? "", entry.category ?? "", entry.ids.arxiv ?? "", entry.ids.doi ?? ""]
            let links = entry.links.map { "\($0.kind.rawValue):\($0.url)" }.joined(separator: " ")
            let added: [String] = [entry.kind.rawValue, entry.date.map(isoDate) ?? ""]
            return (facts + [links] + added).map(cell)
        }
        return ([header] + rows).map { $0.joined(separator: "\t") }.joined(separator: "\n") + "\n"
    }

    /// `2023`, `2023-08` or `2023-08-15`, as precise as written.
    private static func isoDate(_ date: EntryDate) -> String {
        var text = String(date.year)
        if let month = date.month { text += (month < 10 ? "-0" : "-") + String(month) }
        if let day = date.day { text += (day < 10 ? "-0" : "-") + String(day) }
        return text
    }

    private static func cell(_ value: String) -> String {
        String(value.map { $0 == "\t" || $0.isNewline ? " " : $0 })
    }
}
