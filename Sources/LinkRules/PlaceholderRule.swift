import Engine
import Evidence
import Foundation
import Lists
import Markdown
import Settings

/// Rows and links that stand in for real ones (`TODO`, a bare `google.com`, `example.com`),
/// and table-of-contents markers GitHub shows as plain text.
public struct PlaceholderRule: Rule {
    /// The `toc-markers` option.
    public static let tocMarkers = OptionKey<[String]>("toc-markers", default: ["[toc]", "[[toc]]", "[[_toc_]]", "@[toc]", "${toc}"],
        "Paragraphs that ask for a generated table of contents, compared without case.")

    public static let description = RuleDescription(
        id: "placeholder",
        summary: "An entry, link or marker is a placeholder: placeholder text, a placeholder host, or a [toc] marker.",
        rationale: """
        A placeholder left in a published list points readers nowhere. An entry whose title or \
        link is placeholder text (the vocabulary's 'placeholders.texts': TODO, TBD, coming soon, …), \
        or whose link goes to a placeholder host (the vocabulary's 'placeholders.hosts': \
        example.com, localhost, …), is reported: replace it with the real paper, or remove it. A \
        title must be the text, or start with it before a colon or dash: 'Neuromorphic Sensing: \
        Coming Soon to Consumer Products' is a real title. A text in capitals matches only in \
        capitals, so the paper 'ToDo' is not one. A host written with a trailing '/', such as \
        'google.com/', counts only as its bare home page, so 'scholar.google.com/…' or \
        'google.com/search?…' do not. A link to a placeholder is certain, an error; a placeholder \
        title is a warning, and a note in a list that writes it again and again (a results \
        table's 'TBD' rows say on purpose what is not out yet). A link text such as 'Coming soon' \
        says what is still to come there, a status rather than a placeholder (an empty one is \
        empty-link's). GitHub does not render '[toc]' markers (the option 'tocMarkers'): it shows \
        them as text and builds its own outline from the headings; remove the marker or write \
        the contents as a list of links. An empty list item (`- ` and nothing) is an entry begun \
        and never written, a warning. An image whose file name is only an extension \
        (`figures/.png`) is a file name never written, a warning, and so is a field bullet whose \
        value only repeats its label (`- Code: Code`).
        """,
        severity: .error,
        options: [
            Self.tocMarkers.declaration,
        ],
        triggering: [
            RuleExample("""
            ## Table of Contents
            ↓[toc]

            ## Papers
            """),
            RuleExample("""
            | Index | Paper Names | PDF Link |
            |:----:|:----------|:-----------|
            | 16 | IQAGPT: computed tomography image quality assessment | [PDF](https://link.springer.com/content/pdf/10.1186/s42492-024-00171-w.pdf) |
            ↓| 17 | 项目A | [PDF](https://google.com) |
            ↓| 18 | A real title | [PDF](https://www.google.com/) |
            """),
            RuleExample("""
            - ↓TODO: add the survey's title. [[paper]](https://arxiv.org/abs/2401.00001)
            - A model with a local demo. [[paper]](https://arxiv.org/abs/2401.00002) [[demo]](↓http://localhost:7860/)
            - An example entry. [[paper]](↓https://example.com/paper.pdf)
            ↓-
            """),
            RuleExample("""
            <p align="center"><img src="figures/overview.png" width="60%"></p>
            <p align="center"><img ↓src="figures/.png" width="60%"></p>

            - A paper. ↓![overview](figures/.jpg) [[paper]](https://arxiv.org/abs/2401.00006)
            """),
            RuleExample("""
            **A paper**
            - Paper: https://arxiv.org/abs/2401.00007
            - Code: ↓Code
            """),
        ],
        nonTriggering: [
            RuleExample("""
            ## Table of Contents
            - [Papers](#papers)

            ## Papers
            - Learning to search the toc. [[paper]](https://arxiv.org/abs/2401.00004)
            - ToDo: Token Downsampling for Efficient Generation of High-Resolution Images. [[paper]](https://arxiv.org/abs/2402.13573)
            """),
            RuleExample("""
            | Paper | Link | Code |
            |---|---|---|
            | RepsNet: Combining Vision with Language | [PDF](https://link.springer.com/chapter/10.1007/978-3-031-16443-9_68) | [Code](https://sites.google.com/view/repsnet) |
            | Scholar profile | [PDF](https://scholar.google.com/citations?user=abc) | - |
            | A search link | [PDF](https://www.google.com/search?q=medclip) | - |
            | TODOS: a paper about lists | [PDF](https://arxiv.org/abs/2401.00005) | - |
            """),
            RuleExample("""
            To add a paper, open a pull request; links such as https://example.com are only examples.
            """),
            RuleExample("""
            - A model with its code to come. [[paper]](https://arxiv.org/abs/2401.00003) [[code (coming soon)]](https://github.com/a/b)
            """),
            RuleExample("""
            <img src="figures/a.png"> <img src="https://github.com/a/b/raw/main/x.png?v=.png"> ![logo](assets/logo.svg)
            """),
            RuleExample("""
            **A paper**
            - Paper: https://arxiv.org/abs/2401.00008
            - Code: [Code](https://github.com/a/b)
            """),
        ]
    )

