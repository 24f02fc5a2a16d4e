import Engine
import Lists
import Markdown
import Rules

/// One canonical form `vlmbot format` writes when a list's profile asks for it (`format:` in a
/// profile): described like a rule, with examples and corrections the tests run, and listed by
/// `vlmbot rules` as opt-in. A list that does not ask for it is not wrong.
public struct CanonicalForm: Sendable {
    public let description: RuleDescription
    /// The key of a profile's `format:` that turns the form on.
    public let profileKey: String
    /// The switches with only this form on.
    public let switches: FormatSwitches

    /// The findings this form makes in a document.
    public func findings(in document: ListDocument) -> [Finding] {
        FormatCanonicalForms.findings(in: document, switches: switches, changedLines: nil)
    }

    /// Every canonical form, in the order `vlmbot rules` lists them.
    public static let all = [arxivAbs, https, tableSpacing, linkStyle]

    /// The form with this id.
    public static func named(_ id: String) -> CanonicalForm? {
        all.first { $0.description.id == id }
    }

    static let arxivAbs = CanonicalForm(
        description: RuleDescription(
            id: FormatCanonicalForms.arxivAbsID,
            summary: "arXiv links go to the abstract page, not the PDF (opt-in).",
            rationale: """
            An arXiv abstract page names the paper, its versions and its code, and opens fast; a \
            PDF link downloads one version. The form rewrites `arxiv.org/pdf/ID[.pdf]` link \
            destinations as `arxiv.org/abs/ID`, keeping any version. Only lists whose profile asks \
            for it (`format: {arxiv-abs: true}`) are formatted so.
            """,
            severity: .note,
            triggering: [RuleExample("- [A paper](↓https://arxiv.org/pdf/2301.04558.pdf) [[code]](https://github.com/a/b)\n")],
            nonTriggering: [RuleExample("- [A paper](https://arxiv.org/abs/2301.04558) (see https://arxiv.org/pdf/2301.04558)\n")],
            corrections: [RuleCorrection("- [A paper](https://arxiv.org/pdf/2301.04558v2.pdf)\n",
                                         "- [A paper](https://arxiv.org/abs/2301.04558v2)\n")]),
        profileKey: "arxiv-abs", switches: FormatSwitches(arxivAbs: true))

    static let https = CanonicalForm(
        description: RuleDescription(
            id: FormatCanonicalForms.httpsID,
            summary: "Links use https, not http (opt-in).",
            rationale: """
            Browsers warn on plain http, and most hosts serve the same page over https. The form \
            rewrites an `http://` link destination's scheme; a host that has no https would need a \
            hand fix, so only lists whose profile asks for it (`format: {https: true}`) are \
            formatted so.
            """,
            severity: .note,
            triggering: [RuleExample("- [A paper](https://arxiv.org/abs/2301.04558) [[project]](↓http://example.org/p)\n")],
            nonTriggering: [RuleExample("- [A paper](https://arxiv.org/abs/2301.04558) [[project]](https://example.org/p)\n")],
            corrections: [RuleCorrection("- [A paper](https://arxiv.org/abs/2301.04558) [[project]](http://example.org/p)\n",
                                         "- [A paper](https://arxiv.org/abs/2301.04558) [[project]](https://example.org/p)\n")]),
        profileKey: "https", switches: FormatSwitches(https: true))

    static let tableSpacing = CanonicalForm(
        description: RuleDescription(
            id: FormatCanonicalForms.tableSpacingID,
            summary: "Table cells are written `| a | b |`, one space each side (opt-in).",
            rationale: """
            One space each side of every cell keeps a table's rows alike and its diffs small. A \
            table whose pipes line up in columns in at least half its rows is left as its \
            maintainer aligned it. Only lists whose profile asks for it \
            (`format: {table-spacing: true}`) are formatted so.
            """,
            severity: .note,
            triggering: [RuleExample("↓|Title|Code|\n|---|---|\n↓|A paper|-|\n")],
            nonTriggering: [RuleExample("| Title | Code |\n|---|---|\n| A paper | - |\n")],
            corrections: [RuleCorrection("|Title|Code|\n|---|---|\n|A paper|  -|\n",
                                         "| Title | Code |\n|---|---|\n| A paper | - |\n")]),
        profileKey: "table-spacing", switches: FormatSwitches(tableSpacing: true))

    static let linkStyle = CanonicalForm(
        description: RuleDescription(
            id: FormatLinkStyle.id,
            summary: "Links outside tables take the list's own bracket style (opt-in).",
            rationale: """
            A list writes its links one way (`[[paper]](url)`, `[paper](url)` or \
            `[[paper](url)]`); a link in another style breaks the rhythm readers scan by. When \
            one style holds at least 80% of five or more recognised links, the others are \
            rewritten in it. Only lists whose profile asks for it (`format: {link-style: true}`) \
            are formatted so.
            """,
            severity: .note,
            triggering: [RuleExample(fivePapers + "- Paper 6. ↓[paper](https://arxiv.org/abs/2301.00006)\n")],
            nonTriggering: [RuleExample(fivePapers + "- Paper 6. [[paper]](https://arxiv.org/abs/2301.00006)\n")],
            corrections: [RuleCorrection(fivePapers + "- Paper 6. [paper](https://arxiv.org/abs/2301.00006)\n",
                                         fivePapers + "- Paper 6. [[paper]](https://arxiv.org/abs/2301.00006)\n")]),
        profileKey: "link-style", switches: FormatSwitches(linkStyle: true))

    /// Five entries whose links the list writes `[[paper]](url)`, for the link-style examples.
    private static let fivePapers = (1...5).map { "- Paper \($0). [[paper]](https://arxiv.org/abs/2301.0000\($0))\n" }.joined()
}
