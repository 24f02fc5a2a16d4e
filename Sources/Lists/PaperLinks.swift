import Markdown
import Papers

/// A link to a paper written somewhere in a list (an arXiv, DOI, publisher or proceedings
/// page): what every entry-reading should account for.
public struct PaperLink: Hashable, Sendable {
    public var line: Int
    public var url: String
}

extension ListDocument {
    /// Every link to a paper GitHub shows in the list: Markdown links and autolinks, and
    /// `href`s of HTML, but not code, comments or image sources.
    public var paperLinks: [PaperLink] {
        var found: [PaperLink] = []
        for id in tree.nodes.indices {
            let node = tree[id]
            switch node.kind {
            case .link:
                if let url = node.destination, LinkURL.kind(of: url) == .paper {
                    found.append(PaperLink(line: node.range.start.line, url: url))
                }
            case .htmlBlock, .htmlInline:
                let first = node.range.start.line
                let text = node.kind == .htmlBlock
                    ? node.range.lines.map { source.line($0) }.joined(separator: "\n")
                    : node.literal ?? ""
                for (offset, url) in Self.hrefs(in: text) where LinkURL.kind(of: url) == .paper {
                    found.append(PaperLink(line: first + offset, url: url))
                }
            default:
                continue
            }
        }
        return found.sorted { ($0.line, $0.url) < ($1.line, $1.url) }
    }

    /// The `href` values of an HTML text outside comments, with the line offset of each.
    private static func hrefs(in html: String) -> [(Int, String)] {
        var result: [(Int, String)] = []
        var line = 0
        var inComment = false
        var rest = Substring(html)
        while !rest.isEmpty {
            if inComment {
                guard let end = rest.range(of: "-->") else { break }
                line += rest[..<end.upperBound].filter { $0 == "\n" }.count
                rest = rest[end.upperBound...]
                inComment = false
                continue
            }
            let comment = rest.range(of: "<!--")
            let href = rest.range(of: "href", options: .caseInsensitive)
            guard let href, comment.map({ href.lowerBound < $0.lowerBound }) ?? true else {
                guard let comment else { break }
                line += rest[..<comment.upperBound].filter { $0 == "\n" }.count
                rest = rest[comment.upperBound...]
                inComment = true
                continue
            }
            line += rest[..<href.upperBound].filter { $0 == "\n" }.count
            rest = rest[href.upperBound...]
            let value = rest.drop { $0 == " " || $0 == "=" }
            if let quote = value.first, quote == "\"" || quote == "'" {
                let url = value.dropFirst().prefix { $0 != quote }
                result.append((line, HTMLText.decode(String(url))))
            }
        }
        return result
    }
}
