import Lists
import Markdown

/// A list snippet a rule is shown on. Lines the rule must report start with `↓`, which is
/// removed before the snippet is checked.
public struct RuleExample: Sendable {
    public static let marker: Character = "↓"

    /// The snippet as written in the rule, markers included.
    public let marked: String

    public init(_ marked: String) {
        self.marked = marked
    }

    /// The snippet without markers.
    public var text: String {
        String(marked.filter { $0 != Self.marker })
    }

    /// The 1-based lines that carry a marker.
    public var markedLines: [Int] {
        marked.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .filter { $0.element.contains(Self.marker) }
            .map { $0.offset + 1 }
    }
}

/// What a rule is and how it behaves, for `vlmbot rules` and for the generic rule test.
public struct RuleDescription: Sendable {
    public let id: String
    public let summary: String
    public let severity: Severity
    /// Snippets the rule must report, on the marked lines exactly.
    public let triggering: [RuleExample]
    /// Snippets the rule must leave alone.
    public let nonTriggering: [RuleExample]

    public init(id: String, summary: String, severity: Severity, triggering: [RuleExample],
                nonTriggering: [RuleExample]) {
        self.id = id
        self.summary = summary
        self.severity = severity
        self.triggering = triggering
        self.nonTriggering = nonTriggering
    }
}

/// One check over a parsed list. A rule is a pure function of the document.
public protocol Rule: Sendable {
    static var description: RuleDescription { get }

    /// The findings in one document, with their rule id and default severity.
    func check(_ document: ListDocument) -> [Finding]
}

extension Rule {
    /// A finding of this rule at its default severity.
    func finding(_ message: String, at range: SourceRange, fix: Fix? = nil) -> Finding {
        Finding(rule: Self.description.id, severity: Self.description.severity, message: message,
                range: range, fix: fix)
    }
}
