import Engine
import Foundation
import Markdown
import Settings

/// One list that was checked.
public struct CheckedFile: Sendable {
    /// The path as reported, relative to the repository root.
    public var path: String
    public var entryCount: Int
    public var source: SourceText
    /// When a change was reviewed: the entries it added, changed and removed.
    public var changes: EntryChanges?
    /// When a change was reviewed: the new-side line ranges of its diff hunks, the only lines
    /// a pull-request review may comment on.
    public var diffHunks: [ClosedRange<Int>]?

    public init(path: String, entryCount: Int, source: SourceText, changes: EntryChanges? = nil,
                diffHunks: [ClosedRange<Int>]? = nil) {
        self.path = path
        self.entryCount = entryCount
        self.source = source
        self.changes = changes
        self.diffHunks = diffHunks
    }
}

/// Where the checked files live on the forge, so reports can link to lines.
public struct SourceLinks: Sendable, Equatable {
    /// The server, such as `https://github.com`.
    public var server: String
    /// `owner/name`.
    public var repository: String
    /// The commit the line numbers refer to.
    public var commit: String

    public init(server: String, repository: String, commit: String) {
        self.server = server
        self.repository = repository
        self.commit = commit
    }

    /// A link to a line range of a file at the commit.
    public func url(path: String, lines: ClosedRange<Int>) -> String {
        let anchor = lines.count > 1 ? "L\(lines.lowerBound)-L\(lines.upperBound)" : "L\(lines.lowerBound)"
        let escapedPath = path.split(separator: "/").map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? String($0) }
            .joined(separator: "/")
        return "\(server)/\(repository)/blob/\(commit)/\(escapedPath)#\(anchor)"
    }
}

/// Everything a check produced, the input of every reporter.
public struct Report: Sendable {
    public static let toolName = "vlmbot"
    public static let toolVersion = "0.1.0"

    public var files: [CheckedFile]
    /// Findings in report order (path, line, column, rule).
    public var findings: [Finding]
    /// Where the files live on the forge, when known (in GitHub Actions).
    public var links: SourceLinks?

    public init(files: [CheckedFile], findings: [Finding], links: SourceLinks? = nil) {
        self.files = files
        self.findings = findings.sorted(by: Finding.reportOrder)
        self.links = links
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
