import Foundation

/// Crossref's answer for one DOI (`/works/{doi}`, JSON) read as a paper.
public enum CrossrefWork {
    public static func paper(in data: Data) throws(MetadataError) -> PaperRecord {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let message = root["message"] as? [String: Any] else {
            throw MetadataError("Crossref's answer is not a work (not JSON with a 'message')")
        }
        guard let title = (message["title"] as? [String])?.first?.collapsingWhitespace, !title.isEmpty else {
            throw MetadataError("Crossref's work has no title")
        }
        let authors = (message["author"] as? [[String: Any]] ?? []).compactMap { author -> String? in
            let name = [author["given"] as? String, author["family"] as? String].compactMap { $0 }.joined(separator: " ")
            return name.isEmpty ? author["name"] as? String : name.collapsingWhitespace
        }
        // The date of record: print, else online, else issued.
        let dateParts = ["published-print", "published-online", "issued"].lazy.compactMap { key in
            ((message[key] as? [String: Any])?["date-parts"] as? [[Any]])?.first?.compactMap { $0 as? Int }
        }.first { !$0.isEmpty } ?? []
        let venue = ((message["container-title"] as? [String])?.first ?? (message["event"] as? [String: Any])?["name"] as? String)?
            .collapsingWhitespace
        return PaperRecord(title: title, authors: authors, year: dateParts.first, month: dateParts.count > 1 ? dateParts[1] : nil,
                           day: dateParts.count > 2 ? dateParts[2] : nil,
                           venue: venue?.isEmpty == false ? venue : nil, doi: message["DOI"] as? String,
                           abstract: (message["abstract"] as? String).map(Self.plainAbstract), url: message["URL"] as? String)
    }

    /// Crossref abstracts are JATS XML (`<jats:p>…</jats:p>`): the text without its tags, a
    /// space where a paragraph, section or title ends, nothing for inline tags.
    static func plainAbstract(_ jats: String) -> String {
        jats.replacingOccurrences(of: #"</?(jats:)?(p|sec|title)\b[^>]*>"#, with: " ", options: .regularExpression)
            .replacingOccurrences(of: #"<[^>]*>"#, with: "", options: .regularExpression)
            .collapsingWhitespace
    }
}
