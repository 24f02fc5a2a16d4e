import Engine
import Evidence
import Foundation
import Lists
import Markdown
import Settings

/// A link with no destination (`[Code]()`, `[x](#)`, `[x](<>)`): it shows as a link and goes
/// nowhere.
public struct EmptyLinkRule: Rule {
    public static let description = RuleDescription(
        id: "empty-link",
        summary: "A link has an empty destination, such as `[Code]()` or `[x](#)`.",
        rationale: """
        GitHub shows a link with an empty destination (or a bare `#`) as a link that goes nowhere: \
        a reader clicks it and nothing happens. That is certain from the text, so it is an error: \
        add the URL, or remove the link and keep its text until there is something to link to. \
        A badge image on an empty link (`[![Publish](…badge…)]()`) is a badge not meant to be \
        clicked and is left alone; a link whose text is a placeholder ('Coming soon', 'TBD') says \
        on purpose what is still to come, and is only a note. An HTML image with an empty `src` \
        (`<img src="">`) shows as a broken image.
        """,
        severity: .error,
        triggering: [
            RuleExample("""
            ↓> [**Foundational Models in Medical Imaging**]()<br>
            """),
            RuleExample("""
            **A paper** \\
            [[Paper](https://arxiv.org/abs/2301.04558)] [↓[Code]()] [↓[Presentation]()]
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
            RuleExample("""
            <p align="center">
            ↓<img src="" width="60%">
            </p>

            - A paper. <img width="20" ↓src=''> [[paper]](https://arxiv.org/abs/2301.04558)
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
            RuleExample("""
            <img src="figures/overview.png" data-src="" width="60%">
            <!-- <img src=""> -->

            Write images as `<img src="">` and fill them in later.
            """),
        ]
    )

    public init() {}

    public func check(_ document: ListDocument, in context: RuleContext) -> [Finding] {
        let tree = document.tree
        var locator = InlineLocator(tree: tree)
        let empty = tree.nodes.indices.filter { tree[$0].kind == .link && Self.isEmpty(tree[$0].destination) }
        // What the list does on purpose: a badge image on an empty link (a badge that is not
        // meant to be clicked), or a link whose text says it is still to come.
        let placeholders = Set(context.vocabulary.placeholderTexts.map { $0.lowercased() })
        let promised = empty.filter { placeholders.contains(Self.label(of: $0, in: tree)) }
        let links = empty.compactMap { link -> Finding? in
            guard !Self.isBadge(link, in: tree) else { return nil }
            let text = tree.plainText(of: link, includeImages: true).snippet
            let what = tree[link].destination == "#" ? "links to a bare '#'" : "has an empty destination"
            if promised.contains(link) {
                return finding("The link '\(text)' \(what): it says what is still to come; link it once it is out.",
                               at: locator.range(of: link)).with(severity: .note)
            }
            return finding("The link '\(text)' \(what), so it goes nowhere: add its URL or remove the link.",
                           at: locator.range(of: link))
        }
        return links + emptyImageSources(in: tree, locator: &locator)
    }

    /// `<img src="">`: an HTML image with nothing to show.
    private func emptyImageSources(in tree: MarkdownTree, locator: inout InlineLocator) -> [Finding] {
        tree.htmlAttributes(.imageSource, locator: &locator).filter { $0.value.trimming(.whitespaces).isEmpty }.map {
            finding("This image's src is empty, so GitHub shows a broken image: add the image's path or remove the tag.",
                    at: tree.source.range(ofBytes: $0.bytes))
        }
    }

    /// A link that shows only an image.
    private static func isBadge(_ link: NodeID, in tree: MarkdownTree) -> Bool {
        tree.plainText(of: link).trimming(.whitespaces).isEmpty && tree.descendants(of: link).contains { tree[$0].kind == .image }
    }

    /// A link's text, lower-cased, without brackets and spaces.
    private static func label(of link: NodeID, in tree: MarkdownTree) -> String {
        tree.plainText(of: link).trimming(ScalarSet.whitespaces.union(CharacterSet(charactersIn: "[]()"))).lowercased()
    }

    private static func isEmpty(_ destination: String?) -> Bool {
        let trimmed = (destination ?? "").trimming(.whitespaces)
        return trimmed.isEmpty || trimmed == "#"
    }
}
