import Engine
import Evidence
import Foundation
import Lists
import Markdown
import Settings

/// Links the online check found dead, unreachable, refused to a bot or moved: the judgement of
/// what `vlmbot check --online` recorded (`RuleContext.links`). Offline it finds nothing.
public struct DeadLinkRule: Rule {
    /// The `ignore` option.
    public static let ignore = OptionKey<[String]>("ignore", default: [],
        "Links never requested: a host (with its subdomains, 'example.org') or a URL prefix ('https://example.org/private/').")

    public static let description = RuleDescription(
        id: "dead-link",
        summary: "With --online: a link is dead (404, 410, no such host, unknown arXiv id or DOI), unreachable, refused or moved.",
        rationale: """
        Link rot is what readers of a paper list meet first: project pages move, repositories are \
        deleted, publisher links worked only inside a campus session. With --online, vlmbot asks \
        every web link of the list (or of the change) once: HEAD, then a GET that reads no body \
        when HEAD is refused; redirects followed up to five; arXiv links at arXiv's API and DOI \
        links at the DOI system, so an identifier is judged at its source. An error is certain \
        from the answer: 404 or 410, a host that does not exist, an arXiv id or DOI its source \
        does not know. A warning says a link could not be reached after several tries (timeouts, \
        5xx): it may be down for a while, or unreachable from CI only. A note says a host refused \
        to answer a bot (401, 403, 429: publishers and some sites block CI runners, so this is \
        never called dead), or that a link moved permanently; the fix links the new address when \
        it is the same resource (http to https, a renamed repository). Results are cached \
        (--link-cache). With GITHUB_TOKEN, GitHub's GraphQL API is asked which repositories are \
        archived (read-only, unmaintained): a note. The option 'ignore' names hosts or URL \
        prefixes never requested.
        """,
        severity: .error,
        options: [Self.ignore.declaration],
        triggering: [
            RuleExample("""
            - Gone. [[paper]](↓https://example.org/gone) [[code]](↓https://github.com/a/deleted)
            - Withdrawn. [[paper]](↓https://arxiv.org/abs/2301.00001)
            - Moved. [[project]](↓http://example.org/moved) [[code]](↓https://github.com/a/archived)
            """),
            RuleExample("""
            <a href="↓https://example.org/gone">paper</a> and <a href='↓https://blocked.example.org/p'>pdf</a>
            """),
        ],
        nonTriggering: [
            RuleExample("""
            - Alive. [[paper]](https://example.org/alive) [[again]](https://example.org/alive#results)
            - Not asked. [[paper]](https://example.org/unknown) [[local]](docs/a.md) [[mail]](mailto:a@b.org)
            - ![A badge is an image, not a link](https://example.org/gone)
            """),
        ],
        corrections: [
            RuleCorrection("- Moved. [[project]](http://example.org/moved)\n",
                           "- Moved. [[project]](https://example.org/moved)\n"),
        ],
        fixesAreGuesses: true,
        exampleLinks: [
            "https://example.org/gone": LinkStatus(.dead, "answered HTTP 404"),
            "https://github.com/a/deleted": LinkStatus(.dead, "answered HTTP 404"),
            "https://arxiv.org/abs/2301.00001": LinkStatus(.dead, "is withdrawn, arXiv says"),
            "http://example.org/moved": LinkStatus(.moved, "HTTP 301", location: "https://example.org/moved", sameResource: true),
            "https://blocked.example.org/p": LinkStatus(.unverified, "answered HTTP 403"),
            "https://example.org/alive": LinkStatus(.alive, "HTTP 200"),
            "https://github.com/a/archived": LinkStatus(.archived, "is archived on GitHub"),
        ]
    )

    public init() {}

    /// A web link as written in a list: its URL, where the URL is written, and the entry it
    /// belongs to.
    public struct WebLink: Sendable, Hashable {
        public let url: String
        /// The URL's own bytes, where a fix rewrites it.
        public let range: SourceRange
    }

    /// The http and https links of a document a reader can follow (Markdown links and
    /// autolinks, HTML `<a href>`), in order; on changed lines only when a change is checked,
    /// and without those the `ignore` option names or that carry credentials.
    public static func links(in document: ListDocument, options: [String: ConfigValue], changedLines: ChangedLines?) -> [WebLink] {
        let context = RuleContext(vocabulary: Vocabulary(), options: options, changedLines: changedLines)
        return links(in: document, context: context)
    }

