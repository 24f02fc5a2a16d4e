import Engine
import Evidence
import Foundation
import Lists
import Markdown
import Settings

/// A link whose URL is broken in a way the text alone shows: a mistyped or doubled scheme
/// (`ttps://`, `https://https://`), a web address or identifier without a scheme (which GitHub
/// resolves inside the repository), Markdown link syntax pasted into the URL, or an arXiv
/// address whose identifier is not one.
public struct LinkURLRule: Rule {
    public static let description = RuleDescription(
        id: "link-url",
        summary: "A link's URL is broken: a mistyped scheme, no scheme, pasted link syntax or an impossible arXiv id.",
        rationale: """
        A URL GitHub cannot follow sends readers to a 404 page. Each of these is certain from the \
        text: a scheme one typo from http or https (`ttps://`, `htps://`, `https//`), a scheme \
        written twice (`https://https://…`, a URL pasted over another), a web address or an \
        identifier written without its scheme (`arxiv.org/abs/…`, `www.…`, `2502.03621`, which \
        GitHub takes as a file of the repository), Markdown link syntax inside the URL \
        (`[Title](url)` pasted as the destination), and an arXiv address whose identifier cannot \
        exist (`2006.08509l`, a month 13, four digits where arXiv has given five since 2015). \
        Fix the URL; relative links to the repository's own files (`./docs/a.md`) are fine.
        """,
        severity: .error,
        triggering: [
            RuleExample("""
            - Surgical Video Workflow Analysis. ↓[[paper]](ttps://arxiv.org/abs/2301.04558) ↓[[code]](https//github.com/a/b)
            - A paper pasted twice. ↓[[paper]](https://https://arxiv.org/abs/2301.04559)
            - A paper without its scheme. ↓[[paper]](arxiv.org/abs/2301.04560) ↓[[project]](www.example.org/p)
            """),
            RuleExample("""
            | Title | Links |
            |---|---|
            | APQ: Joint Search for Network Architecture | ↓[paper](https://arxiv.org/abs/2006.08509l) |
            | A badge on a bare identifier | ↓[![arXiv](https://img.shields.io/badge/arXiv-b31b1b.svg)](2502.03621) |
            | A link pasted into a link | ↓[Project]([https://arxiv.org/abs/2210.03629](https://react-lm.github.io/)) |
            | An id too short for its month | ↓[paper](https://arxiv.org/abs/2301.0456) |
            """),
        ],
        nonTriggering: [
            RuleExample("""
            - A paper. [[paper]](https://arxiv.org/abs/2301.04558v2) [[pdf]](https://arxiv.org/pdf/2301.04558v2.pdf)
            - An old paper. [[paper]](https://arxiv.org/abs/1412.6980) [[old]](https://arxiv.org/abs/cs/0112017)
            - A local file. [[bib]](./citations/a.bib) [[readme]](docs/README.md) [[section]](#papers)
            - A proxy link. [[paper]](https://web.archive.org/web/2020/https://arxiv.org/abs/2301.04558)
            - Mail and FTP. [[mail]](mailto:a@b.org) [[data]](ftp://ftp.example.org/data)
            """),
        ]
    )

    public init() {}

    public func check(_ document: ListDocument, in context: RuleContext) -> [Finding] {
        let tree = document.tree
        var locator = InlineLocator(tree: tree)
        return tree.nodes.indices.compactMap { node -> Finding? in
            guard tree[node].kind == .link || tree[node].kind == .image,
                  let destination = tree[node].destination?.trimming(.whitespaces), !destination.isEmpty,
                  let problem = Self.problem(of: destination) else { return nil }
            // A URL written as text (an autolink) is read to the next space, so what follows it
            // is malformed-link's to report.
            if tree[node].kind == .link, case let text = tree.plainText(of: node), !text.isEmpty, destination.hasSuffix(text) {
                return nil
            }
            let shown = destination.snippet
            return finding("The URL '\(shown)' \(problem)", at: locator.range(of: node))
        }
    }

