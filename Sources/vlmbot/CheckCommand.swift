import ArgumentParser
import Lists
import Reporters
import Rules

extension Severity: ExpressibleByArgument {}

/// `vlmbot check`: lints lists and reports findings.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check paper lists and report what is wrong in them.",
        discussion: """
        Exit status: 0 when no finding is at or above --fail-on, 1 when one is, 2 when the \
        check could not be run (bad arguments, unreadable or non-UTF-8 file, bad configuration).
        """
    )

    @Argument(help: "List files or folders of lists (default: the lists named in .vlmbot.yml).")
    var paths: [String] = []

    @Option(help: "Output format: \(CheckFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: CheckFormat = .text

    @Option(help: "A configuration file to use instead of the .vlmbot.yml found upward.")
    var config: String?

    @Option(name: .customLong("fail-on"), help: "The least severity that makes the check fail: error, warning or note.")
    var failOn: Severity = .error

    func run() throws {
        let workspace = Workspace()
        let settings = try workspace.settings(explicitFile: config)
        let files = try ListFile.resolve(try listPaths(settings, in: workspace), in: workspace)
        let linter = Linter(configuration: settings.configuration)
        var checked: [CheckedFile] = []
        var findings: [Finding] = []
        for file in files {
            let document = ListParser.parse(file.source, profile: settings.configuration.profile(forPath: file.displayPath))
            checked.append(CheckedFile(path: file.displayPath, entryCount: document.entries.count, source: file.source))
            findings += linter.lint(document, path: file.displayPath)
        }
        let report = Report(files: checked, findings: findings)
        Terminal.output(format.reporter().render(report))
        if report.findings.contains(where: { $0.severity >= failOn }) {
            throw ExitCode(ExitCode.findings)
        }
    }

    /// The paths given, or else those the configuration names, relative to its folder.
    private func listPaths(_ settings: Settings, in workspace: Workspace) throws(VlmbotError) -> [String] {
        if !paths.isEmpty { return paths }
        guard let file = settings.file else {
            throw VlmbotError("no list given and no \(Configuration.fileName) found from here up to the repository root; name a list file or folder")
        }
        guard !settings.repositoryLists.isEmpty else {
            throw VlmbotError("\(workspace.displayPath(of: file, given: file.path)): names no lists; add 'lists: [README.md]' or name a list")
        }
        let folder = file.deletingLastPathComponent()
        return settings.repositoryLists.map { folder.appendingPathComponent($0).path }
    }
}
