import Foundation
import Markdown

/// Reads venues, dates, author lists and titles out of the short texts lists write them in.
public enum TextFacts {
    /// A venue-and-date tag read whole: `CVPR 2023`, `NeurIPS'23`, `IEEE TMI 2024`, `arXiv, 2025`,
    /// `IJCNN-19`, `MICCAI 2023 Oral`, or a bare date (`2023.04`, venue nil). Nil when the text
    /// is anything else (a title, a sentence).
    public static func venueTag(_ text: String) -> (venue: String?, date: EntryDate)? {
        // Every form holds a year's digits.
        guard text.utf8.count <= 240, text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let trimmed = text.trimming(tagEdges)
        guard !trimmed.isEmpty, trimmed.count <= 60 else { return nil }
        if let date = DateText.field(trimmed) { return (nil, date) }
        let tokens = DateToken.scan(trimmed)
        // MICCAI17, ICLR2025: an acronym with its year glued on.
        if tokens.count == 2, tokens[0].kind == .word, tokens[0].text.count >= 3, tokens[0].text.allSatisfy(\.isUppercase),
           tokens[1].kind == .number, !tokens[1].spaced, let value = tokens[1].value, tokens[1].text.count == 2 {
            return (String(tokens[0].text), EntryDate(year: DateText.century(value), text: String(tokens[1].text)))
        }
        // IJCNN-19, MICCAI-2021 Oral: a venue word, a hyphen and a year.
        var found = DateText.locate(in: trimmed)
        if found == nil, let hyphen = tokens.indices.dropFirst().first(where: { index in
            index + 1 < tokens.count && tokens[index].text == "-" && !tokens[index].spaced && tokens[index - 1].kind == .word
                && tokens[index + 1].kind == .number && !tokens[index + 1].spaced
                && (tokens[index + 1].text.count == 2 || tokens[index + 1].text.count == 4)
                && (index + 2 == tokens.count || tokens[index + 2].spaced || tokens[index + 2].kind == .other)
        }), let value = tokens[hyphen + 1].value {
            let year = tokens[hyphen + 1].text.count == 2 ? DateText.century(value) : value
            if DateText.isYear(year) {
                found = (EntryDate(year: year, text: String(tokens[hyphen + 1].text)), tokens[hyphen].start..<tokens[hyphen + 1].end)
            }
        }
        guard let (date, range) = found else { return nil }
        let bytes = Array(trimmed.utf8)
        let before = String(decoding: bytes[..<range.lowerBound], as: UTF8.self).trimming(venueEdges)
        let after = String(decoding: bytes[range.upperBound...], as: UTF8.self).trimming(venueEdges)
        // What follows the date may only qualify it (`Oral`, `Workshop`, `(Spotlight)`).
        let qualifiers = after.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" || $0 == "-" })
        guard qualifiers.count <= 4, !before.isEmpty || after.isEmpty,
              qualifiers.allSatisfy({ $0.first?.isUppercase == true || Self.venueWords.contains($0.lowercased())
                  || ["and", "&", "of", "in", "on"].contains($0.lowercased()) }),
              before.isEmpty || before.filter(\.isLetter).count >= 2 else { return nil }
        guard before.isEmpty || (isVenueName(before) && !before.contains(":") && !before.contains("(")
                                 && before.split(separator: " ").count <= 5) else {
            return nil
        }
        let venue = [before, after].filter { !$0.isEmpty }.joined(separator: " ")
        return (venue.isEmpty ? nil : venue, date)
    }

    private static let quotes: Set<Character> = ["\"", "“", "”", "„"]

