import Lists

/// The entries of one list, as JSON (version 1 of the documented contract) or as TSV.
public enum EntriesReporter {
    public static func json(_ entries: [Entry], path: String) -> String {
        let document: JSONValue = .object([
            ("version", .int(1)),
            ("path", .string(path)),
            ("entries", .array(entries.map(json))),
        ])
        return document.serialized() + "\n"
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
                         ("url", .string(link.url))])
            })),
            ("ids", .object([("arxiv", .string(entry.ids.arxiv)), ("doi", .string(entry.ids.doi))])),
        ])
    }

    /// One header line, then one line per entry; tabs and line breaks inside values become spaces.
    public static func tsv(_ entries: [Entry]) -> String {
        let header = ["line", "endLine", "section", "title", "authors", "year", "venue", "category",
                      "arxiv", "doi", "links"]
        let rows = entries.map { entry in
            [String(entry.lines.lowerBound), String(entry.lines.upperBound), entry.section.joined(separator: " > "),
             entry.title ?? "", entry.authors?.joined(separator: ", ") ?? "", entry.year.map(String.init) ?? "",
             entry.venue ?? "", entry.category ?? "", entry.ids.arxiv ?? "", entry.ids.doi ?? "",
             entry.links.map { "\($0.kind.rawValue):\($0.url)" }.joined(separator: " ")].map(cell)
        }
        return ([header] + rows).map { $0.joined(separator: "\t") }.joined(separator: "\n") + "\n"
    }

    private static func cell(_ value: String) -> String {
        String(value.map { $0 == "\t" || $0.isNewline ? " " : $0 })
    }
}
