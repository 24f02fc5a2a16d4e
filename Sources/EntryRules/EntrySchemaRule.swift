import Engine
import Evidence
import Foundation
import Lists
import Markdown
import Papers
import Settings

/// An entry that does not follow its list's own shape: a table row with the wrong number of
/// cells, an empty title, no paper link where the list's other entries have one, a year that
/// is not a plausible year, or an index number out of sequence.
public struct EntrySchemaRule: Rule {
    /// The `none-markers` option.
    public static let noneMarkers = OptionKey<[String]>("none-markers", default: ["-", "–", "—", "N/A", "n/a", "NA", "None", "none", "/"],
        "Cell texts that say on purpose that a row has no such fact.")

    /// The `required-share` option.
    public static let requiredShare = OptionKey<Double>("required-share", default: 0.8,
        "A paper link is required when at least this share of a table's rows (or of the entries of one shape elsewhere) have one.")

    /// The `minimum-entries` option.
    public static let minimumEntries = OptionKey<Int>("minimum-entries", default: 5,
        "How many entries a table or shape needs before its share of paper links is trusted.")

    /// The `earliest-year` option.
    public static let earliestYear = OptionKey<Int>("earliest-year", default: 1950,
        "The earliest plausible year of a listed paper.")

    /// The `index-headers` option.
    public static let indexHeaders = OptionKey<[String]>("index-headers", default: IndexColumn.headers,
        "First-column headers that mark an index column, compared without case.")

