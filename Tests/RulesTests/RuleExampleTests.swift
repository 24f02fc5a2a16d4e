import Lists
import Markdown
import Format
import Rules
import Testing

/// Runs every rule's own examples with the bundled configuration: each triggering snippet is
/// reported on exactly its marked lines, each non-triggering snippet not at all, and each
/// correction's fixes turn its snippet into the expected text.
@Suite struct RuleExampleTests {
    static let ids = Linter.allRules.map { type(of: $0).description.id }

    static func rule(_ id: String) throws -> (any Rule, RuleDescription) {
        let rule = try #require(Linter.allRules.first { type(of: $0).description.id == id })
        return (rule, type(of: rule).description)
    }

    @Test(arguments: ids)
    func triggeringExamplesAreReportedOnTheirMarkedLines(id: String) throws {
        let (rule, description) = try Self.rule(id)
        #expect(!description.triggering.isEmpty, "\(id) has no triggering example")
        for example in description.triggering {
            let findings = rule.check(ListParser.parse(example.text), in: DefaultRules.context(for: description))
            #expect(Set(findings.map(\.range.start.line)) == Set(example.markedLines), "\(id) on:\n\(example.text)\nfound: \(findings.map(\.message))")
            // A rule may soften a finding below its declared severity, never raise it above.
            #expect(findings.allSatisfy { $0.rule == id && $0.severity <= description.severity && !$0.message.isEmpty })
        }
    }

    @Test(arguments: ids)
    func nonTriggeringExamplesAreLeftAlone(id: String) throws {
        let (rule, description) = try Self.rule(id)
        #expect(!description.nonTriggering.isEmpty, "\(id) has no non-triggering example")
        for example in description.nonTriggering {
            let findings = rule.check(ListParser.parse(example.text), in: DefaultRules.context(for: description))
            #expect(findings.isEmpty, "\(id) reported \(findings.map(\.message)) on:\n\(example.text)")
        }
    }

    @Test(arguments: ids)
    func correctionsApplyExactly(id: String) throws {
        let (rule, description) = try Self.rule(id)
        for correction in description.corrections {
            let document = ListParser.parse(correction.before)
            let fixes = rule.check(document, in: DefaultRules.context(for: description)).compactMap(\.fix)
            #expect(!fixes.isEmpty, "\(id) offers no fix on:\n\(correction.before)")
            let fixed = String(decoding: FixApplier.apply(fixes, to: document.source), as: UTF8.self)
            #expect(fixed == correction.after, "\(id) fixed:\n\(correction.before)\ninto:\n\(fixed)")
        }
        let fixesOutsideCorrections = description.triggering.contains { example in
            rule.check(ListParser.parse(example.text), in: DefaultRules.context(for: description)).contains { $0.fix != nil }
        }
        #expect(!fixesOutsideCorrections || description.fixable, "\(id) offers fixes but documents no correction")
    }

    /// `vlmbot format` does not run a rule whose fixes are declared guesses: none of its
    /// examples may offer a certain fix.
    @Test(arguments: ids)
    func aRuleOfGuessesOffersNoCertainFix(id: String) throws {
        let (rule, description) = try Self.rule(id)
        guard description.fixesAreGuesses else { return }
        let examples = description.triggering.map(\.text) + description.corrections.map(\.before)
        for text in examples {
            let fixes = rule.check(ListParser.parse(text), in: DefaultRules.context(for: description)).compactMap(\.fix)
            #expect(fixes.allSatisfy { !$0.isCertain }, "\(id) offers a certain fix on:\n\(text)")
        }
    }

    @Test func ruleIDsAreUniqueAndKebabCase() {
        #expect(Set(Self.ids).count == Self.ids.count)
        #expect(Self.ids.allSatisfy { $0.allSatisfy { $0.isLowercase || $0 == "-" } })
    }
}
