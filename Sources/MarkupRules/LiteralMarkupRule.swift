import Engine
import Evidence
import Lists
import Markdown
import Settings

/// Markdown that GitHub shows as literal text, decided from cmark-gfm's own parse: headings,
/// list items and table rows swallowed by an HTML block, reference definitions that do not
/// parse, emphasis whose asterisks or underscores stay visible, table rows GitHub did not
/// make a table, and list markers without their space.
public struct LiteralMarkupRule: Rule {
    public static let description = RuleDescription(
        id: "literal-markup",
        summary: "Markdown that GitHub shows as literal text: swallowed headings, broken definitions, unclosed emphasis, broken tables.",
        rationale: """
        An HTML block such as `<details>` or `</details>` runs on until a blank line, and every \
        line in it is shown as raw text: a heading right after `</details>` shows as '#### Privacy'. \
        A reference definition needs `[label]: destination "title"` and cannot interrupt a \
        paragraph. Emphasis needs its closing `*` right after a non-space (`*Authors*`, not \
        `*Authors *`) and its opening one right before a non-space. Each case is decided from \
        what cmark-gfm parsed, so escaped asterisks, code, math, footnote marks (`Alice*, Bob*`) \
        and snake_case are left alone. A table needs a delimiter row (`|---|`) with as many cells \
        as its header, right under it, and no blank line among its rows: rows GitHub did not make \
        a table are shown as text. A list item needs a space after its marker (`- [Title]`, not \
        `-[Title]`). A backslash breaks a line only as its last character: spaces after it show it. \
        An emoji shortcode GitHub does not know shows as text: a rare one a typo away from one the \
        list writes three times or more and five times as often (`:start:` for `:star:`), or a \
        known one (written three times or more) glued \
        to the next without its opening colon (`:star:star:`), is a warning.
        """,
        severity: .error,
        triggering: [
            RuleExample("""
            <details>
            <summary>A paper (2024)</summary>

            - A paper. [[paper]](https://arxiv.org/abs/2406.14847)
            </details>
            ↓#### Privacy
            ↓#### Security

            ## Next
            """),
            RuleExample("""
            <div align="center">
            ↓| Model | Paper |
            |---|---|
            </div>

            <details><summary>More</summary>
            ↓- [paper](https://arxiv.org/abs/2301.04558)
            </details>
            """),
            RuleExample("""
            [MedCLIP]: ## "MedCLIP: Contrastive Learning from Unpaired Medical Images and Text"

            ↓[moda]="CT, MR, PET, Dermoscopy, Endoscopy"
            ↓[moda2]: "text, radiology (CT, MRI, and X-ray), pathology"

            A paragraph of text
            ↓[paper]: https://arxiv.org/abs/2301.04558
            """),
            RuleExample("""
            `ICCV 2021` **GLoRIA: A Multimodal Global-Local Representation Learning Framework** \\
            ↓*Shih-Cheng Huang, Liyue Shen, Matthew P. Lungren, Serena Yeung * \\
            [[paper](https://doi.org/10.1109/ICCV48922.2021.00391)]

            - ↓** Title with a space** and ↓**标题：**内容 and ↓**never closed
            """),
            RuleExample("""
            ↓| Title | Venue | Year |
            |---|---|
            | A paper | CVPR | 2023 |

            | Title | Venue |
            |---|---|
            | A paper | CVPR |
            ↓
            | Another paper | MICCAI |
            ↓
            | A third paper | ECCV |

            - [A paper](https://arxiv.org/abs/2301.04558)
            ↓-[Another paper](https://arxiv.org/abs/2301.04559)

            **A paper** \\
            ↓*Authors* \\\u{20}
            [16th Feb., 2024] \\
            [[paper](https://arxiv.org/abs/2301.04558)]
            """),
            RuleExample("""
            - A paper :star::star::star:
            - Another paper :star::star:
            ↓- A third paper :star:star:
            ↓- A fourth paper :start:
            """),
        ],
        nonTriggering: [
            RuleExample("""
            <details>
            <summary>A paper (2024)</summary>

            - A paper. [[paper]](https://arxiv.org/abs/2406.14847)
            </details>

            #### Privacy
            <!--
            ## A heading kept in a comment
            - an item kept in a comment
            -->
            <pre>
            # shown as written on purpose
            </pre>
            """),
            RuleExample("""
            [MedCLIP]: ## "MedCLIP: Contrastive Learning from Unpaired Medical Images and Text"
            [paper]: https://arxiv.org/abs/2301.04558

            - [2023.10]: we released the code.
            - [News]: see below.
            """),
            RuleExample("""
            *Alice Smith\\*, Bob Jones\\*, Carol White* \\
            Alice*, Bob* (*equal contribution) and 5 * 3 * 2 and `a * b` and snake_case_name
            $a*b$ and $x_1 * y_1$, https://example.org/a_b_c and **bold** and *italic* and 2**10
            | a_b | c * d |
            """),
            RuleExample("""
            | Title | Venue |
            |:--|--:|
            | A paper | CVPR |
            | Another | MICCAI |

            - [A paper](https://arxiv.org/abs/2301.04558) - a note -[not a marker]
            * [Another](https://arxiv.org/abs/2301.04559)
            """),
            RuleExample("""
            - A paper :star::star::star: and :star2: and :stars:
            - Another paper :fire: at 12:30:45, `:start:` in code and :start: once more
            - A third paper :start: :fire:fire:
            """),
        ],
        corrections: [
            RuleCorrection("""
            </details>
            #### Privacy
            #### Security
            """, """
            </details>

            #### Privacy
            #### Security
            """),
            RuleCorrection("""
            *Shih-Cheng Huang, Serena Yeung * \\
            [[paper](https://doi.org/10.1109/ICCV48922.2021.00391)]

            - ** Title with a space** and more
            """, """
            *Shih-Cheng Huang, Serena Yeung* \\
            [[paper](https://doi.org/10.1109/ICCV48922.2021.00391)]

            - **Title with a space** and more
            """),
        ]
    )

