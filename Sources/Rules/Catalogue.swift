import Engine
import EntryRules
import Evidence
import LinkRules
import MarkupRules
import Settings

/// The catalogue: every rule vlmbot has and the configuration checked against them.
extension Linter {
    /// Every rule vlmbot has, in the order `vlmbot rules` lists them.
    public static let allRules: [any Rule] = [
        EntrySchemaRule(),
        HeadingSpaceRule(),
        MalformedLinkRule(),
        EmptyLinkRule(),
        LinkURLRule(),
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

    /// A linter running every rule vlmbot has, as the configuration sets them.
    public init(configuration: Configuration) {
        self.init(configuration: configuration, rules: Linter.allRules)
    }

    /// What a configuration may say of each rule vlmbot has: its id and options.
    public static let schemas = allRules.map { rule in
        RuleSchema(id: type(of: rule).description.id, options: type(of: rule).description.options)
    }
}

extension Configuration {
    /// Reads a configuration (`rules/default.yml` or `.vlmbot.yml`) from YAML text, checked
    /// against vlmbot's rules; `file` names it in errors.
    public static func parse(_ yaml: String, file: String) throws(ConfigurationError) -> Configuration {
        try parse(yaml, file: file, rules: Linter.schemas)
    }

    /// vlmbot's own settings from the texts of its `rules/` folder, checked against its rules.
    public static func bundled(defaults: (text: String, file: String), vocabulary: (text: String, file: String),
                               words: String, profiles: [(text: String, file: String)]) throws(ConfigurationError) -> Configuration {
        try bundled(defaults: defaults, vocabulary: vocabulary, words: words, profiles: profiles, rules: Linter.schemas)
    }

    /// vlmbot's own settings from its `rules/` folder without list profiles, with the English
    /// word list the spelling rule names when `read` finds it: each file's text comes from
    /// `read`, so the caller does the reading (tests and the fuzzer, from the checkout).
    public static func bundled(in folder: String, read: (String) -> String?) throws(ConfigurationError) -> Configuration {
        func file(_ name: String) -> (text: String, file: String) {
            (read(folder + "/" + name) ?? "", "rules/\(name)")
        }
        let configuration = try bundled(defaults: file("default.yml"), vocabulary: file("vocabulary.yml"),
                                        words: file("words.txt").text, profiles: [])
        return SpellingRule.dictionaryPath(in: configuration)
            .flatMap(read)
            .map(configuration.withDictionary) ?? configuration
    }
}
