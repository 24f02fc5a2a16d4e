/// What a source says about one paper (arXiv's API, Crossref, a BibTeX entry): the facts
/// `vlmbot add` writes an entry from. Absent facts are nil or empty, never guessed.
public struct PaperRecord: Sendable, Equatable {
    public var title: String
    /// Authors as their names are written in running text (`Ada Lovelace`), in order.
    public var authors: [String]
    public var year: Int?
    public var month: Int?
    public var day: Int?
    /// The journal or conference (`Nature Medicine`, `CVPR`); nil for a preprint.
    public var venue: String?
    /// An arXiv identifier without version (`2401.12345`).
    public var arxiv: String?
    public var doi: String?
    public var abstract: String?
    /// The paper's own page, when the source names one that is neither arXiv's nor the DOI's.
    public var url: String?
    /// Whether the source says the paper was withdrawn.
    public var withdrawn: Bool

    public init(title: String, authors: [String] = [], year: Int? = nil, month: Int? = nil, day: Int? = nil, venue: String? = nil,
                arxiv: String? = nil, doi: String? = nil, abstract: String? = nil, url: String? = nil, withdrawn: Bool = false) {
        self.title = title
        self.authors = authors
        self.year = year
        self.month = month
        self.day = day
        self.venue = venue
        self.arxiv = arxiv
        self.doi = doi
        self.abstract = abstract
        self.url = url
        self.withdrawn = withdrawn
    }
}

extension PaperRecord {
    /// The paper's arXiv abstract page and DOI link, those it has.
    public var identifierURLs: [String] {
        [arxiv.map { "https://arxiv.org/abs/\($0)" }, doi.map { "https://doi.org/\($0)" }].compactMap { $0 }
    }
}

/// A source that could not be read: what was wrong, in one line.
public struct MetadataError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

extension String {
    /// The text with runs of white space (line breaks of a wrapped title included) as one space.
    var collapsingWhitespace: String {
        split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
