import Evidence
import Lists
import Settings

/// Runs the configured rules over parsed lists and orders what they find.
public struct Linter: Sendable {
    public let configuration: Configuration
    public let rules: [any Rule]
    /// What the online link check recorded, for the rules that judge links; empty offline.
    public var links: [String: LinkStatus] = [:]

    public init(configuration: Configuration, rules: [any Rule]) {
        self.configuration = configuration
        self.rules = rules
    }

    /// The rules the configuration does not turn off.
    public var enabledRules: [any Rule] {
        rules.filter { configuration.rules[type(of: $0).description.id]?.enabled ?? true }
    }

    /// The findings of every enabled rule in one document, at their configured severity,
    /// stamped with the document's path, without suppressed ones, in report order. With
    /// `changedLines`, only findings about changed lines are kept: a finding whose own lines or
    /// related lines (the other side of a duplicate) were touched. Rules are pure and share
    /// nothing but `SharedFacts`, so they run at the same time, one a core.
    public func lint(_ document: ListDocument, path: String, changedLines: ChangedLines? = nil) -> [Finding] {
        findings(document, path: path, changedLines: changedLines).filter { Self.concerns($0, changedLines) }
    }

    /// Every finding of the enabled rules, not filtered by the change: rules that relate two
    /// entries still report on the changed side when `changedLines` is given.
    private func findings(_ document: ListDocument, path: String, changedLines: ChangedLines?) -> [Finding] {
        let suppressions = Suppressions(document.source)
        let shared = SharedFacts()
        let enabled = enabledRules.map { rule in (rule: rule, setting: configuration.rules[type(of: rule).description.id] ?? RuleSetting()) }
        let perRule = ConcurrentMap.map(enabled) { rule, setting in
            let context = RuleContext(vocabulary: configuration.vocabulary, options: setting.options,
                                      changedLines: changedLines, shared: shared, links: links)
            return rule.check(document, in: context).compactMap { finding -> Finding? in
                guard !suppressions.covers(finding) else { return nil }
                var finding = finding
                finding.path = path
                // A configured severity replaces the rule's; a rule that softens some findings
                // (a cross-section duplicate is a warning) keeps doing so at its default.
                if let severity = setting.severity, severity != type(of: rule).description.severity {
                    finding.severity = severity
                }
                return finding
            }
        }
        return perRule.flatMap { $0 }.sorted(by: Finding.reportOrder)
    }

    private static func concerns(_ finding: Finding, _ changedLines: ChangedLines?) -> Bool {
        guard let changedLines else { return true }
        return Baseline.concerns(finding, changedLines)
    }

    /// The findings a change brings to one list: those of the list after the change about
    /// changed lines that the list before it did not have (`Baseline`). Both sides are linted
    /// whole (or as the same sections), so a judgement about the whole list reads the same in a
    /// change as in a check of the whole file.
    public func lintChange(_ document: ListDocument, base: ListDocument?, path: String,
                           changedLines: ChangedLines) -> [Finding] {
        let head = findings(document, path: path, changedLines: changedLines)
        let before = base.map { findings($0, path: path, changedLines: nil) } ?? []
        let distant = Set(rules.map { type(of: $0).description }.filter(\.reachesUnchangedLines).map(\.id))
        return Baseline.newFindings(head: head, in: document, base: before, in: base, changedLines: changedLines,
                                    rulesReachingUnchangedLines: distant)
    }
}
