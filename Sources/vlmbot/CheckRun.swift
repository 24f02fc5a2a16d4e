import ArgumentParser
import Engine
import Foundation
import Lists
import Markdown
import Reporters
import Rules
import Settings

/// The lists a command reads: paths, or the configuration's lists.
struct ListOptions: ParsableArguments {
    @Argument(help: "List files or folders of lists (default: the lists named in .vlmbot.yml).")
    var paths: [String] = []

    @OptionGroup var configFile: ConfigOption

    var config: String? { configFile.config }
}

/// The configuration file a command reads instead of the one found upward.
struct ConfigOption: ParsableArguments {
    @Option(help: "A configuration file to use instead of the .vlmbot.yml found upward.")
    var config: String?
}

/// The change a command reviews, if any.
struct ChangeOptions: ParsableArguments {
    @Option(help: "Review only what changed since REF (a branch, tag or commit): against the working tree, or against --head.")
    var base: String?

    @Option(help: "With --base: review the merge base of --base and this REF against this REF, as GitHub shows a pull request.")
    var head: String?

    @Flag(help: "Review the staged changes against HEAD (for a pre-commit hook).")
    var staged = false

    func validate() throws {
        if head != nil, base == nil { throw ValidationError("--head needs --base") }
        if staged, base != nil { throw ValidationError("--staged cannot be combined with --base") }
    }

    var selection: ChangeSelection? {
        if staged { return .staged }
        guard let base else { return nil }
        return head.map { .commits(base: base, head: $0) } ?? .workingTree(base: base)
    }
}

/// The lists a run reads, and the README it chose when no list was named or configured.
struct ListChoice {
    let paths: [String]
    /// The repository's README, as reported, when vlmbot chose it for want of a configuration.
    let readme: String?

    /// The line that says which list a run with no configuration checked.
    var notice: String? {
        readme.map { "checked \(ControlCharacters.escaped($0)); add \(Configuration.fileName) to choose other files" }
    }
}

/// One list a check reads: the document, its base in a change, and what the report says of the file.
struct ListUnit {
    let document: ListDocument
    let base: ListDocument?
    let path: String
    /// The lines a change touched; nil when the whole list is checked.
    let changedLines: ChangedLines?
    let file: CheckedFile
}

/// Checks lists, whole or as a change touched them, and gathers the report.
enum CheckRun {
    /// The rule id of the note on a change to the configuration a pull request cannot apply to itself.
    static let configurationChangeRule = "configuration-change"