    /// Whether a short text names a venue: one word (`NeurIPS`, `arXiv`, `Nature`), or two to six
    /// that read as one (an acronym, an abbreviation or a word venues use, and no sentence):
    /// `IEEE Trans. Med. Imaging`, `Nature Medicine`, `npj Digital Medicine`.
    public static func isVenueName(_ text: String) -> Bool {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," })
        guard (1...6).contains(words.count), words.contains(where: { $0.contains(where: \.isLetter) }) else { return false }
        let lowercaseWords = words.filter { word in
            word.first?.isLowercase == true && !word.dropFirst().contains(where: \.isUppercase)
                && !["of", "on", "and", "in", "for", "the", "&"].contains(word)
        }
        // `arxiv`, `npj DM`: one lowercase word names a venue too; more make a sentence.
        guard lowercaseWords.count <= (words.count <= 3 ? 1 : 0) else { return false }
        if words.count == 1 { return true }
        return words.contains { word in
            word.filter(\.isUppercase).count >= 2 || word.hasSuffix(".") || venueWords.contains(word.lowercased())
        }
    }

    /// Words venues are named with.
    private static let venueWords: Set<String> = [
        "conference", "conf", "journal", "transactions", "proceedings", "workshop", "workshops", "symposium", "letters",
        "review", "reviews", "magazine", "medicine", "nature", "science", "communications", "reports", "analysis",
        "imaging", "intelligence", "arxiv", "preprint", "biorxiv", "medrxiv", "track", "findings", "oral", "spotlight",
        "poster", "annual", "international", "computing", "surveys", "research", "systems", "learning", "vision",
        "robotics", "radiology", "informatics", "engineering", "physics", "access", "recognition", "processing",
        "networks", "neurocomputing", "multimedia", "graphics", "bioinformatics", "health", "letters", "society",
    ]

    /// Splits an author line on commas, `and`, `&` and semicolons; trims a final period and
    /// drops `et al.`.
    public static func authors(in text: String) -> [String] {
        var line = text.trimming(spacesAndEmphasis)
        for prefix in ["Authors:", "Author:", "By:", "by "] where line.lowercased().hasPrefix(prefix.lowercased()) {
            line = String(line.dropFirst(prefix.count))
        }
        var separated = line
        if separated.containsBytes(" and ") { separated = separated.replacing(" and ", with: ",") }
        if separated.containsBytes(" et al") {
            separated = separated.replacing(", et al", with: ",et al").replacing(" et al", with: ",et al")
        }
        var names: [String] = []
        var pendingSurname: String?
        for part in separated.split(whereSeparator: { $0 == "," || $0 == "&" || $0 == ";" || $0 == "，" || $0 == "、" }) {
            var name = part.trimming(.whitespacesAndNewlines)
            if name.hasSuffix(".") && !name.dropLast().hasSuffix(" ") && name.dropLast().last?.isLowercase == true {
                name.removeLast()
            }
            name = name.trimming(spacesAndEmphasis)
            guard !name.isEmpty, !["et al", "et al.", "...", "…", "etc", "etc."].contains(name.lowercased()) else { continue }
            // "Surname, I." written as two comma-separated parts.
            if isInitials(name), let surname = pendingSurname ?? names.popLast() {
                // The initials as written, their last period restored if the line's end took it.
                names.append("\(surname), \(name)" + (name.last?.isUppercase == true ? "." : ""))
                pendingSurname = nil
                continue
            }
            names.append(name)
        }
        return names
    }

    /// `A.`, `C. L.`, `S.-H.`: initials only; a lone capital too (`Babbage, C` once a list's
    /// closing period is trimmed), which is never a name by itself.
    private static func isInitials(_ text: String) -> Bool {
        let letters = text.filter { $0 != "." && $0 != " " && $0 != "-" }
        return !letters.isEmpty && letters.count <= 3 && letters.allSatisfy(\.isUppercase) && (text.contains(".") || text.count == 1)
    }

    /// Whether a line reads like a list of person names rather than prose, a title or a note.
    public static func looksLikeAuthors(_ text: String) -> Bool {
        guard let names = wellFormedNames(text) else { return false }
        // A single capitalised phrase without a comma reads as well as a title.
        return names.count >= 2 || text.lowercased().containsBytes("et al")
    }

