import Engine
import Evidence
import Lists
import Markdown
import Settings

/// Trailing spaces and runs of blank lines: invisible on GitHub, noise in every diff.
public struct WhitespaceRule: Rule {
    /// The `maximum-blank-lines` option.
    public static let maximumBlankLines = OptionKey<Int>("maximum-blank-lines", default: 2,
        "The most blank lines allowed in a row inside the list.")

    public static let description = RuleDescription(
        id: "whitespace",
        summary: "Spaces at the end of a line, or more blank lines in a row than the list needs.",
        rationale: """
        Trailing spaces and long runs of blank lines change nothing on GitHub but show up in \
        every diff and hide real changes. Two or more spaces that end a line inside a paragraph \
        are a line break and are kept; code blocks are left alone.
        """,
        severity: .note,
        options: [
            Self.maximumBlankLines.declaration,
        ],
        triggering: [
            RuleExample("## Papers↓ \n\n- [A Paper Title](https://e.org/p)\n"),
            RuleExample("# List\n↓\n\n\n\n- [A Paper Title](https://e.org/p)\n"),
            RuleExample("- [A Paper Title](https://e.org/p)\n↓\n\n"),
            RuleExample("| T | C |↓\t\n|---|---|\n| a | b |\n"),
        ],
        nonTriggering: [
            RuleExample("# List\n\n\n- [A Paper Title](https://e.org/p)\n"),
            RuleExample("First line of a paragraph  \nsecond line after a hard break\n"),
            RuleExample("```\ncode with trailing space \n\n\n\n```\n"),
            RuleExample("- [A Paper Title](https://e.org/p)"),
        ],
        corrections: [
            RuleCorrection("## Papers  \n\n- [A](https://e.org/p)\n", "## Papers\n\n- [A](https://e.org/p)\n"),
            RuleCorrection("# List\r\n\r\n\r\n\r\n\r\n- [A](https://e.org/p)\r\n\r\n\r\n", "# List\r\n\r\n- [A](https://e.org/p)\r\n"),
        ]
    )

    public init() {}

    public func check(_ document: ListDocument, in context: RuleContext) -> [Finding] {
        let source = document.source
        guard source.lineCount > 0 else { return [] }
        let maximum = max(0, context[Self.maximumBlankLines])
        let code = Set(document.tree.nodes.lazy.filter { $0.kind == .codeBlock || $0.kind == .htmlBlock }.flatMap { $0.range.lines })
        let hardBreaks = Self.hardBreakLines(in: document.tree)
        var findings: [Finding] = []
        var blankRun: [Int] = []
        for line in document.lineRanges.joined() {
            if source.isBlank(line), !code.contains(line) {
                blankRun.append(line)
                continue
            }
            findings += blankLines(blankRun, keeping: min(maximum, 1), over: maximum, in: source)
            blankRun = []
            guard !code.contains(line), !hardBreaks.contains(line) else { continue }
            let bytes = source.lineBytes(line)
            let trailing = bytes.reversed().prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
            guard trailing > 0 else { continue }
            let range = SourceRange(start: SourcePosition(line: line, column: bytes.count - trailing + 1),
                                    end: SourcePosition(line: line, column: bytes.count))
            findings.append(finding("This line ends with spaces or tabs: remove them.",
                                    at: range, fix: Fix(replacements: [Replacement(range: range, text: "")])))
        }
        // Blank lines at the end of the file: none are needed.
        findings += blankLines(blankRun, keeping: 0, over: 0, in: source)
        return findings
    }

    /// A finding for a run of blank lines longer than allowed, whose fix keeps `keeping` of them.
    private func blankLines(_ run: [Int], keeping: Int, over maximum: Int, in source: SourceText) -> [Finding] {
        guard run.count > maximum, let first = run.first, let last = run.last else { return [] }
        let removedFirst = first + keeping
        let range = SourceRange(start: SourcePosition(line: removedFirst, column: 1),
                                end: SourcePosition(line: last, column: source.lineLength(last) + source.terminatorLength(last)))
        let message = maximum == 0 && last == source.lineCount
            ? (run.count == 1 ? "The file ends with a blank line: remove it." : "The file ends with \(run.count) blank lines: remove them.")
            : "\(run.count) blank lines in a row (lines \(first)–\(last)); one is enough."
        return [finding(message, at: SourceRange(start: SourcePosition(line: first, column: 1),
                                                 end: SourcePosition(line: last, column: 1)),
                        fix: Fix(replacements: [Replacement(range: range, text: "")]))]
    }

    /// Lines that end in a hard line break (two or more spaces before the next line of the
    /// same paragraph), whose trailing spaces carry meaning.
    private static func hardBreakLines(in tree: MarkdownTree) -> Set<Int> {
        Set(tree.nodes.lazy.filter { $0.kind == .paragraph || $0.kind == .tableCell }.flatMap { node in
            node.range.lines.dropLast()
        })
    }
}