    /// The report of a check. A pull request (`--base` with `--head`, or every change with
    /// `baseConfiguration`, as a review) is checked with the configuration of its base: a
    /// change cannot turn off the rules it is checked with or point them at other files.
    /// Online, the links the dead-link rule judges are asked about before the rules run.
    static func report(lists: ListOptions, change: ChangeOptions, online: OnlineOptions = OnlineOptions(),
                       baseConfiguration: Bool = false) async throws(VlmbotError) -> (report: Report, choice: ListChoice) {
        let workspace = Workspace()
        let trustedRevision = change.head != nil || baseConfiguration ? change.base : nil
        let settings = try workspace.settings(explicitFile: lists.config, at: trustedRevision)
        // The base's lists may be gone from the head: a change may have moved or deleted them.
        let choice = try listPaths(lists, settings, in: workspace)
        let (locations, gone) = try ListFile.locate(choice.paths, in: workspace, allowingGone: trustedRevision != nil)
        var linter = Linter(configuration: settings.configuration)
        var units: [ListUnit] = []
        var reader: ChangeReader?
        if let selection = change.selection {
            let repository = try workspace.requireRepository(for: change.staged ? "--staged" : "--base")
            var changes = ChangeReader(repository: repository, selection: selection)
            for list in try changes.changedLists(among: locations, gone: gone, in: workspace) {
                let profile = settings.configuration.profile(forPath: list.displayPath)
                let document = linter.document(list.source, around: list.hunks, profile: profile, wholeListBytes: wholeListBytes)
                let baseDocument = list.baseSource.map {
                    linter.document($0, around: list.baseHunks, profile: profile, wholeListBytes: wholeListBytes)
                }
                units.append(ListUnit(document: document, base: baseDocument, path: list.displayPath, changedLines: list.changedLines,
                                      file: CheckedFile(path: list.displayPath, entryCount: document.entries.count, source: list.source,
                                                        changes: EntryChanges(base: baseDocument?.entries ?? [], head: document.entries,
                                                                              changedLines: list.changedLines),
                                                        diffHunks: list.hunks)))
            }
            reader = changes
        } else {
            for location in locations {
                let source = try ListFile.read(location.url, displayPath: location.displayPath)
                let document = ListParser.parse(source, profile: settings.configuration.profile(forPath: location.displayPath))
                units.append(ListUnit(document: document, base: nil, path: location.displayPath, changedLines: nil,
                                      file: CheckedFile(path: location.displayPath, entryCount: document.entries.count, source: source)))
            }
        }
        if online.isOn(settings.configuration) {
            linter.links = try await online.statuses(of: units, linter: linter, in: workspace)
        }
        var findings: [Finding] = units.flatMap { unit in
            unit.changedLines.map { linter.lintChange(unit.document, base: unit.base, path: unit.path, changedLines: $0) }
                ?? linter.lint(unit.document, path: unit.path)
        }
        if let trustedRevision, let reader {
            findings += workspace.configurationPaths(named: lists.config).filter(reader.changedPaths.contains).prefix(1).map { path in
                Finding(rule: configurationChangeRule, severity: .note,
                        message: "This change to \(path) applies after merge: a pull request is checked with the "
                            + "configuration of its base (\(trustedRevision)).",
                        path: path, range: SourceRange(start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 1)))
            }
        }
        return (Report(files: units.map(\.file), findings: findings, links: links(commit: reader?.headCommit?.description)), choice)
    }

    /// The paths given, or else those the configuration names, relative to its folder, or
    /// with no configuration, the repository's README.
    static func listPaths(_ lists: ListOptions, _ settings: RunSettings, in workspace: Workspace) throws(VlmbotError) -> ListChoice {
        if !lists.paths.isEmpty { return ListChoice(paths: lists.paths, readme: nil) }
        guard let file = settings.file else {
            guard workspace.isInRepository else {
                throw VlmbotError.usage("no list given and no \(Configuration.fileName) found, and \(workspace.workingDirectory.path) is not in a git repository; name a list file (vlmbot check README.md) or run vlmbot inside the list's repository")
            }
            guard let readme = try workspace.readme() else {
                throw VlmbotError.usage("no list given and no \(Configuration.fileName) found from here up, and no README.md at the repository root; name a list file or folder, or run 'vlmbot init LIST'")
            }
            return ListChoice(paths: [readme.path], readme: workspace.displayPath(of: readme, given: readme.lastPathComponent))
        }
        guard !settings.repositoryLists.isEmpty else {
            throw VlmbotError.file(workspace.displayPath(of: file, given: file.path), "names no lists; add 'lists: [README.md]' or name a list")
        }
        let folder = file.deletingLastPathComponent()
        return ListChoice(paths: settings.repositoryLists.map { folder.appendingPathComponent($0).path }, readme: nil)
    }

    /// The size up to which a changed list is parsed whole (`Linter.wholeListBytes`);
    /// `VLMBOT_WHOLE_LIST_BYTES` sets another (0 parses every list by sections).
    private static let wholeListBytes: Int = {
        let setting = ProcessInfo.processInfo.environment["VLMBOT_WHOLE_LIST_BYTES"].flatMap { Int($0) }
        return max(0, setting ?? Linter.wholeListBytes)
    }()

    /// Links to lines on GitHub, when running in GitHub Actions.
    private static func links(commit: String?) -> SourceLinks? {
        let environment = ProcessInfo.processInfo.environment
        guard let repository = environment["GITHUB_REPOSITORY"], !repository.isEmpty,
              let sha = commit ?? environment["GITHUB_SHA"], !sha.isEmpty else { return nil }
        return SourceLinks(server: environment["GITHUB_SERVER_URL"] ?? "https://github.com", repository: repository, commit: sha)
    }
}