    /// The names of a line when every one of them is well formed (one to six words, capitalised
    /// but for particles, a period only after an initial), else nil: a line of prose, a note or
    /// a date fails, and so does any longer text that starts with it.
    public static func wellFormedNames(_ text: String) -> [String]? {
        let trimmed = text.trimming(spacesAndEmphasis)
        guard !trimmed.isEmpty, !trimmed.contains(":"), !trimmed.containsBytes("http"),
              !trimmed.contains(where: { $0.isNumber }) else { return nil }
        let names = authors(in: trimmed)
        guard !names.isEmpty else { return nil }
        let wellFormed = names.allSatisfy { name in
            let words = name.split(separator: " ")
            guard (1...6).contains(words.count), let first = name.first, first.isUppercase || !first.isASCII,
                  !name.contains("(") else { return false }
            // Names have no lowercase words but particles (de, van, von, da, del, bin…), and a
            // period only after an initial (`A.`, `S.-H.`) or `Jr.`.
            // A word of two letters or more ending with a period ends a sentence inside the
            // name (`Simon S. Du. ICLR`), unless it is the last.
            let endsSentence = { (word: Substring) in
                word.hasSuffix(".") && word.filter(\.isLetter).count >= 2 && !word.contains("-")
                    && !["al.", "jr.", "sr."].contains(word.lowercased())
            }
            return words.allSatisfy { word in
                (word.first?.isLowercase != true || Self.nameParticles.contains(word.lowercased()))
                    && (!word.hasSuffix(".") || word.filter(\.isLetter).count <= 2 || ["al.", "jr.", "sr."].contains(word.lowercased()))
            } && !words.dropLast().contains(where: endsSentence)
        }
        return wellFormed ? names : nil
    }

    public static let nameParticles: Set<String> = ["de", "van", "von", "der", "den", "da", "del", "della", "di", "du", "la", "le",
                                             "bin", "ibn", "al", "dos", "das", "ter", "y", "et", "al.", "al"]

    /// A title with surrounding spaces, separators, quotes and a final period removed.
    public static func cleanTitle(_ text: String) -> String? {
        var edges = titleEdges
        // `[Jax + Flax] Minimal …`: an opening bracket that closes is part of the title.
        for (opening, closing) in [("[", "]"), ("(", ")")] {
            guard text.utf8.contains(opening.utf8.first!), let keeping = titleEdgesKeeping[opening] else { continue }
            let trimmed = text.trimming(keeping)
            if trimmed.hasPrefix(opening), let close = trimmed.firstIndex(of: Character(closing)),
               trimmed.distance(from: trimmed.startIndex, to: close) > 1, trimmed.index(after: close) < trimmed.endIndex {
                edges = keeping
            }
        }
        var title = strippingSymbols(withoutShortcodes(text)).trimming(edges)
        // Emoji decorate; they are not the title (`PIE-NeRF🍕:`).
        title = withoutEmoji(title).trimming(edges)
        while (title.hasSuffix(".") && !title.hasSuffix(" al.")) || title.hasSuffix(",") || title.hasSuffix(";") { title.removeLast() }
        title = title.trimming(edges).collapsingWhitespace()
        if let opening = title.first, let closing = title.last, Self.quotes.contains(opening), Self.quotes.contains(closing),
           title.count >= 2, title.filter(Self.quotes.contains).count == 2 {
            title = String(title.dropFirst().dropLast()).trimming(titleEdges)
            while title.hasSuffix(".") || title.hasSuffix(",") { title.removeLast() }
        }
        // A bracket closing nothing at the end (`… Interaction]`) is a stray.
        for (opening, closing) in [("[", "]"), ("(", ")")] where title.utf8.last == closing.utf8.first {
            if title.filter({ String($0) == opening }).count < title.filter({ String($0) == closing }).count {
                title = String(title.dropLast()).trimming(titleEdges)
            }
        }
        // A quote left alone at either end (`“Sequence to …`) is a stray.
        if (title.utf8.contains(UInt8(ascii: "\"")) || !title.isASCII), title.filter(Self.quotes.contains).count % 2 == 1 {
            if let first = title.first, Self.quotes.contains(first) { title.removeFirst() }
            else if let last = title.last, Self.quotes.contains(last) { title.removeLast() }
            title = title.trimming(titleEdges)
        }
        return title.isEmpty || title == "-" || !title.contains(where: { $0.isLetter || $0.isNumber }) ? nil : title
    }

