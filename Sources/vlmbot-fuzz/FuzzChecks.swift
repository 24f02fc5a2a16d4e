import Engine
import Format
import Foundation
import Lists
import Markdown
import Reporters
import Rules
import Settings

/// One input through everything vlmbot does with a list (parse, every rule, every output
/// format, format), and the properties that must hold whatever the input: valid JSON and
/// SARIF, workflow commands one to a line, findings inside the list, and a format that keeps
/// every entry, is idempotent, and keeps the line endings and byte order mark.
enum FuzzChecks {
    /// vlmbot's settings as compiled into it.
    static let configuration: Configuration = {
        do {
            return try Configuration.builtIn()
        } catch {
            fatalError("vlmbot's rules folder does not load: \(error)")
        }
    }()

    static let linter = Linter(configuration: configuration)
    static let path = "list.md"

    /// What went wrong with one input; empty when every property holds. Inputs vlmbot
    /// refuses (not UTF-8, a NUL byte) are refused before any of this and have none.
    static func violations(of bytes: [UInt8]) -> [String] {
        let source = SourceText(bytes)
        guard source.firstNULOffset == nil, source.firstInvalidUTF8Offset == nil else { return [] }
        let profile = configuration.profile(forPath: path)
        let document = ListParser.parse(source, profile: profile)
        let findings = linter.lint(document, path: path)
        var problems = findings.compactMap { misplaced($0, in: source) }
        let report = Report(files: [CheckedFile(path: path, entryCount: document.entries.count, source: source)],
                            findings: findings)
        problems += outputProblems(report)
        problems += formatProblems(document, profile: profile)
        return problems
    }

    /// A finding whose range is not inside the list.
    private static func misplaced(_ finding: Finding, in source: SourceText) -> String? {
        let range = finding.range
        let lines = 1...max(1, source.lineCount)
        guard lines.contains(range.start.line), lines.contains(range.end.line),
              (range.start.line, range.start.column) <= (range.end.line, range.end.column + 1),
              range.start.column >= 1 else {
            return "\(finding.rule) reported a range outside the list: \(range)"
        }
        return nil
    }

    /// Every output format renders; the machine-read ones are valid.
    private static func outputProblems(_ report: Report) -> [String] {
        var problems: [String] = []
        func isJSON(_ text: some StringProtocol) -> Bool {
            (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil
        }
        if !isJSON(JSONReporter().render(report)) { problems.append("json output is not valid JSON") }
        if !isJSON(SARIFReporter().render(report)) { problems.append("sarif output is not valid JSON") }
        if !isJSON(ReviewReporter().render(report)) { problems.append("review payload is not valid JSON") }
        let rdjsonl = RDJSONLReporter().render(report)
        if rdjsonl.split(separator: "\n").contains(where: { !isJSON($0) }) { problems.append("an rdjsonl line is not valid JSON") }
        let commands = GitHubReporter().render(report)
        if commands.split(separator: "\n").contains(where: { !$0.hasPrefix("::") }) {
            problems.append("github output has a line that is not a workflow command")
        }
        _ = TextReporter().render(report)
        _ = MarkdownReporter().render(report)
        return problems
    }

    /// Format keeps every entry, and each entry's title, authors and link destinations unless
    /// a fix applied there declares it repairs them; it settles (formatting its output changes
    /// nothing) and keeps the line endings and the byte order mark.
    private static func formatProblems(_ before: ListDocument, profile: ListProfile) -> [String] {
        let source = before.source
        let outcome = Format.format(source, path: path, linter: linter, profile: profile)
        guard outcome.loss == nil, outcome.changes else { return [] }
        let formatted = SourceText(outcome.formatted)
        let after = ListParser.parse(formatted, profile: profile)
        guard after.entries.count == before.entries.count else {
            return ["format made \(after.entries.count) entries of \(before.entries.count)"]
        }
        var problems: [String] = []
        for (old, new) in zip(before.entries, after.entries) {
            let repaired = outcome.applied.filter { $0.lines.overlaps(old.lines) }.reduce(RepairedFacts()) { $0.union($1.repairs) }
            let changed: [(String, RepairedFacts)] = [
                (old.title != new.title ? "title" : "", .title),
                (old.authors != new.authors ? "authors" : "", .authors),
                (old.links.map(\.url) != new.links.map(\.url) ? "links" : "", .links),
            ]
            for (fact, repair) in changed where !fact.isEmpty && !repaired.contains(repair) {
                problems.append("format changed the \(fact) of the entry on line \(old.lines.lowerBound) with no fix that repairs it")
            }
        }
        let again = Format.format(formatted, path: path, linter: linter, profile: profile)
        if again.changes { problems.append("format is not idempotent: a second run changes \(again.applied.map(\.rule))") }
        let carriageReturn = UInt8(ascii: "\r")
        if !source.bytes.contains(carriageReturn), outcome.formatted.contains(carriageReturn) {
            problems.append("format wrote a CR into a file without one")
        }
        if source.hasByteOrderMark != formatted.hasByteOrderMark { problems.append("format changed the byte order mark") }
        return problems
    }
}