    public init() {}

    public func check(_ document: ListDocument, in context: RuleContext) -> [Finding] {
        let tree = document.tree
        var locator = InlineLocator(tree: tree)
        let swallowed = tree.swallowedLines.map { swallowedFinding($0, in: tree) }
        let definitions = tree.brokenDefinitions(locator: &locator).map { definitionFinding($0, in: tree) }
        let emphasis = tree.inlineBlocks.filter { Self.mayHoldDelimiters(tree, $0) }.flatMap { block in
            InlineLayout(block: block, in: tree).unclosedEmphasis(in: tree.source).enumerated().map { number, emphasis in
                emphasisFinding(emphasis, in: tree.source, validatesFix: number < Self.validatedFixesPerBlock)
            }
        }
        return swallowed + definitions + emphasis + strayTableRows(in: tree) + markersWithoutSpace(in: tree)
            + spacedLineBreaks(in: tree) + shortcodeSlips(in: tree, locator: &locator)
    }

    // MARK: Emoji shortcodes

    /// A shortcode the list writes this many times is one it knows; only those count.
    private static let knownShortcodeUses = 3

    /// Emoji shortcodes GitHub would show as text, judged against the shortcodes the list
    /// itself writes often: a rare one a typo away from a known one the list writes far more
    /// often (`:start:` where the list writes `:star:`), and a known one glued to the next without its opening colon
    /// (`:star:star:`). Probable slips, so warnings.
    private func shortcodeSlips(in tree: MarkdownTree, locator: inout InlineLocator) -> [Finding] {
        let texts = tree.nodes.indices.filter { tree[$0].kind == .text }
        let tokens = texts.compactMap { locator.bytes(of: $0) }.flatMap { ShortcodeToken.tokens(in: tree.source.bytes, $0) }
        guard !tokens.isEmpty else { return [] }
        let uses = Dictionary(tokens.map { ($0.name, 1) }, uniquingKeysWith: +)
        let known = { (name: String) in uses[name, default: 0] >= Self.knownShortcodeUses }
        guard uses.values.contains(where: { $0 >= Self.knownShortcodeUses }) else { return [] }
        return tokens.compactMap { token -> Finding? in
            if known(token.name), let glued = token.glued, known(glued.name) {
                return finding("':\(token.name):\(glued.name):' shows '\(glued.name):' as text: the second shortcode lacks "
                               + "its opening colon; write ':\(token.name)::\(glued.name):'.",
                               at: tree.source.range(ofBytes: token.bytes.lowerBound..<glued.bytes.upperBound))
                    .with(severity: .warning)
            }
            guard let meant = EditDistance.commonNeighbour(of: token.name, uses: uses, minimumUses: Self.knownShortcodeUses)
            else { return nil }
            return finding("':\(token.name):' is a typo away from ':\(meant):', which the list writes \(uses[meant]!) times to "
                           + "its \(uses[token.name]!); GitHub shows a shortcode it does not know as text: did you mean ':\(meant):'?",
                           at: tree.source.range(ofBytes: token.bytes)).with(severity: .warning)
        }
    }

