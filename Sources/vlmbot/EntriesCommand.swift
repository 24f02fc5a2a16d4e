import ArgumentParser
import Lists
import Reporters
import Settings

/// The output formats of `vlmbot entries`.
enum EntriesFormat: String, ExpressibleByArgument, CaseIterable {
    case json, tsv
}

/// `vlmbot entries`: prints the entries vlmbot recognises in one list.
struct EntriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entries",
        abstract: "Print the entries of a list with their facts and lines."
    )

    @Argument(help: "A list file.")
    var path: String

    @Option(help: "Output format: json or tsv.")
    var format: EntriesFormat = .json

    @OptionGroup var configFile: ConfigOption

    func run() throws {
        let workspace = Workspace()
        let settings = try workspace.settings(explicitFile: configFile.config)
        let files = try ListFile.resolve([path], in: workspace)
        guard files.count == 1, let file = files.first else {
            throw VlmbotError.file(path, "a folder; 'vlmbot entries' takes one list file")
        }
        let document = ListParser.parse(file.source, profile: settings.configuration.profile(forPath: file.displayPath))
        switch format {
        case .json: Terminal.output(EntriesReporter.json(document, path: file.displayPath))
        case .tsv: Terminal.output(EntriesReporter.tsv(document.entries))
        }
    }
}
