import Foundation
import Lists
import Markdown

/// A link with no destination (`[Code]()`, `[x](#)`, `[x](<>)`): it shows as a link and goes
/// nowhere.
public struct EmptyLinkRule: Rule {
    public static let description = RuleDescription(
        id: "empty-link",
        summary: "A link has an empty destination, such as `[Code]()` or `[x](#)`.",
        rationale: """
        GitHub shows a link with an empty destination (or a bare `#`) as a link that goes nowhere: \
        a reader clicks it and nothing happens. Add the URL, or remove the link and keep its text \
        (or drop the entry's placeholder) until there is something to link to.
        """,
        severity: .warning,
        triggering: [
            RuleExample("""
            ↓> [**Foundational Models in Medical Imaging**]()<br>
            """),
            RuleExample("""
            **A paper** \\
            ↓[[Paper](https://arxiv.org/abs/2301.04558)] [[Code]()] [[Presentation]()]
            """),
            RuleExample("""
            | Title | Code |
            |---|---|
            | A paper | ↓[code](#) |
            | Another | ↓[code](<>) |
            """),
            RuleExample("""
            - **A paper** \\
              *Some Author* \\
              ↓[paper]( )
            """),
        ],
        nonTriggering: [
            RuleExample("""
            [Paper](https://arxiv.org/abs/2301.04558) [Code](https://github.com/a/b) [Top](#top)
            """),
            RuleExample("""
            Write links as `[Code]()` and fill them in later.

            ```
            [Code]()
            ```
            """),
            RuleExample("""
            [Code] is not released yet, and \\[Paper\\]() is escaped.
            """),
        ]
    )

    public init() {}

    public func check(_ document: ListDocument, in context: RuleContext) -> [Finding] {
        let tree = document.tree
        var locator = InlineLocator(tree: tree)
        return tree.nodes.indices.filter { tree[$0].kind == .link && Self.isEmpty(tree[$0].destination) }.map { link in
            let text = tree.plainText(of: link, includeImages: true).shortenedForMessage
            let what = tree[link].destination == "#" ? "links to a bare '#'" : "has an empty destination"
            return finding("The link '\(text)' \(what), so it goes nowhere: add its URL or remove the link.",
                           at: locator.range(of: link))
        }
    }

    private static func isEmpty(_ destination: String?) -> Bool {
        let trimmed = (destination ?? "").trimming(.whitespaces)
        return trimmed.isEmpty || trimmed == "#"
    }
}
