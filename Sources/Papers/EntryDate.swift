/// The date an entry gives, with the precision it was written in.
public struct EntryDate: Hashable, Sendable {
    /// How much of a date was written.
    public enum Precision: String, Sendable, Comparable {
        case year, month, day

        public static func < (lhs: Precision, rhs: Precision) -> Bool {
            lhs.rank < rhs.rank
        }

        private var rank: Int {
            switch self {
            case .year: 0
            case .month: 1
            case .day: 2
            }
        }
    }

    public var year: Int
    public var month: Int?
    public var day: Int?
    /// The date as written (`2023/08`, `Aug., 2025`, `'23`, `CVPR 2023`'s `2023`).
    public var text: String

    public init(year: Int, month: Int? = nil, day: Int? = nil, text: String) {
        self.year = year
        self.month = month
        self.day = month == nil ? nil : day
        self.text = text
    }

    public var precision: Precision { day != nil ? .day : month != nil ? .month : .year }
}

/// Reads dates in the forms lists write them: `2023`, `202308`, `20230815`, `2023-08`,
/// `2023/08/15`, `2023.08`, `Aug 2023`, `(Apr., 2025)`, `07th Aug., 2025`, `[23.08]`, `'23`,
/// `CVPR'23`, `CVPR 2023`, `IJCNN-19`.
///
/// Two readings: a *field* (a date column's cell, a bracketed date tag) is read whole and may
/// use the compact forms (`202308`, `20230815`, `23.08`); *running text* is searched for the
/// unambiguous forms only, so that version numbers, page ranges and arXiv identifiers
/// (`2012.09092`) are never taken for dates.
public enum DateText {
    /// The date a whole field holds, ignoring surrounding brackets, parentheses, backticks,
    /// emphasis and punctuation. Nil when the field holds anything but a date.
    public static func field(_ text: String) -> EntryDate? {
        let tokens = DateToken.scan(text)
        let core = tokens.drop { $0.isPunctuation }.reversed().drop { $0.isPunctuation }.reversed()
        guard !core.isEmpty else { return nil }
        let slice = Array(core)
        if let match = bestMatch(in: slice, compactForms: true), match.range == 0..<slice.count {
            return match.date(in: text)
        }
        return nil
    }

    /// The most precise date written in running text (the first one among equals).
    public static func find(in text: String) -> EntryDate? {
        find(in: DateToken.scan(text), text: text, compactForms: false)?.date
    }

    /// The most precise date in running text with where it stands (UTF-8 offsets).
    public static func locate(in text: String) -> (date: EntryDate, utf8: Range<Int>)? {
        find(in: DateToken.scan(text), text: text, compactForms: false)
    }

    private static func find(in tokens: [DateToken], text: String, compactForms: Bool) -> (date: EntryDate, utf8: Range<Int>)? {
        var best: DateMatch?
        var index = 0
        while index < tokens.count {
            if let match = DateMatch.at(index, in: tokens, compactForms: compactForms) {
                if best == nil || match.precision > best!.precision { best = match }
                index = match.range.upperBound
            } else {
                index += 1
            }
        }
        guard let best else { return nil }
        return (best.date(in: text), tokens[best.range.lowerBound].start..<tokens[best.range.upperBound - 1].end)
    }

    /// The longest match starting at the first token.
    private static func bestMatch(in tokens: [DateToken], compactForms: Bool) -> DateMatch? {
        DateMatch.at(0, in: tokens, compactForms: compactForms)
    }

    /// A year from a two-digit form (`'23`, `-19`): 1950–2049.
    public static func century(_ twoDigits: Int) -> Int {
        twoDigits < 50 ? 2000 + twoDigits : 1900 + twoDigits
    }

    /// Whether a four-digit number reads as a year of a paper list.
    public static func isYear(_ value: Int) -> Bool {
        (1900...2099).contains(value)
    }

    /// Month numbers by the names and abbreviations lists write (`Sept`, `Sep.`, `June`).
    public static let months: [String: Int] = {
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december"]
        var table: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            table[name] = index + 1
            table[String(name.prefix(3))] = index + 1
        }
        table["sept"] = 9
        return table
    }()
}

