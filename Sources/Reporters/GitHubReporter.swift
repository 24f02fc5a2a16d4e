import Engine
import Markdown
import Settings

/// Findings as GitHub Actions workflow commands, which the runner turns into annotations on
/// the lines of the pull request and the run.
///
/// GitHub keeps only the first 10 annotations of each severity in a step (and 50 in a job) and
/// drops the rest silently, so the most severe are written first, at most 10 of each, and a
/// closing notice says how many were left out and that the job summary lists them all (the
/// notes then stop at 9 so that the notice itself is kept). A reviewed change's entry counts
/// go in that notice too.
///
/// Columns are 1-based UTF-16 code units with an inclusive end, given only when the finding
/// lies on one line and does not cover it whole. Every line of output is a command: no text
/// from a list can start a line, so no stop-commands wrapping is needed.
public struct GitHubReporter: Reporter {
    /// GitHub's limit of annotations of one severity in a step.
    public static let annotationsPerSeverity = 10

    public init() {}

    public func render(_ report: Report) -> String {
        let findings = report.reportedFindings
        let changes = report.files.compactMap { file in file.changes.map { (file.path, $0) } }
        let overLimit = Severity.allCases.contains { severity in
            findings.count { $0.severity == severity } > Self.annotationsPerSeverity
        }
        let closes = overLimit || !changes.isEmpty
        var shown: [Severity: Int] = [:]
        var leftOut: [ReportedFinding] = []
        var lines: [String] = []
        for item in findings.mostSevereFirst() {
            let limit = Self.annotationsPerSeverity - (closes && item.severity == .note ? 1 : 0)
            guard shown[item.severity, default: 0] < limit else {
                leftOut.append(item)
                continue
            }
            shown[item.severity, default: 0] += 1
            lines.append(Self.annotation(item).line)
        }
        if closes {
            lines.append(WorkflowCommand(name: "notice", properties: [("title", Report.toolName)],
                                         data: Self.closingNotice(leftOut: leftOut, changes: changes)).line)
        }
        return lines.map { $0 + "\n" }.joined()
    }

    static func annotation(_ item: ReportedFinding) -> WorkflowCommand {
        let finding = item.finding
        let region = item.locator.utf16DisplayRegion(of: finding.range)
        var properties: [(String, String)] = [("file", finding.path), ("line", String(region.startLine)),
                                              ("endLine", String(region.endLine))]
        if region.startLine == region.endLine, let start = region.startColumn, let end = region.endColumn {
            properties += [("col", String(start)), ("endColumn", String(max(start, end - 1)))]
        }
        properties.append(("title", finding.rule))
        return WorkflowCommand(name: command(for: finding.severity), properties: properties, data: finding.message)
    }

    static func command(for severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
    }

    static func closingNotice(leftOut: [ReportedFinding], changes: [(String, EntryChanges)]) -> String {
        var sentences: [String] = []
        if !changes.isEmpty {
            let added = changes.reduce(0) { $0 + $1.1.added }
            let changed = changes.reduce(0) { $0 + $1.1.changed }
            let removed = changes.reduce(0) { $0 + $1.1.removed }
            sentences.append("This change adds \(Counted.phrase(added, "entry", "entries")), changes \(changed) and removes "
                + "\(removed) in \(Counted.phrase(changes.count, "list")).")
        }
        if !leftOut.isEmpty {
            sentences.append("\(Counted.phrase(leftOut.count, "finding")) (\(Wording.severities(leftOut, includingZero: false))) "
                + "\(leftOut.count == 1 ? "is" : "are") not annotated: GitHub shows at most "
                + "\(annotationsPerSeverity) annotations of each severity in a step. The job summary lists them all.")
        }
        return sentences.joined(separator: " ")
    }
}
