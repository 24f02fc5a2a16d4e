import Foundation
import Papers

/// BibTeX entries read as papers: `@article{key, title = {…}, author = {A and B}, …}`.
/// `@string`, `@comment` and `@preamble` are skipped; LaTeX accents and escapes in values
/// become the characters they stand for; braces that only protect case are dropped.
public enum BibTeX {
    /// The papers of a BibTeX text, in order. Throws, naming the line, on an entry that does
    /// not close or a field without a value.
    public static func papers(in text: String) throws(MetadataError) -> [PaperRecord] {
        var scanner = Scanner(Array(text.unicodeScalars))
        var papers: [PaperRecord] = []
        while let type = scanner.nextEntryType() {
            let line = scanner.line
            guard let fields = try scanner.entryBody(startingAt: line) else { continue }
            guard !["string", "comment", "preamble"].contains(type.lowercased()) else { continue }
            guard let title = fields["title"].map(plain), !title.isEmpty else {
                throw MetadataError("BibTeX entry at line \(line) has no title")
            }
            papers.append(paper(title: title, fields: fields))
        }
        return papers
    }

    private static func paper(title: String, fields: [String: String]) -> PaperRecord {
        let authors = fields["author"].map(splitAuthors) ?? []
        let year = fields["year"].flatMap { Int(plain($0).prefix(4)) }
        let month = fields["month"].flatMap { monthNumber(plain($0)) }
        let eprint = fields["eprint"].map(plain)
        let isArxiv = fields["archiveprefix"].map { plain($0).lowercased() == "arxiv" } ?? false
        let arxiv = (isArxiv ? eprint.flatMap(PaperSource.bareArxivID) : nil)
            ?? [fields["url"], fields["journal"], fields["doi"]].compactMap { $0 }.lazy.compactMap { LinkURL.arxivID(in: plain($0)) }.first
        let venue = (fields["journal"] ?? fields["booktitle"]).map(plain)
        let preprint = venue.map { $0.lowercased().contains("arxiv") || $0.lowercased().contains("preprint") } ?? false
        return PaperRecord(title: title, authors: authors, year: year, month: month, venue: preprint ? nil : venue,
                           arxiv: arxiv, doi: fields["doi"].map(plain).flatMap { LinkURL.doi(in: $0) ?? $0 },
                           abstract: fields["abstract"].map(plain), url: fields["url"].map(plain))
    }

    /// `Lovelace, Ada and Babbage, Charles` as `["Ada Lovelace", "Charles Babbage"]`: split on
    /// ` and ` outside braces; `Last, First` turned around; `others` dropped.
    static func splitAuthors(_ value: String) -> [String] {
        var names: [String] = []
        var current = ""
        var depth = 0
        let scalars = Array(value.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "{" { depth += 1 } else if scalar == "}" { depth -= 1 }
            if depth == 0, scalar.properties.isWhitespace, index + 4 < scalars.count,
               String(String.UnicodeScalarView(scalars[index + 1...index + 3])).lowercased() == "and",
               scalars[index + 4].properties.isWhitespace {
                names.append(current)
                current = ""
                index += 5
                continue
            }
            current.unicodeScalars.append(scalar)
            index += 1
        }
        names.append(current)
        return names.map(plain).filter { !$0.isEmpty && $0.lowercased() != "others" }.map { name in
            let parts = name.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            return parts.count == 2 && !parts[1].isEmpty ? "\(parts[1]) \(parts[0])" : name
        }
    }

    private static func monthNumber(_ text: String) -> Int? {
        if let number = Int(text), (1...12).contains(number) { return number }
        return DateText.months[text.lowercased()]
    }

    /// A field's value as plain text: accents and escapes resolved, braces dropped, white space
    /// collapsed.
    static func plain(_ value: String) -> String {
        var output = String.UnicodeScalarView()
        let scalars = Array(value.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "{", "}":
                index += 1
            case "~":
                output.append(" ")
                index += 1
            case "\\":
                index = escape(in: scalars, at: index, into: &output)
            default:
                output.append(scalar)
                index += 1
            }
        }
        return String(output).precomposedStringWithCanonicalMapping.collapsingWhitespace
    }

    /// Accents that take a letter (`\"u`, `\'{e}`), by their combining mark.
    private static let accents: [Unicode.Scalar: Unicode.Scalar] = [
        "\"": "\u{308}", "'": "\u{301}", "`": "\u{300}", "^": "\u{302}", "~": "\u{303}", "=": "\u{304}", ".": "\u{307}",
        "u": "\u{306}", "v": "\u{30C}", "H": "\u{30B}", "c": "\u{327}", "k": "\u{328}", "r": "\u{30A}",
    ]
    /// Letters written as commands (`\ss`, `\o`).
    private static let letters: [String: String] = [
        "ss": "ß", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "l": "ł", "L": "Ł",
        "i": "ı", "j": "ȷ",
    ]

    /// Reads the escape at `index` (a backslash) into `output`; returns the index after it.
    private static func escape(in scalars: [Unicode.Scalar], at index: Int, into output: inout String.UnicodeScalarView) -> Int {
        var next = index + 1
        guard next < scalars.count else { return next }
        let head = scalars[next]
        // `\&`, `\%`, `\_`, `\$`, `\#`, `\{`: the character itself.
        if "&%_$#{}".unicodeScalars.contains(head) {
            output.append(head)
            return next + 1
        }
        var name = String.UnicodeScalarView()
        if head.properties.isAlphabetic {
            while next < scalars.count, scalars[next].properties.isAlphabetic, scalars[next].isASCII {
                name.append(scalars[next])
                next += 1
            }
        } else {
            name.append(head)
            next += 1
        }
        let command = String(name)
        if command.unicodeScalars.count == 1, let mark = accents[command.unicodeScalars.first!] {
            // The letter the accent takes: braced or not, after optional spaces for a letter command.
            while next < scalars.count, scalars[next] == " ", head.properties.isAlphabetic { next += 1 }
            var braced = false
            if next < scalars.count, scalars[next] == "{" {
                braced = true
                next += 1
            }
            if next < scalars.count, scalars[next] == "\\" {
                next = escape(in: scalars, at: next, into: &output)
            } else if next < scalars.count {
                output.append(scalars[next])
                next += 1
            }
            output.append(mark)
            if braced, next < scalars.count, scalars[next] == "}" { next += 1 }
            return next
        }
        if let letter = letters[command] {
            output.append(contentsOf: letter.unicodeScalars)
            return next
        }
        // Another command (`\textbf`, `\emph`): dropped, its braced argument kept as text.
        return next
    }
}

