import Engine
import Lists
import Rules
import Settings
import Testing

@Suite struct ConfigurationTests {
    @Test func readsLists() throws {
        let configuration = try Configuration.parse("version: 1\nlists:\n  - seeds/\n  - README.md\n", file: ".vlmbot.yml")
        #expect(configuration.lists == ["seeds/", "README.md"])
        let merged = Configuration(lists: ["a.md"]).merged(with: try Configuration.parse(
            "rules:\n  entry-schema:\n    severity: note\nvocabulary:\n  categories: [[Human, Animal]]\n  words: [LLaVA]\n", file: "b.yml"))
        #expect(merged.lists == ["a.md"])
        #expect(merged.rules["entry-schema"] == RuleSetting(severity: .note))
        #expect(merged.vocabulary.categories == [["Human", "Animal"]])
        #expect(merged.vocabulary.words == ["LLaVA"])
        #expect(try Configuration.parse("", file: "empty.yml") == Configuration())
    }

    /// Each default is written once: `rules/default.yml` restates no rule's own severity, no
    /// `enabled: true` and no option at its declared value.
    @Test func theBundledDefaultsRestateNothingTheRulesDeclare() throws {
        #expect(Self.restated(in: DefaultRules.configuration).isEmpty)
        let restating = try Configuration.parse("""
            rules:
              whitespace:
                enabled: true
                severity: note
                options:
                  maximum-blank-lines: 2
              spelling:
                severity: error
            """, file: "restating.yml")
        #expect(Self.restated(in: restating) == ["whitespace enabled", "whitespace maximum-blank-lines", "whitespace severity"])
    }

    /// The settings of `configuration` that say what the rules declare anyway.
    static func restated(in configuration: Configuration) -> [String] {
        configuration.rules.flatMap { id, setting -> [String] in
            guard let description = Linter.description(of: id) else { return [] }
            var restated: [String] = []
            if setting.enabled == true { restated.append("\(id) enabled") }
            if setting.severity == description.severity { restated.append("\(id) severity") }
            for (name, value) in setting.options where description.options.first(where: { $0.name == name })?.defaultValue == value {
                restated.append("\(id) \(name)")
            }
            return restated
        }.sorted()
    }

    /// Option names are kebab-case; an older camelCase name still reads, with a notice that
    /// names the file and line, and a name neither way is an error.
    @Test func renamedOptionsReadWithANotice() throws {
        let current = try Configuration.parse("rules:\n  entry-schema:\n    options:\n      earliest-year: 1990\n", file: "a.yml")
        #expect(current.rules["entry-schema"]?.options["earliest-year"] == .int(1990))
        #expect(current.notices.isEmpty)
        let old = try Configuration.parse("rules:\n  entry-schema:\n    options:\n      earliestYear: 1990\n", file: "b.yml")
        #expect(old.rules == current.rules)
        #expect(old.notices == ["b.yml:4: 'rules.entry-schema.options.earliestYear' is now 'rules.entry-schema.options.earliest-year'; "
                                + "the old name still reads, rename it"])
        #expect(Configuration().merged(with: old).notices == old.notices)
        #expect(throws: ConfigurationError.self) {
            try Configuration.parse("rules:\n  entry-schema:\n    options:\n      earliestYears: 1990\n", file: "c.yml")
        }
    }

    @Test(arguments: [
        ("version: 1\nlist: [a.md]\n", 2, "unknown key 'list'"),
        ("version: 2\n", 1, "'version' must be 1"),
        ("lists: a.md\n", 1, "'lists' must be a list of strings"),
        ("lists:\n  - [a]\n", 2, "'lists' must be a list of strings"),
        ("lists: []\n", 1, "'lists' must be a non-empty list"),
        ("rules:\n  no-such-rule: true\n", 2, "unknown rule 'no-such-rule'"),
        ("rules:\n  entry-schema:\n    severity: fatal\n", 3, "'rules.entry-schema.severity' must be error, warning or note"),
        ("rules:\n  entry-schema:\n    colour: red\n", 3, "unknown key 'rules.entry-schema.colour'"),
        ("rules:\n  entry-schema:\n    enabled: maybe\n", 3, "'rules.entry-schema.enabled' must be true or false"),
        ("rules:\n  entry-schema:\n    options:\n      nope: 1\n", 4, "unknown key 'rules.entry-schema.options.nope'"),
        ("vocabulary:\n  categories: [[A, B]]\n  colours: []\n", 3, "unknown key 'vocabulary.colours'"),
        ("vocabulary:\n  evidence:\n    Medical: x-ray\n", 3, "'vocabulary.evidence.Medical' must be a list of strings"),
        ("- a\n", 1, "expected a mapping"),
        ("lists: [a.md\n", 2, "not valid YAML"),
    ])
    func errorsNameFileLineAndKey(yaml: String, line: Int, message: String) {
        #expect {
            try Configuration.parse(yaml, file: "conf.yml")
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.file == "conf.yml" && error.line == line && error.description.contains(message)
                && error.description.hasPrefix("conf.yml:\(line): ")
        }
    }
}

@Suite struct ProfileConfigurationTests {
    @Test func profilesMatchPathsAndRepositoryOnesWin() throws {
        let bundled = try ProfileSetting.parse("version: 1\nmatch: [\"lists/*.md\"]\ncolumns:\n  category: [Type]\n", file: "p.yml")
        let repository = try Configuration.parse("profiles:\n  - match: [\"lists/a.md\"]\n    columns:\n      title: [Work]\n", file: ".vlmbot.yml")
        let merged = Configuration(profiles: [bundled]).merged(with: repository)
        #expect(merged.profile(forPath: "lists/a.md") == ListProfile(titleColumns: ["Work"]))
        #expect(merged.profile(forPath: "lists/b.md") == ListProfile(categoryColumns: ["Type"]))
        #expect(merged.profile(forPath: "README.md") == .none)
    }

    @Test func profileErrorsNameFileAndLine() {
        #expect {
            try ProfileSetting.parse("match: [a.md]\ncolumns:\n  colour: [X]\n", file: "p.yml")
        } throws: { error in
            (error as? ConfigurationError)?.description == "p.yml:3: unknown key 'columns.colour' (known keys: category, title)"
        }
    }
}
