import Foundation
import Markdown

/// How GitHub turns a heading's text into its anchor: lower-cased, everything but letters,
/// marks, numbers, `_`, `-` and spaces removed (emoji and punctuation go), spaces turned into
/// hyphens. Repeated anchors get `-1`, `-2`, … in document order.
enum GitHubSlug {
    static func slug(_ text: String) -> String {
        var slug = ""
        for scalar in text.lowercased().unicodeScalars where keeps(scalar) {
            slug.unicodeScalars.append(scalar == " " ? "-" : scalar)
        }
        return slug
    }

    private static func keeps(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation:
            true
        default:
            scalar == "-" || scalar == " "
        }
    }
}

/// The fragment targets of a document as GitHub renders it: heading anchors and the `id` or
/// `name` of HTML elements. Fragments match ignoring case, as browsers find them on GitHub.
struct AnchorIndex {
    /// Each target spelling, lower-cased, with the anchor it names (a heading's own anchor for
    /// the other spellings renderers give it).
    private var targets: [String: String] = [:]
    /// Anchors by their text without hyphens and underscores.
    private var bySquashed: [String: Set<String>] = [:]
    /// Target spellings by their length in characters.
    private var byLength: [Int: [String]] = [:]

    init(tree: MarkdownTree) {
        var counts: [String: Int] = [:]
        for id in tree.nodes.indices {
            switch tree[id].kind {
            case .heading:
                let text = tree.plainText(of: id)
                let base = GitHubSlug.slug(text.replacing(Self.emojiShortcode, with: ""))
                let count = counts[base, default: 0]
                counts[base] = count + 1
                // Renderers differ on emoji shortcodes (`:fire:`) and on the space an image or
                // emoji leaves at an end: accept those spellings too.
                add(count == 0 ? base : "\(base)-\(count)", spellings: [
                    GitHubSlug.slug(text),
                    GitHubSlug.slug(text.replacing(Self.emojiShortcode, with: "").trimming(.whitespaces)),
                ])
            case .htmlBlock, .htmlInline:
                htmlTargets(in: tree[id].literal ?? "").forEach { add($0) }
            default:
                continue
            }
        }
    }

    private mutating func add(_ anchor: String, spellings: [String] = []) {
        let anchor = anchor.lowercased()
        for spelling in [anchor] + spellings.map({ $0.lowercased() }) where !spelling.isEmpty && targets[spelling] == nil {
            targets[spelling] = anchor
            bySquashed[Self.squash(spelling), default: []].insert(anchor)
            byLength[spelling.count, default: []].append(spelling)
        }
    }

    /// Whether a fragment (without `#`, percent-encoding and GitHub's `user-content-` prefix
    /// already removed) names a target.
    func contains(_ fragment: String) -> Bool {
        targets[fragment.lowercased()] != nil
    }

    /// The anchor a missing fragment certainly means: the one it becomes once slugged the way
    /// GitHub slugs headings, or the only one that differs from it in hyphens and underscores.
    func correction(for fragment: String) -> String? {
        let slugged = GitHubSlug.slug(fragment)
        if let anchor = targets[slugged] { return anchor }
        let matches = bySquashed[Self.squash(slugged)] ?? []
        return matches.count == 1 ? matches.first : nil
    }

    /// The only anchor one edit away from a fragment, to suggest when no correction is certain.
    func suggestion(for fragment: String) -> String? {
        let target = GitHubSlug.slug(fragment)
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
        let attributes = html.matches(of: Self.idAttribute).map { String($0.1 ?? $0.2 ?? $0.3 ?? "") }
        let headings = html.matches(of: Self.htmlHeading).flatMap { match in
            let text = String(match.1).replacing(Self.tag, with: "")
            return [GitHubSlug.slug(text), GitHubSlug.slug(text.trimming(.whitespacesAndNewlines))]
        }
        return (attributes + headings).filter { !$0.isEmpty }
    }

    nonisolated(unsafe) private static let emojiShortcode = /:[a-z0-9_+\-]+:/
    nonisolated(unsafe) private static let idAttribute =
        /(?i)<[a-z][^>]*?\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/
    nonisolated(unsafe) private static let htmlHeading = /(?is)<h[1-6](?:\s[^>]*)?>(.*?)<\/h[1-6]\s*>/
    nonisolated(unsafe) private static let tag = /<[^>]*>/
}
