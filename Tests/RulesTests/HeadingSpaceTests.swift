import Engine
import Lists
import Markdown
import MarkupRules
import Rules
import Testing

/// heading-space on the cases markdownlint's MD018 (no-missing-space-atx; DavidAnson/markdownlint,
/// lib/md018.mjs and its tests) tells apart, written here anew: '#' marks at the start of a line that a letter, a digit, a tag, a link, an emoji
/// or a no-break space follows are text on GitHub; a space or a tab after them, code, HTML, a
/// keycap emoji and seven marks are not missing a space.
@Suite struct HeadingSpaceTests {
    static let list = """
        #Heading 1

        ##Heading 2

        ##\u{00A0}Heading typed with Alt held

        ##1. Heading with a number

        ##<b>Heading in bold</b>

        ##[Heading as a link](https://example.org/a)

        ##😀 Heading with an emoji

        #Closed heading#

        # Heading with a space

        #\tHeading after a tab

        #️⃣ Keycap emoji

        #1 in the ranking

        ```
        #include <stdio.h>
        ```

        <div>
        #NotAHeading inside HTML
        </div>

            #Indented code

        #######Seven marks

        """

    static let flagged = [1, 3, 5, 7, 9, 11, 13, 15]

    @Test func theLinesGitHubShowsAsTextAreFlagged() {
        let findings = HeadingSpaceRule().check(ListParser.parse(Self.list), in: DefaultRules.context(for: HeadingSpaceRule.description))
        #expect(findings.map(\.range.start.line) == Self.flagged)
        let noBreakSpace = findings.first { $0.range.start.line == 5 }?.message ?? ""
        #expect(noBreakSpace.contains("'##' is followed by U+00A0, a space GitHub does not count"), "\(noBreakSpace)")
    }

    /// `format` makes each flagged line a heading (a no-break space becomes a space) and
    /// leaves the others; formatting again changes nothing.
    @Test func formatTurnsEachFlaggedLineIntoAHeading() {
        let outcome = Formatting.format(Self.list)
        #expect(outcome.loss == nil, "\(outcome.loss ?? "")")
        let tree = ListParser.parse(outcome.text).tree
        let headings = tree.nodes.filter { if case .heading = $0.kind { true } else { false } }.map(\.range.start.line)
        #expect(headings == Self.flagged + [17, 19])
        #expect(outcome.text.contains("\n## Heading typed with Alt held\n"))
        #expect(!Formatting.format(outcome.formatted).changes)
    }
}
