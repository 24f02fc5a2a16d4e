import Engine
import LinkRules
import Markdown

/// A job summary for `$GITHUB_STEP_SUMMARY`: counts, the entries a change added, changed and
/// removed, the dead links (with `--online`) and the entries they belong to, and every finding grouped by file, linked to its lines when the report knows the
/// forge, with its fix shown as a diff.
///
/// GitHub refuses a step summary over 1 MiB, so the findings stop before the limit and a note
/// says how many were left out. List text is escaped with `MarkdownText`.
public struct MarkdownReporter: Reporter {
    /// GitHub's limit for one step's summary, in bytes.
    public static let summaryLimit = 1_048_576

    /// The most bytes the summary may take.
    public let byteLimit: Int

    public init(byteLimit: Int = MarkdownReporter.summaryLimit) {
        self.byteLimit = byteLimit
    }

    public func render(_ report: Report) -> String {
        let findings = report.reportedFindings
        var output = BoundedText(limit: byteLimit, reserve: 1024)
        output.appendAlways("## \(Report.toolName) check\n\n")
        output.appendAlways(Self.summarySentence(report, findings) + "\n\n")
        output.appendAlways("| Errors | Warnings | Notes | Entries | Lists |\n|---:|---:|---:|---:|---:|\n"
            + "| \(report.count(.error)) | \(report.count(.warning)) | \(report.count(.note)) | \(report.entryCount) "
            + "| \(report.files.count) |\n\n")
        var complete = true
        if let table = Self.changesTable(report, findings) {
            for (index, row) in table.enumerated() where complete {
                complete = output.append((index == 0 ? "### Changed lists\n\n" : "") + row)
            }
            if complete { complete = output.append("\n") }
        }
        let dead = findings.filter { $0.finding.rule == DeadLinkRule.description.id && $0.severity == .error }
        for (index, item) in dead.enumerated() where complete {
            let region = item.locator.displayRegion(of: item.finding.range)
            complete = output.append((index == 0 ? "### Dead links\n\n" : "")
                + "- \(MarkdownText.place(item.finding.path, lines: region.startLine...region.endLine, links: report.links)): "
                + MarkdownText.escape(item.finding.message) + "\n" + (index == dead.count - 1 ? "\n" : ""))
        }
        var shown = 0
        if complete, !findings.isEmpty {
            complete = output.append("### Findings\n")
            var index = 0
            while complete, index < findings.count {
                let path = findings[index].finding.path
                let group = findings[index...].prefix { $0.finding.path == path }
                var heading = "\n#### \(MarkdownText.code(path)) (\(Counted.phrase(group.count, "finding")))\n\n"
                for item in group {
                    guard output.append(heading + Self.item(item, links: report.links)) else {
                        complete = false
                        break
                    }
                    heading = ""
                    shown += 1
                }
                index += group.count
            }
        }
        if shown < findings.count {
            let rest = findings.dropFirst(shown)
            output.appendAlways("\n> [!WARNING]\n> This summary stops here to stay under GitHub's 1 MiB limit: "
                + "\(Counted.phrase(rest.count, "more finding")) (\(Wording.severities(rest, includingZero: false))) "
                + "\(rest.count == 1 ? "is" : "are") not shown. Run `vlmbot check --format json` to see them all.\n")
        }
        return output.text
    }

    static func summarySentence(_ report: Report, _ findings: [ReportedFinding]) -> String {
        let scope = "in \(Counted.phrase(report.entryCount, "entry", "entries")) of \(Counted.phrase(report.files.count, "list"))"
        guard !findings.isEmpty else { return "No findings \(scope)." }
        return "\(Wording.severities(findings)) \(scope)."
    }

    /// The header and the rows (each ending in a line break) of a table of the entries each
    /// reviewed list gained, changed and lost; nil when no change was reviewed.
    static func changesTable(_ report: Report, _ findings: [ReportedFinding]) -> [String]? {
        let changed = report.files.filter { $0.changes != nil }
        guard !changed.isEmpty else { return nil }
        var counts: [String: Int] = [:]
        for item in findings { counts[item.finding.path, default: 0] += 1 }
        return ["| List | Entries | Added | Changed | Removed | Findings |\n|---|---:|---:|---:|---:|---:|\n"]
            + changed.map { file in
                let changes = file.changes ?? EntryChanges()
                return "| \(MarkdownText.code(file.path, inTable: true)) | \(file.entryCount) | \(changes.added) | "
                    + "\(changes.changed) | \(changes.removed) | \(counts[file.path] ?? 0) |\n"
            }
    }

    /// A finding as a list item, with its related places and its fix.
    static func item(_ item: ReportedFinding, links: SourceLinks?) -> String {
        let finding = item.finding
        let region = item.locator.displayRegion(of: finding.range)
        var text = "- " + MarkdownText.findingLine(finding, links: links, lines: region.startLine...region.endLine)
        if !finding.related.isEmpty {
            text += " (see also " + finding.related.map { range in
                MarkdownText.place(finding.path, lines: range.lines, links: links)
            }.joined(separator: ", ") + ")"
        }
        text += "\n"
        if let change = MarkdownText.suggestedChange(finding, in: item.locator.source, indent: "  ") {
            text += "\n" + change + "\n"
        }
        return text
    }
}