    /// Text without emoji (`🔥`, `🍕`), runs of white space folded.
    public static func withoutEmoji(_ text: String) -> String {
        guard !text.isASCII, text.unicodeScalars.contains(where: { $0.value >= 0x2000 && $0.properties.isEmojiPresentation }) else {
            return text
        }
        return String(text.filter { !$0.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation }) }).collapsingWhitespace()
    }

    /// Text without emoji shortcodes (`:laughing:`, `:star:`).
    public static func withoutShortcodes(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: ":")) else { return text }
        var result = ""
        var rest = Substring(text)
        while let colon = rest.firstIndex(of: ":") {
            let after = rest[rest.index(after: colon)...]
            let name = after.prefix { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_" || $0 == "+" || $0 == "-") }
            if name.count >= 2, name.first?.isLetter == true, name.endIndex < rest.endIndex, rest[name.endIndex] == ":" {
                result += rest[..<colon]
                rest = rest[rest.index(after: name.endIndex)...]
            } else {
                result += rest[...colon]
                rest = after
            }
        }
        return result + rest
    }

    /// Whether a text can be a title: letters, and not only a label, a tag, a date or a URL.
    public static func isTitleLike(_ text: String) -> Bool {
        let trimmed = text.trimming(titleEdges)
        guard trimmed.filter(\.isLetter).count >= 2 else { return false }
        let lower = trimmed.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("www.") { return false }
        if LinkLabel.isGeneric(trimmed) || venueTag(trimmed) != nil { return false }
        return true
    }

    /// A reference written without quotes or emphasis, in the common styles:
    /// `Authors. Title. Venue, Year.`, `Authors (Year). Title. Venue.`, `Authors, Year. Title. Venue.`,
    /// `Authors. (Year). Title [Data set]. Venue.`, `A. Author, B. Author, Title, Venue, Year.`
    /// Nil unless the authors, a title of three words or more, and a year are all there.
    public static func splitCitation(_ text: String) -> (authors: [String], title: String, rest: String, date: EntryDate?)? {
        // Two names at least: two commas, or `and`, `&` or `et al` between them.
        let commas = text.utf8.prefix(400).filter { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") }.count
        guard commas >= 2 || text.containsBytes(" and ") || text.containsBytes(" & ") || text.containsBytes("et al") else {
            return nil
        }
        guard let (names, afterNames) = leadingNames(text) else { return nil }
        var rest = Substring(afterNames).drop { $0 == " " || $0 == "," || $0 == "." }
        var date: EntryDate?
        // A year right after the names: `(2018).`, `2021.`
        let first = rest.prefix(while: { $0 != "." && $0 != "," }).trimming(.whitespaces)
        if first.count <= 8, let year = DateText.field(first) {
            date = year
            rest = rest.dropFirst(rest.prefix(while: { $0 != "." && $0 != "," }).count).drop { $0 == " " || $0 == "," || $0 == "." }
        }
        let body = String(rest)
        let end = sentenceEnds(in: body).first ?? body.firstIndex(of: ",")
        guard let end else { return nil }
        var title = String(body[..<end]).trimming(.whitespaces)
        // `… tissue (v0.1) [Data set]`: a bracketed note is no part of the title.
        if title.hasSuffix("]"), let open = title.lastIndex(of: "[") { title = String(title[..<open]).trimming(.whitespaces) }
        // `… baseline models, 2025`: the year closes the title.
        if let comma = title.range(of: ", ", options: .backwards), let year = DateText.field(String(title[comma.upperBound...])) {
            date = date ?? year
            title = String(title[..<comma.lowerBound])
        }
        let after = String(body[body.index(after: end)...])
        date = date ?? DateText.find(in: after)
        guard title.split(separator: " ").count >= 3, title.contains(where: \.isLowercase), date != nil else { return nil }
        return (names, title, after, date)
    }

    /// The names a reference starts with, and what follows them: comma-separated names
    /// (`Surname, A.`, `A. B. Surname`, `and C. Surname`) up to the first part that is not one.
    private static func leadingNames(_ text: String) -> ([String], String)? {
        var names: [String] = []
        var consumed = text.startIndex
        var rest = Substring(text)
        while !rest.isEmpty {
            let comma = rest.firstIndex(where: { $0 == "," || $0 == ";" }) ?? rest.endIndex
            var part = rest[..<comma]
            // A sentence end inside the part closes the names: `Marx, Alexander. (2018). Title`.
            var closes = false
            var search = part.startIndex
            while let stop = part.range(of: ". ", range: search..<part.endIndex) {
                let word = part[..<stop.lowerBound].split(separator: " ").last ?? ""
                let isInitial = word.count <= 2 && word.first?.isUppercase == true || word.contains(".")
                if !isInitial {
                    part = part[..<stop.lowerBound]
                    closes = true
                    break
                }
                search = stop.upperBound
            }
            // `Holm, B. (2017)`: the year after the names closes them.
            if let open = part.lastIndex(of: "("), part.hasSuffix(")"), DateText.field(String(part[open...])) != nil {
                part = part[..<open]
                closes = true
            }
            // `Pinto, I.M. and Cardoso`: names joined inside one part.
            let joined = part.replacingOccurrences(of: " and ", with: "\u{1}").replacingOccurrences(of: " & ", with: "\u{1}")
            let partNames = joined.split(separator: "\u{1}").map { piece -> String in
                var name = piece.trimming(.whitespaces)
                for joiner in ["and ", "& "] where name.hasPrefix(joiner) { name = String(name.dropFirst(joiner.count)) }
                return name
            }.filter { !$0.isEmpty }
            guard !partNames.isEmpty, partNames.allSatisfy(isPersonName) else { break }
            names += partNames
            consumed = part.endIndex
            if closes { break }
            guard comma < rest.endIndex else { break }
            rest = rest[rest.index(after: comma)...]
            consumed = comma
        }
        var people = authors(in: names.joined(separator: ", "))
        // `Surname, Given, Surname, Given`: one-word surnames each followed by given names.
        if people.count >= 2, people.count % 2 == 0,
           stride(from: 0, to: people.count, by: 2).allSatisfy({ !people[$0].contains(" ") && !people[$0].contains(",") }),
           stride(from: 1, to: people.count, by: 2).allSatisfy({ !people[$0].contains(",") }) {
            people = stride(from: 0, to: people.count, by: 2).map { people[$0] + ", " + people[$0 + 1] }
        }
        guard people.count >= 2 || text[..<consumed].contains("et al") else { return nil }
        return (people, String(text[consumed...]))
    }

    /// One person's name, or initials: one to five capitalised words, initials or particles.
    private static func isPersonName(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard (1...5).contains(words.count), !text.contains(where: { $0.isNumber || $0 == "(" || $0 == ":" }) else { return false }
        return words.allSatisfy { word in
            (word.first?.isUppercase == true || nameParticles.contains(word.lowercased()) || word.lowercased() == "et" || word.lowercased() == "al.")
                && (!word.hasSuffix(".") || word.filter(\.isLetter).count <= 2 || word.lowercased() == "al.")
        }
    }

    /// Where sentences end: a period, `?` or `!` followed by a space, not after an initial
    /// (`A.`), an abbreviation of two letters or `al`.
    private static func sentenceEnds(in text: String) -> [String.Index] {
        var ends: [String.Index] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == "." || character == "?" || character == "!", next == text.endIndex || text[next] == " " {
                let word = text[..<index].split(separator: " ").last ?? ""
                let isInitial = word.count <= 2 && word.first?.isUppercase == true
                    || word.hasSuffix(".") || word.count == 1 || word == "al" || word.hasSuffix(")") && word.count <= 2
                if !isInitial || character != "." { ends.append(index) }
            }
            index = next
        }
        return ends
    }

    /// A heading's text with runs of white space folded.
    public static func cleanHeading(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Spaces, and emphasis markers left as text when emphasis never closes (`*A, B *`).
    public static let spacesAndEmphasis = ScalarSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "*_"))
    /// What is trimmed off a run of names: spaces, emphasis, separators and quotes.
    public static let nameEdges = spacesAndEmphasis.union(CharacterSet(charactersIn: ",.;:\"“"))
    /// What is trimmed off the text before a bold title: spaces, emphasis, quotes and a period.
    public static let leadEdges = spacesAndEmphasis.union(CharacterSet(charactersIn: "\"“."))
    /// What is trimmed off text that may start with an author list: separators and dashes too.
    public static let authorListEdges = spacesAndEmphasis.union(CharacterSet(charactersIn: ",;|-–—"))
    /// What is trimmed off a reference number (`#3`, `[12]`).
    public static let indexEdges = tagEdges.union(CharacterSet(charactersIn: "#"))
    /// What is trimmed off a venue read from running text: separators, quotes, emphasis.
    public static let runningVenueEdges = venueEdges.union(CharacterSet(charactersIn: "\"“”*_"))
    /// What is trimmed off a field label (`**Authors**:`, `论文：`).
    public static let labelEdges = tagEdges.union(CharacterSet(charactersIn: "：*_"))
    /// What is trimmed off a lead before its title: tags' edges, quotes, emphasis.
    public static let quotedTagEdges = tagEdges.union(CharacterSet(charactersIn: "\"“*_"))
    public static let brackets = ScalarSet(charactersIn: "[]")
    /// What is trimmed off a tag: spaces, brackets, backticks, emphasis marks and separators.
    public static let tagEdges = ScalarSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "[]()`*_|,;:.·•"))
    /// What is trimmed off a venue: spaces and separators.
    public static let venueEdges = ScalarSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: ",-–—'’.;:|()[]"))
    /// What is trimmed off both ends of a title: spaces, separators, opening brackets, emphasis.
    private static let titleEdges = ScalarSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "|-–—:[(*_\\"))
    /// The same, keeping an opening bracket or parenthesis that the title closes.
    private static let titleEdgesKeeping: [String: ScalarSet] = ["[": titleEdges.subtracting("["), "(": titleEdges.subtracting("(")]

    /// Emoji, `:shortcode:`s and other symbols taken off the front of a text.
    public static func strippingSymbols(_ text: String) -> String {
        guard let first = text.utf8.first(where: { $0 != 0x20 }), first >= 0x80 || first == UInt8(ascii: ":") else { return text }
        var rest = Substring(text)
        while true {
            rest = rest.drop { $0.isWhitespace }
            if let first = rest.first, first.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation || $0.properties.isEmoji && $0.value > 0x2000 }) {
                rest = rest.dropFirst()
                continue
            }
            if rest.hasPrefix(":"), let close = rest.dropFirst().firstIndex(of: ":"),
               rest[rest.index(after: rest.startIndex)..<close].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "+" || $0 == "-" }),
               rest.distance(from: rest.startIndex, to: close) > 1 {
                rest = rest[rest.index(after: close)...]
                continue
            }
            break
        }
        return String(rest)
    }
}
