import ArgumentParser
import Engine
import Format
import Rules
import Settings

/// `vlmbot rules`: lists the rules, or explains one with its examples.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules, or explain one with its options and examples."
    )

    @Argument(help: "A rule id to explain.")
    var ruleID: String?

    func run() throws {
        let descriptions = Linter.allRules.map { type(of: $0).description }
        guard let ruleID else {
            let width = (descriptions + CanonicalForm.all.map(\.description)).map(\.id.count).max() ?? 0
            Terminal.output(row("RULE", "SEVERITY", "FIX", "SUMMARY", width: width))
            for rule in descriptions {
                Terminal.output(row(rule.id, rule.severity.rawValue, rule.fixable ? "yes" : "-", rule.summary, width: width))
            }
            Terminal.output("\nCanonical forms `vlmbot format` writes where a list profile's `format:` asks for them:\n")
            for form in CanonicalForm.all {
                let rule = form.description
                Terminal.output(row(rule.id, rule.severity.rawValue, "yes", rule.summary, width: width))
            }
            return
        }
        if let form = CanonicalForm.named(ruleID) {
            Terminal.output(explanation(of: form.description)
                            + "\nTurned on for a list by `format: {\(form.profileKey): true}` in its profile.\n")
            return
        }
        guard let rule = Linter.description(of: ruleID) else {
            throw VlmbotError.usage("unknown rule '\(ruleID)'; 'vlmbot rules' lists them")
        }
        Terminal.output(explanation(of: rule))
    }

    private func row(_ id: String, _ severity: String, _ fix: String, _ summary: String, width: Int) -> String {
        id.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
            + severity.padding(toLength: 8, withPad: " ", startingAt: 0) + "  "
            + fix.padding(toLength: 3, withPad: " ", startingAt: 0) + "  " + summary + "\n"
    }

    private func explanation(of rule: RuleDescription) -> String {
        var text = "\(rule.id): \(rule.summary)\n\nDefault severity: \(rule.severity.rawValue). "
            + (rule.fixable ? "Offers fixes.\n" : "Offers no fix.\n") + "\n\(rule.rationale)\n"
        if !rule.options.isEmpty {
            text += "\nOptions (rules.\(rule.id).options in .vlmbot.yml):\n"
            text += rule.options.map { "  \($0.name): \($0.summary) Default: \(describe($0.defaultValue)).\n" }.joined()
        }
        text += "\nReported (where marked ↓):\n" + rule.triggering.map { indent($0.marked) }.joined(separator: "\n")
        text += "\nLeft alone:\n" + rule.nonTriggering.map { indent($0.marked) }.joined(separator: "\n")
        for correction in rule.corrections {
            text += "\nFixed:\n" + indent(correction.before) + "  becomes:\n" + indent(correction.after)
        }
        return text
    }

    private func describe(_ value: ConfigValue) -> String {
        switch value {
        case .bool(let flag): String(flag)
        case .int(let number): String(number)
        case .double(let number): String(number)
        case .string(let string): "'\(string)'"
        case .list(let items): items.isEmpty ? "[]" : "[" + items.joined(separator: ", ") + "]"
        }
    }

    private func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "    \($0)" }.joined(separator: "\n") + "\n"
    }
}