    public static let description = RuleDescription(
        id: "entry-schema",
        summary: "An entry misses facts its list's shape requires, or a table row has the wrong number of cells.",
        rationale: """
        A list's own shape says what every entry must have. A row with fewer cells than its header \
        shows empty cells, one with more loses the extra ones on GitHub: fill the missing cells or \
        remove the extra ones. An empty title cell leaves a row readers cannot identify. When nearly \
        all rows of a table (or nearly all entries of a shape elsewhere) link their paper, one that \
        does not is probably an omission: link the paper. Only an entry with no link at all, or \
        with only code and data links and a venue the list's linked papers name, plainly lacks it: any other \
        link may be the paper on a host vlmbot does not know, or show a release, a post or a talk. \
        Only papers are weighed: a dataset, a \
        tool or a talk need no paper link, and the share is taken per table, or per section and \
        shape elsewhere, since a section of workshops or of software is no section of papers. A \
        table row that says nothing of its kind is one of its table's papers; elsewhere such an \
        entry is more often a product, a talk or a page, and is not weighed. A \
        cell written as '-' (or another 'none' marker) says on purpose that there is none, so it is \
        never reported: a row whose title or paper cell is '-', such as a model without a paper, is \
        left alone. A table whose rows all carry the same extra cell (a hidden note) does so on \
        purpose. A year must be a four-digit year between the earliest plausible one and next \
        year. An index column must count up by one from 1, or from where the table before \
        stopped; the fix renumbers the rows from the break on. Extra cells that hold text are an \
        error, since GitHub never shows them; the rest are warnings: each is probable, not certain. \
        A row short of cells in a table that leaves those columns blank in other rows is a note. \
        A field bullet (`- Paper: …`) holding plain text where nine in ten of the list's fields of \
        that label (ten or more) hold a link is a warning; a 'none' marker, a placeholder text or a \
        value the list writes for that field again and again says on purpose that there is none.
        """,
        severity: .error,
        options: [
            Self.noneMarkers.declaration,
            Self.requiredShare.declaration,
            Self.minimumEntries.declaration,
            Self.earliestYear.declaration,
            Self.indexHeaders.declaration,
        ],
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
            RuleExample("""
            | Model | Title | Paper |
            |---|---|---|
            | CLIP | Learning Transferable Visual Models | [PDF](https://arxiv.org/abs/2103.00020) |
            ↓| BLIP |  | [PDF](https://arxiv.org/abs/2201.12086) |
            """),
            RuleExample("""
            | Title | PDF | Code |
            |---|---|---|
            | First paper | [PDF](https://arxiv.org/abs/2301.00001) | - |
            | Second paper | [PDF](https://arxiv.org/abs/2301.00002) | - |
            | Third paper | [PDF](https://arxiv.org/abs/2301.00003) | - |
            | Fourth paper | [PDF](https://arxiv.org/abs/2301.00004) | - |
            | Fifth paper | [PDF](https://arxiv.org/abs/2301.00005) | - |
            ↓| Sixth paper |  | - |
            | A tool | - | [Code](https://github.com/a/b) |
            """),
            RuleExample("""
            | Year | Title |
            |---|---|
            | 2023 | A plausible year |
            | ↓20 | A truncated year |
            | ↓1905 | Far too early |
            | ↓2099 | Far in the future |
            """),
            RuleExample("""
            | # | Title |
            |---|---|
            | 1 | First |
            | 2 | Second |
            | ↓4 | Third |
            | 5 | Fourth |
            """),
            RuleExample("""
            | ID | Title |
            |---|---|
            | 1 | First |

            | ID | Title |
            |---|---|
            | ↓5 | Second |
            | 6 | Third |
            """),
            RuleExample(tenPaperFields + """
            - Paper: ↓Scaffold-GS: Structured 3D Gaussians for View-Adaptive Rendering
            """),
        ],
        nonTriggering: [
            RuleExample("""
            | Title | Code |
            |---|---|
            | A paper | [code](https://github.com/a/b) |
            | Escaped \\| pipe | - |
            """),
            RuleExample("""
            | Index | Model | Paper | Link |
            |---|---|---|---|
            | 1 | CLIP | Learning Transferable Visual Models | [PDF](https://arxiv.org/abs/2103.00020) |
            | 2 | BLIP | BLIP: Bootstrapping Language-Image Pre-training | [PDF](https://arxiv.org/abs/2201.12086) |
            | 3 | GLIP | Grounded Language-Image Pre-training | [PDF](https://arxiv.org/abs/2112.03857) |
            | 4 | SAM | Segment Anything | [PDF](https://arxiv.org/abs/2304.02643) |
            | 5 | GPT 4V | - | - |
            | 6 | EVA-CLIP | EVA-CLIP: Improved Training Techniques | [PDF](https://arxiv.org/abs/2303.15389) |
            | 7 | Gemini | Gemini: A Family of Multimodal Models | [PDF](https://arxiv.org/abs/2312.11805) |
            | 8 | MiniGPT-4 | MiniGPT-4: Enhancing Vision-Language Understanding | [PDF](https://arxiv.org/abs/2304.10592) |
            | 9 | LLaVA | Visual Instruction Tuning | [PDF](https://arxiv.org/abs/2304.08485) |
            | 10 | Claude 3 | - | - |
            """),
            RuleExample("""
            | Paper | Venue | Link |
            |:--|:--:|:--|
            | MedCLIP: Contrastive Learning from Unpaired Medical Images and Text | EMNLP 2022 | [arXiv](https://arxiv.org/abs/2210.10163) |
            | PMC-CLIP: Contrastive Language-Image Pre-training using Biomedical Documents | MICCAI 2023 | [arXiv](https://arxiv.org/abs/2303.07240) |
            | CXR-CLIP: Toward Large Scale Chest X-ray Language-Image Pre-training | MICCAI 2023 | [arXiv](https://arxiv.org/abs/2310.13292) |
            | BiomedCLIP: a multimodal biomedical foundation model | arXiv 2023 | [arXiv](https://arxiv.org/abs/2303.00915) |
            | M-FLAG: Medical Vision-Language Pre-training with Frozen Language Models | MICCAI 2023 | [arXiv](https://arxiv.org/abs/2307.08347) |
            | An in-house model described only in a talk | 2024 | N/A |
            """),
            RuleExample("""
            | Index | Title |
            |:----:|:---|
            | 1 | First |
            | 2 | Second |

            | Index | Title |
            |:----:|:---|
            | 1 | Restarts at one |

            | Index | Title |
            |:----:|:---|
            | 2 | Continues the table before |
            | 3 | And on |
            """),
            RuleExample("""
            | No. | Title |
            |---|---|
            | 3 | Newest first |
            | 2 | Then this |
            | 1 | Oldest |
            """),
            RuleExample("""
            | ID | Title |
            |---|---|
            | 1023 | Not a sequence but identifiers |
            | 877 | Another identifier |
            | 12 | And another |
            """),
            RuleExample("""
            | Year | Venue | Title |
            |---|---|---|
            | 2023/10 | CVPR'23 | Dates and short years are years |
            """),
            RuleExample(tenPaperFields + """
            - Paper: None
            - Paper: coming soon
            - Code: A title, since few Code fields hold a link
            """),
        ],
        corrections: [
            RuleCorrection("""
            | # | Title |
            |---|---|
            | 1 | First |
            | 2 | Second |
            | 4 | Third |
            | 5 | Fourth |
            """, """
            | # | Title |
            |---|---|
            | 1 | First |
            | 2 | Second |
            | 3 | Third |
            | 4 | Fourth |
            """),
            RuleCorrection("""
            | Index | Title |
            |---|---|
            | 1 | First |
            | 2 | Second |
            | 2 | Third |

            | Index | Title |
            |---|---|
            | 3 | Fourth |
            """, """
            | Index | Title |
            |---|---|
            | 1 | First |
            | 2 | Second |
            | 3 | Third |

            | Index | Title |
            |---|---|
            | 4 | Fourth |
            """),
        ]
    )

    /// A bold label and ten field bullets whose paper field holds a link, for the examples.
    private static let tenPaperFields = "**Papers**\n\n" + (0..<10).map { "- Paper: https://arxiv.org/abs/2401.0000\($0)\n" }.joined()

    public init() {}

    public func check(_ document: ListDocument, in context: RuleContext) -> [Finding] {
        let tables = context.shared.tables(of: document)
        let noneMarkers = Set(context[Self.noneMarkers])
        let requirement = PaperLinkRequirement(share: context[Self.requiredShare],
                                               minimumEntries: context[Self.minimumEntries])
        let numbering = SchemaNumbering(tables: tables, indexHeaders: context[Self.indexHeaders])
        return tables.flatMap { wrongCellCounts(in: $0, source: document.source) }
            + tables.flatMap { missingTitles(in: $0, source: document.source) }
            + missingPaperLinks(document, tables: tables, requirement: requirement, noneMarkers: noneMarkers)
            + implausibleYears(document, tables: tables, earliest: context[Self.earliestYear])
            + numbering.runs.flatMap(numberingFindings)
            + unlinkedFields(in: document.tree, noneMarkers: noneMarkers, placeholders: context.vocabulary.placeholderTexts)
    }

    /// A field the list fills with a link this often is a link field.
    private static let linkFieldShare = 0.9
    private static let linkFieldMinimum = 10
    /// A value a field holds this many times is the list's own way of saying there is none.
    private static let habitualValueUses = 3

    /// Field bullets (`- Paper: …`) holding plain text where the list's fields of that label
    /// almost always hold a link. Values that say on purpose there is none (a 'none' marker, a
    /// placeholder text such as 'coming soon', a text the list writes for that field again and
    /// again) are neither weighed nor reported; nor is a value that repeats its label
    /// (placeholder's).
    private func unlinkedFields(in tree: MarkdownTree, noneMarkers: Set<String>, placeholders: [String]) -> [Finding] {
        let statuses = Set(placeholders.map { $0.lowercased() })
        return Dictionary(grouping: tree.fieldBullets(), by: \.key).values.flatMap { fields -> [Finding] in
            let habitual = Dictionary(fields.filter { !$0.hasLink }.map { ($0.value.lowercased(), 1) }, uniquingKeysWith: +)
                .filter { $0.value >= Self.habitualValueUses }
            let weighed = fields.filter {
                let value = $0.value.lowercased()
                return $0.hasLink || !(noneMarkers.contains($0.value) || statuses.contains(value) || habitual[value] != nil || value == $0.key)
            }
            let linked = weighed.filter(\.hasLink).count
            guard fields.count >= Self.linkFieldMinimum, Double(linked) >= Self.linkFieldShare * Double(weighed.count) else { return [] }
            return weighed.filter { !$0.hasLink }.map { field in
                finding("'\(field.label): \(field.value.snippet)' holds plain text where the list's '\(field.label)' "
                        + "fields hold a link (\(linked) of \(weighed.count)): link it.", at: field.valueRange).with(severity: .warning)
            }
        }
    }

    /// Rows whose cells do not line up. What a table's rows usually have is its own shape: a row
    /// with fewer cells than its header and its fellow rows shows them empty (probably a cell
    /// left out, a warning); a row with more than its header loses the extra ones on GitHub (an
    /// error when they hold text). A table whose rows all carry one extra, hidden cell (a note
    /// such as `[//]: #12/09`) does so on purpose and is left alone.
    private func wrongCellCounts(in table: SchemaTable, source: SourceText) -> [Finding] {
        let header = table.table.header.count
        // The count more rows share than any other; when none does, the header's.
        let counts = Dictionary(grouping: table.table.rows, by: \.cellCount).mapValues(\.count)
        let most = counts.values.max() ?? 0
        let leaders = counts.filter { $0.value == most }.keys
        let usual = leaders.count == 1 ? leaders.first ?? header : header
        let cellsByLine = Dictionary(table.rows.map { ($0.line, $0.cells) }) { first, _ in first }
        // A table that leaves the missing columns blank in its full rows shows a short row the
        // same way: nothing moves, the cells are only left out.
        let fullRows = table.rows.filter { $0.cells.count == header }
        func leavesBlank(from column: Int) -> Bool {
            fullRows.contains { $0.cells[column...].contains { $0.text.isEmpty } }
        }
        return table.table.rows.compactMap { row -> Finding? in
            guard row.cellCount != header, row.cellCount != usual || usual < header else { return nil }
            let at = SourceRange(lines: row.line, row.line, in: source)
            if row.cellCount < header {
                return finding("This table row has \(row.cellCount) cells but its header (line \(table.table.headerLine)) has "
                               + "\(header): GitHub shows the missing cells empty, and the cells after a missing one stand "
                               + "under the wrong headers; fill them or write '-'.", at: at)
                    .with(severity: row.cellCount < header && leavesBlank(from: max(0, row.cellCount)) ? .note : .warning)
            }
            let extra = (cellsByLine[row.line] ?? []).dropFirst(header).filter { !$0.text.isEmpty }
            guard !extra.isEmpty else { return nil }
            return finding("This table row has \(row.cellCount) cells but its header (line \(table.table.headerLine)) has "
                           + "\(header): GitHub drops the extra cells, so '\(extra[extra.startIndex].text.snippet)' is never "
                           + "shown; remove them or add a column to the header.", at: at)
        }
    }

    /// The rows of a table whose cell count matches the header, so that columns line up.
    private func alignedRows(of table: SchemaTable) -> [SchemaTable.Row] {
        table.rows.filter { $0.cells.count == table.table.header.count }
    }

    private func missingTitles(in table: SchemaTable, source: SourceText) -> [Finding] {
        guard let column = table.column(holding: \.title), column < table.table.header.count else { return [] }
        let header = table.table.header[column].trimming(.whitespaces)
        return alignedRows(of: table).compactMap { row in
            guard let entry = row.entry, entry.title == nil, row.cells[column].text.isEmpty else { return nil }
            return finding("This row has no title: its '\(header)' cell is empty; write the paper's title, "
                           + "or '-' if the row has none on purpose.", at: entry.range(in: source)).with(severity: .warning)
        }
    }

    private func missingPaperLinks(_ document: ListDocument, tables: [SchemaTable], requirement: PaperLinkRequirement,
                                   noneMarkers: Set<String>) -> [Finding] {
        let lacking = LackingPaperLink(document)
        let inTables = tables.flatMap { table -> [Finding] in
            let entries = table.rows.compactMap(\.entry).filter(\.mayBeTablePaper)
            guard requirement.holds(for: entries) else { return [] }
            let markerColumns = [table.column(holding: \.title), table.column(holding: { $0.paperLink?.url })]
                .compactMap { $0 }.filter { $0 < table.table.header.count }
            let withLink = entries.filter(\.hasPaperLink).count
            return alignedRows(of: table).compactMap { row in
                guard let entry = row.entry, entry.mayBeTablePaper, lacking.lacksItsLink(entry),
                      !markerColumns.contains(where: { noneMarkers.contains(row.cells[$0].text) }) else { return nil }
                return finding("\(entry.label) has no paper link, though \(withLink) of the \(entries.count) papers of this "
                               + "table have one: link the paper (arXiv, DOI or publisher page), or write '-' if it has none.",
                               at: entry.range(in: document.source)).with(severity: .warning)
            }
        }
        // Elsewhere, the papers of one section written in one shape: what a section holds is its
        // own (a section of workshops or talks has no paper links, and need not).
        let papers = document.entries.filter { $0.shape != .tableRow && $0.kind == .paper }
        let groups = Dictionary(grouping: papers, by: { [$0.shape.rawValue] + $0.section })
        let elsewhere = groups.keys.sorted { $0.lexicographicallyPrecedes($1) }.flatMap { key -> [Finding] in
            let entries = groups[key] ?? []
            guard requirement.holds(for: entries) else { return [] }
            let withLink = entries.filter(\.hasPaperLink).count
            return entries.filter(lacking.lacksItsLink).map { entry in
                finding("\(entry.label) has no paper link, though \(withLink) of the \(entries.count) papers of its section "
                        + "written like it have one: link the paper (arXiv, DOI or publisher page).",
                        at: entry.range(in: document.source)).with(severity: .warning)
            }
        }
        return inTables + elsewhere
    }

    private func implausibleYears(_ document: ListDocument, tables: [SchemaTable], earliest: Int) -> [Finding] {
        let latest = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1
        let cellsByLine = Dictionary(tables.flatMap(\.rows).map { ($0.line, $0.cells) }) { first, _ in first }
        // A date form the list reads its own way (`Arxiv 24.04.24` in every row) is its format:
        // a date that is no year is reported only where most dates of its table (or of the
        // list, outside tables) are years.
        var tableByLine: [Int: Int] = [:]
        for (index, table) in tables.enumerated() { for row in table.rows { tableByLine[row.line] = index } }
        var unreadable: [Int: (dated: Int, unread: Int)] = [:]
        for entry in document.entries where entry.dateText != nil {
            let group = tableByLine[entry.lines.lowerBound] ?? -1
            let counts = unreadable[group] ?? (0, 0)
            unreadable[group] = (counts.dated + 1, counts.unread + (entry.year == nil ? 1 : 0))
        }
        return document.entries.compactMap { entry in
            guard let text = entry.dateText else { return nil }
            let message: String
            switch entry.year {
            case nil:
                let counts = unreadable[tableByLine[entry.lines.lowerBound] ?? -1] ?? (0, 0)
                guard counts.unread * 2 < counts.dated else { return nil }
                message = "'\(text.prefix(20))' in \(entry.label) is not a year: write the four-digit year of publication."
            case let year? where year < earliest: message = "The year \(year) of \(entry.label) is before \(earliest): check it."
            case let year? where year > latest: message = "The year \(year) of \(entry.label) is in the future: check it."
            default: return nil
            }
            let line = entry.lines.lowerBound
            let range = cellsByLine[line]?.first { $0.text == text }?.range
                ?? document.source.range(of: text, inLines: entry.lines)
                ?? entry.range(in: document.source)
            return finding(message, at: range).with(severity: .warning)
        }
    }

    private func numberingFindings(_ run: SchemaNumbering.Run) -> [Finding] {
        let start = run.wrongStart.map { start in
            finding("This table's numbering starts at \(start.number.value): start it at 1"
                    + (start.previousLast.map { ", or at \($0 + 1) to continue the table before" } ?? "") + ".",
                    at: start.number.range).with(severity: .warning)
        }
        let breaks = run.breaks.map { numberBreak in
            let following = numberBreak.renumbered.count - 1
            return finding("Number \(numberBreak.number.value) breaks the numbering: after \(numberBreak.expected - run.step) "
                           + "comes \(numberBreak.expected)"
                           + (following > 0 ? "; the fix renumbers this row and the \(following) after it." : "."),
                           at: numberBreak.number.range, fix: Fix(replacements: numberBreak.renumbered))
                .with(severity: .warning)
        }
        return [start].compactMap { $0 } + breaks
    }
}

