import Engine
import Evidence
import Foundation
import Lists
import Markdown
import Settings

/// A link to `#fragment` that no heading or HTML anchor of the document makes.
public struct TocAnchorRule: Rule {
    /// The `builtin-anchors` option.
    public static let builtinAnchors = OptionKey<[String]>("builtin-anchors", default: ["top", "readme"],
        "Fragments that need no heading: browsers scroll `#top` to the top, and GitHub's README box has the id `readme`.")

    public static let description = RuleDescription(
        id: "toc-anchor",
        summary: "A `#fragment` link (a table of contents entry) names no heading or anchor of the list.",
        rationale: """
        GitHub gives each heading an anchor: its text lower-cased, punctuation, symbols and emoji \
        removed (hyphens and underscores kept), spaces turned into hyphens, repeats numbered -1, -2. \
        A table-of-contents link whose fragment matches no heading (nor an HTML `id` or `name`) \
        scrolls nowhere. Link to the heading's anchor, or rename the heading. `format` rewrites \
        the link only when its fragment, slugged the same way, is a heading's anchor; a near \
        match is only suggested. An HTML anchor whose `id` or `name` starts or ends with a space \
        (`<a name=" Intro">`) is reached by no link: a fragment cannot hold the space.
        """,
        severity: .warning,
        options: [
            Self.builtinAnchors.declaration,
        ],
        triggering: [
            RuleExample("""
            - [Pre-training](↓#medical-vision-language-pretraining)
            - [Grounding](↓#Medical-Visual-Grounding-(Referring))
            - [Missing](↓#segmentation)

            # Medical Vision-Language Pre-training
            # Medical Visual Grounding (Referring)
            """),
            RuleExample("""
            [Second survey](↓#survey-2)

            ## Survey
            ## Survey

            ```
            ## Survey
            ```
            """),
            RuleExample("""
            [Surveys](↓#surveys)

            ## Survey
            """),
            RuleExample("""
            - [Stereo Matching](#Stereo-Matching)

            ↓<a name=" Stereo-Matching"></a>

            # Stereo Matching
            - A paper. <a ↓id="paper-1 "></a> [[paper]](https://arxiv.org/abs/2401.00001)
            """),
        ],
        nonTriggering: [
            RuleExample("""
            - [Surveys](#surveys)
            - [Visual QA](#Medical-Visual-Question-Answering)
            - [Grounding](#medical-visual-grounding-referring)
            - [News](#-news)
            - [Second](#surveys-1)
            - [Paper](#arti3)
            - [Top](#top)
            - [C++ tools](#c-tools--libraries)
            - [Code](#awesome-list)

            # Surveys
            # Surveys
            # Medical Visual Question Answering
            ## Medical Visual Grounding (Referring)
            ## 🔥 News
            ## C++ Tools & Libraries
            # <p align=center>`Awesome List`</p>
            &#x1F4D7; <a id="arti3"></a> **A paper**
            """),
            RuleExample("""
            [Chinese](#中文介绍) [Encoded](#%E4%B8%AD%E6%96%87%E4%BB%8B%E7%BB%8D) [Prefixed](#user-content-intro) [Empty](#)

            ## 中文介绍
            <h2 id="intro">Intro</h2>
            """),
        ],
        corrections: [
            RuleCorrection("""
            - [Pre-training](#medical-vision-language-pretraining)
            - [Grounding](#Medical-Visual-Grounding-(Referring))

            # Medical Vision-Language Pre-training
            # Medical Visual Grounding (Referring)
            """, """
            - [Pre-training](#medical-vision-language-pre-training)
            - [Grounding](#medical-visual-grounding-referring)

            # Medical Vision-Language Pre-training
            # Medical Visual Grounding (Referring)
            """),
        ],
        reachesUnchangedLines: true
    )

    public init() {}

    public func check(_ document: ListDocument, in context: RuleContext) -> [Finding] {
        let tree = document.tree
        var locator = InlineLocator(tree: tree)
        let padded = paddedAnchors(in: tree, locator: &locator)
        let links = tree.nodes.indices.filter { tree[$0].kind == .link && Self.fragment(of: tree[$0].destination) != nil }
        guard !links.isEmpty else { return padded }
        let anchors = AnchorIndex(tree: tree)
        let builtin = Set(context[Self.builtinAnchors].map { $0.lowercased() })
        return padded + links.compactMap { link in
            guard let destination = tree[link].destination, let fragment = Self.fragment(of: destination),
                  !anchors.contains(fragment), !builtin.contains(fragment.lowercased()) else { return nil }
            let written = locator.destinationBytes(of: link)
            let range = written.map(tree.source.range(ofBytes:)) ?? locator.range(of: link)
            let quoted = "'#\(fragment.snippet)'"
            if let (anchor, isCertain) = anchors.correction(for: fragment) {
                let fix = written.map {
                    Fix(replacements: [Replacement(range: tree.source.range(ofBytes: $0), text: "#" + anchor)], isCertain: isCertain)
                }
                return finding("No heading makes the anchor \(quoted), so the link scrolls nowhere: link to '#\(anchor)', "
                               + "the anchor GitHub gives the heading it means.", at: range, fix: fix)
            }
            let hint = anchors.suggestion(for: fragment).map { "did you mean '#\($0)'?" }
                ?? "link to an existing heading's anchor or add the heading."
            return finding("No heading or HTML anchor makes \(quoted), so the link scrolls nowhere: \(hint)", at: range)
        }
    }

    /// HTML anchors whose `id` or `name` starts or ends with white space (`<a name=" Intro">`):
    /// a fragment cannot hold the space, so no link reaches them.
    private func paddedAnchors(in tree: MarkdownTree, locator: inout InlineLocator) -> [Finding] {
        tree.htmlAttributes(.anchor, locator: &locator).compactMap { anchor in
            let trimmed = anchor.value.trimming(.whitespaces)
            guard !trimmed.isEmpty, trimmed != anchor.value else { return nil }
            return finding("The anchor '\(anchor.value.snippet)' has white space around its name, so no link "
                           + "reaches it ('#\(trimmed.snippet)' misses it): remove the spaces.",
                           at: tree.source.range(ofBytes: anchor.bytes))
        }
    }

    /// Sections that link to the list's own headings are checked against every heading.
    public static func needsWholeList(_ sections: ListDocument) -> Bool {
        sections.tree.nodes.contains { $0.kind == .link && fragment(of: $0.destination) != nil }
    }

    /// The fragment of a same-document link, decoded and without GitHub's `user-content-`
    /// prefix; nil for other links, a bare `#` and fragments that are not anchors (`##`).
    public static func fragment(of destination: String?) -> String? {
        guard let destination, destination.hasPrefix("#"), destination.count > 1 else { return nil }
        let raw = String(destination.dropFirst())
        guard !raw.contains("#") else { return nil }
        let decoded = raw.removingPercentEncoding ?? raw
        return decoded.hasPrefix("user-content-") ? String(decoded.dropFirst("user-content-".count)) : decoded
    }
}