    // MARK: Line breaks followed by spaces

    /// `Title \ ` at a line's end: a backslash breaks the line only as its last character; with
    /// spaces after it GitHub shows the backslash and joins the lines.
    private func spacedLineBreaks(in tree: MarkdownTree) -> [Finding] {
        let source = tree.source
        let paragraphs = tree.nodes.indices.filter { tree[$0].kind == .paragraph }
        return paragraphs.flatMap { paragraph -> [Finding] in
            let lines = tree[paragraph].range.lines
            return lines.dropLast().compactMap { line -> Finding? in
                let bytes = Array(source.lineBytes(line))
                let end = bytes.lastIndex { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") } ?? -1
                guard end >= 0, end < bytes.count - 1, bytes[end] == UInt8(ascii: "\\"),
                      end == 0 || bytes[end - 1] != UInt8(ascii: "\\") else { return nil }
                let range = SourceRange(start: SourcePosition(line: line, column: end + 1),
                                        end: SourcePosition(line: line, column: bytes.count))
                let fix = Fix(replacements: [Replacement(range: SourceRange(start: SourcePosition(line: line, column: end + 2),
                                                                            end: SourcePosition(line: line, column: bytes.count)),
                                                         text: "")])
                return finding("Spaces after this line-break backslash make GitHub show the '\\' and join the lines: "
                               + "remove the spaces after it.", at: range, fix: fix)
            }
        }
    }

    // MARK: Table rows outside a table

    /// Paragraphs made only of table rows (`| a | b |`): a table GitHub did not build, because
    /// its delimiter row does not match its header, a blank line cut it, or it has neither.
    private func strayTableRows(in tree: MarkdownTree) -> [Finding] {
        let source = tree.source
        let blocks = tree.children(of: tree.root)
        let isRows = blocks.map { block in
            tree[block].kind == .paragraph && tree[block].range.lines.allSatisfy { Self.isTableRow(source.line($0)) }
        }
        // Rows cut off a table: right after it, or after rows cut off it (each blank line is a cut).
        var cutOff = [Bool](repeating: false, count: blocks.count)
        for position in blocks.indices.dropFirst() where isRows[position] {
            cutOff[position] = tree[blocks[position - 1]].kind == .table || cutOff[position - 1]
        }
        return blocks.indices.compactMap { position -> Finding? in
            let block = blocks[position]
            guard isRows[position] else { return nil }
            let lines = Array(tree[block].range.lines)
            let first = lines[0]
            let cells = { (line: Int) in SchemaCell.cells(onLine: line, in: source) }
            let message: String
            if let delimiter = lines.first(where: { Self.isDelimiterRow(source.line($0)) }), delimiter > first {
                message = "This table does not render: its delimiter row (line \(delimiter)) has \(cells(delimiter).count) cells "
                    + "but its header has \(cells(delimiter - 1).count), so GitHub shows every row as text; give both the same cells."
            } else if cutOff[position] {
                // On the blank line itself, where the fix is.
                let blank = tree[blocks[position - 1]].range.end.line + 1
                return finding("This blank line cuts the rows below it off the table above, so GitHub shows them as text: "
                               + "remove it.", at: SourceRange(lines: blank, blank, in: source))
            } else if position + 1 < blocks.count, tree[blocks[position + 1]].kind == .paragraph,
                      Self.isDelimiterRow(source.line(tree[blocks[position + 1]].range.start.line)) {
                let blank = lines[lines.count - 1] + 1
                return finding("This blank line parts a table's header from its delimiter row, so GitHub shows the table as "
                               + "text: remove it.", at: SourceRange(lines: blank, blank, in: source))
            } else {
                message = "These table rows have no header and delimiter row (|---|) above them, so GitHub shows them as text."
            }
            return finding(message, at: SourceRange(lines: first, first, in: source))
        }
    }

    /// A line that starts and ends with `|` and has a cell between.
    private static func isTableRow(_ line: String) -> Bool {
        let trimmed = line.trimming(.whitespaces)
        return trimmed.count >= 3 && trimmed.hasPrefix("|") && trimmed.hasSuffix("|")
    }

    /// `|---|:--:|`: only pipes, dashes, colons and spaces, with a dash.
    private static func isDelimiterRow(_ line: String) -> Bool {
        line.contains("-") && line.allSatisfy { "|-: \t".contains($0) } && line.contains("|")
    }

    // MARK: List markers without their space

    /// `-[Title](url)`: a list marker needs a space after it; without one the line is text.
    private func markersWithoutSpace(in tree: MarkdownTree) -> [Finding] {
        let source = tree.source
        return tree.nodes.indices.filter { tree[$0].kind == .paragraph }.flatMap { paragraph -> [Finding] in
            tree[paragraph].range.lines.compactMap { line -> Finding? in
                let bytes = Array(source.lineBytes(line))
                let indent = bytes.prefix { $0 == UInt8(ascii: " ") }.count
                guard indent <= 3, indent + 1 < bytes.count, bytes[indent] == UInt8(ascii: "-") || bytes[indent] == UInt8(ascii: "+"),
                      bytes[indent + 1] == UInt8(ascii: "[") else { return nil }
                let marker = Character(Unicode.Scalar(bytes[indent]))
                return finding("'\(marker)[' needs a space after '\(marker)' to start a list item, so GitHub shows "
                               + "'\(source.line(line).trimming(.whitespaces).snippet)' as text: add the space.",
                               at: SourceRange(start: SourcePosition(line: line, column: indent + 1),
                                               end: SourcePosition(line: line, column: indent + 2)))
            }
        }
    }

    /// A fix is checked by parsing its line again: on a block full of stray `*`, checking every
    /// one would take quadratic time, so only the first ones of a block get a fix.
    private static let validatedFixesPerBlock = 32

    private static func mayHoldDelimiters(_ tree: MarkdownTree, _ block: NodeID) -> Bool {
        tree.descendants(of: block).contains { id in
            tree[id].kind == .text && (tree[id].literal ?? "").contains { $0 == "*" || $0 == "_" }
        }
    }

    // MARK: Swallowed lines

    private func swallowedFinding(_ swallowed: SwallowedLine, in tree: MarkdownTree) -> Finding {
        let source = tree.source
        let htmlLine = tree[swallowed.block].range.start.line
        let text = source.content(ofLine: swallowed.line, quoteDepth: tree.quoteDepth(of: swallowed.block)).snippet
        let message = "This \(swallowed.kind.rawValue) is inside the HTML block that starts at line \(htmlLine), so GitHub "
            + "shows '\(text)' as raw text: add a blank line after the HTML, before line \(swallowed.line)."
        // A bare blank line would also end a block quote or list around the HTML: fix top-level blocks only.
        let fix = swallowed.isFirst && tree[swallowed.block].parent == tree.root
            ? Fix(replacements: [Replacement(range: SourceRange(start: SourcePosition(line: swallowed.line, column: 1),
                                                                 end: SourcePosition(line: swallowed.line, column: 0)),
                                             text: source.lineTerminator(before: swallowed.line))],
                  repairs: .all)
            : nil
        return finding(message, at: SourceRange(lines: swallowed.line, swallowed.line, in: source), fix: fix)
    }

    // MARK: Reference definitions

    private func definitionFinding(_ definition: BrokenDefinition, in tree: MarkdownTree) -> Finding {
        let text = tree.source.excerpt(definition.bytes)
        let message = definition.interruptsParagraph
            ? "'\(text)' is a reference definition inside a paragraph, so GitHub shows it as text: "
                + "add a blank line before it."
            : "'\(text)' does not parse as a reference definition, so GitHub shows it as text: "
                + "write it as [label]: destination \"title\"."
        return finding(message, at: tree.source.range(ofBytes: definition.bytes))
    }

    // MARK: Emphasis

    private func emphasisFinding(_ emphasis: UnclosedEmphasis, in source: SourceText, validatesFix: Bool) -> Finding {
        let opener = emphasis.opener
        let last = emphasis.closer ?? opener
        let marks = String(decoding: source.bytes[opener.bytes], as: UTF8.self)
        let lineEnd = source.offset(of: SourcePosition(line: opener.line, column: 1)) + source.lineLength(opener.line)
        let excerpt = source.excerpt(opener.bytes.lowerBound..<min(last.bytes.upperBound, lineEnd))
        let problem: String
        var gap: Range<Int>?
        switch emphasis.cause {
        case .spaceBeforeCloser:
            problem = "the closing '\(marks)' follows a space, so it closes nothing; remove the space before it."
            gap = last.bytes.lowerBound - source.spacesBefore(last.bytes.lowerBound)..<last.bytes.lowerBound
        case .spaceAfterOpener:
            problem = "the opening '\(marks)' is followed by a space, so it opens nothing; remove the space after it."
            gap = opener.bytes.upperBound..<opener.bytes.upperBound + source.spacesAfter(opener.bytes.upperBound)
        case .punctuationBeforeCloser:
            problem = "a closing '\(marks)' after punctuation must be followed by a space or punctuation; "
                + "add a space after it or move the punctuation outside."
        case .neverClosed:
            problem = "nothing closes the '\(marks)'; close it, or escape it as \(marks.map { "\\\($0)" }.joined())."
        }
        let fix = gap.flatMap { validatesFix ? source.emphasisFix(removing: $0, opener: opener, closer: emphasis.closer) : nil }
        return finding("'\(excerpt)' shows its \(opener.character == UInt8(ascii: "*") ? "asterisks" : "underscores"): "
                       + problem, at: source.range(ofBytes: opener.bytes.lowerBound..<last.bytes.upperBound), fix: fix)
    }
}

/// A `:name:` emoji shortcode written in text, and the `name:` glued right after it, if any.
private struct ShortcodeToken {
    let name: String
    let bytes: Range<Int>
    let glued: (name: String, bytes: Range<Int>)?

