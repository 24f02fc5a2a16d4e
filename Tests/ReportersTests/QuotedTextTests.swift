import Engine
import Foundation
import Markdown
import Reporters
import Settings
import Testing

/// List text quoted into an output must not act on its reader: no link, reference, mention or
/// reordering in the Markdown GitHub renders, no control sequence in a terminal.
@Suite struct QuotedTextTests {
    /// Every trick at once: bare URLs (with and without a scheme) and e-mail addresses, mentions,
    /// issue references in each of GitHub's forms, and bidirectional controls that would reorder
    /// the line.
    static let hostile = "see https://evil.example/x?a=1 and WWW.evil.example/y, ask @octocat and @org/team about "
        + "#42, GH-42, gh-7 and owner/repo#7, mail a.b@evil.example or mailto:c@evil.example in \u{202E}gnp.exe\u{202C} \u{2066}a\u{2069} \u{200E}\u{200F}\u{061C}"

    static let bidi: [Unicode.Scalar] = ["\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}",
                                         "\u{2067}", "\u{2068}", "\u{2069}", "\u{200E}", "\u{200F}", "\u{061C}"]

    /// The Markdown of each output that quotes a finding's message, by name.
    static func markdownOutputs(message: String, path: String = Fixtures.path) throws -> [(String, String)] {
        let finding = Fixtures.finding("rule", .error, message, path: path)
        let summary = Fixtures.report([finding], path: path)
        let reviewed = Fixtures.report([finding], path: path, hunks: [3...3])
        let comment = try #require(try reviewPayload(reviewed)["comments"] as? [[String: Any]]).first?["body"] as? String
        let listed = try #require(try reviewPayload(summary)["body"] as? String)
        return [("job summary", MarkdownReporter().render(summary)),
                ("summary comment", MarkdownReporter(byteLimit: 60_000).render(summary)),
                ("review comment", try #require(comment)),
                ("review body", listed)]
    }

    static func reviewPayload(_ report: Report) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(ReviewReporter().render(report).utf8)) as? [String: Any])
    }

    /// The text GitHub reads for references and mentions: each run of adjacent text nodes, as
    /// one string (code spans and blocks are left out: nothing is linked inside them).
    static func renderedTexts(_ markdown: String) -> [String] {
        let tree = MarkdownParser.parse(markdown)
        var texts: [String] = []
        var previous: MarkdownNode?
        for node in tree.nodes {
            guard node.kind == .text, let literal = node.literal else {
                previous = nil
                continue
            }
            if let previous, previous.kind == .text, previous.parent == node.parent, let last = texts.popLast() {
                texts.append(last + literal)
            } else {
                texts.append(literal)
            }
            previous = node
        }
        return texts
    }

    @Test(arguments: ["job summary", "summary comment", "review comment", "review body"])
    func markdownMakesNoLinkReferenceOrMention(output name: String) throws {
        let markdown = try #require(try Self.markdownOutputs(message: Self.hostile).first { $0.0 == name }?.1)
        let tree = MarkdownParser.parse(markdown)
        #expect(!tree.nodes.contains { $0.kind == .link || $0.kind == .htmlInline }, "a live link in the \(name)")
        for text in Self.renderedTexts(markdown) {
            #expect(!text.contains("://") && !text.lowercased().contains("www."), "a bare URL in the \(name): \(text)")
            #expect(text.firstMatch(of: /@[A-Za-z0-9]/) == nil, "a mention in the \(name): \(text)")
            #expect(text.firstMatch(of: /#[0-9]/) == nil, "an issue reference in the \(name): \(text)")
            #expect(text.firstMatch(of: /(?i)\bgh-[0-9]/) == nil, "a GH- reference in the \(name): \(text)")
        }
        // The URLs stay readable, as code.
        let code = tree.nodes.filter { $0.kind == .code }.compactMap(\.literal)
        #expect(code.contains("https://evil.example/x?a=1") && code.contains("WWW.evil.example/y,"), "in the \(name)")
    }

    @Test(arguments: ["job summary", "summary comment", "review comment", "review body"])
    func markdownShowsBidirectionalControlsInsteadOfObeyingThem(output name: String) throws {
        let path = "lists/\u{202E}dm.txt"
        let markdown = try #require(try Self.markdownOutputs(message: Self.hostile, path: path).first { $0.0 == name }?.1)
        let found = markdown.unicodeScalars.filter { Self.bidi.contains($0) }
        #expect(found.isEmpty, "bidirectional controls in the \(name): \(found.map { String($0.value, radix: 16) })")
        #expect(Self.renderedTexts(markdown).joined().contains(#"\u{202E}gnp.exe\u{202C}"#), "in the \(name)")
    }

    @Test func markdownSuggestionsAndDiffsCarryNoBidirectionalControl() throws {
        let source = SourceText("# L\n\n- [Paper \u{202E}A](https://x.org)\n")
        let fix = Fix(replacements: [Replacement(range: Fixtures.range(3, 4, 3, 8), text: "Title")])
        let finding = Fixtures.finding("rule", .error, "m", at: Fixtures.range(3, 4, 3, 8), fix: fix)
        let summary = MarkdownReporter().render(Fixtures.report([finding], source: source))
        #expect(summary.contains("```diff") && !summary.unicodeScalars.contains("\u{202E}"))
        let review = ReviewReporter().render(Fixtures.report([finding], source: source, hunks: [3...3]))
        #expect(!review.unicodeScalars.contains("\u{202E}") && !review.contains("\\u202e") && !review.contains("\\u202E"))
    }

    @Test func anOverLongMessageIsCutBeforeEscapingNeverInsideACodeSpan() throws {
        let message = String(repeating: "a ", count: 6_500) + "https://evil.example/" + String(repeating: "x", count: 60_000)
        let report = Fixtures.report([Fixtures.finding("rule", .error, message)], hunks: [3...3])
        let body = try #require(try Self.reviewPayload(report)["comments"] as? [[String: Any]]).first?["body"] as? String
        let markdown = try #require(body)
        #expect(markdown.utf8.count < ReviewReporter.bodyLimit)
        #expect(!MarkdownParser.parse(markdown).nodes.contains { $0.kind == .link })
        #expect(Self.renderedTexts(markdown).allSatisfy { !$0.contains("://") })
    }

    @Test func annotationsShowControlsAsEscapesAndEncodeLineBreaks() {
        let finding = Fixtures.finding("rule", .error, "\u{1B}]0;pwned\u{07} \u{202E}gnp.exe \u{9B}2J\r\n::error::x")
        let output = GitHubReporter().render(Fixtures.report([finding]))
        #expect(output.hasSuffix(#"::\u{1B}]0;pwned\u{7} \u{202E}gnp.exe \u{9B}2J%0D%0A::error::x"# + "\n"), "\(output)")
        #expect(output.filter(\.isNewline).count == 1)
    }

    @Test func textShowsControlsInMessagesAndPathsAsEscapes() {
        let message = "No heading makes '#x\u{1B}]0;pwned\u{07}' \u{9B}2J\u{202E}"
        let path = "a\n::error::pwned\u{1B}[2J.md"
        let report = Report(files: [CheckedFile(path: path, entryCount: 1, source: SourceText("x\n"),
                                                changes: EntryChanges(added: 1))],
                            findings: [Finding(rule: "r", severity: .warning, message: message, path: path,
                                               range: Fixtures.range(1, 1, 1, 1))])
        let text = TextReporter().render(report)
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B || $0 == "\u{202E}" })
        #expect(text.contains(#"a\n::error::pwned\u{1B}[2J.md:1:1: warning: No heading makes '#x\u{1B}]0;pwned\u{7}' \u{9B}2J\u{202E} [r]"#))
        #expect(!text.split(separator: "\n").contains { $0.hasPrefix("::") })
    }

    @Test func textSourceLineHidesC1AndBidirectionalControls() {
        let source = SourceText("bad \u{9B}2J and \u{202E}txt.exe line\n")
        let report = Report(files: [CheckedFile(path: "x.md", entryCount: 0, source: source)], findings: [
            Finding(rule: "r", severity: .note, message: "m", path: "x.md", range: Fixtures.range(1, 1, 1, 3)),
        ])
        let text = TextReporter().render(report)
        #expect(!text.unicodeScalars.contains { $0.value == 0x9B || $0 == "\u{202E}" })
        #expect(text.contains("  bad �2J and �txt.exe line\n"))
    }
}
