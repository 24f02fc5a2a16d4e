/// What a link of an entry points to.
public enum LinkKind: String, Sendable, Codable, CaseIterable {
    case paper, code, project, dataset, other
}

/// One link of an entry, as written.
public struct EntryLink: Hashable, Sendable {
    /// The link text without surrounding brackets and spaces (`[[paper]](…)` gives `paper`);
    /// a badge's image text.
    public var label: String
    public var kind: LinkKind
    public var url: String
    /// The line the link is written on.
    public var line: Int

    public init(label: String, kind: LinkKind, url: String, line: Int) {
        self.label = label
        self.kind = kind
        self.url = url
        self.line = line
    }
}

/// What an entry is, as the list says it: its section, its table's columns, its links.
public enum EntryKind: String, Sendable, Codable, CaseIterable {
    /// A research paper (a paper link, a venue or authors under an ordinary heading).
    case paper
    /// A dataset or benchmark, even when it links the paper that introduced it.
    case dataset
    /// A model, checkpoint or model card without a paper.
    case model
    /// A library, framework, application or other software without a paper.
    case tool
    /// A blog post or a news article.
    case blog
    /// Anything else, or what the list does not say: talks, videos, podcasts, workshops.
    case other
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
