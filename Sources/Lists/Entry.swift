import Markdown

/// What a link of an entry points to.
public enum LinkKind: String, Sendable, Codable, CaseIterable {
    case paper, code, project, dataset, other
}

/// One link of an entry, as written.
public struct EntryLink: Hashable, Sendable {
    /// The link text without surrounding brackets and spaces (`[[paper]](…)` gives `paper`).
    public var label: String
    public var kind: LinkKind
    public var url: String

    public init(label: String, kind: LinkKind, url: String) {
        self.label = label
        self.kind = kind
        self.url = url
    }
}

/// Identifiers that name a paper whatever the URL it is linked by.
public struct PaperIDs: Hashable, Sendable {
    /// An arXiv identifier without version (`2303.08774`, `cs/0112017`).
    public var arxiv: String?
    /// A DOI as written (`10.1007/978-3-031-16443-9_69`).
    public var doi: String?

    public init(arxiv: String? = nil, doi: String? = nil) {
        self.arxiv = arxiv
        self.doi = doi
    }
}

/// The layout an entry was recognised from.
public enum EntryShape: String, Sendable {
    /// One body row of a table that has a title column.
    case tableRow
    /// A bullet whose first paragraph carries the paper's links.
    case bullet
    /// A paragraph led by a bold title (`**Title** \ *Authors* \ [paper](…)`).
    case boldBlock
}

/// One paper of a list, with the facts written about it. Absent facts are nil, never guessed.
public struct Entry: Hashable, Sendable {
    public var shape: EntryShape
    public var title: String?
    /// A short model or method name written beside the title (a "Model" column).
    public var name: String?
    public var authors: [String]?
    public var year: Int?
    /// The year as written, when a year was written (`2022/10`, `'23`, or an implausible `20`).
    public var yearText: String?
    public var venue: String?
    /// A category label exactly as written (`Natrual`, `Medical`).
    public var category: String?
    public var links: [EntryLink]
    public var ids: PaperIDs
    /// Heading texts from the top of the document down to the entry.
    public var section: [String]
    /// The entry's own lines, 1-based and inclusive.
    public var lines: ClosedRange<Int>

    public init(shape: EntryShape, title: String? = nil, name: String? = nil, authors: [String]? = nil,
                year: Int? = nil, yearText: String? = nil, venue: String? = nil, category: String? = nil,
                links: [EntryLink] = [], ids: PaperIDs = PaperIDs(), section: [String] = [],
                lines: ClosedRange<Int>) {
        self.shape = shape
        self.title = title
        self.name = name
        self.authors = authors
        self.year = year
        self.yearText = yearText
        self.venue = venue
        self.category = category
        self.links = links
        self.ids = ids
        self.section = section
        self.lines = lines
    }
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
    /// Whether the tree, entries and tables are the whole list's or some sections'.
    public var scope: DocumentScope

    public init(tree: MarkdownTree, entries: [Entry], headings: [Heading], tables: [ListTable],
                scope: DocumentScope = .whole) {
        self.tree = tree
        self.entries = entries
        self.headings = headings
        self.tables = tables
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
