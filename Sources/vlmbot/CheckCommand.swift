import ArgumentParser
import Engine
import Format
import Reporters
import Rules
import Settings

extension Severity: ExpressibleByArgument {}

/// `vlmbot check`: lints lists and reports findings.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check paper lists and report what is wrong in them.",
        discussion: """
        With --base, only the lists the change touched are checked, and only findings on the \
        entries it added or edited are kept; duplicates are still looked for in the whole list. \
        With --base and --head, as for a pull request, .vlmbot.yml is read from the base commit: \
        a change to it applies after merge, and a note says so.

        With --online (or 'online: true' in .vlmbot.yml), every web link of the lists, or of the \
        changed lines, is asked whether it works, and the dead-link rule reports what answered \
        404 or 410, hosts that do not exist, unknown arXiv ids and DOIs (errors), links \
        unreachable after several tries (warnings), and hosts that refused a bot or links that \
        moved (notes). Results are kept in --link-cache for the next run (a week for a link that \
        works, a day for a dead one). VLMBOT_ARXIV_API and VLMBOT_DOI_API name other endpoints.

        Exit status: 0 when no finding is at or above --fail-on, 1 when one is, 2 when the \
        check could not be run (bad arguments, unreadable or non-UTF-8 file, bad configuration, \
        unknown git ref).
        """
    )

    @OptionGroup var lists: ListOptions
    @OptionGroup var change: ChangeOptions
    @OptionGroup var online: OnlineOptions

    @Option(help: "Output format: \(CheckFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: CheckFormat = .text

    @Option(name: .customLong("fail-on"), help: "The least severity that makes the check fail: error, warning or note.")
    var failOn: Severity = .error

    func run() async throws {
        let (report, choice) = try await CheckRun.report(lists: lists, change: change, online: online)
        Terminal.output(format.reporter().render(report))
        if format == .text, let notice = choice.notice { Terminal.output(notice + "\n") }
        if report.findings.contains(where: { $0.severity >= failOn }) {
            throw ExitCode(ExitCode.findings)
        }
    }
}
