import Engine
import Format
import Lists
import Markdown
import Rules
import Settings
import Testing

@Suite struct LinterTests {
    static let ragged = "| T | C |\n|---|---|\n| a |\n| b | c | d |\n"

    @Test func stampsPathsAndSorts() {
        let findings = Linter(configuration: DefaultRules.configuration).lint(ListParser.parse(Self.ragged), path: "lists/a.md")
        #expect(findings.map(\.range.start.line) == [3, 4])
        #expect(findings.allSatisfy { $0.path == "lists/a.md" })
    }

    @Test func configurationTurnsRulesOffAndSetsSeverity() throws {
        let off = try Configuration.parse("rules:\n  entry-schema: false\n", file: "c.yml")
        #expect(Linter(configuration: DefaultRules.configuration.merged(with: off)).lint(ListParser.parse(Self.ragged), path: "a").isEmpty)
        let note = try Configuration.parse("rules:\n  entry-schema:\n    severity: note\n", file: "c.yml")
        let findings = Linter(configuration: DefaultRules.configuration.merged(with: note)).lint(ListParser.parse(Self.ragged), path: "a")
        #expect(findings.map(\.severity) == [.note, .note])
    }

    /// Reports every line that says BAD, so suppressions can be tested on any line.
    struct BadLineRule: Rule {
        static let description = RuleDescription(
            id: "bad-line", summary: "A line says BAD.", rationale: "For tests.", severity: .warning,
            triggering: [RuleExample("↓BAD")], nonTriggering: [RuleExample("good")])

        func check(_ document: ListDocument, in context: RuleContext) -> [Finding] {
            (1...max(1, document.source.lineCount)).filter { document.source.line($0).contains("BAD") }.map { line in
                Finding(rule: "bad-line", severity: .warning, message: "bad",
                        range: SourceRange(lines: line, line, in: document.source))
            }
        }
    }

    static func badLines(_ text: String) -> [Int] {
        Linter(configuration: Configuration(), rules: [BadLineRule()]).lint(ListParser.parse(text), path: "a")
            .map(\.range.start.line)
    }

    @Test(arguments: [
        ("<!-- vlmbot-disable-next-line bad-line -->\nBAD\nBAD\n", [3]),
        ("<!-- vlmbot-disable-next-line -->\nBAD\nBAD\n", [3]),
        ("<!-- vlmbot-disable-next-line spelling -->\nBAD\nBAD\n", [2, 3]),
        ("<!-- vlmbot-disable bad-line -->\nBAD\nBAD\n", []),
        ("<!-- vlmbot-disable spelling, bad-line -->\nBAD\n<!-- vlmbot-enable bad-line -->\nBAD\n", [4]),
        ("<!-- vlmbot-disable -->\nBAD\n<!-- vlmbot-enable -->\nBAD\n", [4]),
        ("BAD <!-- vlmbot-disable-line bad-line -->\nBAD\n", [2]),
        ("<!-- not vlmbot-disable -->\nBAD\n", [2]),
    ])
    func commentsSilenceFindings(text: String, lines: [Int]) {
        #expect(Self.badLines(text) == lines)
    }

    @Test func disableLineInATableCellSilencesItsRow() {
        let text = "| T | C |\n|---|---|\n| a <!-- vlmbot-disable-line entry-schema --> |\n| b |\n"
        let findings = Linter(configuration: DefaultRules.configuration).lint(ListParser.parse(text), path: "a")
        #expect(findings.map(\.range.start.line) == [4])
    }
}

@Suite struct FixApplierTests {
    static func replacement(_ line: Int, _ column: Int, _ endColumn: Int, _ text: String) -> Fix {
        Fix(replacements: [Replacement(range: SourceRange(start: SourcePosition(line: line, column: column),
                                                          end: SourcePosition(line: line, column: endColumn)), text: text)])
    }

    @Test func replacesAndInsertsKeepingEverythingElse() {
        let source = SourceText("\u{FEFF}##Title\r\nNatrual here\r\nno newline")
        let fixed = FixApplier.apply([Self.replacement(1, 6, 5, " "), Self.replacement(2, 1, 7, "Natural")], to: source)
        #expect(String(decoding: fixed, as: UTF8.self) == "\u{FEFF}## Title\r\nNatural here\r\nno newline")
    }

    @Test func overlappingFixesAreSkippedWhole() {
        let source = SourceText("abcdef\n")
        let fixed = FixApplier.apply([Self.replacement(1, 2, 4, "X"), Self.replacement(1, 3, 5, "Y")], to: source)
        #expect(String(decoding: fixed, as: UTF8.self) == "aXef\n")
    }
}
