import Engine
import Format
import Lists
import LinkRules
import Markdown
import Settings
import Testing

/// The dead-link rule's reading of a list: which links it would ask about, and what it says of
/// the answers recorded for them.
@Suite struct DeadLinkTests {
    static let list = """
    # Papers

    - **SAT: A Survey**, arXiv 2023. [[paper]](https://example.org/gone#abstract) [[code]](https://github.com/a/b)
    - **MedCLIP**, EMNLP 2022. <a href="https://example.org/html?a=1&amp;b=2">paper</a> ![badge](https://img.example.org/b.svg)
    - Read more at <http://example.org/moved> or https://example.org/bare.
    - [local](docs/a.md) [mail](mailto:a@b.org) [anchor](#papers) [secret](https://user:pw@example.org/p)
    - [signed](https://pdf.example.org/main.pdf?X-Amz-Security-Token=abc&X-Amz-Signature=def)

    | Title | Code |
    |---|---|
    | CLIP | [code](https://private.example.com/x) |
    """

    @Test func itAsksAboutTheWebLinksAReaderFollows() {
        let document = ListParser.parse(Self.list)
        let urls = DeadLinkRule.links(in: document, options: [:], changedLines: nil).map(\.url)
        #expect(urls == ["https://example.org/gone#abstract", "https://github.com/a/b", "https://example.org/html?a=1&b=2",
                         "http://example.org/moved", "https://example.org/bare", "https://private.example.com/x"])
        let ignoring = DeadLinkRule.links(in: document, options: ["ignore": .list(["example.com", "https://github.com/a/"])],
                                          changedLines: nil).map(\.url)
        #expect(!ignoring.contains("https://private.example.com/x") && !ignoring.contains("https://github.com/a/b"))
        #expect(ignoring.count == 4)
        let changed = DeadLinkRule.links(in: document, options: [:], changedLines: ChangedLines(lines: [4])).map(\.url)
        #expect(changed == ["https://example.org/html?a=1&b=2"])
    }

    @Test func eachVerdictIsReportedAtItsSeverityOnTheURLItself() throws {
        let document = ListParser.parse(Self.list)
        let links: [String: LinkStatus] = [
            "https://example.org/gone": LinkStatus(.dead, "answered HTTP 404"),
            "https://github.com/a/b": LinkStatus(.alive, "HTTP 200"),
            "https://example.org/html?a=1&b=2": LinkStatus(.unreachable, "HTTP 503", tries: 3),
            "http://example.org/moved": LinkStatus(.moved, "HTTP 301", location: "https://example.org/moved", sameResource: true),
            "https://example.org/bare": LinkStatus(.unverified, "answered HTTP 403"),
            "https://private.example.com/x": LinkStatus(.moved, "HTTP 301", location: "https://example.com/", sameResource: false),
        ]
        let context = RuleContext(vocabulary: Vocabulary(), links: links)
        let findings = DeadLinkRule().check(document, in: context)
        #expect(findings.map(\.severity) == [.error, .warning, .note, .note, .note])
        let dead = try #require(findings.first)
        #expect(dead.message == "Dead link (in 'SAT: A Survey'): 'https://example.org/gone#abstract' answered HTTP 404. "
                + "Link where it went, or remove it.")
        let line = document.source.line(dead.range.start.line)
        #expect(line.utf8.dropFirst(dead.range.start.column - 1).starts(with: "https://example.org/gone#abstract)".utf8))
        #expect(findings[1].message.contains("(HTTP 503, 3 tries) (in 'MedCLIP')"), "\(findings[1].message)")
        let moved = findings[2]
        #expect(moved.fix?.isCertain == false)
        let fixed = String(decoding: FixApplier.apply([try #require(moved.fix)], to: document.source), as: UTF8.self)
        #expect(fixed.contains("<https://example.org/moved>"), "the autolink's URL is rewritten: \(fixed)")
        #expect(findings[4].fix == nil && findings[4].message.contains("check it is still the page meant"))
        #expect(DeadLinkRule().check(document, in: RuleContext(vocabulary: Vocabulary())).isEmpty, "offline, nothing")
    }
}
