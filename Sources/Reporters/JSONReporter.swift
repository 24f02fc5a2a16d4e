import Engine
import Markdown
import Settings

/// The machine-readable check result, version 1 of the documented contract.
public struct JSONReporter: Reporter {
    public init() {}

    public func render(_ report: Report) -> String {
        let document: JSONValue = .object([
            ("version", .int(1)),
            ("tool", .object([("name", .string(Report.toolName)), ("version", .string(Report.toolVersion))])),
            ("files", .array(report.files.map { file in
                var members: [(String, JSONValue)] = [("path", .string(file.path)), ("entries", .int(file.entryCount))]
                if let changes = file.changes {
                    members.append(("changes", .object([("added", .int(changes.added)), ("changed", .int(changes.changed)),
                                                        ("removed", .int(changes.removed))])))
                }
                return .object(members)
            })),
            ("findings", .array(report.findings.map(Self.json))),
            ("summary", .object([
                ("entries", .int(report.entryCount)),
                ("errors", .int(report.count(.error))),
                ("warnings", .int(report.count(.warning))),
                ("notes", .int(report.count(.note))),
            ])),
        ])
        return document.serialized() + "\n"
    }

    private static func json(_ finding: Finding) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("rule", .string(finding.rule)),
            ("severity", .string(finding.severity.rawValue)),
            ("path", .string(finding.path)),
        ]
        members += position(finding.range)
        members.append(("message", .string(finding.message)))
        if let fix = finding.fix {
            members.append(("fix", .object([("replacements", .array(fix.replacements.map { replacement in
                .object(position(replacement.range) + [("text", .string(replacement.text))])
            }))])))
        }
        return .object(members)
    }

    private static func position(_ range: SourceRange) -> [(String, JSONValue)] {
        [("line", .int(range.start.line)), ("column", .int(range.start.column)),
         ("endLine", .int(range.end.line)), ("endColumn", .int(range.end.column))]
    }
}
