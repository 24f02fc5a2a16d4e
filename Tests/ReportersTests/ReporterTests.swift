import Engine
import Foundation
import Markdown
import Reporters
import Settings
import Testing

@Suite struct ReporterTests {
    static let source = SourceText("# List\n\tA \"quoted\" line é\n")
    static let report = Report(
        files: [CheckedFile(path: "b.md", entryCount: 3, source: source), CheckedFile(path: "a.md", entryCount: 1, source: source)],
        findings: [
            Finding(rule: "z-rule", severity: .warning, message: "second\nline", path: "b.md",
                    range: SourceRange(start: SourcePosition(line: 2, column: 4), end: SourcePosition(line: 2, column: 11))),
            Finding(rule: "a-rule", severity: .error, message: "first", path: "a.md",
                    range: SourceRange(start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 6)),
                    fix: Fix(replacements: [Replacement(range: SourceRange(start: SourcePosition(line: 1, column: 3),
                                                                          end: SourcePosition(line: 1, column: 6)),
                                                        text: "Li\"st")])),
        ]
    )

    @Test func jsonFollowsTheContract() throws {
        let text = JSONReporter().render(Self.report)
        #expect(text.hasSuffix("}\n") && !text.dropLast().contains("\n"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["version"] as? Int == 1)
        #expect((json["tool"] as? [String: String]) == ["name": "vlmbot", "version": "0.1.0"])
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.map { $0["path"] as? String } == ["a.md", "b.md"])
        #expect(findings[0]["fix"] != nil && findings[1]["fix"] == nil)
        #expect(findings[1]["message"] as? String == "second\nline")
        let replacement = try #require(((findings[0]["fix"] as? [String: Any])?["replacements"] as? [[String: Any]])?.first)
        #expect(replacement["text"] as? String == "Li\"st" && replacement["column"] as? Int == 3)
        #expect((json["summary"] as? [String: Int]) == ["entries": 4, "errors": 1, "warnings": 1, "notes": 0])
        let keys = ["rule", "severity", "path", "line", "column", "endLine", "endColumn", "message", "fix"]
        #expect(Set(findings[0].keys) == Set(keys))
    }

    @Test func jsonEscapesEveryControlCharacter() {
        let value = JSONValue.string("a\u{0}b\u{1F}c\"d\\e\u{2028}")
        #expect(value.serialized() == #""a\u0000b\u001fc\"d\\e\u2028""#)
    }

    @Test func textPutsTheCaretUnderTheSpanKeepingTabs() {
        let text = TextReporter().render(Self.report)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "a.md:1:1: error: first [a-rule]")
        #expect(lines[1] == "  # List")
        #expect(lines[2] == "  ^" + String(repeating: "~", count: 5))
        #expect(lines[3] == #"b.md:2:4: warning: second\nline [z-rule]"#)
        #expect(lines[4] == "  \tA \"quoted\" line é")
        #expect(lines[5] == "  \t  ^" + String(repeating: "~", count: 7))
        #expect(lines[6] == "1 error, 1 warning, 0 notes in 4 entries of 2 files.")
    }

    @Test func textColoursOnlyWhenAsked() {
        #expect(TextReporter(useColor: true).render(Self.report).contains("\u{1B}[1;31merror\u{1B}[0m"))
        #expect(!TextReporter(useColor: false).render(Self.report).contains("\u{1B}"))
    }

    @Test func textNeutralisesControlCharactersFromTheList() {
        let source = SourceText("bad \u{1B}[2J line\n")
        let report = Report(files: [CheckedFile(path: "x.md", entryCount: 0, source: source)], findings: [
            Finding(rule: "r", severity: .note, message: "m", path: "x.md",
                    range: SourceRange(start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 3))),
        ])
        #expect(!TextReporter().render(report).contains("\u{1B}"))
    }

    @Test func cleanReportSaysSo() {
        let report = Report(files: [CheckedFile(path: "x.md", entryCount: 1, source: SourceText(""))], findings: [])
        #expect(TextReporter().render(report) == "No findings in 1 entry of 1 file.\n")
    }
}
