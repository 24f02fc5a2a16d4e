import Engine
import Foundation
import Markdown
import Reporters
import Settings
import Testing

@Suite struct GitHubReporterTests {
    private func lines(_ report: Report) -> [String] {
        let output = GitHubReporter().render(report)
        #expect(output.hasSuffix("\n"))
        return output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test func annotationCarriesPlaceTitleAndUTF16Columns() {
        let output = lines(Fixtures.report([Fixtures.finding("some-rule", .warning, "quoted 'paper'")]))
        // `paper` is bytes 15–19 but UTF-16 units 12–16 (é is 2 bytes, 😀 4 bytes and 2 units).
        #expect(output == ["::warning file=lists/papers.md,line=3,endLine=3,col=12,endColumn=16,title=some-rule::quoted 'paper'"])
    }

    @Test func severitiesMapToCommands() {
        let output = lines(Fixtures.report([Fixtures.finding("a", .note), Fixtures.finding("b", .error), Fixtures.finding("c", .warning)]))
        #expect(output.map { $0.prefix { $0 != " " } } == ["::error", "::warning", "::notice"])
    }

    @Test func wholeLineAndMultiLineFindingsHaveNoColumns() {
        let output = lines(Fixtures.report([
            Fixtures.finding(at: SourceRange(lines: 3, 3, in: Fixtures.source)),
            Fixtures.finding(at: Fixtures.range(3, 15, 4, 3)),
        ]))
        #expect(output[0].hasPrefix("::warning file=lists/papers.md,line=3,endLine=3,title=some-rule::"))
        #expect(output[1].hasPrefix("::warning file=lists/papers.md,line=3,endLine=4,title=some-rule::"))
    }

    @Test func untrustedTextCannotStartACommandOrBreakProperties() {
        let finding = Finding(rule: "x::error::y,z", severity: .error, message: Fixtures.hostile, path: "dir,a:b%.md",
                              range: Fixtures.paper)
        let output = lines(Report(files: [CheckedFile(path: "dir,a:b%.md", entryCount: 0, source: Fixtures.source)],
                                  findings: [finding]))
        #expect(output.count == 1)
        let line = output[0]
        #expect(line.hasPrefix("::error file=dir%2Ca%3Ab%25.md,line=3,"))
        #expect(line.contains(",title=x%3A%3Aerror%3A%3Ay%2Cz::"))
        // Data: `%` first, then CR and LF; the leading `::` is broken by a zero-width space.
        #expect(line.hasSuffix("::\u{3A}\u{200B}:error::pwned 100%25 %0D%0A::warning::x @octocat <script>alert(1)</script> ```` a|b #12"))
        #expect(!line.contains("\r") && !line.contains("\n"))
    }

    @Test func escapingHelpersFollowTheRunner() {
        #expect(WorkflowCommandProbe.data("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad:e,f")
        #expect(WorkflowCommandProbe.property("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf")
    }

    @Test func mostSevereFirstAtMostTenOfEachThenAClosingNotice() {
        var findings: [Finding] = []
        for line in 1...12 { findings.append(Fixtures.finding("err", .error, "e\(line)", at: Fixtures.range(line, 1, line, 1))) }
        for line in 1...3 { findings.append(Fixtures.finding("warn", .warning, "w\(line)", at: Fixtures.range(line, 1, line, 1))) }
        for line in 1...11 { findings.append(Fixtures.finding("note", .note, "n\(line)", at: Fixtures.range(line, 1, line, 1))) }
        let output = lines(Fixtures.report(findings.reversed(), source: Fixtures.numbered(12)))
        #expect(output.count == 10 + 3 + 9 + 1)
        #expect(output[0..<10].allSatisfy { $0.hasPrefix("::error ") })
        #expect(output[10..<13].allSatisfy { $0.hasPrefix("::warning ") })
        #expect(output[13..<22].allSatisfy { $0.hasPrefix("::notice file=") })
        // Report order within a severity: lines 1, 2, … (input was reversed).
        #expect(output[0].hasSuffix("::e1") && output[9].hasSuffix("::e10"))
        #expect(output[13].hasSuffix("::n1") && output[21].hasSuffix("::n9"))
        #expect(output[22] == "::notice title=vlmbot::4 findings (2 errors and 2 notes) are not annotated: GitHub shows at most "
            + "10 annotations of each severity in a step. The job summary lists them all.")
    }

    @Test func tenNotesAloneNeedNoClosingNotice() {
        let findings = (1...10).map { Fixtures.finding("note", .note, "n\($0)", at: Fixtures.range($0, 1, $0, 1)) }
        let output = lines(Fixtures.report(findings))
        #expect(output.count == 10)
        #expect(!output.contains { $0.hasPrefix("::notice title=") })
    }

    @Test func reviewedChangesAreSummedUpInTheClosingNotice() {
        let output = lines(Fixtures.report([Fixtures.heading], changes: EntryChanges(added: 2, changed: 1, removed: 0)))
        #expect(output.count == 2)
        #expect(output[1] == "::notice title=vlmbot::This change adds 2 entries, changes 1 and removes 0 in 1 list.")
    }

    @Test func noFindingsNoOutput() {
        #expect(GitHubReporter().render(Fixtures.report([])) == "")
    }
}

/// The escaping helpers, reached through rendered commands.
enum WorkflowCommandProbe {
    static func data(_ text: String) -> String {
        let line = GitHubReporter().render(Fixtures.report([Fixtures.finding("r", .error, text)]))
        return String(line.dropLast()).components(separatedBy: "title=r::").last ?? ""
    }

    static func property(_ text: String) -> String {
        let line = GitHubReporter().render(Fixtures.report([Fixtures.finding(text, .error, "m")]))
        guard let start = line.range(of: "title=")?.upperBound, let end = line.range(of: "::m\n")?.lowerBound else { return "" }
        return String(line[start..<end])
    }
}
