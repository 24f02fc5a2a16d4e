import Markdown

/// How serious a finding is; `error` fails a check by default.
public enum Severity: String, Sendable, Comparable, CaseIterable, Codable {
    case note, warning, error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One replacement of a span of source text. Ends are inclusive; a range whose end column is
/// one before its start column is empty, so its replacement is an insertion.
public struct Replacement: Hashable, Sendable {
    public var range: SourceRange
    public var text: String

    public init(range: SourceRange, text: String) {
        self.range = range
        self.text = text
    }
}

/// A fix for a finding: text replacements that are certainly right.
public struct Fix: Hashable, Sendable {
    public var replacements: [Replacement]

    public init(replacements: [Replacement]) {
        self.replacements = replacements
    }
}

/// Something a rule found wrong in a list, where, and what to do about it.
public struct Finding: Hashable, Sendable {
    public var rule: String
    public var severity: Severity
    public var message: String
    /// The file, relative to the repository root; empty until the linter sets it.
    public var path: String
    public var range: SourceRange
    public var fix: Fix?
    /// Other places the finding is about, such as the first listing of a duplicate.
    public var related: [SourceRange]

    public init(rule: String, severity: Severity, message: String, path: String = "", range: SourceRange,
                fix: Fix? = nil, related: [SourceRange] = []) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.path = path
        self.range = range
        self.fix = fix
        self.related = related
    }

    /// The finding at another severity, for rules whose findings are not all equally sure.
    public func with(severity: Severity) -> Finding {
        var finding = self
        finding.severity = severity
        return finding
    }

    /// The order findings are reported in: path, line, column, rule.
    public static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        (lhs.path, lhs.range.start.line, lhs.range.start.column, lhs.rule)
            < (rhs.path, rhs.range.start.line, rhs.range.start.column, rhs.rule)
    }
}