    public init() {}

    public func check(_ document: ListDocument, in context: RuleContext) -> [Finding] {
        let placeholders = Placeholders(texts: context.vocabulary.placeholderTexts, hosts: context.vocabulary.placeholderHosts)
        let found = document.entries.compactMap { placeholderEntry($0, placeholders: placeholders, source: document.source) }
        // A title placeholder the list writes again and again ('TBD' rows of a results table)
        // is its way of saying what is not out yet: a note.
        let titled = found.filter(\.isTitleOnly)
        let habitual = titled.count >= 2
        return tocMarkers(in: document, markers: context[Self.tocMarkers])
            + found.map { $0.isTitleOnly ? $0.finding.with(severity: habitual ? .note : .warning) : $0.finding }
            + emptyItems(in: document) + namelessImages(in: document.tree) + echoedFields(in: document.tree)
    }

    /// Field bullets whose value only repeats their label (`- Code: Code`): a value never written.
    private func echoedFields(in tree: MarkdownTree) -> [Finding] {
        tree.fieldBullets().filter { !$0.hasLink && $0.value.lowercased() == $0.key }.map { field in
            finding("'\(field.label): \(field.value)' only repeats its label: write the \(field.key) or remove the line.",
                    at: field.valueRange).with(severity: .warning)
        }
    }

    /// Image files named by their extension alone (`figures/.png`): a file name never written.
    private func namelessImages(in tree: MarkdownTree) -> [Finding] {
        var locator = InlineLocator(tree: tree)
        let markdown = tree.nodes.indices.filter { tree[$0].kind == .image }.compactMap { image in
            tree[image].destination.map { ($0, locator.range(of: image)) }
        }
        let html = tree.htmlAttributes(.imageSource, locator: &locator).map { ($0.value, tree.source.range(ofBytes: $0.bytes)) }
        return (markdown + html).filter { Self.isNameless($0.0) }.map { path, range in
            finding("The image '\(path.snippet)' names no file, only an extension, so it cannot show the "
                    + "image meant: write the file's name.", at: range).with(severity: .warning)
        }
    }

    private static let imageExtensions: Set<String> = [".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"]

    /// Whether a path's last component is an image extension alone.
    private static func isNameless(_ path: String) -> Bool {
        let file = path.prefix { $0 != "?" && $0 != "#" }.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        return imageExtensions.contains(file.lowercased())
    }

    /// List items with nothing in them: an entry begun and never written.
    private func emptyItems(in document: ListDocument) -> [Finding] {
        let tree = document.tree
        return tree.nodes.indices.filter { tree[$0].kind == .item && tree.children(of: $0).isEmpty }.map { item in
            let line = tree[item].range.start.line
            return finding("This list item is empty, so GitHub shows a bullet with nothing after it: write the entry "
                           + "or remove the line.", at: SourceRange(lines: line, line, in: document.source)).with(severity: .warning)
        }
    }

