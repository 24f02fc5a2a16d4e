import Lists
import Markdown

/// `##Title` without a space after the hashes is a paragraph on GitHub, not a heading.
public struct HeadingSpaceRule: Rule {
    public static let description = RuleDescription(
        id: "heading-space",
        summary: "A line starts with '#' marks but no space, so GitHub shows it as text, not a heading.",
        rationale: """
        GitHub needs a space between the '#' marks and the heading text. Without it the line is \
        plain text: the section is missing from the page's outline and from anchors. Add the space.
        """,
        severity: .error,
        triggering: [
            RuleExample("↓##Papers on Medical VQA\n\n| Index | Paper |\n|---|---|\n| 1 | A |"),
            RuleExample("Some text\n↓###Segmentation\n"),
            RuleExample("↓##The summary of models\n---\n"),
        ],
        nonTriggering: [
            RuleExample("## Papers on Medical VQA\n"),
            RuleExample("![logo](https://img.org/l.png)#Not at the start of the line\n"),
            RuleExample("```\n#include <stdio.h>\n```\n"),
            RuleExample("#1 in the ranking, #2 below\n"),
            RuleExample("<div>\n#NotAHeading inside HTML\n</div>\n"),
            RuleExample("####### Seven marks is never a heading\n"),
        ],
        corrections: [
            RuleCorrection("##Papers on VQA\n", "## Papers on VQA\n"),
            RuleCorrection("Intro\r\n\r\n###Détection\r\n", "Intro\r\n\r\n### Détection\r\n"),
        ]
    )

    public init() {}

    public func check(_ document: ListDocument, in context: RuleContext) -> [Finding] {
        let tree = document.tree
        var findings: [Finding] = []
        // Paragraph lines, and the text lines of headings underlined with `---` (an ATX
        // heading's own line always has its space).
        for node in tree.nodes where node.kind == .paragraph || Self.isHeading(node) {
            for line in node.range.lines {
                guard let marks = Self.missingSpace(in: document.source.lineBytes(line)) else { continue }
                let insertion = SourceRange(start: SourcePosition(line: line, column: marks.upperBound + 1),
                                            end: SourcePosition(line: line, column: marks.upperBound))
                let hashes = String(repeating: "#", count: marks.count)
                findings.append(finding(
                    "'\(hashes)' is not followed by a space, so GitHub shows this line as text: write '\(hashes) ' to make it a heading.",
                    at: SourceRange(start: SourcePosition(line: line, column: marks.lowerBound + 1),
                                    end: SourcePosition(line: line, column: marks.upperBound)),
                    fix: Fix(replacements: [Replacement(range: insertion, text: " ")])))
            }
        }
        return findings
    }

    /// The 0-based byte span of one to six leading `#` marks directly followed by a letter.
    private static func missingSpace(in line: ArraySlice<UInt8>) -> Range<Int>? {
        let bytes = Array(line)
        let indent = bytes.prefix { $0 == UInt8(ascii: " ") }.count
        guard indent <= 3 else { return nil }
        let marks = bytes[indent...].prefix { $0 == UInt8(ascii: "#") }.count
        guard (1...6).contains(marks), indent + marks < bytes.count else { return nil }
        let rest = String(decoding: bytes[(indent + marks)...].prefix(4), as: UTF8.self)
        guard let first = rest.first, first.isLetter else { return nil }
        return indent..<(indent + marks)
    }

    private static func isHeading(_ node: MarkdownNode) -> Bool {
        if case .heading = node.kind { true } else { false }
    }
}
