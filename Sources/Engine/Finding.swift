import Evidence
import Markdown
import Settings

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

/// A fix for a finding: text replacements, and how sure they are.
public struct Fix: Hashable, Sendable {
    public var replacements: [Replacement]
    /// Whether `vlmbot format` may apply it: certain from the text alone (syntax GitHub shows
    /// as text, white space, a closed vocabulary's own term). A guess about a word, a name or a
    /// URL is only offered (a suggestion in a review), never applied.
    public var isCertain: Bool
    /// The facts of an entry the fix repairs on purpose (a broken link's syntax gives the
    /// entry its link): formatting may change these, and no others, of the entries it edits.
    public var repairs: RepairedFacts

    public init(replacements: [Replacement], isCertain: Bool = true, repairs: RepairedFacts = []) {
        self.replacements = replacements
        self.isCertain = isCertain
        self.repairs = repairs
    }
}

/// The facts of an entry a fix may change: its title, its authors, its links' destinations.
public struct RepairedFacts: OptionSet, Hashable, Sendable {
    public let rawValue: Int

    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    public static let title = RepairedFacts(rawValue: 1)
    public static let authors = RepairedFacts(rawValue: 2)
    public static let links = RepairedFacts(rawValue: 4)
    public static let all: RepairedFacts = [.title, .authors, .links]
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