    /// The shortcodes within some bytes of text: lower-case letters, digits, `_`, `+` and `-`
    /// between colons, with a letter among them (`12:30:45` is a time).
    static func tokens(in bytes: [UInt8], _ range: Range<Int>) -> [ShortcodeToken] {
        var tokens: [ShortcodeToken] = []
        var start = range.lowerBound
        while start < range.upperBound {
            guard bytes[start] == UInt8(ascii: ":"), let close = closingColon(in: bytes, after: start, before: range.upperBound) else {
                start += 1
                continue
            }
            let glued = closingColon(in: bytes, after: close, before: range.upperBound).map {
                (name: name(bytes, close + 1..<$0), bytes: close + 1..<$0 + 1)
            }
            tokens.append(ShortcodeToken(name: name(bytes, start + 1..<close), bytes: start..<close + 1, glued: glued))
            start = close + 1
        }
        return tokens
    }

    /// The colon that closes a shortcode name starting right after `open`.
    private static func closingColon(in bytes: [UInt8], after open: Int, before end: Int) -> Int? {
        var index = open + 1
        var hasLetter = false
        while index < end, isNameByte(bytes[index]) {
            hasLetter = hasLetter || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[index])
            index += 1
        }
        return index > open + 1 && index < end && bytes[index] == UInt8(ascii: ":") && hasLetter ? index : nil
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
    }

