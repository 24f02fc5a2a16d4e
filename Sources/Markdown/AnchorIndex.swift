import Foundation

/// How GitHub turns headings into anchors, as github-slugger (whose test fixtures were taken
/// from GitHub) does it: the heading's text lower-cased, characters of the Unicode categories
/// GitHub drops removed (other numbers such as `¼` and `①`, punctuation but `-`, symbols and
/// emoji, controls, formats, private use, unassigned, separators but the space), except those
/// Unicode calls alphabetic (the enclosed letters `Ⓐ` and `🅰` stay), and spaces turned into
/// hyphens. A repeated anchor gets the first free `-1`, `-2`, … counted against every anchor
/// made before, so `echo 1` after two `echo` headings becomes `echo-1-1`.
public struct GitHubSlugger {
    /// For each anchor made, how many times its slug has been numbered so far.
    private var occurrences: [String: Int] = [:]

    /// A slugger for a document's first heading.
    public init() {}

    /// The anchor of the next heading, whose rendered text (entities decoded, markup removed)
    /// is `text`.
    public mutating func anchor(for text: String) -> String {
        let slug = Self.slug(text)
        var anchor = slug
        while occurrences[anchor] != nil {
            let count = occurrences[slug, default: 0] + 1
            occurrences[slug] = count
            anchor = "\(slug)-\(count)"
        }
        occurrences[anchor] = 0
        return anchor
    }

    /// A text's anchor before numbering.
    public static func slug(_ text: String) -> String {
        var slug = ""
        for scalar in text.lowercased().unicodeScalars where keeps(scalar) {
            slug.unicodeScalars.append(scalar == " " ? "-" : scalar)
        }
        return slug
    }

    /// The Unicode version github-slugger's character classes come from: a character assigned
    /// after it is unassigned there, and removed.
    private static let unicodeVersion = (major: 13, minor: 0)

    private static func keeps(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " || scalar == "-" { return true }
        let properties = scalar.properties
        guard let age = properties.age, (age.major, age.minor) <= unicodeVersion else { return false }
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .otherNumber,
             .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol,
             .control, .format, .privateUse, .surrogate, .unassigned,
             .spaceSeparator, .lineSeparator, .paragraphSeparator:
            return false
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .connectorPunctuation:
            return true
        @unknown default:
            return false
        }
    }
}

/// The fragment targets of a document as GitHub renders it: heading anchors and the `id` or
/// `name` of HTML elements. Fragments match ignoring case, as browsers find them on GitHub.
public struct AnchorIndex {
    /// Each target spelling, lower-cased, with the anchor it names (a heading's own anchor for
    /// the other spellings renderers give it).
    private var targets: [String: String] = [:]
    /// Anchors by their text without hyphens and underscores.
    private var bySquashed: [String: Set<String>] = [:]
    /// Target spellings by their length in characters.
    private var byLength: [Int: [String]] = [:]

    public init(tree: MarkdownTree) {
        var slugger = GitHubSlugger()
        for id in tree.nodes.indices {
            switch tree[id].kind {
            case .heading:
                let text = tree.plainText(of: id)
                let withoutShortcodes = text.replacing(Self.emojiShortcode, with: "")
                // Renderers differ on emoji shortcodes (`:fire:`, part of GitHub's anchor) and
                // on the space an image or emoji leaves at an end: accept those spellings too.
                add(slugger.anchor(for: text), spellings: [
                    GitHubSlugger.slug(withoutShortcodes),
                    GitHubSlugger.slug(withoutShortcodes.trimming(.whitespaces)),
                ])
            case .htmlBlock, .htmlInline:
                htmlTargets(in: tree[id].literal ?? "").forEach { add($0) }
            default:
                continue
            }
        }
    }

    /// Adds a target by its own name (a heading's anchor, an HTML id), which no other
    /// spelling hides, and other spellings that lead to it unless something came first.
    private mutating func add(_ anchor: String, spellings: [String] = []) {
        let anchor = anchor.lowercased()
        for spelling in [anchor] + spellings.map({ $0.lowercased() }) where !spelling.isEmpty {
            guard spelling == anchor || targets[spelling] == nil else { continue }
            if targets[spelling] == nil { byLength[spelling.count, default: []].append(spelling) }
            targets[spelling] = anchor
            bySquashed[Self.squash(spelling), default: []].insert(anchor)
        }
    }

    /// Whether a fragment (without `#`, percent-encoding and GitHub's `user-content-` prefix
    /// already removed) names a target.
    public func contains(_ fragment: String) -> Bool {
        targets[fragment.lowercased()] != nil
    }

    /// The anchor a missing fragment means, and whether that is certain: certain when the
    /// fragment, slugged the way GitHub slugs headings, is the anchor itself; a guess when it
    /// is another spelling of it, or the only anchor that differs from it in hyphens and
    /// underscores.
    public func correction(for fragment: String) -> (anchor: String, isCertain: Bool)? {
        let slugged = GitHubSlugger.slug(fragment)
        if let anchor = targets[slugged] { return (anchor, anchor == slugged) }
        let matches = bySquashed[Self.squash(slugged)] ?? []
        return matches.count == 1 ? matches.first.map { ($0, false) } : nil
    }

    /// The only anchor one edit away from a fragment, to suggest when there is no correction.
    public func suggestion(for fragment: String) -> String? {
        let target = GitHubSlugger.slug(fragment)
        let close = Set((target.count - 1...target.count + 1).flatMap { byLength[$0] ?? [] }
            .filter { EditDistance.distance($0, target, limit: 1) != nil }.compactMap { targets[$0] })
        return close.count == 1 ? close.first : nil
    }

    private static func squash(_ anchor: String) -> String {
        anchor.filter { $0 != "-" && $0 != "_" }
    }

    /// Ids, names and raw-HTML heading anchors in a piece of HTML.
    private func htmlTargets(in html: String) -> [String] {
        guard html.contains("<") else { return [] }
        let attributes = html.matches(of: HTMLAttribute.Kind.anchor.pattern).map { String($0.2 ?? $0.3 ?? $0.4 ?? "") }
        let headings = html.matches(of: Self.htmlHeading).flatMap { match in
            let text = String(match.1).replacing(Self.tag, with: "")
            return [GitHubSlugger.slug(text), GitHubSlugger.slug(text.trimming(.whitespacesAndNewlines))]
        }
        return (attributes + headings).filter { !$0.isEmpty }
    }

    nonisolated(unsafe) private static let emojiShortcode = /:[a-z0-9_+\-]+:/
    // Each pattern scans one heading at most, stopping at the next `<h` (as attributes scan one
    // tag): scanning on to the end from every tag left open cost the square of the HTML's length.
    nonisolated(unsafe) private static let htmlHeading =
        /(?is)<h[1-6](?:\s[^<>]*)?>((?:(?!<\/?h[1-6]\b).)*?)<\/h[1-6]\s*>/
    nonisolated(unsafe) private static let tag = /<[^<>]*>/
}
