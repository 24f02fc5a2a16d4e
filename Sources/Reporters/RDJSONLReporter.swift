import Engine
import Markdown
import Settings

/// Findings as reviewdog diagnostics, one JSON object a line (`reviewdog -f=rdjsonl`).
///
/// Positions follow reviewdog's schema: 1-based lines and 1-based UTF-8 byte columns with an
/// exclusive end. A finding that covers whole lines is given as lines only (linewise, the end
/// line included). A suggestion that replaces whole lines is linewise too (its text without the
/// final line break), which reviewdog turns into a plain suggestion block; any other is exact,
/// and a span that takes a line break ends at column 1 of the next line.
public struct RDJSONLReporter: Reporter {
    public init() {}

    public func render(_ report: Report) -> String {
        report.reportedFindings.map { Self.diagnostic($0).serialized() + "\n" }.joined()
    }

    static func diagnostic(_ item: ReportedFinding) -> JSONValue {
        let finding = item.finding
        var members: [(String, JSONValue)] = [
            ("message", .string(finding.message)),
            ("location", location(finding.path, item.locator.displayRegion(of: finding.range))),
            ("severity", .string(severity(finding.severity))),
            ("source", .object([("name", .string(Report.toolName))])),
            ("code", .object([("value", .string(finding.rule))])),
        ]
        if let fix = finding.fix, !fix.replacements.isEmpty {
            members.append(("suggestions", .array(fix.replacements.map { suggestion($0, item.locator) })))
        }
        if !finding.related.isEmpty {
            members.append(("related_locations", .array(finding.related.map { range in
                .object([("location", location(finding.path, item.locator.displayRegion(of: range)))])
            })))
        }
        return .object(members)
    }

    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: "ERROR"
        case .warning: "WARNING"
        case .note: "INFO"
        }
    }

    static func suggestion(_ replacement: Replacement, _ locator: Locator) -> JSONValue {
        let exact = locator.exactRegion(of: replacement.range)
        if exact.startColumn == 1, exact.endColumn == 1, exact.endLine > exact.startLine {
            var scalars = replacement.text.unicodeScalars
            if scalars.isEmpty || scalars.last == "\n" {
                if !scalars.isEmpty { scalars.removeLast() }
                if scalars.last == "\r" { scalars.removeLast() }
                let lines = TextRegion(startLine: exact.startLine, endLine: exact.endLine - 1)
                return .object([("range", range(lines)), ("text", .string(String(scalars)))])
            }
        }
        return .object([("range", range(exact)), ("text", .string(replacement.text))])
    }

    static func location(_ path: String, _ region: TextRegion) -> JSONValue {
        .object([("path", .string(path)), ("range", range(region))])
    }

    static func range(_ region: TextRegion) -> JSONValue {
        func position(_ line: Int, _ column: Int?) -> JSONValue {
            .object([("line", .int(line))] + (column.map { [("column", JSONValue.int($0))] } ?? []))
        }
        return .object([("start", position(region.startLine, region.startColumn)),
                        ("end", position(region.endLine, region.endColumn))])
    }
}
