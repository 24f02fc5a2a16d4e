import Engine
import Evidence
import Foundation
import Lists
import Markdown
import Settings

/// Link syntax that cmark-gfm did not parse as a link, so GitHub shows it as literal text:
/// `[Paper]https://…)`, `[Paper] (https://…)`, `[a](https://x.org/a b)`, `[a][undefined]`,
/// `[Code]` with no URL, and stray brackets left around a link.
public struct MalformedLinkRule: Rule {
    /// The `link-words` option.
    public static let linkWords = OptionKey<[String]>("link-words", default: [
        "paper", "code", "pdf", "arxiv", "project", "project page", "homepage", "website", "github",
        "dataset", "demo", "video", "slides", "poster", "presentation", "blog", "weights", "bibtex",
        "supplementary", "link",
    ],
        "Texts that always stand for a link: written in brackets with no URL (`[Code]`), they are reported.")

    public static let description = RuleDescription(
        id: "malformed-link",
        summary: "Broken link syntax that GitHub shows as literal text instead of a link.",
        rationale: """
        A link needs `[text](URL)` with nothing between `]` and `(` and no space in the URL \
        (write it as %20, or wrap the URL in <…>). GitHub shows anything else as the raw brackets \
        and URL, and the paper has no working link. Only text that cmark-gfm left unparsed is \
        reported: a link that parses, a dated note like `[2023.04]` or a defined reference \
        `[Name]` is fine.
        """,
        severity: .error,
        options: [
            Self.linkWords.declaration,
        ],
        triggering: [
            RuleExample("""
            ↓[ [Paper]https://arxiv.org/pdf/2301.04558.pdf) | [Code](https://github.com/a/b) ]
            """),
            RuleExample("""
            - ↓[Expressive Whole-Body 3D Gaussian Avatar) (Aug., 2024)
            - **A paper** ↓[Paper] (https://arxiv.org/abs/2301.04558)
            - **Another** [PDF](https://arxiv.org/abs/2301.04559) ↓[Code]
            - **Third** ↓[paper](https://x.org/a paper.pdf)
            """),
            RuleExample("""
            | Title | Links |
            |---|---|
            | A paper | ↓[paper][arxiv-1] |
            | Another | ↓[paper](https://arxiv.org/abs/2301.04558 |
            """),
            RuleExample("""
            - A paper. [[paper]](https://arxiv.org/abs/2301.04558) ↓[[code]]https://github.com/a/b
            """),
            RuleExample("""
            **A paper** \\
            ↓[[paper](https://arxiv.org/abs/2301.04558)]] [[code](https://github.com/a/b)]
            [paper](https://arxiv.org/abs/2301.04558)↓) and ↓[[code](https://github.com/a/b)
            """),
        ],
        nonTriggering: [
            RuleExample("""
            - [2023.04] [Foundation Models for Generalist Medical AI](https://www.nature.com/articles/s41586-023-05881-4)
            - [**CVPR 2023**] A paper [[paper](https://arxiv.org/abs/2301.04558)] [ [code](https://github.com/a/b) ]
            - [toc] ([pdf](https://arxiv.org/pdf/2301.04558.pdf)) [Code] (coming soon)
            - [Code]: to be released. Index a[0][1] and [1, 2][3] are not links.
            """),
            RuleExample("""
            | Name | Links |
            |---|---|
            | [MedCLIP] | [ [paper](https://arxiv.org/pdf/2210.10163.pdf) ] |

            [MedCLIP]: https://arxiv.org/abs/2210.10163 "MedCLIP"
            """),
            RuleExample("""
            Escaped \\[Paper\\]https://x.org/p.pdf and `[Paper]https://x.org/p.pdf` in code, \
            [a link](https://en.wikipedia.org/wiki/Attention_(machine_learning)), <https://x.org/a>.

            ```
            [Paper] (https://x.org/p.pdf)
            ```
            """),
        ],
        corrections: [
            RuleCorrection("""
            [ [Paper]https://arxiv.org/pdf/2301.04558.pdf) | [Code]https://github.com/a/b ]
            - A paper [Paper] (https://arxiv.org/abs/2301.04558)
            - Another paper [[paper]](https://arxiv.org/abs/2301.04559) [[code]]https://github.com/a/c
            """, """
            [ [Paper](https://arxiv.org/pdf/2301.04558.pdf) | [Code](https://github.com/a/b) ]
            - A paper [Paper](https://arxiv.org/abs/2301.04558)
            - Another paper [[paper]](https://arxiv.org/abs/2301.04559) [[code]](https://github.com/a/c)
            """),
        ]
    )

