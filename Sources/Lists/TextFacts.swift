import Foundation
import Markdown

/// Reads years, venues and author lists out of the short texts lists write them in.
enum TextFacts {
    /// A year as written: `2023`, `2022/10`, `2023.04`, `'23`; the first plausible year wins.
    static func year(in text: String) -> Int? {
        if let match = text.firstMatch(of: fourDigitYear) { return Int(match.1) }
        if let match = text.firstMatch(of: apostropheYear), let short = Int(match.1) { return 2000 + short }
        return nil
    }

    /// Splits `CVPR 2023`, `NeurIPS'23`, `IEEE TMI 2024` into a venue and a year; a bare date
    /// such as `2023.04` gives a year only. Nil when the text holds no year.
    static func venueAndYear(_ text: String) -> (venue: String?, year: Int)? {
        let trimmed = text.trimming(.whitespacesAndNewlines)
        guard let match = trimmed.wholeMatch(of: venueYear) else {
            if trimmed.wholeMatch(of: bareDate) != nil, let year = year(in: trimmed) { return (nil, year) }
            return nil
        }
        let venue = String(match.1).trimming(Self.venueEdges)
        guard let year = match.2.flatMap({ Int($0) }) ?? match.3.flatMap({ Int($0) }).map({ 2000 + $0 }) else {
            return nil
        }
        return (venue.isEmpty ? nil : venue, year)
    }

    /// Splits an author line on commas, `and`, `&` and semicolons; trims a final period.
    static func authors(in text: String) -> [String] {
        var line = text.trimming(Self.spacesAndEmphasis)
        for prefix in ["Authors:", "Author:", "By:", "by "] where line.lowercased().hasPrefix(prefix.lowercased()) {
            line = String(line.dropFirst(prefix.count))
        }
        let separated = line.replacing(" and ", with: ",")
        return separated.split(whereSeparator: { $0 == "," || $0 == "&" || $0 == ";" }).map { part in
            var name = part.trimming(.whitespacesAndNewlines)
            if name.hasSuffix(".") && !name.dropLast().hasSuffix(" ") && name.dropLast().last?.isLowercase == true {
                name.removeLast()
            }
            return name.trimming(.whitespacesAndNewlines)
        }.filter { !$0.isEmpty && $0 != "et al" && $0 != "et al." && $0 != "..." }
    }

    /// Whether a line reads like a list of person names rather than prose or a key-value note.
    static func looksLikeAuthors(_ text: String) -> Bool {
        let trimmed = text.trimming(Self.spacesAndEmphasis)
        guard !trimmed.isEmpty, !trimmed.contains(":"), !trimmed.containsBytes("http") else { return false }
        let names = authors(in: trimmed)
        guard !names.isEmpty else { return false }
        return names.allSatisfy { name in
            let words = name.split(separator: " ")
            return (1...6).contains(words.count) && (name.first?.isUppercase ?? false)
        }
    }

    /// A title with surrounding spaces, separators and a final period removed.
    static func cleanTitle(_ text: String) -> String? {
        var title = text.trimming(titleEdges)
        while title.hasSuffix(".") || title.hasSuffix(",") { title.removeLast() }
        title = title.trimming(.whitespacesAndNewlines).collapsingWhitespace()
        return title.isEmpty || title == "-" ? nil : title
    }

    /// What is trimmed off both ends of a title: spaces, separators, opening brackets, emphasis.
    private static let titleEdges = ScalarSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "|-–—:[(*_"))

    /// A heading's text with runs of white space folded.
    static func cleanHeading(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Spaces, and emphasis markers left as text when emphasis never closes (`*A, B *`).
    private static let spacesAndEmphasis = ScalarSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "*_"))
    private static let venueEdges = ScalarSet(charactersIn: " ,-'’")

    nonisolated(unsafe) private static let fourDigitYear = /(?:^|[^0-9])((?:19|20)[0-9]{2})(?![0-9])/
    nonisolated(unsafe) private static let apostropheYear = /['’]([0-9]{2})(?![0-9])/
    nonisolated(unsafe) private static let venueYear = /(.*?)[\s,-]*(?:((?:19|20)[0-9]{2})|['’]([0-9]{2}))/
    nonisolated(unsafe) private static let bareDate = /(?:19|20)[0-9]{2}(?:[.\/-][0-9]{1,2}){0,2}/
}
