import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Papers

/// arXiv's API answer (an Atom feed) read as papers: one `PaperRecord` per entry, by the arXiv
/// id it is about. An error entry (arXiv's answer to a malformed id) and an entry without an
/// abs page are left out, so an id the feed does not hold a paper for is missing from the result.
public enum ArxivFeed {
    /// The papers of a feed by arXiv id (without version). Throws on text that is not XML.
    public static func papers(in data: Data) throws(MetadataError) -> [String: PaperRecord] {
        let reader = FeedReader()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.delegate = reader
        guard parser.parse(), reader.isFeed else { throw MetadataError("arXiv's answer is not an Atom feed") }
        return Dictionary(reader.entries.compactMap(record).map { ($0.arxiv ?? "", $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// One entry's paper, when the entry is one (its id is an abs page with an arXiv id).
    private static func record(_ entry: [String: [String]]) -> PaperRecord? {
        guard let id = entry["id"]?.first, id.contains("/abs/"), let arxiv = LinkURL.arxivID(in: id),
              let title = entry["title"]?.first?.collapsingWhitespace, !title.isEmpty else { return nil }
        let published = entry["published"]?.first ?? ""
        let date = published.prefix(10).split(separator: "-").prefix(3).compactMap { Int($0) }
        let summary = entry["summary"]?.first?.collapsingWhitespace
        let comment = entry["comment"]?.first?.collapsingWhitespace ?? ""
        let withdrawn = [comment, String(summary?.prefix(120) ?? "")].contains { $0.lowercased().contains("withdrawn") }
        return PaperRecord(title: title, authors: (entry["name"] ?? []).map(\.collapsingWhitespace),
                           year: date.first, month: date.count > 1 ? date[1] : nil, day: date.count > 2 ? date[2] : nil,
                           venue: entry["journal_ref"]?.first?.collapsingWhitespace,
                           arxiv: arxiv, doi: entry["doi"]?.first?.collapsingWhitespace,
                           abstract: summary, withdrawn: withdrawn)
    }
}

/// Gathers each Atom entry's text fields by their local names (`title`, `name`, `doi`).
private final class FeedReader: NSObject, XMLParserDelegate {
    private(set) var entries: [[String: [String]]] = []
    /// Whether the document's root is an Atom `feed`.
    private(set) var isFeed = false
    private var depth = 0
    private var entry: [String: [String]]?
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if depth == 0 { isFeed = name == "feed" && namespaceURI == "http://www.w3.org/2005/Atom" }
        depth += 1
        if name == "entry" { entry = [:] }
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
        if name == "entry", let entry {
            entries.append(entry)
            self.entry = nil
        } else if entry != nil {
            entry?[name, default: []].append(text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        text = ""
    }
}