/// Which entries without a paper link have plainly left it out: those with no link at all,
/// and those with only code and data links whose venue is one the list's linked papers name (`CVPR
/// 2018` where other CVPR papers link theirs). Any other link may well be the paper, on a host
/// vlmbot does not know (a thesis repository, a PDF in a repository, a file share), or show the
/// entry is no paper (a release, a blog post, a talk).
private struct LackingPaperLink {
    /// The venues of the list's linked papers, as `venueKey` gives them.
    let paperVenues: Set<String>

    init(_ document: ListDocument) {
        paperVenues = Set(document.entries.filter(\.hasPaperLink).compactMap { $0.venue.map(Self.venueKey) })
    }

    func lacksItsLink(_ entry: Entry) -> Bool {
        guard !entry.hasPaperLink else { return false }
        if entry.links.isEmpty { return true }
        guard entry.links.allSatisfy({ $0.kind == .code || $0.kind == .dataset }), let venue = entry.venue else { return false }
        let key = Self.venueKey(venue)
        return !key.isEmpty && paperVenues.contains(key)
    }

    /// A venue's letters, lowercased, without its year (`CVPR'18`, `CVPR 2018` give `cvpr`).
    static func venueKey(_ venue: String) -> String {
        String(venue.lowercased().filter(\.isLetter))
    }
}

/// When a paper link is part of a list's shape: most entries of a group have one.
private struct PaperLinkRequirement {
    let share: Double
    let minimumEntries: Int

    func holds(for entries: [Entry]) -> Bool {
        entries.count >= max(1, minimumEntries)
            && Double(entries.filter(\.hasPaperLink).count) >= share * Double(entries.count)
            && entries.contains { !$0.hasPaperLink }
    }
}

private extension Entry {
    /// The entry's first link to its paper.
    var paperLink: EntryLink? { links.first { $0.kind == .paper } }

    /// Whether the entry links its paper, by a paper link or an identifier.
    var hasPaperLink: Bool { paperLink != nil || ids.arxiv != nil || ids.doi != nil }

    /// Whether a table row counts among its table's papers: a paper, or a row that says
    /// nothing of its kind (in a table of papers, one whose paper cell was left empty).
    var mayBeTablePaper: Bool { kind == .paper || kind == .other }
}
