import ArgumentParser
import Rules

/// `vlmbot rules`: lists the rules, or explains one with its examples.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules, or explain one with its examples."
    )

    @Argument(help: "A rule id to explain.")
    var ruleID: String?

    func run() throws {
        let descriptions = Linter.allRules.map { type(of: $0).description }
        guard let ruleID else {
            let width = descriptions.map(\.id.count).max() ?? 0
            for rule in descriptions {
                let id = rule.id.padding(toLength: width, withPad: " ", startingAt: 0)
                let severity = rule.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
                Terminal.output("\(id)  \(severity)  \(rule.summary)\n")
            }
            return
        }
        guard let rule = descriptions.first(where: { $0.id == ruleID }) else {
            throw VlmbotError("unknown rule '\(ruleID)'; 'vlmbot rules' lists them")
        }
        var text = "\(rule.id) (\(rule.severity.rawValue))\n\(rule.summary)\n"
        text += "\nReported (the marked lines):\n" + rule.triggering.map { indent($0.marked) }.joined(separator: "\n")
        text += "\nLeft alone:\n" + rule.nonTriggering.map { indent($0.marked) }.joined(separator: "\n")
        Terminal.output(text)
    }

    private func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "    \($0)" }.joined(separator: "\n") + "\n"
    }
}
