import Evidence
import Lists
import Markdown
import Settings

/// A list snippet a rule is shown on. Each finding the rule must make is marked by a `↓` where
/// it starts (a `↓` opening a line marks a finding anywhere on it); the marks are removed
/// before the snippet is checked.
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

    /// Where each marker stands in the snippet without markers: its line and its 1-based byte
    /// column, in order; a finding must start at each, once.
    public var markedPositions: [SourcePosition] {
        marked.split(separator: "\n", omittingEmptySubsequences: false).enumerated().flatMap { number, line in
            var column = 1
            var positions: [SourcePosition] = []
            for character in line {
                if character == Self.marker {
                    positions.append(SourcePosition(line: number + 1, column: column))
                } else {
                    column += character.utf8.count
                }
            }
            return positions
        }
    }
}

/// A snippet before and after a rule's fixes are applied.
public struct RuleCorrection: Sendable {
    public let before: String
    public let after: String

    public init(_ before: String, _ after: String) {
        self.before = before
        self.after = after
    }
}

/// What a rule is and how it behaves, for `vlmbot rules`, reporters' rule metadata and the
/// generic rule test.
public struct RuleDescription: Sendable {
    public let id: String
    /// One line: what the rule finds.
    public let summary: String
    /// Why it matters and what to do, for `vlmbot rules ID` and SARIF help.
    public let rationale: String
    public let severity: Severity
    public let options: [RuleOption]
    /// Snippets the rule must report, once at each mark.
    public let triggering: [RuleExample]
    /// Snippets the rule must leave alone.
    public let nonTriggering: [RuleExample]
    /// Snippets and what the rule's fixes make of them.
    public let corrections: [RuleCorrection]
    /// Whether every fix the rule offers is a guess (`Fix.isCertain` false): offered in
    /// reviews, never applied, so `vlmbot format` does not run the rule at all.
    public let fixesAreGuesses: Bool
    /// Whether a change can raise the rule's findings on lines it did not touch (removing a
    /// heading or an anchor leaves the links to it elsewhere pointing nowhere): a review then
    /// reports the new ones wherever they are.
    public let reachesUnchangedLines: Bool
    /// What the online link check is taken to have recorded when the examples are run (for a
    /// rule that judges links' statuses), by URL.
    public let exampleLinks: [String: LinkStatus]

    public init(id: String, summary: String, rationale: String, severity: Severity, options: [RuleOption] = [],
                triggering: [RuleExample], nonTriggering: [RuleExample], corrections: [RuleCorrection] = [],
                fixesAreGuesses: Bool = false, reachesUnchangedLines: Bool = false, exampleLinks: [String: LinkStatus] = [:]) {
        self.id = id
        self.summary = summary
        self.rationale = rationale
        self.severity = severity
        self.options = options
        self.triggering = triggering
        self.nonTriggering = nonTriggering
        self.corrections = corrections
        self.fixesAreGuesses = fixesAreGuesses
        self.reachesUnchangedLines = reachesUnchangedLines
        self.exampleLinks = exampleLinks
    }

    /// Whether the rule offers fixes.
    public var fixable: Bool { !corrections.isEmpty }
    /// Whether `vlmbot format` may apply the rule's fixes.
    public var formats: Bool { fixable && !fixesAreGuesses }
}

/// Everything a rule may consult besides the document: the vocabulary, its options, and the
/// lines under review.
public struct RuleContext: Sendable {
    public var vocabulary: Vocabulary
    public var options: [String: ConfigValue]
    /// The lines a change touched, when a change is reviewed; nil when the whole file is.
    /// A rule that relates two entries reports on the changed one and names the other.
    public var changedLines: ChangedLines?
    /// Facts about the document that rules share, so that each is worked out once.
    public var shared: SharedFacts
    /// What the online link check recorded, by `LinkStatus.key(_:)`; empty unless `--online`.
    public var links: [String: LinkStatus]

    public init(vocabulary: Vocabulary, options: [String: ConfigValue] = [:], changedLines: ChangedLines? = nil,
                shared: SharedFacts = SharedFacts(), links: [String: LinkStatus] = [:]) {
        self.vocabulary = vocabulary
        self.options = options
        self.changedLines = changedLines
        self.shared = shared
        self.links = links
    }
}

/// One check over a parsed list: a pure function of the document and the context.
public protocol Rule: Sendable {
    static var description: RuleDescription { get }

    /// The findings in one document, with this rule's id and default severity.
    func check(_ document: ListDocument, in context: RuleContext) -> [Finding]

    /// Whether the rule can judge these sections of a list (parsed for a change) only against
    /// the whole list, so the whole list must be parsed; false unless a rule says so.
    static func needsWholeList(_ sections: ListDocument) -> Bool
}

extension Rule {
    public static func needsWholeList(_ sections: ListDocument) -> Bool { false }

    /// A finding of this rule at its default severity.
    public func finding(_ message: String, at range: SourceRange, fix: Fix? = nil, related: [SourceRange] = []) -> Finding {
        Finding(rule: Self.description.id, severity: Self.description.severity, message: message,
                range: range, fix: fix, related: related)
    }
}

/// One option of a rule, typed: its declaration (name, default, summary), written once, and
/// how a configured value reads. A rule declares each as a static constant, lists their
/// declarations in its description, and reads them as `context[Self.option]`.
public struct OptionKey<Value: Sendable>: Sendable {
    public let declaration: RuleOption
    fileprivate let defaultValue: Value
    fileprivate let read: @Sendable (ConfigValue) -> Value?
}

extension OptionKey where Value == [String] {
    public init(_ name: String, default value: [String], _ summary: String) {
        self.init(declaration: RuleOption(name, default: .list(value), summary), defaultValue: value, read: { $0.listValue })
    }
}

extension OptionKey where Value == Int {
    public init(_ name: String, default value: Int, _ summary: String) {
        self.init(declaration: RuleOption(name, default: .int(value), summary), defaultValue: value, read: { $0.intValue })
    }
}

extension OptionKey where Value == Double {
    public init(_ name: String, default value: Double, _ summary: String) {
        self.init(declaration: RuleOption(name, default: .double(value), summary), defaultValue: value, read: { $0.doubleValue })
    }
}

extension OptionKey where Value == String {
    public init(_ name: String, default value: String, _ summary: String) {
        self.init(declaration: RuleOption(name, default: .string(value), summary), defaultValue: value, read: { $0.stringValue })
    }
}

extension RuleContext {
    /// An option's configured value, or its default.
    public subscript<Value>(_ option: OptionKey<Value>) -> Value {
        options[option.declaration.name].flatMap(option.read) ?? option.defaultValue
    }
}