    public init() {}

    public func check(_ document: ListDocument, in context: RuleContext) -> [Finding] {
        let tree = document.tree
        let words = Set(context[Self.linkWords].map { $0.lowercased() })
        return tree.inlineBlocks.filter { Self.mayHoldBrokenLink(tree, $0) }.flatMap { block in
            let scanner = BrokenLinkScanner(layout: InlineLayout(block: block, in: tree), tree: tree, linkWords: words)
            return scanner.problems().map { problem in
                finding(problem.message, at: scanner.range(of: problem.glyphs), fix: problem.fix)
            }
        }
    }

    /// Whether a block's own text (outside links and code) has a bracket or a closing parenthesis.
    private static func mayHoldBrokenLink(_ tree: MarkdownTree, _ block: NodeID) -> Bool {
        tree.descendants(of: block).contains { id in
            tree[id].kind == .text && (tree[id].literal ?? "").contains { $0 == "[" || $0 == "]" || $0 == ")" }
        }
    }
}

/// One piece of broken link syntax: the shown bytes it covers, what to say and, when certain,
/// the fix.
private struct BrokenLink {
    var glyphs: ClosedRange<Int>
    var message: String
    var fix: Fix?
}

/// Reads a block's shown text (bracketed links reduced to one opaque glyph each, autolinks
/// kept as their URL) for link syntax that did not parse.
///
/// Every bracket may start a candidate whose URL or destination runs to the line's end, so
/// the scans are read from `GlyphScans`, computed once per block: a line of `[a](` repeated
/// takes linear time, not quadratic.
private struct BrokenLinkScanner {
    let shown: [InlineGlyph]
    let tree: MarkdownTree
    let block: NodeID
    let linkWords: Set<String>
    private let scans: GlyphScans

    init(layout: InlineLayout, tree: MarkdownTree, linkWords: Set<String>) {
        shown = layout.glyphs.filter { glyph in glyph.link.map(layout.autolinks.contains) ?? true }
        self.tree = tree
        block = layout.block
        self.linkWords = linkWords
        scans = GlyphScans(shown)
    }

    private var source: SourceText { tree.source }

    func problems() -> [BrokenLink] {
        var problems: [BrokenLink] = []
        var labelCloses: Set<Int> = []
        var index = 0
        while index < shown.count {
            if isSyntax(index, "["), let close = labelEnd(from: index) {
                labelCloses.insert(close)
                if let problem = labelProblem(open: index, close: close) { problems.append(problem) }
                index = close + 1
            } else {
                index += 1
            }
        }
        let covered = problems.map(\.glyphs)
        let unopened = orphanDestinations(skipping: labelCloses).filter { found in !covered.contains { $0.overlaps(found.glyphs) } }
        return problems + unopened + bracketlessLinks() + strayBrackets() + parenClosedLabel()
    }

