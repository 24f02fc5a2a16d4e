import Engine
import Format
import Lists
import Markdown
import Rules
import Testing

/// Runs every rule's own examples with the bundled configuration: each triggering snippet is
/// reported once at each of its marks (with CRLF endings and after a prefix too, and not at all
/// when the rule is turned off), each non-triggering snippet not at all, and each correction's
/// fixes turn its snippet into the expected text.
@Suite struct RuleExampleTests {
    static let ids = Linter.allRules.map { type(of: $0).description.id }

    static func rule(_ id: String) throws -> (any Rule, RuleDescription) {
        let rule = try #require(Linter.allRules.first { type(of: $0).description.id == id })
        return (rule, type(of: rule).description)
    }

    @Test(arguments: ids)
    func triggeringExamplesAreReportedAtTheirMarks(id: String) throws {
        let (rule, description) = try Self.rule(id)
        #expect(!description.triggering.isEmpty, "\(id) has no triggering example")
        for example in description.triggering {
            let findings = rule.check(ListParser.parse(example.text), in: DefaultRules.context(for: description))
            // One finding a mark: at the mark's column, or anywhere on its line for a mark that
            // opens the line; a finding elsewhere, or twice for one mark, fails.
            let lineMarks = Set(example.markedPositions.filter { $0.column == 1 }.map(\.line))
            func place(_ line: Int, _ column: Int) -> String { lineMarks.contains(line) ? "\(line)" : "\(line):\(column)" }
            let found = findings.map { place($0.range.start.line, $0.range.start.column) }.sorted()
            let marked = example.markedPositions.map { place($0.line, $0.column) }.sorted()
            #expect(found == marked, "\(id) on:\n\(example.text)\nfound: \(findings.map { "\($0.range.start) \($0.message)" })")
            // A rule may soften a finding below its declared severity, never raise it above.
            #expect(findings.allSatisfy { $0.rule == id && $0.severity <= description.severity && !$0.message.isEmpty })
        }
    }

    /// Each triggering example read as a list's text may really be: with CRLF line endings,
    /// after a comment holding multibyte characters, and under a directive that turns the rule
    /// off. The findings move with the text, and the directive silences them.
    @Test(arguments: ids)
    func triggeringExamplesHoldInEveryEncoding(id: String) throws {
        let (rule, description) = try Self.rule(id)
        var linter = Linter(configuration: DefaultRules.configuration, rules: [rule])
        linter.links = description.exampleLinks
        func places(_ text: String, _ lineShift: Int = 0) -> [String] {
            linter.lint(ListParser.parse(text), path: "a").map { "\($0.range.start.line - lineShift):\($0.range.start.column)" }.sorted()
        }
        for example in description.triggering {
            let plain = places(example.text)
            #expect(!plain.isEmpty, "\(id) on:\n\(example.text)")
            #expect(places(example.text.replacing("\n", with: "\r\n")) == plain, "\(id) with CRLF on:\n\(example.text)")
            #expect(places("<!-- 📚 Ünïcode prefix -->\n\n" + example.text, 2) == plain, "\(id) after a prefix on:\n\(example.text)")
            #expect(places("<!-- vlmbot-disable \(id) -->\n\n" + example.text).isEmpty, "\(id) disabled on:\n\(example.text)")
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

/// Runs every canonical form's own examples, as the rules' are run: each triggering snippet is
/// reported once at each mark with the form turned on, each non-triggering one not at all, and
/// each correction's fixes turn its snippet into the expected text.
@Suite struct CanonicalFormExampleTests {
    static let ids = CanonicalForm.all.map(\.description.id)

    @Test(arguments: ids)
    func examplesAndCorrectionsHold(id: String) throws {
        let form = try #require(CanonicalForm.named(id))
        for example in form.description.triggering {
            let found = form.findings(in: ListParser.parse(example.text)).map { "\($0.range.start.line):\($0.range.start.column)" }
            let marked = example.markedPositions.map { "\($0.line):\($0.column)" }
            #expect(found.sorted() == marked.sorted(), "\(id) on:\n\(example.text)")
        }
        for example in form.description.nonTriggering {
            #expect(form.findings(in: ListParser.parse(example.text)).isEmpty, "\(id) on:\n\(example.text)")
        }
        #expect(!form.description.corrections.isEmpty)
        for correction in form.description.corrections {
            let document = ListParser.parse(correction.before)
            let fixes = form.findings(in: document).compactMap(\.fix)
            #expect(String(decoding: FixApplier.apply(fixes, to: document.source), as: UTF8.self) == correction.after, "\(id)")
        }
        #expect(Linter.description(of: id) == nil, "\(id) is a form, not a rule")
    }
}
