import Markdown
import Rules

/// One list that was checked.
public struct CheckedFile: Sendable {
    /// The path as reported, relative to the repository root.
    public var path: String
    public var entryCount: Int
    public var source: SourceText

    public init(path: String, entryCount: Int, source: SourceText) {
        self.path = path
        self.entryCount = entryCount
        self.source = source
    }
}

/// Everything a check produced, the input of every reporter.
public struct Report: Sendable {
    public static let toolName = "vlmbot"
    public static let toolVersion = "0.1.0"

    public var files: [CheckedFile]
    /// Findings in report order (path, line, column, rule).
    public var findings: [Finding]

    public init(files: [CheckedFile], findings: [Finding]) {
        self.files = files
        self.findings = findings.sorted(by: Finding.reportOrder)
    }

    public var entryCount: Int { files.reduce(0) { $0 + $1.entryCount } }

    /// How many findings have this severity.
    public func count(_ severity: Severity) -> Int {
        findings.count { $0.severity == severity }
    }

    /// The source of a reported file, for quoting lines.
    public func source(of path: String) -> SourceText? {
        files.first { $0.path == path }?.source
    }
}

/// Turns a report into one output format.
public protocol Reporter: Sendable {
    func render(_ report: Report) -> String
}
