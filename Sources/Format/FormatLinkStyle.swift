import Engine
import Lists
import Markdown
import Rules
import Settings

/// How a list writes a link's brackets outside tables: `[[paper]](url)`, `[paper](url)` or
/// `[[paper](url)]`. `vlmbot format` writes a new entry's links in the list's own dominant
/// style when the profile asks (`link-style`).
public enum FormatLinkStyle: CaseIterable, Sendable {
    case doubleBracketLabel, plain, bracketedLink

    /// The id the link-style form reports under, in summaries.
    public static let id = "format-link-style"

    /// A style the list uses for at least this share of its recognised links is dominant.
    static let dominantShare = 0.8
    /// Fewer recognised links than this say nothing about the list's style.
    static let minimumLinks = 5

    /// One link as written: its style, label, URL and where the whole link is.
    struct Written {
        let style: FormatLinkStyle
        let label: String
        let url: String
        let range: SourceRange
    }

    /// The link written in `style`.
    static func text(_ style: FormatLinkStyle, label: String, url: String) -> String {
        switch style {
        case .doubleBracketLabel: "[[\(label)]](\(url))"
        case .plain: "[\(label)](\(url))"
        case .bracketedLink: "[[\(label)](\(url))]"
        }
    }

    /// Findings that rewrite links of bullet and bold-block entries in the list's dominant
    /// style; none when no style dominates.
    public static func findings(in document: ListDocument) -> [Finding] {
        let entries = document.entries.filter { $0.shape != .tableRow }
        let written = entries.map { links(of: $0, in: document.source) }
        let counts = Dictionary(grouping: written.joined(), by: \.style).mapValues(\.count)
        let total = counts.values.reduce(0, +)
        guard total >= minimumLinks, let (dominant, count) = counts.max(by: { $0.value < $1.value }),
              Double(count) >= dominantShare * Double(total) else { return [] }
        return written.joined().filter { $0.style != dominant }.map { link in
            Finding(rule: id, severity: .note, message: "write this link as the list does: '\(text(dominant, label: "…", url: "…"))'",
                    range: link.range,
                    fix: Fix(replacements: [Replacement(range: link.range, text: text(dominant, label: link.label, url: link.url))]))
        }
    }

    /// The entry's links whose style is recognised, each at its first place in the entry.
    static func links(of entry: Entry, in source: SourceText) -> [Written] {
        entry.links.compactMap { link in
            for line in entry.lines {
                if let written = written(link.url, onLine: line, in: source) { return written }
            }
            return nil
        }
    }

    /// The link to `url` on `line`, if it is written in one of the three styles with a label
    /// free of brackets.
    static func written(_ url: String, onLine line: Int, in source: SourceText) -> Written? {
        guard !url.isEmpty, let destination = source.range(of: "](\(url))", onLine: line) else { return nil }
        let bytes = Array(source.lineBytes(line))
        let close = destination.start.column - 1    // the `]` before `(`
        let after = destination.end.column          // just after `)`
        let open = UInt8(ascii: "["), shut = UInt8(ascii: "]")
        /// The label ending before `end` and the offset of its `[`, if it holds no brackets.
        func label(endingBefore end: Int) -> (text: String, open: Int)? {
            guard let start = bytes[..<end].lastIndex(of: open), start + 1 < end else { return nil }
            let text = bytes[(start + 1)..<end]
            guard !text.contains(open), !text.contains(shut) else { return nil }
            return (String(decoding: text, as: UTF8.self), start)
        }
        func range(_ first: Int, _ last: Int) -> SourceRange {
            SourceRange(start: SourcePosition(line: line, column: first + 1), end: SourcePosition(line: line, column: last + 1))
        }
        if close >= 1, bytes[close - 1] == shut {
            // `[[label]](url)`: the link text is `[label]`.
            guard let inner = label(endingBefore: close - 1), inner.open >= 1, bytes[inner.open - 1] == open else { return nil }
            return Written(style: .doubleBracketLabel, label: inner.text, url: url, range: range(inner.open - 1, after - 1))
        }
        guard let plain = label(endingBefore: close) else { return nil }
        let before = plain.open >= 1 ? bytes[plain.open - 1] : nil
        if before == open {
            guard after < bytes.count, bytes[after] == shut else { return nil }
            return Written(style: .bracketedLink, label: plain.text, url: url, range: range(plain.open - 1, after))
        }
        guard before != UInt8(ascii: "!") else { return nil }
        return Written(style: .plain, label: plain.text, url: url, range: range(plain.open, after - 1))
    }
}