    public func check(_ document: ListDocument, in context: RuleContext) -> [Finding] {
        guard !context.links.isEmpty else { return [] }
        let entries = document.entries.sorted { $0.lines.lowerBound < $1.lines.lowerBound }
        return Self.links(in: document, context: context).compactMap { link -> Finding? in
            guard let status = context.links[LinkStatus.key(link.url)] else { return nil }
            let line = link.range.start.line
            let index = entries.partitionPoint { $0.lines.lowerBound <= line } - 1
            let entry = index >= 0 && entries[index].lines.contains(line) ? entries[index].title : nil
            return finding(for: status, of: link, in: entry)
        }
    }

    private func finding(for status: LinkStatus, of link: WebLink, in entry: String?) -> Finding? {
        let url = "'\(Self.shown(link.url))'"
        let of = entry.map { " (in '\($0.snippet)')" } ?? ""
        var finding: Finding
        switch status.verdict {
        case .alive:
            return nil
        case .dead:
            finding = self.finding("Dead link\(of): \(url) \(status.evidence). Link where it went, or remove it.", at: link.range)
        case .unreachable:
            let tries = status.tries > 1 ? ", \(status.tries) tries" : ""
            finding = self.finding("\(url) could not be reached from here (\(status.evidence)\(tries))\(of): check it by hand.",
                                   at: link.range)
            finding.severity = .warning
        case .unverified:
            finding = self.finding("\(url) is unverified: it \(status.evidence), as hosts that turn bots away do\(of); "
                                   + "check it in a browser.", at: link.range)
            finding.severity = .note
        case .moved:
            guard let location = status.location else { return nil }
            let fix = status.sameResource
                ? Fix(replacements: [Replacement(range: link.range, text: location)], isCertain: false) : nil
            let advice = status.sameResource ? "link the new address" : "check it is still the page meant, and link that address"
            finding = self.finding("\(url) moved permanently to '\(Self.shown(location))' (\(status.evidence))\(of): \(advice).",
                                   at: link.range, fix: fix)
            finding.severity = .note
        case .archived:
            finding = self.finding("\(url) \(status.evidence)\(of): its code is read-only and no longer maintained.", at: link.range)
            finding.severity = .note
        }
        return finding
    }

    /// A URL as a message shows it: whole, unless it is over 200 characters.
    private static func shown(_ url: String) -> String {
        url.count > 200 ? String(url.prefix(199)) + "…" : url
    }

    private static func links(in document: ListDocument, context: RuleContext) -> [WebLink] {
        let tree = document.tree
        var locator = InlineLocator(tree: tree)
        let ignored = context[ignore].map { $0.lowercased() }
        var found = tree.nodes.indices.compactMap { node -> WebLink? in
            guard tree[node].kind == .link, let url = tree[node].destination, let bytes = locator.destinationBytes(of: node) else {
                return nil
            }
            return WebLink(url: url, range: tree.source.range(ofBytes: bytes))
        }
        found += tree.htmlAttributes(.linkTarget, locator: &locator).map {
            WebLink(url: $0.value.replacingOccurrences(of: "&amp;", with: "&"), range: tree.source.range(ofBytes: $0.valueBytes))
        }
        return found
            .filter { isWeb($0.url) && context.isChanged($0.range.start.line...$0.range.end.line) && !isIgnored($0.url, by: ignored) }
            .sorted { ($0.range.start.line, $0.range.start.column) < ($1.range.start.line, $1.range.start.column) }
    }

    /// An http or https URL with a host and no credentials in it: no user name or password,
    /// no token or signature (`signed-url` reports those).
    private static func isWeb(_ url: String) -> Bool {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty else { return false }
        return components.user == nil && components.password == nil && !SignedUrlRule.isSigned(url)
    }

    /// Whether an `ignore` entry names the URL's host (or a parent domain of it) or starts it.
    private static func isIgnored(_ url: String, by ignored: [String]) -> Bool {
        guard !ignored.isEmpty else { return false }
        let lower = url.lowercased()
        let host = URLComponents(string: url)?.host?.lowercased() ?? ""
        return ignored.contains { entry in
            entry.contains("/") ? lower.hasPrefix(entry) : host == entry || host.hasSuffix("." + entry)
        }
    }
}
