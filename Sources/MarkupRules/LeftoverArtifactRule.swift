import Engine
import Evidence
import Foundation
import Lists
import Markdown
import Settings

/// Leftovers that mean nothing to a reader: a chat assistant's citation markers and tracking
/// parameters, the markers of a merge conflict committed unresolved, and BibTeX markup.
public struct LeftoverArtifactRule: Rule {
    /// The `patterns` option.
    public static let patterns = OptionKey<[String]>("patterns", default: [
        #":contentReference\[oaicite:\d+\](?:\{index=\d+\})?"#,
        #"\[oaicite:\d+\]"#,
        #"【\d+(?::\d+)?†[^】]{0,80}】"#,
        #"\uE200cite\uE202[^\uE201]{0,80}\uE201"#,
        #"cite(?:turn\d+(?:search|news|view|file)\d+)+"#,
        #"[?&]utm_source=(?:chatgpt\.com|openai|perplexity(?:\.ai)?|copilot\.microsoft\.com)(?=$|[&)\s#])"#,
    ],
        "Regular expressions for pasted artifacts; each match, with the spaces before it, is removed by the fix.")

    public static let description = RuleDescription(
        id: "leftover-artifact",
        summary: "A leftover is in the list: a chat assistant's ':contentReference[oaicite:0]', merge-conflict markers, or BibTeX markup.",
        rationale: """
        Chat assistants mark their sources with tokens that GitHub shows as clutter and that point \
        nowhere, and tag links with tracking parameters. Remove them; check the pasted text for \
        other errors while you are at it. A merge conflict committed unresolved leaves its \
        markers (`<<<<<<< HEAD`, `=======`, `>>>>>>> branch`) and both sides' lines in the list: \
        keep the right side and remove the markers. Each is certain from the text, an error. \
        A title or author name copied from a `.bib` file keeps BibTeX's braces (`{LSTM}`) or \
        LaTeX accents (`Aky{\\"{u}}rek`), which GitHub shows as written: a warning, since a \
        brace may be meant; titles with `$` maths are left alone.
        """,
        severity: .error,
        options: [
            Self.patterns.declaration,
        ],
        triggering: [
            RuleExample("- A paper. [[paper]](https://arxiv.org/abs/2210.10163)\n  - Digest: it works.↓ :contentReference[oaicite:0]{index=0}\n"),
            RuleExample("↓Great results 【4†source】 on CT.\n"),
            RuleExample("- [A Paper Title Here](https://arxiv.org/abs/2301.00001↓?utm_source=chatgpt.com)\n"),
            RuleExample("| Title | Venue |\n|---|---|\n| Weakly supervised convolutional ↓{LSTM} approach for tool tracking | **IJCARS 2019** |\n"),
            RuleExample("- **Investigations with linear models**. *Ekin Aky↓{\\\"{u}}rek et al*. arXiv 2022.\n"),
            RuleExample("| Title | Code |\n|---|---|\n↓<<<<<<< HEAD\n| A paper | - |\n↓=======\n| Another paper | - |\n↓>>>>>>> main\n"),
        ],
        nonTriggering: [
            RuleExample("- A paper. [[paper]](https://arxiv.org/abs/2210.10163)\n"),
            RuleExample("See the [reference](https://example.org/contentReference) and `[oaicite:0]` in code.\n"),
            RuleExample("- [Tracking](https://e.org/p?utm_source=newsletter)\n"),
            RuleExample("A Title\n=======\n\n> > > > quoted deeply\n"),
            RuleExample("- [Sparse codes in $\\{0,1\\}^n$ for retrieval](https://arxiv.org/abs/2301.00001)\n"),
            RuleExample(#"- **Alzheimer\'s disease from \"retinal\" scans**. *J. O\'Neil et al*. [[paper]](https://arxiv.org/abs/2301.00002)"# + "\n"),
        ],
        corrections: [
            RuleCorrection("Dataset is large. :contentReference[oaicite:0]{index=0}\n", "Dataset is large.\n"),
            RuleCorrection("- [A Paper](https://arxiv.org/abs/2301.00001?utm_source=chatgpt.com)\n",
                           "- [A Paper](https://arxiv.org/abs/2301.00001)\n"),
        ]
    )

    public init() {}

    public func check(_ document: ListDocument, in context: RuleContext) -> [Finding] {
        let patterns = context[Self.patterns].compactMap { try? NSRegularExpression(pattern: $0) }
        guard !patterns.isEmpty, document.source.lineCount > 0 else { return [] }
        let codeLines = Set(document.tree.nodes.filter { $0.kind == .codeBlock }.flatMap { Array($0.range.lines) })
        let linePatterns = patterns.compactMap { try? NSRegularExpression(pattern: $0.pattern, options: .anchorsMatchLines) }
        var findings: [Finding] = []
        for line in Self.candidateLines(of: document, patterns: linePatterns) where !codeLines.contains(line) {
            let text = document.source.line(line)
            let whole = NSRange(text.startIndex..., in: text)
            // One finding per artifact: where patterns overlap, the earliest, longest match wins.
            let matches = patterns.flatMap { $0.matches(in: text, range: whole) }
                .compactMap { Range($0.range, in: text) }
                .sorted { ($0.lowerBound, $1.upperBound) < ($1.lowerBound, $0.upperBound) }
            let spans = Self.outsideCodeSpans(matches, in: text)
            var end = text.startIndex
            for match in spans where match.lowerBound >= end {
                let span = Self.withSpacesBefore(match, in: text, after: end)
                end = span.upperBound
                let start = text.utf8.distance(from: text.startIndex, to: span.lowerBound)
                let range = SourceRange(start: SourcePosition(line: line, column: start + 1),
                                        end: SourcePosition(line: line, column: start + text[span].utf8.count))
                let shown = text[span].trimming(.whitespaces)
                findings.append(finding(
                    "'\(shown.snippet)' is left over from a chat assistant and means nothing to readers: remove it.",
                    at: range, fix: Fix(replacements: [Replacement(range: range, text: "")], repairs: [.title, .authors])))
            }
        }
        return findings + conflictMarkers(in: document, codeLines: codeLines) + bibTeXMarkup(in: document, codeLines: codeLines)
    }

    /// BibTeX's case-protecting braces (`{LSTM}`) and LaTeX accents (`Aky{\"{u}}rek`) in
    /// entries' titles and author names, as copied from a `.bib` file; titles with `$` maths
    /// are left alone.
    private static let bibTeXPattern = try? NSRegularExpression(
        pattern: #"(?<![\\$])\{[A-Za-z0-9\\"'`^~{}-]{1,30}\}|\\["'`^~]\{[A-Za-z]\}"#)

    /// Each BibTeX leftover in an entry's title or authors, a warning (a brace could be meant):
    /// found in the entry's lines as written, kept when its text (Markdown's escapes aside) is
    /// in the title or the authors.
    private func bibTeXMarkup(in document: ListDocument, codeLines: Set<Int>) -> [Finding] {
        guard let pattern = Self.bibTeXPattern else { return [] }
        let source = document.source
        func unescaped(_ text: String) -> String { text.filter { $0 != "\\" } }
        return document.entries.flatMap { entry -> [Finding] in
            let named = ([entry.title].compactMap { $0 } + (entry.authors ?? [])).filter { !$0.contains("$") }.map(unescaped)
            guard named.contains(where: { $0.contains("{") || $0.contains("\"") }) else { return [] }
            return entry.lines.filter { !codeLines.contains($0) }.flatMap { line -> [Finding] in
                let text = source.line(line)
                return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
                    guard let span = Range(match.range, in: text) else { return nil }
                    let token = String(text[span])
                    guard token.contains(where: \.isLetter), named.contains(where: { $0.contains(unescaped(token)) }) else { return nil }
                    let start = text.utf8.distance(from: text.startIndex, to: span.lowerBound)
                    let range = SourceRange(start: SourcePosition(line: line, column: start + 1),
                                            end: SourcePosition(line: line, column: start + token.utf8.count))
                    guard !token.contains("\\") else {
                        return finding("'\(token)' is LaTeX copied from a .bib file, and GitHub shows it as written: write the "
                                       + "accented letter itself.", at: range).with(severity: .warning)
                    }
                    let plain = token.filter { $0 != "{" && $0 != "}" }
                    return finding("'\(token)' keeps BibTeX's braces, copied from a .bib file, and GitHub shows them as "
                                   + "written: write '\(plain)'.", at: range,
                                   fix: Fix(replacements: [Replacement(range: range, text: plain)], isCertain: false))
                        .with(severity: .warning)
                }
            }
        }
    }

    /// `<<<<<<< ours`, `=======`, `>>>>>>> theirs` lines of an unresolved merge: the opening
    /// and closing markers, and a separator between them.
    private func conflictMarkers(in document: ListDocument, codeLines: Set<Int>) -> [Finding] {
        let source = document.source
        guard source.lineCount > 0 else { return [] }
        func starts(_ line: Int, with mark: UInt8) -> Bool {
            let bytes = source.lineBytes(line)
            return bytes.count >= 7 && bytes.prefix(7).allSatisfy { $0 == mark }
                && (bytes.count == 7 || bytes[bytes.startIndex + 7] == UInt8(ascii: " ") || mark == UInt8(ascii: "="))
        }
        var findings: [Finding] = []
        var opened: Int?
        var separator: Int?
        for line in 1...source.lineCount where !codeLines.contains(line) {
            if starts(line, with: UInt8(ascii: "<")) {
                opened = line
                separator = nil
            } else if opened != nil, separator == nil, source.lineBytes(line).elementsEqual("=======".utf8) {
                separator = line
            } else if let start = opened, starts(line, with: UInt8(ascii: ">")) {
                for marker in [start, separator, line].compactMap({ $0 }) {
                    findings.append(finding("This line is a marker of a merge conflict committed unresolved: keep the right "
                                            + "side and remove the markers.", at: SourceRange(lines: marker, marker, in: source)))
                }
                (opened, separator) = (nil, nil)
            }
        }
        return findings
    }

    /// The lines a pattern may match on, found a thousand lines at a time rather than line by
    /// line: each line's own match lies within what the patterns match in its batch (`^` and
    /// `$` there match at line breaks), so no line is missed.
    private static func candidateLines(of document: ListDocument, patterns: [NSRegularExpression]) -> [Int] {
        let batches = document.lineRanges.flatMap { range in
            stride(from: range.lowerBound, through: range.upperBound, by: 1000).map { $0...min(range.upperBound, $0 + 999) }
        }
        return batches.flatMap { batch in candidateLines(in: batch, of: document.source, patterns: patterns) }
    }

    private static func candidateLines(in batch: ClosedRange<Int>, of source: SourceText,
                                       patterns: [NSRegularExpression]) -> [Int] {
        let text = source.text(ofLines: batch) as NSString
        // Where each line starts in the batch, in UTF-16 units, as NSString counts.
        var lineStarts: [Int] = []
        var location = 0
        for number in batch {
            lineStarts.append(location)
            location += source.line(number).utf16.count + 1
        }
        func line(at location: Int) -> Int {
            batch.lowerBound + lineStarts.lastIndex { $0 <= location }
        }
        var lines: Set<Int> = []
        for pattern in patterns {
            for match in pattern.matches(in: text as String, range: NSRange(location: 0, length: text.length)) {
                lines.formUnion(line(at: match.range.location)...line(at: max(match.range.location, NSMaxRange(match.range) - 1)))
            }
        }
        return lines.sorted()
    }

    /// The matches (sorted by start) that do not start inside a `code span` on their line,
    /// counting backticks once along the line rather than again for every match.
    private static func outsideCodeSpans(_ matches: [Range<String.Index>], in line: String) -> [Range<String.Index>] {
        var index = line.startIndex
        var backticks = 0
        return matches.filter { match in
            while index < match.lowerBound {
                if line[index] == "`" { backticks += 1 }
                index = line.index(after: index)
            }
            return backticks % 2 == 0
        }
    }

    /// A match widened over the spaces before it, so that removing it leaves no gap, but not
    /// back past `limit` (the end of the previous artifact). Patterns need no leading `\s*`,
    /// which made a long run of spaces cost the square of its length.
    private static func withSpacesBefore(_ match: Range<String.Index>, in line: String,
                                         after limit: String.Index) -> Range<String.Index> {
        var start = match.lowerBound
        while start > limit, line[line.index(before: start)].isWhitespace { start = line.index(before: start) }
        return start..<match.upperBound
    }
}
