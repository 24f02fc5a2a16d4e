import ArgumentParser
import Engine
import Foundation
import Lists
import Reporters
import Rules
import Settings
import Survey

/// `vlmbot init`: reads the repository's list and writes a commented `.vlmbot.yml` that
/// records what vlmbot inferred from it, then says how vlmbot reads the list.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a .vlmbot.yml for this repository that records how vlmbot reads its list.",
        discussion: """
        Reads the list (the repository's README.md unless named), checks it with vlmbot's \
        defaults and writes .vlmbot.yml at the repository root: the list to check, the category \
        set the list uses when vlmbot knows none that fits, and as comments what each table \
        column holds, the sections that repeat each other's papers and the rules that raise \
        findings today, ready to be turned off. An existing .vlmbot.yml is left alone unless \
        --force is given.

        Exit status: 0 written, 2 when it could not be (outside a repository, no list, a \
        .vlmbot.yml already there).
        """
    )

    @Argument(help: "The list file (default: README.md at the repository root).")
    var list: String?

    @Flag(help: "Replace an existing .vlmbot.yml.")
    var force = false

    func run() throws {
        let workspace = Workspace()
        _ = try workspace.requireRepository(for: "init")
        let target = workspace.root.appendingPathComponent(Configuration.fileName)
        if !force, FileManager.default.fileExists(atPath: target.path) {
            throw VlmbotError.file(Configuration.fileName, "already exists; 'vlmbot init --force' replaces it")
        }
        guard let chosen = try list.map(workspace.url(for:)) ?? workspace.readme() else {
            throw VlmbotError.usage("no README.md at the repository root; name the list: vlmbot init LIST")
        }
        let (url, path) = try workspace.inside(chosen, given: list ?? chosen.lastPathComponent)
        let source = try ListFile.read(url, displayPath: path)
        let defaults = try DefaultSettings.withDictionary(try DefaultSettings.configuration())
        let profile = defaults.profile(forPath: path)
        let document = ListParser.parse(source, profile: profile)
        let findings = Linter(configuration: defaults).lint(document, path: path)
        let survey = ListSurvey(document: document, path: path, findings: findings, configuration: defaults, profile: profile)
        let text = survey.configurationText()
        // What init writes must be what check reads: a configuration that did not parse would
        // stop every later run.
        do throws(ConfigurationError) {
            _ = try Configuration.parse(text, file: Configuration.fileName)
        } catch {
            throw VlmbotError.usage("the configuration init made does not read back (\(error)); nothing was written")
        }
        try ListWriter.create(target, displayPath: Configuration.fileName, bytes: Array(text.utf8), replacing: force)
        Terminal.output(survey.summary + "wrote \(Configuration.fileName); 'vlmbot check' now checks \(ControlCharacters.escaped(path))\n")
    }
}