/// Walks BibTeX text: entry types, then each entry's fields.
private struct Scanner {
    let scalars: [Unicode.Scalar]
    var index = 0
    private(set) var line = 1

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    /// Moves past the next `@type` and returns the type; nil at the end.
    mutating func nextEntryType() -> String? {
        while index < scalars.count, scalars[index] != "@" { advance() }
        guard index < scalars.count else { return nil }
        advance()
        var type = ""
        while index < scalars.count, scalars[index].properties.isAlphabetic {
            type.unicodeScalars.append(scalars[index])
            advance()
        }
        return type
    }

    /// The fields of the entry whose `{` or `(` comes next, by lower-cased name; nil when no
    /// body follows (a stray `@`).
    mutating func entryBody(startingAt start: Int) throws(MetadataError) -> [String: String]? {
        skipSpace()
        guard index < scalars.count, scalars[index] == "{" || scalars[index] == "(" else { return nil }
        let close: Unicode.Scalar = scalars[index] == "{" ? "}" : ")"
        advance()
        // The key, up to the first comma (or the end of an entry with no fields).
        while index < scalars.count, scalars[index] != ",", scalars[index] != close { advance() }
        var fields: [String: String] = [:]
        while index < scalars.count, scalars[index] == "," {
            advance()
            skipSpace()
            guard index < scalars.count else { break }
            if scalars[index] == close { break }
            var name = ""
            while index < scalars.count, !scalars[index].properties.isWhitespace, scalars[index] != "=", scalars[index] != close {
                name.unicodeScalars.append(scalars[index])
                advance()
            }
            skipSpace()
            guard index < scalars.count, scalars[index] == "=" else {
                throw MetadataError("BibTeX entry at line \(start): field '\(name)' has no value (line \(line))")
            }
            advance()
            fields[name.lowercased()] = try value(entryStart: start, close: close)
            skipSpace()
        }
        guard index < scalars.count, scalars[index] == close else {
            throw MetadataError("BibTeX entry at line \(start) does not close")
        }
        advance()
        return fields
    }

    /// A value: `{…}` with nested braces, `"…"`, or a bare word or number; `#` joins parts.
    private mutating func value(entryStart start: Int, close: Unicode.Scalar) throws(MetadataError) -> String {
        var parts = ""
        repeat {
            skipSpace()
            if index < scalars.count, scalars[index] == "#" { advance(); skipSpace() }
            guard index < scalars.count else { throw MetadataError("BibTeX entry at line \(start) does not close") }
            if scalars[index] == "{" || scalars[index] == "\"" {
                // The value inside its braces or quotes; braces within it stay, for the authors' split.
                let closer: Unicode.Scalar = scalars[index] == "{" ? "}" : "\""
                advance()
                guard let text = delimited(by: closer) else {
                    throw MetadataError("BibTeX entry at line \(start): a \(closer == "}" ? "brace" : "quote") does not close")
                }
                parts += text
            } else {
                while index < scalars.count, scalars[index] != ",", scalars[index] != close, scalars[index] != "#",
                      !scalars[index].properties.isWhitespace {
                    parts.unicodeScalars.append(scalars[index])
                    advance()
                }
            }
            skipSpace()
        } while index < scalars.count && scalars[index] == "#"
        return parts
    }

    /// The text up to `closer` outside nested braces, moving past the closer; nil when it
    /// never comes.
    private mutating func delimited(by closer: Unicode.Scalar) -> String? {
        var text = ""
        var depth = 0
        while index < scalars.count, scalars[index] != closer || depth > 0 {
            if scalars[index] == "{" { depth += 1 } else if scalars[index] == "}" { depth -= 1 }
            text.unicodeScalars.append(scalars[index])
            advance()
        }
        guard index < scalars.count else { return nil }
        advance()
        return text
    }

    private mutating func skipSpace() {
        while index < scalars.count, scalars[index].properties.isWhitespace { advance() }
    }

    private mutating func advance() {
        if scalars[index] == "\n" { line += 1 }
        index += 1
    }
}
