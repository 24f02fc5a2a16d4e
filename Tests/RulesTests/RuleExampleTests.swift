import Lists
import Rules
import Testing

/// Runs every rule's own examples: each triggering snippet is reported on exactly its marked
/// lines, each non-triggering snippet not at all.
@Suite struct RuleExampleTests {
    static let rules = Linter.allRules

    @Test(arguments: rules.map { type(of: $0).description.id })
    func examplesBehaveAsDocumented(ruleID: String) throws {
        let rule = try #require(Self.rules.first { type(of: $0).description.id == ruleID })
        let description = type(of: rule).description
        #expect(!description.triggering.isEmpty, "\(ruleID) has no triggering example")
        #expect(!description.nonTriggering.isEmpty, "\(ruleID) has no non-triggering example")
        for example in description.triggering {
            let findings = rule.check(ListParser.parse(example.text))
            #expect(findings.map(\.range.start.line).sorted() == example.markedLines,
                    "\(ruleID) on:\n\(example.text)")
            #expect(findings.allSatisfy { $0.rule == ruleID && $0.severity == description.severity })
        }
        for example in description.nonTriggering {
            let findings = rule.check(ListParser.parse(example.text))
            #expect(findings.isEmpty, "\(ruleID) reported \(findings.map(\.message)) on:\n\(example.text)")
        }
    }

    @Test func ruleIDsAreUniqueAndKebabCase() {
        let ids = Self.rules.map { type(of: $0).description.id }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.allSatisfy { $0.isLowercase || $0 == "-" } })
    }

    @Test func linterStampsPathsAndSorts() {
        let document = ListParser.parse("| T | C |\n|---|---|\n| a |\n| b | c | d |\n")
        let findings = Linter().lint(document, path: "lists/a.md")
        #expect(findings.map(\.range.start.line) == [3, 4])
        #expect(findings.allSatisfy { $0.path == "lists/a.md" })
    }
}