    private static func name(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}

private extension SourceText {
    /// The number of spaces and tabs just before an offset.
    func spacesBefore(_ offset: Int) -> Int {
        var count = 0
        while offset - count > 0, bytes[offset - count - 1] == UInt8(ascii: " ") || bytes[offset - count - 1] == UInt8(ascii: "\t") {
            count += 1
        }
        return count
    }

    /// The number of spaces and tabs from an offset on.
    func spacesAfter(_ offset: Int) -> Int {
        var count = 0
        while offset + count < bytes.count, bytes[offset + count] == UInt8(ascii: " ") || bytes[offset + count] == UInt8(ascii: "\t") {
            count += 1
        }
        return count
    }

    /// Removing the spaces between a literal opener and closer, when both are on one line,
    /// equally long, and cmark-gfm parses the fixed line with one more emphasis. Lines longer
    /// than `fixedLineLimit` bytes get no fix: parsing them for each candidate costs too much.
    func emphasisFix(removing gap: Range<Int>, opener: LiteralRun, closer: LiteralRun?) -> Fix? {
        guard let closer, !gap.isEmpty, opener.bytes.count == closer.bytes.count, opener.line == closer.line,
              lineLength(opener.line) <= Self.fixedLineLimit else { return nil }
        let lineStart = offset(of: SourcePosition(line: opener.line, column: 1))
        let original = Array(lineBytes(opener.line))
        var fixed = original
        fixed.removeSubrange(gap.lowerBound - lineStart..<gap.upperBound - lineStart)
        guard Self.emphasisCount(fixed) > Self.emphasisCount(original) else { return nil }
        return Fix(replacements: [Replacement(range: range(ofBytes: gap), text: "")], repairs: [.title, .authors])
    }

    static let fixedLineLimit = 2_000

    /// The emphasis and strong nodes of one line parsed alone, its indentation removed.
    static func emphasisCount(_ line: [UInt8]) -> Int {
        let text = line.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        return MarkdownParser.parse(SourceText(Array(text))).nodes.filter { $0.kind == .emphasis || $0.kind == .strong }.count
    }
}
