import Foundation
import Papers

/// What a `vlmbot add` SOURCE argument names: an arXiv paper, a DOI, a BibTeX file, or BibTeX
/// on standard input.
public enum PaperSource: Equatable, Sendable {
    case arxiv(String)
    case doi(String)
    case bibTeXFile(String)
    case standardInput

    /// Reads a SOURCE: `2401.12345`, `arXiv:2401.12345v2`, an arXiv abs or pdf URL, an old-style
    /// id (`cs/0112017`), a DOI (`10.1038/…`) or DOI URL, `-`, or else a BibTeX file's path
    /// (a name ending in `.bib`); nil for anything else.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "-" {
            self = .standardInput
        } else if trimmed.lowercased().hasSuffix(".bib") {
            self = .bibTeXFile(trimmed)
        } else if let id = Self.bareArxivID(trimmed) ?? LinkURL.arxivID(in: trimmed) {
            self = .arxiv(id)
        } else if let doi = LinkURL.doi(in: trimmed) {
            self = .doi(doi)
        } else {
            return nil
        }
    }

    /// A new-style id written alone, with or without its version (`2401.12345v2`), or an
    /// old-style one (`cs/0112017`, `math.GT/0309136`): without the version.
    static func bareArxivID(_ text: String) -> String? {
        let id = text.range(of: #"v\d+$"#, options: .regularExpression).map { String(text[..<$0.lowerBound]) } ?? text
        let newStyle = #"^\d{4}\.\d{4,5}$"#
        let oldStyle = #"^[a-z-]+(\.[A-Z]{2})?/\d{7}$"#
        return id.range(of: newStyle, options: .regularExpression) != nil
            || id.range(of: oldStyle, options: .regularExpression) != nil ? id : nil
    }
}
