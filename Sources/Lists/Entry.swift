import Markdown
import Papers

/// The line each of an entry's facts was read from (nil when the fact is absent).
public struct FieldLines: Hashable, Sendable {
    public var title: Int?
    public var name: Int?
    public var authors: Int?
    public var date: Int?
    public var venue: Int?
    public var category: Int?

    public init(title: Int? = nil, name: Int? = nil, authors: Int? = nil, date: Int? = nil, venue: Int? = nil,
                category: Int? = nil) {
        self.title = title
        self.name = name
        self.authors = authors
        self.date = date
        self.venue = venue
        self.category = category
    }
}

/// The layout an entry was recognised from.
public enum EntryShape: String, Sendable {
    /// One body row of a Markdown table that has a title or name column.
    case tableRow
    /// One row of an HTML `<table>` that has a title or name column.
    case htmlRow
    /// A bullet or numbered item naming a paper.
    case bullet
    /// A paragraph naming a paper: a bold title with author and link lines
    /// (`**Title** \ *Authors* \ [paper](…)`), a numbered reference (`[12] Authors. "Title." …`),
    /// or a bold title followed by a list of field bullets (`- Paper: …`).
    case boldBlock
    /// A heading naming one paper, with its fields in the lines below.
    case heading
}

/// One paper of a list, with the facts written about it. Absent facts are nil, never guessed.
public struct Entry: Hashable, Sendable {
    public var shape: EntryShape
    public var kind: EntryKind
    public var title: String?
    /// A short model or method name written beside the title (a "Model" column, `<u>T5</u>:`).
    public var name: String?
    public var authors: [String]?
    /// The entry's date, when one is written (a date column, a date or venue tag, `(2016)`).
    public var date: EntryDate?
    /// The text of the entry's date field as written, read or not (`2022/10`, an implausible
    /// `20`); nil when the entry has no date field.
    public var dateText: String?
    public var venue: String?
    /// A category label exactly as written (`Natrual`, `Medical`).
    public var category: String?
    public var links: [EntryLink]
    public var ids: PaperIDs
    /// Heading texts from the top of the document down to the entry.
    public var section: [String]
    /// The entry's own lines, 1-based and inclusive.
    public var lines: ClosedRange<Int>
    /// Where each fact was read.
    public var fieldLines: FieldLines

    public init(shape: EntryShape, kind: EntryKind = .other, title: String? = nil, name: String? = nil,
                authors: [String]? = nil, date: EntryDate? = nil, dateText: String? = nil, venue: String? = nil,
                category: String? = nil, links: [EntryLink] = [], ids: PaperIDs = PaperIDs(), section: [String] = [],
                lines: ClosedRange<Int>, fieldLines: FieldLines = FieldLines()) {
        self.shape = shape
        self.kind = kind
        self.title = title
        self.name = name
        self.authors = authors
        self.date = date
        self.dateText = dateText ?? date?.text
        self.venue = venue
        self.category = category
        self.links = links
        self.ids = ids
        self.section = section
        self.lines = lines
        self.fieldLines = fieldLines
    }

    /// The year of the entry's date.
    public var year: Int? { date?.year }
}

/// A heading of the document.
public struct Heading: Hashable, Sendable {
    public var level: Int
    public var text: String
    public var line: Int
}

/// A table of the document, with the cell counts as written in the source.
///
/// cmark-gfm pads short rows and drops extra cells, so the counts come from the raw lines.
public struct ListTable: Hashable, Sendable {
    /// One body row: its line and its number of cells as written.
    public struct Row: Hashable, Sendable {
        public var line: Int
        public var cellCount: Int
    }

    /// The header cells' texts.
    public var header: [String]
    public var headerLine: Int
    public var rows: [Row]
}

/// A parsed list, or some sections of it: its Markdown tree and what vlmbot recognised in it.
public struct ListDocument: Sendable {
    public var tree: MarkdownTree
    public var entries: [Entry]
    public var headings: [Heading]
    public var tables: [ListTable]
    /// Blocks read as not entries (news, contents, citation…), with why.
    public var skipped: [SkippedBlock]
    /// Whether the tree, entries and tables are the whole list's or some sections'.
    public var scope: DocumentScope

    public init(tree: MarkdownTree, entries: [Entry], headings: [Heading], tables: [ListTable],
                skipped: [SkippedBlock] = [], scope: DocumentScope = .whole) {
        self.tree = tree
        self.entries = entries
        self.headings = headings
        self.tables = tables
        self.skipped = skipped
        self.scope = scope
    }

    /// The source the document was parsed from.
    public var source: SourceText { tree.source }

    /// The lines the document holds: all the source's, or the parsed sections'.
    public var lineRanges: [ClosedRange<Int>] {
        switch scope {
        case .whole: source.lineCount > 0 ? [1...source.lineCount] : []
        case .sections(let sections, _): sections
        }
    }
}
