import Engine
import Foundation
import Markdown
import Reporters
import Settings

/// Hand-made reports over real sources with multi-byte characters, tabs and CRLF line breaks.
enum Fixtures {
    /// Line 1 `# Papers`, 2 empty, 3 an entry with `é` (2 bytes), `😀` (4 bytes, 2 UTF-16 units)
    /// and a tab, 4 a heading without its space, 5 a table row; CRLF line breaks throughout.
    static let text = "# Papers\r\n\r\n- [Café 😀 paper](https://x.org)\tby @octocat\r\n##Bad heading\r\n| a | b |\r\n"
    static let source = SourceText(text)
    static let path = "lists/papers.md"

    static func range(_ line: Int, _ column: Int, _ endLine: Int, _ endColumn: Int) -> SourceRange {
        SourceRange(start: SourcePosition(line: line, column: column), end: SourcePosition(line: endLine, column: endColumn))
    }

    /// `paper` on line 3: bytes 15–19, UTF-16 units 12–16.
    static let paper = range(3, 15, 3, 19)

    static func finding(_ rule: String = "some-rule", _ severity: Severity = .warning, _ message: String = "message",
                        path: String = Fixtures.path, at range: SourceRange = Fixtures.paper, fix: Fix? = nil,
                        related: [SourceRange] = []) -> Finding {
        Finding(rule: rule, severity: severity, message: message, path: path, range: range, fix: fix, related: related)
    }

    /// The heading-space finding on line 4 with its fix: insert a space at byte column 3.
    static let headingFix = Fix(replacements: [Replacement(range: range(4, 3, 4, 2), text: " ")])
    static let heading = finding("heading-space", .error, "'##' is not followed by a space", at: range(4, 1, 4, 2), fix: headingFix)

    static func report(_ findings: [Finding], source: SourceText = Fixtures.source, path: String = Fixtures.path,
                       changes: EntryChanges? = nil, hunks: [ClosedRange<Int>]? = nil, links: SourceLinks? = nil) -> Report {
        Report(files: [CheckedFile(path: path, entryCount: 1, source: source, changes: changes, diffHunks: hunks)],
               findings: findings, links: links)
    }

    static let links = SourceLinks(server: "https://github.com", repository: "octo/lists", commit: "0123abc")

    /// Untrusted text that tries every trick: a workflow command, percent signs, CR/LF, a
    /// mention, HTML, a code fence, a table pipe and an issue reference.
    static let hostile = "::error::pwned 100% \r\n::warning::x @octocat <script>alert(1)</script> ```` a|b #12"

    /// A source of `count` lines `line N`.
    static func numbered(_ count: Int) -> SourceText {
        SourceText((1...count).map { "line \($0)\n" }.joined())
    }
}