    /// `[Title) (2024)`: a block that opens with `[` closed by `)`, no `]` anywhere after it,
    /// so the title was meant as a link but GitHub shows it all as text.
    private func parenClosedLabel() -> [BrokenLink] {
        let open = scans.nextNonBlank[0]
        guard isSyntax(open, "[") else { return [] }
        var index = open + 1
        while index < shown.count, !isSyntax(index, ")") {
            let byte = shown[index].byte
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "(") || byte == InlineGlyph.lineBreak
                || byte == InlineGlyph.opaque { return [] }
            index += 1
        }
        guard index < shown.count, shown[(open + 1)..<index].filter({ $0.byte.isASCIILetter }).count >= 3,
              !shown[index...].contains(where: { $0.byte == UInt8(ascii: "]") }) else { return [] }
        return [BrokenLink(glyphs: open...index,
                           message: "The link text '\(text(open..<index + 1).snippet)' is closed with ')' instead of ']' "
                               + "and has no URL, so GitHub shows it as text: write ']' and the link's (URL).")]
    }

    /// `Text](URL)` and `(Author)](URL)`: a `](` before a destination with no `[` opening the
    /// link text, so GitHub shows it all as text.
    private func orphanDestinations(skipping labelCloses: Set<Int>) -> [BrokenLink] {
        // Brackets still open before each glyph: a `](` after an open `[` belongs to a link that
        // failed for another reason (a space in its URL), reported as that.
        var open = 0
        var openBefore: [Int] = []
        for index in shown.indices {
            openBefore.append(open)
            if isSyntax(index, "[") { open += 1 } else if isSyntax(index, "]") { open = max(0, open - 1) }
        }
        return shown.indices.compactMap { index in
            guard isSyntax(index, "]"), !labelCloses.contains(index), openBefore[index] == 0, isSyntax(index + 1, "("),
                  startsDestination(at: index + 2) else { return nil }
            let end = min(scans.destinationEnd[index + 2], shown.count - 1)
            return BrokenLink(glyphs: index...end,
                              message: "This '](…)' has no '[' opening its link text, so GitHub shows it as text: "
                                  + "write [text](URL).")
        }
    }

    /// `Public Dataset(#public-dataset)`, `bibtex(./citations/a.txt)`: a word glued to an
    /// in-page or relative destination in parentheses, a link written without its brackets.
    private func bracketlessLinks() -> [BrokenLink] {
        shown.indices.compactMap { index in
            guard isSyntax(index, "("), index > 0, shown[index - 1].byte.isASCIIAlphanumeric,
                  startsAnchorOrPath(at: index + 1) else { return nil }
            let end = scans.destinationEnd[index + 1]
            guard end < shown.count, isSyntax(end, ")") else { return nil }
            var start = index - 1
            while start > 0, shown[start - 1].byte.isASCIIAlphanumeric || shown[start - 1].byte == UInt8(ascii: "-") {
                start -= 1
            }
            let word = text(start..<index)
            return BrokenLink(glyphs: start...end,
                              message: "'\(word)(\(text(index + 1..<end).snippet))' is a link without its brackets, "
                                  + "so GitHub shows it as text: write [\(word)](…).")
        }
    }

    /// Where a finding goes: the written bytes of some shown glyphs, or the block's first line.
    func range(of glyphs: ClosedRange<Int>) -> SourceRange {
        if let start = shown[glyphs.lowerBound].origin, let end = shown[glyphs.upperBound].origin, start <= end {
            return source.range(ofBytes: start..<end + 1)
        }
        let line = tree[block].range.start.line
        return SourceRange(lines: line, line, in: source)
    }

    // MARK: Bracketed text

    /// The `]` closing a bracket that opens at `open`, with no bracket, break or link between.
    private func labelEnd(from open: Int) -> Int? {
        var index = open + 1
        while index < shown.count {
            let glyph = shown[index]
            if isSyntax(index, "]") { return index }
            if isSyntax(index, "[") || glyph.byte == InlineGlyph.opaque || glyph.byte == InlineGlyph.lineBreak { return nil }
            index += 1
        }
        return nil
    }

    private func labelProblem(open: Int, close: Int) -> BrokenLink? {
        let after = close + 1
        let paren = scans.nextNonBlank[after]
        if startsURL(at: after) {
            return bareURL(open: open, close: close)
        }
        if isSyntax(open - 1, "["), isSyntax(after, "]"), startsURL(at: after + 1) {
            return bareURL(open: open - 1, close: after)
        }
        if paren > after, isSyntax(paren, "("), startsDestination(at: paren + 1)
            || isSyntax(paren + 1, "(") && startsDestination(at: paren + 2) {
            return spacedLink(open: open, close: close, paren: paren)
        }
        // `[[arXiv]] (https://…)`
        if isSyntax(open - 1, "["), isSyntax(after, "]"), case let outer = scans.nextNonBlank[after + 1], outer > after + 1,
           isSyntax(outer, "("), startsDestination(at: outer + 1) {
            return spacedLink(open: open - 1, close: after, paren: outer)
        }
        // `[pdf]](https://…)`, `[Title])(https://…)`: one glyph too many between ']' and '('.
        if !isSyntax(open - 1, "["), isSyntax(after, "]") || isSyntax(after, ")"), isSyntax(after + 1, "("),
           startsDestination(at: after + 2) {
            let mark = Character(Unicode.Scalar(shown[after].byte))
            return BrokenLink(glyphs: open...after,
                              message: "'\(quoted(open, close))\(mark)(…)' has a '\(mark)' between ']' and '(', so GitHub shows it "
                                  + "as text: remove it.", fix: removal(after..<after + 1))
        }
        // `[Title]（https://…）`: full-width parentheses.
        if hasPrefix("（", at: after), startsDestination(at: after + "（".utf8.count) {
            return BrokenLink(glyphs: open...(after + "（".utf8.count - 1),
                              message: "'\(quoted(open, close))（…）' has full-width parentheses, so GitHub shows it as text: "
                                  + "write ( and ) instead of （ and ）.")
        }
        if isSyntax(after, "(") {
            return unparsedDestination(open: open, close: close, paren: after)
        }
        let label = text(open + 1..<close)
        // `[16th Feb., 2024][arXiv, 2024]`: dated tags written side by side are text on purpose.
        if isSyntax(after, "["), let end = labelEnd(from: after), !label.allSatisfy({ $0.isNumber || $0 == "," || $0 == " " }),
           case let reference = text(after + 1..<end), !Self.holdsYear(label), !Self.holdsYear(reference) {
            let name = reference.isEmpty ? quoted(open, close) : "[\(reference.snippet)]"
            return BrokenLink(glyphs: open...end,
                              message: "'\(quoted(open, close))[\(reference.snippet)]' refers to '\(name)', which no "
                                  + "reference definition defines, so GitHub shows it as text: add '\(name): URL' or write "
                                  + "\(quoted(open, close))(URL).")
        }
        if endsLinkList(at: paren), linkWords.contains(label.trimming(Self.labelTrim).lowercased()) {
            return BrokenLink(glyphs: open...close, message: "'\(quoted(open, close))' has no URL, so GitHub shows it as text: "
                                  + "write \(quoted(open, close))(URL) or remove it.")
        }
        return nil
    }

    private static let labelTrim = ScalarSet(charactersIn: "*_ \t")

    /// Whether bracketed text holds a year (`2024`, `'24` aside): a date or venue tag.
    private static func holdsYear(_ text: String) -> Bool {
        text.contains(/(?:19|20)[0-9]{2}/)
    }

    /// The bracketed text from `open` to `close` as a message quotes it.
    private func quoted(_ open: Int, _ close: Int) -> String {
        "[\(text(open + 1..<close).snippet)]"
    }

    /// `[Paper]https://…`: the `(` is missing.
    private func bareURL(open: Int, close: Int) -> BrokenLink {
        let url = close + 1..<urlEnd(from: close + 1)
        let last = url.upperBound - 1
        var fix: Fix?
        if startsURL(at: url.lowerBound, withScheme: true), isVerbatim(url), let start = shown[url.lowerBound].origin,
           let end = shown[last].origin {
            if isSyntax(last, ")"), isBalanced(url: url.lowerBound, lastIncluded: false) {
                fix = Fix(replacements: [insertion("(", at: start)], repairs: .links)
            } else if shown[last].byte.isASCIIAlphanumeric || shown[last].byte == UInt8(ascii: "/"),
                      isBalanced(url: url.lowerBound, lastIncluded: true) {
                fix = Fix(replacements: [insertion("(", at: start), insertion(")", at: end + 1)], repairs: .links)
            }
        }
        return BrokenLink(glyphs: open...last,
                          message: "'\(quoted(open, close))' is followed by a URL without '(', so GitHub shows both as "
                              + "text: write \(quoted(open, close))(URL).", fix: fix)
    }

    /// `[Paper] (https://…)`: a space between `]` and `(`.
    private func spacedLink(open: Int, close: Int, paren: Int) -> BrokenLink {
        let urlEnd = urlEnd(from: paren + 1)
        let closes = isSyntax(urlEnd - 1, ")") && isBalanced(url: paren + 1, lastIncluded: false)
        let fix = closes && startsURL(at: paren + 1, withScheme: true) ? removal(close + 1..<paren) : nil
        return BrokenLink(glyphs: open...(closes ? urlEnd - 1 : paren),
                          message: "'\(quoted(open, close)) (…)' has a space between ']' and '(', so GitHub shows it as text: "
                              + "remove the space.", fix: fix)
    }

    /// `[a](…` that cmark-gfm did not take as a link: a space in the URL, or no closing `)`.
    private func unparsedDestination(open: Int, close: Int, paren: Int) -> BrokenLink {
        let index = scans.destinationEnd[paren + 1]
        let space = scans.nextBlank[paren + 1] < index ? scans.nextBlank[paren + 1] : nil
        let closed = index < shown.count && isSyntax(index, ")")
        let titled = space.map { isSyntax(scans.nextNonBlank[$0], "\"") || isSyntax(scans.nextNonBlank[$0], "'") } ?? false
        let doubled = isSyntax(paren + 1, "(") && startsDestination(at: paren + 2)
        let reason = doubled ? "has one '(' too many before its URL, so GitHub shows it as text: remove it."
            : !closed ? "has no closing ')', so GitHub shows it as text: close it."
            : titled ? "has a title that does not parse (unclosed quotes?), so GitHub shows it as text: fix the title."
            : space != nil ? "has a space in its URL, so GitHub shows it as text: write the space as %20 or wrap the URL in <…>."
            : "does not parse, so GitHub shows it as text: check its URL."
        return BrokenLink(glyphs: open...max(paren, index - (closed ? 0 : 1)), message: "The link '\(quoted(open, close))(…' \(reason)")
    }

    // MARK: Stray brackets

    /// Brackets and parentheses that close nothing right after a link, or open a bracket
    /// right before one that nothing closes; one report per side of a link.
    private func strayBrackets() -> [BrokenLink] {
        var openBrackets: [Int] = []
        var strays: [(index: Int, link: Int, opens: Bool)] = []
        var parenDepth = 0
        // A run of brackets walks to the same place: remember where each bracket's walk ended,
        // so `[[[[…` costs linear time, not quadratic.
        var closingWalks: [Int: Int] = [:]
        for index in shown.indices {
            if isSyntax(index, "[") {
                openBrackets.append(index)
            } else if isSyntax(index, "]"), openBrackets.popLast() == nil {
                let link = walk(from: index - 1, by: -1, over: "]", knownWalks: closingWalks)
                closingWalks[index] = link
                strays.append((index, link, false))
            } else if isSyntax(index, "(") {
                parenDepth += 1
            } else if isSyntax(index, ")") {
                if parenDepth == 0 { strays.append((index, index - 1, false)) }
                parenDepth = max(0, parenDepth - 1)
            }
        }
        var openingWalks: [Int: Int] = [:]
        for open in openBrackets.reversed() {
            openingWalks[open] = walk(from: open + 1, by: 1, over: "[", knownWalks: openingWalks)
        }
        strays += openBrackets.map { ($0, openingWalks[$0, default: $0 + 1], true) }
        var reported: Set<[Int]> = []
        return strays.filter { isLink($0.link) && reported.insert([$0.link, $0.opens ? 1 : 0]).inserted }
            .sorted { $0.index < $1.index }
            .map { stray in
                let mark = Character(Unicode.Scalar(shown[stray.index].byte))
                let what = stray.opens ? "before a link is never closed" : "after a link closes nothing"
                return BrokenLink(glyphs: stray.index...stray.index,
                                  message: "This '\(mark)' \(what), so GitHub shows it as stray text: remove it or add its pair.")
            }
    }

    /// The first glyph from `start` on (stepping by `step`) that is neither a space nor `skipped`.
    /// `knownWalks` gives, for glyphs already walked from, where their walk ended.
    private func walk(from start: Int, by step: Int = 1, over skipped: Unicode.Scalar, knownWalks: [Int: Int]) -> Int {
        var index = start
        while shown.indices.contains(index), shown[index].byte == UInt8(ascii: " ") || shown[index].byte == UInt8(ascii: "\t")
            || isSyntax(index, skipped) {
            if let known = knownWalks[index] { return known }
            index += step
        }
        return index
    }

    // MARK: Glyph helpers

    /// Whether a glyph is this unescaped ASCII character.
    private func isSyntax(_ index: Int, _ character: Unicode.Scalar) -> Bool {
        shown.indices.contains(index) && shown[index].byte == UInt8(character.value) && !shown[index].escaped
    }

    /// Whether a glyph ends a run of links: nothing, a break, another link or bracket, or a
    /// separator follows (`[Code]` alone, not `[Code] (coming soon)` or `[Code]: soon`).
    private func endsLinkList(at index: Int) -> Bool {
        guard shown.indices.contains(index) else { return true }
        return [InlineGlyph.lineBreak, InlineGlyph.opaque, UInt8(ascii: "["), UInt8(ascii: "|"), UInt8(ascii: ","),
                UInt8(ascii: "/"), UInt8(ascii: ";")].contains(shown[index].byte)
    }

    private func isLink(_ index: Int) -> Bool {
        guard shown.indices.contains(index), let node = shown[index].stands else { return false }
        return tree[node].kind == .link
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: shown[range].map(\.byte), as: UTF8.self)
    }

    /// Whether a URL starts at a glyph; `www.` without a scheme counts unless `withScheme` (a
    /// fix must not make it a link relative to the repository).
    private func startsURL(at index: Int, withScheme: Bool = false) -> Bool {
        hasPrefix("http://", at: index) || hasPrefix("https://", at: index) || (!withScheme && hasPrefix("www.", at: index))
    }

    /// Whether a link destination starts at a glyph: a URL, an in-page anchor (`#name`) or a
    /// relative path (`./`, `../`).
    private func startsDestination(at index: Int) -> Bool {
        startsURL(at: index) || startsAnchorOrPath(at: index)
    }

    private func startsAnchorOrPath(at index: Int) -> Bool {
        (isSyntax(index, "#") && shown.indices.contains(index + 1) && shown[index + 1].byte.isASCIIAlphanumeric)
            || hasPrefix("./", at: index) || hasPrefix("../", at: index)
    }

    /// Whether the shown glyphs from `index` spell `prefix`, ignoring ASCII case.
    private func hasPrefix(_ prefix: String, at index: Int) -> Bool {
        let bytes = Array(prefix.utf8)
        guard index >= 0, index + bytes.count <= shown.count else { return false }
        return bytes.indices.allSatisfy { shown[index + $0].byte | 0x20 == bytes[$0] | 0x20 }
    }

    /// The end of a URL that starts at `start`: the first space, break or opaque glyph.
    private func urlEnd(from start: Int) -> Int {
        scans.urlEnd[start]
    }

    /// Whether the parentheses of a URL balance, up to its end or, with `lastIncluded` false, up
    /// to its last glyph.
    private func isBalanced(url start: Int, lastIncluded: Bool) -> Bool {
        lastIncluded ? scans.balancedToURLEnd[start] : scans.balancedToURLLast[start]
    }

    /// The insertion of text before the source byte at `offset`.
    private func insertion(_ text: String, at offset: Int) -> Replacement {
        let position = source.position(ofOffset: offset)
        return Replacement(range: SourceRange(start: position, end: SourcePosition(line: position.line, column: position.column - 1)),
                           text: text)
    }

    /// The deletion of some shown glyphs written verbatim in one piece.
    private func removal(_ range: Range<Int>) -> Fix? {
        guard !range.isEmpty, isVerbatim(range), let start = shown[range.lowerBound].origin,
              let end = shown[range.upperBound - 1].origin else { return nil }
        return Fix(replacements: [Replacement(range: source.range(ofBytes: start..<end + 1), text: "")], repairs: .links)
    }

    /// Whether shown glyphs come from consecutive source bytes, none escaped.
    private func isVerbatim(_ range: Range<Int>) -> Bool {
        range.isEmpty || shown.indices.contains(range.lowerBound) && range.upperBound <= scans.verbatimEnd[range.lowerBound]
    }
}

