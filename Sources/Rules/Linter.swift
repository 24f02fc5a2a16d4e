import Lists

/// Runs the configured rules over parsed lists and orders what they find.
public struct Linter: Sendable {
    /// Every rule vlmbot has, in the order `vlmbot rules` lists them.
    public static let allRules: [any Rule] = [
        EntrySchemaRule(),
        HeadingSpaceRule(),
        MalformedLinkRule(),
        EmptyLinkRule(),
        LiteralMarkupRule(),
        TocAnchorRule(),
        LeftoverArtifactRule(),
        WhitespaceRule(),
        VocabularyRule(),
        CodeLinkRule(),
        PlaceholderRule(),
        SignedUrlRule(),
        CategoryMismatchRule(),
        SectionPlacementRule(),
        SpellingRule(),
        DuplicateEntryRule(),
        DuplicateLinkRule(),
        YearMismatchRule(),
    ]

    /// The description of the rule with this id.
    public static func description(of id: String) -> RuleDescription? {
        allRules.lazy.map { type(of: $0).description }.first { $0.id == id }
    }

    public let configuration: Configuration
    public let rules: [any Rule]

    public init(configuration: Configuration, rules: [any Rule] = Linter.allRules) {
        self.configuration = configuration
        self.rules = rules
    }

    /// The findings of every enabled rule in one document, at their configured severity,
    /// stamped with the document's path, without suppressed ones, in report order. With
    /// `changedLines`, only findings about changed lines are kept: a finding whose own lines or
    /// related lines (the other side of a duplicate) were touched. Rules are pure and share
    /// nothing but `SharedFacts`, so they run at the same time, one a core.
    public func lint(_ document: ListDocument, path: String, changedLines: ChangedLines? = nil) -> [Finding] {
        let suppressions = Suppressions(document.source)
        let shared = SharedFacts()
        let enabled = rules.compactMap { rule -> (rule: any Rule, setting: RuleSetting)? in
            let setting = configuration.rules[type(of: rule).description.id] ?? RuleSetting()
            return setting.enabled ?? true ? (rule, setting) : nil
        }
        let perRule = ConcurrentMap.map(enabled) { rule, setting in
            let context = RuleContext(vocabulary: configuration.vocabulary, options: setting.options,
                                      changedLines: changedLines, shared: shared)
            return rule.check(document, in: context).compactMap { finding -> Finding? in
                guard !suppressions.covers(finding), Self.concerns(finding, changedLines) else { return nil }
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
        return ([finding.range] + finding.related).contains { changedLines.intersects($0.lines) }
    }
}
