import Engine
import Evidence
import Lists
import Markdown
import Settings

/// `##Title` without a space after the hashes is a paragraph on GitHub, not a heading.
public struct HeadingSpaceRule: Rule {
    public static let description = RuleDescription(
        id: "heading-space",
        summary: "A line starts with '#' marks but no space, so GitHub shows it as text, not a heading.",
        rationale: """
        GitHub needs a space (or a tab) between the '#' marks and the heading text. Without it, \
        or with another kind of space such as a no-break space, the line is plain text: the \
        section is missing from the page's outline and from anchors. Add the space. A single \
        '#' before a digit is read as a number sign ('#1 in the ranking'), and '#️⃣' as the emoji.
        """,
        severity: .error,
        // Besides vlmbot's own, the cases of markdownlint's MD018 (no-missing-space-atx): marks
        // before a digit, a tag, a link, an emoji or a no-break space are flagged; code, HTML
        // blocks and the keycap emoji are not.
        triggering: [
            RuleExample("↓##Papers on Medical VQA\n\n| Index | Paper |\n|---|---|\n| 1 | A |"),
            RuleExample("Some text\n↓###Segmentation\n"),
            RuleExample("↓##The summary of models\n---\n"),
            RuleExample("↓##\u{00A0}Papers typed with Alt held\n"),
            RuleExample("↓##1. Introduction\n"),
            RuleExample("↓##<b>Datasets</b>\n"),
            RuleExample("↓##[Surveys](https://example.org/surveys)\n"),
            RuleExample("↓##🔥 News\n"),
            RuleExample("↓#Closed heading#\n"),
            RuleExample("↓###\u{3000}医学影像\n"),
        ],
        nonTriggering: [
            RuleExample("## Papers on Medical VQA\n"),
            RuleExample("#\tA heading after a tab\n"),
            RuleExample("![logo](https://img.org/l.png)#Not at the start of the line\n"),
            RuleExample("```\n#include <stdio.h>\n```\n"),
            RuleExample("    ##Indented code\n"),
            RuleExample("#1 in the ranking, #2 below\n"),
            RuleExample("#️⃣ Keycap emoji\n"),
            RuleExample("<div>\n#NotAHeading inside HTML\n</div>\n"),
            RuleExample("####### Seven marks is never a heading\n"),
            RuleExample("#######Seven marks is never a heading\n"),
        ],
        corrections: [
            RuleCorrection("##Papers on VQA\n", "## Papers on VQA\n"),
            RuleCorrection("Intro\r\n\r\n###Détection\r\n", "Intro\r\n\r\n### Détection\r\n"),
            RuleCorrection("##\u{00A0}Papers on VQA\n", "## Papers on VQA\n"),
            RuleCorrection("##🔥News\n", "## 🔥News\n"),
            RuleCorrection("\u{FEFF}##Papers after a byte order mark\n", "\u{FEFF}## Papers after a byte order mark\n"),
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
                let start = line == 1 && document.source.hasByteOrderMark ? 3 : 0
                guard let missing = Self.missingSpace(in: document.source.lineBytes(line).dropFirst(start)) else { continue }
                let marks = missing.marks.lowerBound + start..<missing.marks.upperBound + start
                findings.append(finding(missing.message, at: SourceRange(start: SourcePosition(line: line, column: marks.lowerBound + 1),
                                                                         end: SourcePosition(line: line, column: marks.upperBound)),
                                        fix: Fix(replacements: [Replacement(range: SourceRange(
                                            start: SourcePosition(line: line, column: marks.upperBound + 1),
                                            end: SourcePosition(line: line, column: marks.upperBound + missing.replacedBytes)), text: " ")])))
            }
        }
        return findings
    }

    /// One to six leading `#` marks that something other than a space or a tab follows.
    private struct MissingSpace {
        /// The marks' 0-based byte span in the line.
        var marks: Range<Int>
        /// The space GitHub does not count (a no-break space) right after the marks, which the
        /// fix replaces by a space; nil when the fix inserts one.
        var foreignSpace: Unicode.Scalar?

        /// How many bytes after the marks the fix replaces.
        var replacedBytes: Int { foreignSpace.map { String($0).utf8.count } ?? 0 }

        var message: String {
            let hashes = String(repeating: "#", count: marks.count)
            let problem = foreignSpace.map { space in
                let hex = String(space.value, radix: 16, uppercase: true)
                return "is followed by U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex), a space GitHub does not count"
            } ?? "is not followed by a space"
            return "'\(hashes)' \(problem), so GitHub shows this line as text: write '\(hashes) ' to make it a heading."
        }
    }

    /// The marks of a line GitHub shows as text but that is meant as a heading: up to three
    /// spaces, one to six `#`, then neither a space, a tab nor the end of the line. A single `#`
    /// before a digit is a number sign, and a `#` that a combining character follows is part of
    /// a character (the keycap emoji `#️⃣`).
    private static func missingSpace(in line: ArraySlice<UInt8>) -> MissingSpace? {
        let bytes = Array(line)
        let indent = bytes.prefix { $0 == UInt8(ascii: " ") }.count
        guard indent <= 3 else { return nil }
        let count = bytes[indent...].prefix { $0 == UInt8(ascii: "#") }.count
        let after = indent + count
        guard (1...6).contains(count), after < bytes.count, bytes[after] != UInt8(ascii: " "), bytes[after] != UInt8(ascii: "\t"),
              let next = String(decoding: bytes[after...].prefix(4), as: UTF8.self).unicodeScalars.first,
              !next.properties.isGraphemeExtend, !(count == 1 && ("0"..."9").contains(next))
        else { return nil }
        return MissingSpace(marks: indent..<after, foreignSpace: next.properties.isWhitespace ? next : nil)
    }

    private static func isHeading(_ node: MarkdownNode) -> Bool {
        if case .heading = node.kind { true } else { false }
    }
}