/// A piece of text for date matching: a run of digits, a run of letters, or one other character.
public struct DateToken {
    public enum Kind { case number, word, other }
    public let kind: Kind
    public let text: Substring
    /// UTF-8 offsets in the scanned text.
    public let start: Int
    public let end: Int
    /// Whether white space comes right before the token.
    public let spaced: Bool

    public var isPunctuation: Bool {
        kind == .other && !text.allSatisfy(\.isLetter)
    }

    public var value: Int? { kind == .number && text.count <= 9 ? Int(text) : nil }

    public static func scan(_ text: String) -> [DateToken] {
        var tokens: [DateToken] = []
        var index = text.startIndex
        var offset = 0
        var spaced = false
        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace {
                spaced = true
                offset += character.utf8.count
                index = text.index(after: index)
                continue
            }
            let kind: Kind = character.isASCII && character.isNumber ? .number : character.isLetter ? .word : .other
            var end = text.index(after: index)
            var length = character.utf8.count
            if kind != .other {
                while end < text.endIndex {
                    let next = text[end]
                    let nextKind: Kind = next.isASCII && next.isNumber ? .number : next.isLetter ? .word : .other
                    guard nextKind == kind else { break }
                    length += next.utf8.count
                    end = text.index(after: end)
                }
            }
            tokens.append(DateToken(kind: kind, text: text[index..<end], start: offset, end: offset + length, spaced: spaced))
            spaced = false
            offset += length
            index = end
        }
        return tokens
    }
}

/// One date found in a token sequence.
private struct DateMatch {
    public let range: Range<Int>
    public let year: Int
    public let month: Int?
    public let day: Int?
    public let textRange: Range<Int>

    public var precision: EntryDate.Precision { day != nil ? .day : month != nil ? .month : .year }

    public func date(in text: String) -> EntryDate {
        let utf8 = Array(text.utf8)
        let written = String(decoding: utf8[textRange.clamped(to: 0..<utf8.count)], as: UTF8.self)
        return EntryDate(year: year, month: month, day: day, text: written)
    }