    private func tocMarkers(in document: ListDocument, markers: [String]) -> [Finding] {
        let wanted = Set(markers.map { $0.lowercased() })
        let longest = 2 * (markers.map(\.utf8.count).max() ?? 0)
        return document.tree.nodes.compactMap { node in
            guard node.kind == .paragraph, node.range.start.line == node.range.end.line,
                  document.source.lineLength(node.range.start.line) <= longest else { return nil }
            let line = document.source.line(node.range.start.line)
            let marker = line.trimming(.whitespaces)
            guard wanted.contains(marker.lowercased()),
                  let range = document.source.range(of: marker, onLine: node.range.start.line) else { return nil }
            return finding("GitHub does not render '\(marker)': it shows the text as is and builds its own outline from the "
                           + "headings; remove it, or write the contents as a list of links.", at: range)
        }
    }

    /// One finding for an entry with placeholder parts, naming them all; it points at the part
    /// when there is one, at the entry when there are several.
    private func placeholderEntry(_ entry: Entry, placeholders: Placeholders, source: SourceText) -> PlaceholderEntry? {
        var parts: [(description: String, range: SourceRange?)] = []
        if let title = entry.title, let text = placeholders.leadingText(of: title) {
            parts.append(("its title says '\(text)'", source.range(of: text, inLines: entry.lines)))
        }
        // A link text such as 'Coming soon' says what is still to come there: a status, not a
        // placeholder (an empty one is empty-link's).
        for link in entry.links {
            if placeholders.isText(link.url) {
                parts.append(("its link goes to '\(link.url)'", entry.range(of: link, in: source)))
            } else if let address = HostURL(link.url), let host = placeholders.host(of: address) {
                let place = host.hasSuffix("/") ? "the bare home page of \(address.host)" : "\(address.host), a placeholder host"
                let url = link.url.snippet
                parts.append(("its link \(url) goes to \(place)", entry.range(of: link, in: source)))
            }
        }
        guard !parts.isEmpty else { return nil }
        let range = parts.count == 1 ? parts[0].range : nil
        return PlaceholderEntry(
            finding: finding("\(entry.label) is a placeholder, not a paper: " + parts.map(\.description).joined(separator: "; ")
                             + ". Replace it with the real paper's title and links, or remove it.",
                             at: range ?? entry.range(in: source)),
            isTitleOnly: parts.count == 1 && parts[0].description.hasPrefix("its title"))
    }

    /// A placeholder entry's finding, and whether only its title is one.
    private struct PlaceholderEntry {
        let finding: Finding
        let isTitleOnly: Bool
    }
}

/// The vocabulary's placeholder texts and hosts, prepared for matching many entries. A text
/// in capitals (`TODO`) matches only in capitals, so that a paper named 'ToDo' is not taken for
/// one; other texts match without regard to case.
private struct Placeholders {
    private let texts: [TextNeedle]
    private let hosts: [String]

    init(texts: [String], hosts: [String]) {
        self.texts = texts.filter { !$0.isEmpty }.map { text in
            let inCapitals = text == text.uppercased() && text != text.lowercased()
            return TextNeedle(text, ignoresCase: !inCapitals)
        }
        self.hosts = hosts
    }

    /// The placeholder text a title is, or starts with before a colon or dash (`TODO: add the
    /// title`), as written there; a title that only holds one among its words ('Neuromorphic
    /// Sensing: Coming Soon to Consumer Products') is a real one.
    func leadingText(of title: String) -> String? {
        let trimmed = title.trimming(.whitespaces)
        for text in texts {
            guard let found = text.range(in: trimmed, wholeWord: true), found.lowerBound == trimmed.startIndex else { continue }
            let rest = trimmed[found.upperBound...].trimming(.whitespaces)
            if rest.isEmpty || rest.first.map({ ":-–—(".contains($0) }) == true { return String(trimmed[found]) }
        }
        return nil
    }

    /// Whether a whole text (a link target such as `TBD`) is a placeholder text.
    func isText(_ candidate: String) -> Bool {
        texts.contains { $0.isWhole(candidate) }
    }

    /// The placeholder host a link is on: `example.com` (any page of it or its subdomains) or
    /// `google.com/` (its bare home page only).
    func host(of address: HostURL) -> String? {
        hosts.first { host in
            host.hasSuffix("/") ? address.host == host.dropLast().lowercased() && address.isHomePage : address.isOn(host)
        }
    }
}
