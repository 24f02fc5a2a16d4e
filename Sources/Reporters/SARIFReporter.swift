import Engine
import Foundation
import Markdown
import Rules
import Settings

/// Findings as a SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers.
///
/// - Columns: `run.columnKind` is `utf16CodeUnits` and every column is converted from our
///   UTF-8 byte columns with the file's source; end columns are exclusive, as SARIF counts.
///   A finding that covers whole lines has no columns.
/// - Paths: relative URIs (percent-encoded) against `uriBaseId` `%SRCROOT%`, the repository root.
/// - `partialFingerprints["vlmbot/v1"]`: `Fingerprint`, which ignores line numbers.
/// - `informationUri` is written only when given: the project has no settled home page, and
///   a guessed URL could name someone else's site.
public struct SARIFReporter: Reporter {
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    public static let fingerprintKey = "vlmbot/v1"
    public static let sourceRoot = "%SRCROOT%"

    /// Rules described in `tool.driver.rules`.
    public let rules: [RuleDescription]
    /// The tool's home page, when it has one.
    public let informationURI: String?

    public init(rules: [RuleDescription] = Linter.allRules.map { type(of: $0).description }, informationURI: String? = nil) {
        self.rules = rules
        self.informationURI = informationURI
    }

    public func render(_ report: Report) -> String {
        var driver: [(String, JSONValue)] = [("name", .string(Report.toolName)), ("version", .string(Report.toolVersion)),
                                             ("semanticVersion", .string(Report.toolVersion))]
        if let informationURI { driver.append(("informationUri", .string(informationURI))) }
        driver.append(("rules", .array(rules.map(Self.rule))))
        let ruleIndex = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var artifacts: [String: JSONValue] = [:]
        let run: JSONValue = .object([
            ("tool", .object([("driver", .object(driver))])),
            ("columnKind", .string("utf16CodeUnits")),
            ("results", .array(report.reportedFindings.map { item in
                // Each path is encoded once, however many findings it holds.
                let artifact = artifacts[item.finding.path] ?? Self.artifactLocation(item.finding.path)
                artifacts[item.finding.path] = artifact
                return Self.result(item, ruleIndex: ruleIndex[item.finding.rule], artifact: artifact)
            })),
        ])
        let log: JSONValue = .object([("$schema", .string(Self.schemaURI)), ("version", .string("2.1.0")), ("runs", .array([run]))])
        return log.serialized() + "\n"
    }

    static func rule(_ rule: RuleDescription) -> JSONValue {
        .object([
            ("id", .string(rule.id)),
            ("shortDescription", .object([("text", .string(rule.summary))])),
            ("fullDescription", .object([("text", .string(rule.rationale))])),
            ("help", .object([("text", .string(rule.rationale))])),
            ("defaultConfiguration", .object([("level", .string(level(rule.severity)))])),
            ("properties", .object([("fixable", .bool(rule.fixable))])),
        ])
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    /// A finding as a result; `artifact` is the location of its file.
    static func result(_ item: ReportedFinding, ruleIndex: Int?, artifact: JSONValue) -> JSONValue {
        let finding = item.finding
        var members: [(String, JSONValue)] = [("ruleId", .string(finding.rule))]
        if let ruleIndex { members.append(("ruleIndex", .int(ruleIndex))) }
        members += [
            ("level", .string(level(finding.severity))),
            ("message", .object([("text", .string(finding.message))])),
            ("locations", .array([.object([
                ("physicalLocation", physicalLocation(artifact, item.locator.utf16DisplayRegion(of: finding.range))),
            ])])),
        ]
        if !finding.related.isEmpty {
            members.append(("relatedLocations", .array(finding.related.enumerated().map { index, range in
                .object([("id", .int(index + 1)),
                         ("physicalLocation", physicalLocation(artifact, item.locator.utf16DisplayRegion(of: range)))])
            })))
        }
        members.append(("partialFingerprints", .object([(fingerprintKey, .string(item.fingerprint))])))
        if let fix = finding.fix, !fix.replacements.isEmpty {
            let replacements: [JSONValue] = fix.replacements.map { replacement in
                .object([("deletedRegion", region(item.locator.utf16ExactRegion(of: replacement.range))),
                         ("insertedContent", .object([("text", .string(replacement.text))]))])
            }
            members.append(("fixes", .array([.object([
                ("artifactChanges", .array([.object([("artifactLocation", artifact),
                                                     ("replacements", .array(replacements))])])),
            ])])))
        }
        return .object(members)
    }

    static func physicalLocation(_ artifact: JSONValue, _ region: TextRegion) -> JSONValue {
        .object([("artifactLocation", artifact), ("region", Self.region(region))])
    }

    static func artifactLocation(_ path: String) -> JSONValue {
        .object([("uri", .string(uri(path))), ("uriBaseId", .string(sourceRoot))])
    }

    static func region(_ region: TextRegion) -> JSONValue {
        var members: [(String, JSONValue)] = [("startLine", .int(region.startLine))]
        if let start = region.startColumn { members.append(("startColumn", .int(start))) }
        members.append(("endLine", .int(region.endLine)))
        if let end = region.endColumn { members.append(("endColumn", .int(end))) }
        return .object(members)
    }

    /// A relative URI reference for a path: each segment percent-encoded.
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ";:")
        return path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0) }
            .joined(separator: "/")
    }
}