/// Where scans that start at each glyph of a block end, each computed for all glyphs in one
/// backward pass. Every table has one entry per glyph and one for the end.
private struct GlyphScans {
    /// The first glyph from here on that is not a space or tab.
    private(set) var nextNonBlank: [Int]
    /// The first space or tab from here on.
    private(set) var nextBlank: [Int]
    /// The end of a URL starting here: the first space, tab, break or opaque glyph.
    private(set) var urlEnd: [Int]
    /// Where a link destination starting here stops: its closing `)` (nested pairs skipped), a
    /// break, an opaque glyph or the end.
    private(set) var destinationEnd: [Int]
    /// The end of the run of unescaped glyphs from consecutive source bytes starting here.
    private(set) var verbatimEnd: [Int]
    /// Whether the parentheses from here to `urlEnd` balance, and from here to the glyph before it.
    private(set) var balancedToURLEnd: [Bool]
    private(set) var balancedToURLLast: [Bool]

    init(_ shown: [InlineGlyph]) {
        let count = shown.count
        nextNonBlank = Array(repeating: count, count: count + 1)
        nextBlank = nextNonBlank
        urlEnd = nextNonBlank
        destinationEnd = nextNonBlank
        verbatimEnd = nextNonBlank
        balancedToURLEnd = Array(repeating: true, count: count + 1)
        balancedToURLLast = balancedToURLEnd
        func isParen(_ index: Int, _ character: Unicode.Scalar) -> Bool {
            index < count && shown[index].byte == UInt8(character.value) && !shown[index].escaped
        }
        // Sums of parentheses (`(` +1, `)` -1) from here to the URL's end or last glyph, and the
        // largest such sum from any later glyph: the run balances when both are 0 or less and
        // the sum is 0, as every prefix then holds no more `)` than `(`.
        var toEnd = (sum: 0, highest: 0)
        var toLast = (sum: 0, highest: 0)
        for index in shown.indices.reversed() {
            let byte = shown[index].byte
            let blank = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
            let barrier = byte == InlineGlyph.lineBreak || byte == InlineGlyph.opaque
            nextNonBlank[index] = blank ? nextNonBlank[index + 1] : index
            nextBlank[index] = blank ? index : nextBlank[index + 1]
            if blank || barrier {
                urlEnd[index] = index
                toEnd = (0, 0)
                toLast = (0, 0)
                balancedToURLLast[index] = false
            } else {
                urlEnd[index] = urlEnd[index + 1]
                let step = isParen(index, "(") ? 1 : isParen(index, ")") ? -1 : 0
                toEnd.sum += step
                toEnd.highest = max(toEnd.highest, toEnd.sum)
                balancedToURLEnd[index] = toEnd.sum == 0 && toEnd.highest <= 0
                if index < urlEnd[index] - 1 {
                    toLast.sum += step
                    toLast.highest = max(toLast.highest, toLast.sum)
                    balancedToURLLast[index] = toLast.sum == 0 && toLast.highest <= 0
                }
            }
            if barrier || isParen(index, ")") {
                destinationEnd[index] = index
            } else if isParen(index, "(") {
                let inner = destinationEnd[index + 1]
                destinationEnd[index] = isParen(inner, ")") ? destinationEnd[inner + 1] : inner
            } else {
                destinationEnd[index] = destinationEnd[index + 1]
            }
            if let origin = shown[index].origin, !shown[index].escaped {
                let next = index + 1
                let continues = next < count && !shown[next].escaped && shown[next].origin == origin + 1
                verbatimEnd[index] = continues ? verbatimEnd[next] : next
            } else {
                verbatimEnd[index] = index
            }
        }
    }
}
