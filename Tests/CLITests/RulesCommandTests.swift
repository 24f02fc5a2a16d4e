import Testing

@Suite struct RulesCommandTests {
    @Test func listsEveryRuleWithSeverityAndFixability() throws {
        let result = try CLIRunner.run(["rules"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("RULE") == true)
        let headingSpace = try #require(lines.first { $0.hasPrefix("heading-space ") })
        #expect(headingSpace.contains(" error ") && headingSpace.contains(" yes "))
        let schema = try #require(lines.first { $0.hasPrefix("entry-schema ") })
        #expect(schema.contains(" error "))
    }

    @Test func explainsOneRuleWithExamples() throws {
        let result = try CLIRunner.run(["rules", "heading-space"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("heading-space: "))
        #expect(result.stdout.contains("Reported (where marked ↓):"))
        #expect(result.stdout.contains("↓##Papers on Medical VQA"))
        #expect(result.stdout.contains("Fixed:"))
    }

    @Test func unknownRuleIsAnError() throws {
        let result = try CLIRunner.run(["rules", "no-such-rule"])
        #expect(result.status == 2)
        #expect(result.stderr == "vlmbot: unknown rule 'no-such-rule'; 'vlmbot rules' lists them\n")
    }
}
