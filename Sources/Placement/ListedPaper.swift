import Evidence
import Lists
import Metadata
import Papers
import Settings

/// A paper already in a list, found for `vlmbot add` by the duplicate-entry rule's own
/// evidence: the same arXiv id or DOI (in any link form), the same title, or a shared paper
/// link; a nearly equal title or the same title under another arXiv id is a likely match.
public struct ListedPaper: Sendable {
    /// The entry that lists the paper.
    public let entry: Entry
    /// Why it is the same paper (`same arXiv id 2401.12345`).
    public let evidence: Paper.Evidence

    /// Whether the evidence is certain enough to refuse the addition, rather than warn.
    public var isCertain: Bool {
        switch evidence {
        case .arxiv, .doi, .title, .paperLink: true
        case .nearTitle, .titleWithOtherArxivId: false
        }
    }

    /// The entries of `document` that may list the paper, certain ones first, in list order.
    public static func matches(of record: PaperRecord, in document: ListDocument, vocabulary: Vocabulary) -> [ListedPaper] {
        let terms = PaperTerms(vocabulary)
        let candidate = Paper(entry(for: record), terms: terms)
        let found = document.entries.compactMap { entry -> ListedPaper? in
            let listed = Paper(entry, terms: terms)
            guard !listed.isUnidentifiable, let evidence = candidate.evidence(ofSamePaperAs: listed) else { return nil }
            return ListedPaper(entry: entry, evidence: evidence)
        }
        return found.filter(\.isCertain) + found.filter { !$0.isCertain }
    }

    /// The record as an entry of no list: its title, authors and the links its identifiers make.
    static func entry(for record: PaperRecord) -> Entry {
        let links = record.identifierURLs.map { EntryLink(label: "paper", kind: .paper, url: $0, line: 0) }
        return Entry(shape: .bullet, kind: .paper, title: record.title, authors: record.authors.isEmpty ? nil : record.authors,
                     links: links, ids: PaperIDs(arxiv: record.arxiv, doi: record.doi), lines: 0...0)
    }
}
