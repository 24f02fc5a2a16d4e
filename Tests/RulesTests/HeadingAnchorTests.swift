@testable import Engine
import Foundation
@testable import LinkRules
import Lists
import Markdown
import Rules
import Testing

/// github-slugger's test fixtures: headings rendered by GitHub, in order, with the anchors
/// GitHub gave them (`Fixtures/github-slugger`, ISC licensed). vlmbot's anchors agree on
/// every one.
@Suite struct HeadingAnchorTests {
    struct Fixture: Decodable {
        let name: String
        /// The heading's text as GitHub shows it.
        let input: String
        /// The heading as written, where `# ` and the text would not give that text (spaces at
        /// its ends).
        let markdownOverwrite: String?
        let expected: String
    }

    static let fixtures: [Fixture] = {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/github-slugger/fixtures.json")
        do {
            return try JSONDecoder().decode([Fixture].self, from: Data(contentsOf: file))
        } catch {
            fatalError("github-slugger's fixtures do not load: \(error)")
        }
    }()

    /// The fixtures' texts, one heading after another, get exactly the anchors GitHub gave them.
    @Test func everyFixtureGetsTheAnchorGitHubGaveIt() {
        var slugger = GitHubSlugger()
        let disagreements = Self.fixtures.compactMap { fixture in
            let anchor = slugger.anchor(for: fixture.input)
            return anchor == fixture.expected ? nil : "\(fixture.name): '\(anchor)', GitHub '\(fixture.expected)'"
        }
        #expect(Self.fixtures.count == 78)
        #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n"))")
    }

    /// The fixtures' headings in a list, as github-slugger wrote them for GitHub to render, after
    /// a table of contents linking to each fixture's anchor and to one anchor no heading makes.
    @Test func aTableOfContentsToEveryFixturesAnchorFindsItsHeading() {
        let contents = Self.fixtures.enumerated().map { "- [\($0.offset)](#\($0.element.expected))" }
        let headings = Self.fixtures.map { $0.markdownOverwrite ?? "# " + Self.escapingPunctuation($0.input) }
        let list = (contents + ["- [missing](#no-such-heading)", ""] + headings).joined(separator: "\n") + "\n"
        let findings = TocAnchorRule().check(ListParser.parse(list), in: DefaultRules.context(for: TocAnchorRule.description))
        let missing = findings.map { Self.fixtures.indices.contains($0.range.start.line - 1) ? Self.fixtures[$0.range.start.line - 1].name : $0.message }
        #expect(Self.fixtures.count == 78)
        #expect(missing == ["No heading or HTML anchor makes '#no-such-heading', so the link scrolls nowhere: link to an existing heading's anchor or add the heading."])
    }

    /// A heading's text written so Markdown shows it as it is: ASCII punctuation escaped.
    static func escapingPunctuation(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character.isASCII, character.isPunctuation || character.isSymbol { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
