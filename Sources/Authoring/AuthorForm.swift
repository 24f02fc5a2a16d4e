import Foundation

/// How a list writes an entry's authors, learned from one entry's author text: the name form
/// (`Ada Lovelace`, `Lovelace`, `Lovelace, A.`, `A. Lovelace`), the separators, and where the
/// list stops and writes `et al.`.
public struct AuthorForm: Sendable, Equatable {
    /// How one name is written.
    public enum NameStyle: Sendable, Equatable {
        /// `Ada Lovelace`, as the source gives it.
        case full
        /// `Lovelace`.
        case familyOnly
        /// `Lovelace, A. B.`
        case familyCommaInitials
        /// `A. B. Lovelace`
        case initialsFamily
    }

    public var style: NameStyle
    /// Between two names, and before the last one (`, ` and `, and `).
    public var separator: String
    public var lastSeparator: String
    /// The most names written before `et al.`; nil when the list writes every name.
    public var shown: Int?
    /// The text that stands for the names left out (` et al.`, `, et al`).
    public var etAl: String

    /// The form of `authors` as `text` writes them, with the span they take in it; nil when
    /// the names are not all found in order or their form is not one of the known ones.
    public static func learn(authors: [String], in text: String) -> (form: AuthorForm, span: Range<String.Index>)? {
        guard let first = authors.first, let firstRange = text.range(of: first) else { return nil }
        var ranges = [firstRange]
        for name in authors.dropFirst() {
            guard let range = text.range(of: name, range: ranges.last!.upperBound..<text.endIndex) else { return nil }
            ranges.append(range)
        }
        let gaps = zip(ranges, ranges.dropFirst()).map { String(text[$0.upperBound..<$1.lowerBound]) }
        // Names follow one another with nothing but separators between them.
        guard gaps.allSatisfy({ $0.count <= 6 && !$0.contains(where: { $0.isLetter && !"and".contains($0) }) }) else { return nil }
        guard let style = style(of: authors) else { return nil }
        var span = firstRange.lowerBound..<ranges.last!.upperBound
        var etAl = " et al."
        var shown: Int?
        let rest = text[span.upperBound...]
        // More names after the last one read: the list of authors was not read whole.
        // (`, Ada Lovelace`, `, A. Lovelace`, `, Lovelace, A.`, `and Lovelace`; not `, Arxiv 2020`.)
        if rest.range(of: #"^\s*(,\s*(and\s+)?\p{Lu}(\p{Ll}+\s+\p{Lu}|\p{Ll}+,\s*\p{Lu}\.|\.)|,?\s*and\s+\p{Lu})"#,
                      options: .regularExpression) != nil,
           rest.range(of: #"^,?\s*et\.?\s*al"#, options: [.regularExpression, .caseInsensitive]) == nil {
            return nil
        }
        if let match = rest.range(of: #"^,?\s*et\.?\s*al\.?"#, options: [.regularExpression, .caseInsensitive]) {
            etAl = String(rest[match])
            span = span.lowerBound..<match.upperBound
            shown = authors.count
        }
        // Two names show only one separator: `A and B` says the last one, `A, B` both.
        let separator = gaps.count == 1 && gaps[0].contains("and") ? ", " : gaps.first ?? ", "
        let form = AuthorForm(style: style, separator: separator, lastSeparator: gaps.last ?? separator, shown: shown, etAl: etAl)
        return (form, span)
    }

    /// `names` (as sources give them: `Ada Lovelace`) written in this form.
    public func render(_ names: [String]) -> String {
        let written = names.prefix(shown ?? names.count).map(self.name)
        var text = ""
        for (index, name) in written.enumerated() {
            if index > 0 {
                let isLast = index == written.count - 1 && names.count <= (shown ?? names.count)
                // Two names take `A and B`, not the serial comma of `A, B, and C`.
                text += !isLast ? separator : written.count == 2 && lastSeparator.hasPrefix(",") && lastSeparator.contains("and")
                    ? String(lastSeparator.dropFirst()) : lastSeparator
            }
            text += name
        }
        if let shown, names.count > shown { text += etAl }
        return text
    }

    /// The family name a source's name ends with (`Mart van Baalen` → `van Baalen`).
    static func family(of name: String) -> String {
        let words = name.split(separator: " ")
        guard var index = words.indices.last else { return name }
        while index > words.startIndex, let previous = words[index - 1].first, previous.isLowercase { index -= 1 }
        return words[index...].joined(separator: " ")
    }

    /// The initials of a source's given names (`Li-Ming Zhan` → `L.-M.`).
    static func initials(of name: String) -> String {
        let family = family(of: name)
        let given = name.dropLast(family.count).split(separator: " ")
        return given.map { word in
            word.split(separator: "-").compactMap { $0.first.map { "\($0)." } }.joined(separator: "-")
        }.joined(separator: " ")
    }

    private func name(_ name: String) -> String {
        switch style {
        case .full: name
        case .familyOnly: Self.family(of: name)
        case .familyCommaInitials: Self.initials(of: name).isEmpty ? name : "\(Self.family(of: name)), \(Self.initials(of: name))"
        case .initialsFamily: Self.initials(of: name).isEmpty ? name : "\(Self.initials(of: name)) \(Self.family(of: name))"
        }
    }

    /// The one style every name is written in, if there is one.
    private static func style(of authors: [String]) -> NameStyle? {
        let styles = Set(authors.map { name -> NameStyle? in
            if name.range(of: #"^[^,]+, (\p{Lu}\.?[ -]?)+$"#, options: .regularExpression) != nil { return .familyCommaInitials }
            if name.contains(",") { return nil }
            if name.range(of: #"^(\p{Lu}\.[ -]?)+ ?\p{Lu}"#, options: .regularExpression) != nil { return .initialsFamily }
            return name.contains(" ") ? .full : .familyOnly
        })
        guard styles.count == 1, let style = styles.first else { return nil }
        return style
    }
}