    /// The date starting at token `index`, if one does: the longest form wins.
    public static func at(_ index: Int, in tokens: [DateToken], compactForms: Bool) -> DateMatch? {
        let token = tokens[index]
        func make(_ last: Int, year: Int, month: Int? = nil, day: Int? = nil, first: Int = index) -> DateMatch {
            DateMatch(range: first..<last + 1, year: year, month: month, day: day,
                      textRange: tokens[first].start..<tokens[last].end)
        }
        func isSeparator(_ offset: Int, _ allowed: String) -> Bool {
            offset < tokens.count && tokens[offset].kind == .other && !tokens[offset].spaced
                && allowed.contains(tokens[offset].text) && offset + 1 < tokens.count && !tokens[offset + 1].spaced
        }
        func number(_ offset: Int, digits: ClosedRange<Int>) -> Int? {
            guard offset < tokens.count, tokens[offset].kind == .number, digits.contains(tokens[offset].text.count) else { return nil }
            return tokens[offset].value
        }
        /// Not glued to a following letter or digit run (`2023a`, `2012.09092`).
        func ends(_ last: Int) -> Bool {
            let next = last + 1
            guard next < tokens.count, !tokens[next].spaced else { return true }
            if tokens[next].kind == .number || tokens[next].kind == .word { return false }
            // `2012.09.092`: a separator followed by more digits continues a number.
            if [".", "/", "-"].contains(tokens[next].text), next + 1 < tokens.count, tokens[next + 1].kind == .number,
               !tokens[next + 1].spaced {
                return false
            }
            return true
        }
        /// Not glued to a preceding digit run or decimal point, nor the end of a page range
        /// (`2028-2040`) or the pages after a volume (`37(10):2028`).
        var startsClean: Bool {
            guard index > 0, !token.spaced else { return true }
            let previous = tokens[index - 1]
            if previous.kind == .number { return false }
            guard index > 1, !previous.spaced else { return true }
            let before = tokens[index - 2]
            if [".", "/", "-", "–", "‑"].contains(previous.text), before.kind == .number { return false }
            if previous.text == ":", before.kind == .number || before.text == ")" { return false }
            return true
        }

        switch token.kind {
        case .number:
            guard startsClean, let value = token.value else { return nil }
            let digits = token.text.count
            if digits == 4, DateText.isYear(value) {
                // 2023年8月
                if index + 2 < tokens.count, tokens[index + 1].text == "年", let month = number(index + 2, digits: 1...2),
                   (1...12).contains(month) {
                    return make(index + 3 < tokens.count && tokens[index + 3].text.hasPrefix("月") ? index + 3 : index + 2,
                                year: value, month: month)
                }
                // 2023-08-15, 2023/08, 2023.08
                if isSeparator(index + 1, "-/.‑–"), let month = number(index + 2, digits: 1...2), (1...12).contains(month) {
                    if isSeparator(index + 3, "-/.‑–"), let day = number(index + 4, digits: 1...2), (1...31).contains(day),
                       ends(index + 4) {
                        return make(index + 4, year: value, month: month, day: day)
                    }
                    if ends(index + 2) { return make(index + 2, year: value, month: month) }
                    return nil
                }
                return ends(index) ? make(index, year: value) : nil
            }
            if compactForms, digits == 8, DateText.isYear(value / 10000), (1...12).contains(value / 100 % 100),
               (1...31).contains(value % 100), ends(index) {
                return make(index, year: value / 10000, month: value / 100 % 100, day: value % 100)
            }
            if compactForms, digits == 6, DateText.isYear(value / 100), (1...12).contains(value % 100), ends(index) {
                return make(index, year: value / 100, month: value % 100)
            }
            if compactForms, digits == 2, isSeparator(index + 1, "./-"), let month = number(index + 2, digits: 2...2),
               (1...12).contains(month), ends(index + 2) {
                return make(index + 2, year: DateText.century(value), month: month)
            }
            // 06/2022, since 09.2023: a month, then the year (running text wants the leading zero).
            if compactForms || digits == 2, (1...2).contains(digits), (1...12).contains(value), isSeparator(index + 1, "/.-"),
               let year = number(index + 2, digits: 4...4), DateText.isYear(year), ends(index + 2),
               !(index + 3 < tokens.count && tokens[index + 3].text == "/") {
                return make(index + 2, year: year, month: value)
            }
            // 7 Aug 2025, 07th Aug., 2025
            if (1...2).contains(digits), (1...31).contains(value) {
                var next = index + 1
                if next < tokens.count, tokens[next].kind == .word, ["st", "nd", "rd", "th"].contains(tokens[next].text.lowercased()),
                   !tokens[next].spaced {
                    next += 1
                }
                if let (last, year, month) = monthAndYear(at: next, in: tokens) {
                    return make(last, year: year, month: month, day: value)
                }
            }
            return nil
        case .word:
            // Aug 2023, Aug., 2023, August 7, 2023
            if let (last, year, month) = monthAndYear(at: index, in: tokens) {
                return make(last, year: year, month: month)
            }
            if let month = DateText.months[token.text.lowercased()], token.text.count >= 3,
               let day = number(index + 1, digits: 1...2), (1...31).contains(day),
               index + 2 < tokens.count, tokens[index + 2].text == ",",
               let year = number(index + 3, digits: 4...4), DateText.isYear(year), ends(index + 3) {
                return make(index + 3, year: year, month: month, day: day)
            }
            return nil
        case .other:
            // '23, ’23 (after a venue name or alone)
            guard token.text == "'" || token.text == "’", let short = number(index + 1, digits: 2...2), !tokens[index + 1].spaced,
                  ends(index + 1) else { return nil }
            return make(index + 1, year: DateText.century(short))
        }
    }

    /// A month name, optional `.` and `,`, then a four-digit year: (last token, year, month).
    private static func monthAndYear(at index: Int, in tokens: [DateToken]) -> (Int, Int, Int)? {
        guard index < tokens.count, tokens[index].kind == .word,
              let month = DateText.months[tokens[index].text.lowercased()] else { return nil }
        // "may" and "march" are words too: the year must follow at once.
        var next = index + 1
        while next < tokens.count, tokens[next].text == "." || tokens[next].text == "," { next += 1 }
        guard next < tokens.count, tokens[next].kind == .number, tokens[next].text.count == 4,
              let year = tokens[next].value, DateText.isYear(year) else { return nil }
        if next + 1 < tokens.count, !tokens[next + 1].spaced, tokens[next + 1].kind != .other { return nil }
        return (next, year, month)
    }
}