    /// What is wrong with a destination, as the end of a message; nil when nothing is.
    static func problem(of destination: String) -> String? {
        let lower = destination.lowercased()
        if lower.hasPrefix("[") || lower.contains("](") {
            return "holds Markdown link syntax, pasted into the link's URL: keep only the URL."
        }
        if let scheme = Self.scheme(of: lower) {
            if !knownSchemes.contains(scheme), webSchemes.contains(where: { EditDistance.distance(scheme, $0, limit: 1) != nil }) {
                return "has the scheme '\(scheme)', a typo of http or https: fix the scheme."
            }
            let rest = lower.dropFirst(scheme.count + 1)
            if webSchemes.contains(scheme), webSchemes.contains(where: { rest.hasPrefix("//\($0):") || rest.hasPrefix("//\($0)//") }) {
                return "starts with its scheme twice, as when a URL is pasted over another: keep one."
            }
            if webSchemes.contains(scheme), !rest.hasPrefix("//") {
                return "has no '//' after '\(scheme):': write \(scheme)://."
            }
            return webSchemes.contains(scheme) ? arxivProblem(lower) : nil
        }
        if webSchemes.contains(where: { lower.hasPrefix($0 + "//") }) {
            return "has no ':' after its scheme: write https://."
        }
        if lower.hasPrefix("www.") || Self.startsWithWebHost(lower) {
            return "has no scheme, so GitHub takes it for a file of the repository: write https:// before it."
        }
        if Self.isBareIdentifier(lower) {
            return "is an identifier, not an address, so GitHub takes it for a file of the repository: link "
                + "https://arxiv.org/abs/… or https://doi.org/… instead."
        }
        return nil
    }

    private static let webSchemes = ["http", "https"]
    private static let knownSchemes: Set<String> = ["http", "https", "ftp", "ftps", "mailto", "file", "data", "tel", "git", "ssh", "irc"]

    /// The scheme of a URL (`https` of `https://…`), when it starts with letters and a colon.
    private static func scheme(of url: String) -> String? {
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let scheme = url[..<colon]
        guard (2...8).contains(scheme.count), scheme.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        return String(scheme)
    }

    /// A relative destination whose first segment is a web host: a name with a dot and a top-level
    /// domain websites use, not a file name (`arxiv.org/abs/…`, `github.com/a/b`).
    private static func startsWithWebHost(_ url: String) -> Bool {
        let host = url.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let labels = host.split(separator: ".")
        guard labels.count >= 2, let last = labels.last, host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }),
              url.contains("/") || labels.count >= 3 else { return false }
        return webDomains.contains(String(last))
    }

    /// Top-level domains of the sites papers and code live on; file endings are none of them.
    private static let webDomains: Set<String> = ["org", "com", "net", "io", "edu", "ai", "gov", "cn", "uk", "de", "jp", "fr",
                                                  "ca", "ch", "kr", "eu", "info", "dev", "app", "me", "cc", "tv", "us", "site"]

    /// An arXiv identifier or a DOI written as the whole destination.
    private static func isBareIdentifier(_ url: String) -> Bool {
        if url.hasPrefix("10."), url.contains("/"), url.dropFirst(3).prefix(while: \.isNumber).count >= 4 { return true }
        return url.wholeMatch(of: /[0-9]{4}\.[0-9]{4,5}(v[0-9]+)?/) != nil
    }

    /// An arXiv abstract or PDF address whose identifier cannot exist.
    private static func arxivProblem(_ url: String) -> String? {
        guard let marker = ["arxiv.org/abs/", "arxiv.org/pdf/"].lazy.compactMap({ url.range(of: $0) }).first else { return nil }
        let path = url[marker.upperBound...]
        guard let first = path.first, first.isNumber else { return nil }
        guard let match = path.prefixMatch(of: /([0-9]{2})([0-9]{2})\.([0-9]+)/),
              let year = Int(match.1), let month = Int(match.2) else { return nil }
        let digits = match.3.count
        let rest = path[match.range.upperBound...]
        let validRest = rest.isEmpty || rest.wholeMatch(of: /(v[0-9]+)?(\.pdf)?([\/?#].*)?/) != nil
        let expectedDigits = year * 100 + month >= 1501 ? 5 : 4
        guard (1...12).contains(month), digits == expectedDigits, validRest else {
            return "names the arXiv id '\(path.prefix(while: { $0 != "?" && $0 != "#" }))', which cannot exist: check the id."
        }
        return nil
    }
}
