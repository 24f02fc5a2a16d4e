import ArgumentParser
import Authoring
import Engine
import Foundation
import Format
import Git
import GitHub
import Lookup
import Markdown
import Metadata
import Reporters
import Rules
import Settings

/// `vlmbot add`: writes papers into a list from their identifiers, in the list's own style.
struct AddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add papers to a list from their arXiv id, DOI or BibTeX, in the list's own style.",
        discussion: """
        SOURCE is an arXiv id or URL (2401.12345, arXiv:2401.12345v2, https://arxiv.org/abs/…), \
        a DOI or DOI URL, a BibTeX file (.bib), or - for BibTeX on standard input. Metadata comes \
        from arXiv's API and Crossref (VLMBOT_ARXIV_API and VLMBOT_CROSSREF_API override their \
        URLs); BibTeX needs no network. Each paper is written after the form of an entry of its \
        section, placed where the section's order puts it, and kept only when vlmbot reads it \
        back as the paper and check and format leave it alone. Several papers are written \
        together or not at all.

        Exit status: 0 added (or, with --dry-run, would be), 1 already listed (nothing written), \
        2 could not be done (no metadata, no clear section, no entry to follow, bad arguments).
        """
    )

    @Argument(help: "arXiv ids or URLs, DOIs or DOI URLs, BibTeX files, or - for BibTeX on standard input.")
    var sources: [String] = []

    @Option(help: "The list to add to (default: the one list .vlmbot.yml names, else README.md).")
    var to: String?

    @Option(help: "The section to add to, by its heading (case and punctuation do not matter).")
    var section: String?

    @Option(help: "The paper's code repository.")
    var code: String?

    @Flag(help: "Change nothing; print the change as a unified diff.")
    var dryRun = false

    @Option(help: "Output format: text or json.")
    var format: AddFormat = .text

    @OptionGroup var configFile: ConfigOption

    @Option(help: "Read the paper from an issue form's `issues` event (GITHUB_EVENT_PATH's file) instead of SOURCE.")
    var issue: String?

    @Flag(help: "With --issue: open a pull request that adds the paper and closes the issue, or comment on the issue why not.")
    var post = false

    func validate() throws {
        if issue != nil {
            guard sources.isEmpty, code == nil, section == nil else {
                throw ValidationError("--issue reads the paper, its code and its section from the issue: give no SOURCE, --code or --section")
            }
        } else {
            guard !sources.isEmpty else { throw ValidationError("name at least one SOURCE (an arXiv id, a DOI or a .bib file)") }
            if post { throw ValidationError("--post needs --issue") }
        }
        if post, dryRun { throw ValidationError("--dry-run writes nothing and --post opens a pull request: give one of them") }
        if let code, !PaperAddInput.isWebURL(code) { throw ValidationError("--code \(code): not an http or https URL") }
        if code != nil, sources.count > 1 { throw ValidationError("--code names one paper's code: add that paper on its own") }
    }

    func run() async throws {
        guard let issue else {
            let addition = try await add(sources: sources, code: code, section: section)
            try finish(addition, write: !dryRun)
            return
        }
        let suggestion: PaperSuggestion
        let data = try Self.eventData(issue)
        do {
            suggestion = try PaperSuggestion.read(event: data, path: issue)
        } catch {
            try await tellIssue(data: data, path: issue, "vlmbot could not read this suggestion: \(error.description)")
            throw VlmbotError.gitHub(error.description)
        }
        // Only identifiers come from an issue: a path there would make vlmbot read a file of the runner.
        switch PaperSource(suggestion.paper) {
        case .arxiv, .doi: break
        default:
            let reason = "the paper field (\(ControlCharacters.escaped(suggestion.paper))) is not an arXiv id or URL, nor a DOI"
            try await tellIssue(data: data, path: issue, "vlmbot could not add this paper: \(reason).")
            throw VlmbotError.usage("add: \(reason)")
        }
        let addition: PendingAddition
        do {
            addition = try await add(sources: [suggestion.paper], code: suggestion.code, section: suggestion.section)
        } catch {
            try await tellIssue(data: data, path: issue, "vlmbot could not add this paper: \(error.description)")
            throw error
        }
        guard post else {
            try finish(addition, write: !dryRun)
            return
        }
        try await propose(addition, for: suggestion)
    }

    /// The papers read and written into the list in memory; nothing is written yet.
    private func add(sources: [String], code: String?, section: String?) async throws(VlmbotError) -> PendingAddition {
        let workspace = Workspace()
        let settings = try workspace.settings(explicitFile: configFile.config)
        var lists = ListOptions()
        lists.paths = to.map { [$0] } ?? []
        let choice = try CheckRun.listPaths(lists, settings, in: workspace)
        let files = try ListFile.locate(choice.paths, in: workspace).files
        guard files.count == 1, let file = files.first else {
            throw VlmbotError.usage("add: \(files.count) lists are configured; name the one to add to with --to LIST")
        }
        let papers = try await PaperAddInput.records(for: sources, workspace: workspace)
        let original = try ListFile.read(file.url, displayPath: file.displayPath)
        let adder = PaperAdder(linter: Linter(configuration: settings.configuration),
                               profile: settings.configuration.profile(forPath: file.displayPath), path: file.displayPath)
        var text = original
        var results: [AddResult] = []
        for (source, record) in papers {
            let outcome = adder.add(NewPaper(record: record, code: papers.count == 1 ? code : nil), to: text, section: section)
            if case .added(let addition) = outcome { text = addition.text }
            results.append(AddResult(source: source, record: record, outcome: outcome))
        }
        return PendingAddition(file: file, original: original, text: text, results: results)
    }

    /// Writes the list (unless `write` is false), prints what was done, and exits as documented.
    private func finish(_ addition: PendingAddition, write: Bool) throws {
        let path = addition.file.displayPath
        if addition.complete, write {
            try ListWriter.checkWritable(addition.file.url, displayPath: path, toDo: "add to it")
            try ListWriter.replace(addition.file.url, displayPath: path, expected: addition.original.bytes, with: addition.text.bytes)
        }
        let written = addition.complete && write
        switch format {
        case .text: Terminal.output(AddReport.text(addition.results, path: path, diff: write ? nil : addition.diff, written: written))
        case .json: Terminal.output(AddReport.json(addition.results, path: path, diff: addition.diff, written: written))
        }
        try addition.exit()
    }

    /// Opens the pull request that adds the paper and closes the issue, or comments on the
    /// issue why it could not.
    private func propose(_ addition: PendingAddition, for suggestion: PaperSuggestion) async throws {
        let report = AddReport.text(addition.results, path: addition.file.displayPath, diff: nil, written: false)
        do {
            let client = GitHubClient(configuration: try GitHubClient.Configuration.fromEnvironment(pullRequest: suggestion.issue))
            guard addition.complete, let result = addition.results.first, case .added(let added) = result.outcome else {
                try await client.comment("vlmbot could not add this paper:\n\n" + MarkdownText.codeBlock(report.split(separator: "\n").map(String.init), info: "text"))
                Terminal.output(report)
                try addition.exit()
                return
            }
            let title = ControlCharacters.escaped(result.record.title).prefix(200)
            let base = try await client.defaultBranch()
            let change = try await client.proposeChange(
                path: addition.file.displayPath, original: addition.original.bytes, content: addition.text.bytes,
                originalBlob: try ObjectID.blob(of: addition.original.bytes).description, base: base,
                branch: "vlmbot/add-paper-\(suggestion.issue)", title: "Add paper: \(title)",
                body: Self.pullRequestBody(added, record: result.record, issue: suggestion.issue),
                message: "Add paper: \(title)\n\nSuggested in #\(suggestion.issue).")
            Terminal.output(report + "opened pull request #\(change.number): \(change.url)\n")
        } catch let error as GitHubError {
            throw VlmbotError.gitHub(error.description)
        } catch let error as GitError {
            throw VlmbotError.git(option: "add", error.description)
        }
    }

    /// The pull request's description: what is added where, the entry, the notes, and the
    /// issue it closes; text from the list and the source escaped.
    static func pullRequestBody(_ added: Addition, record: PaperRecord, issue: Int) -> String {
        var body = "vlmbot adds **\(MarkdownText.escape(record.title))** to "
            + added.section.map(MarkdownText.escape).joined(separator: " › ") + " (line \(added.lines.lowerBound)), "
            + "in the form of the entry \(MarkdownText.escape(added.draft.template.title ?? added.draft.template.name ?? "")).\n\n"
        body += MarkdownText.codeBlock(added.entry, info: "markdown") + "\n"
        for note in added.draft.notes { body += "- \(MarkdownText.escape(note))\n" }
        return body + "\nCloses #\(issue).\n"
    }

    /// Comments on the suggestion's issue, with `--post`, when the event names one.
    private func tellIssue(data: Data, path: String, _ message: String) async throws {
        guard post, let number = JSONValue.parse(data)?["issue"]?["number"]?.intValue else { return }
        do {
            let client = GitHubClient(configuration: try GitHubClient.Configuration.fromEnvironment(pullRequest: number))
            try await client.comment(MarkdownText.escape(message))
        } catch {
            throw VlmbotError.gitHub(error.description)
        }
    }

    private static func eventData(_ path: String) throws(VlmbotError) -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw VlmbotError.file(path, "cannot read the event file (--issue)")
        }
        return data
    }
}

/// Papers written into a list in memory, before anything is written.
struct PendingAddition {
    let file: (url: URL, displayPath: String)
    let original: SourceText
    let text: SourceText
    let results: [AddResult]

    var complete: Bool { results.allSatisfy(\.isAdded) }

    var diff: String {
        complete ? FormatDiff.unified(old: original.bytes, new: text.bytes,
                                      oldName: "a/\(ControlCharacters.escaped(file.displayPath))",
                                      newName: "b/\(ControlCharacters.escaped(file.displayPath))") : ""
    }

    /// Exit 0 when every paper was added, 1 when the rest were listed already, else 2.
    func exit() throws {
        if complete { return }
        if results.contains(where: \.isListed), !results.contains(where: \.failed) { throw ExitCode(ExitCode.findings) }
        throw ExitCode(ExitCode.runFailed)
    }
}

/// `vlmbot add`'s output formats.
enum AddFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// One SOURCE and what adding its paper came to.
struct AddResult {
    let source: String
    let record: PaperRecord
    let outcome: AdditionOutcome

    var isAdded: Bool { if case .added = outcome { true } else { false } }
    var isListed: Bool { if case .listed = outcome { true } else { false } }
    var failed: Bool { !isAdded && !isListed }
}

/// Reads `vlmbot add`'s SOURCE arguments into papers: from BibTeX, arXiv's API, Crossref.
enum PaperAddInput {
    static func isWebURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), url.host != nil else { return false }
        return scheme == "http" || scheme == "https"
    }

    /// Each SOURCE's papers in order, with the argument they came from.
    static func records(for sources: [String], workspace: Workspace) async throws(VlmbotError) -> [(String, PaperRecord)] {
        var parsed: [(String, PaperSource)] = []
        for source in sources {
            guard let paper = PaperSource(source) else {
                throw VlmbotError.usage("add: \(ControlCharacters.escaped(source)): not an arXiv id, a DOI, a .bib file or -")
            }
            parsed.append((source, paper))
        }
        let ids = parsed.compactMap { if case .arxiv(let id) = $0.1 { id } else { nil } }
        let lookup = try lookup()
        var arxiv: [String: PaperRecord] = [:]
        if !ids.isEmpty {
            do {
                arxiv = try await lookup.arxiv(ids)
            } catch {
                throw unavailable(error, source: "arXiv")
            }
        }
        var records: [(String, PaperRecord)] = []
        for (argument, source) in parsed {
            switch source {
            case .arxiv(let id):
                guard let record = arxiv[id] else { throw VlmbotError.usage("add: arXiv has no paper \(id); nothing was written") }
                if record.withdrawn { throw VlmbotError.usage("add: arXiv \(id) was withdrawn; nothing was written") }
                records.append((argument, record))
            case .doi(let doi):
                do {
                    records.append((argument, try await lookup.crossref(doi)))
                } catch {
                    throw unavailable(error, source: "Crossref")
                }
            case .bibTeXFile(let path):
                let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                guard let data = FileManager.default.contents(atPath: url.path) else {
                    throw VlmbotError.file(path, "cannot be read; nothing was written")
                }
                records += try bibTeX(String(decoding: data, as: UTF8.self), name: path).map { (argument, $0) }
            case .standardInput:
                let data = FileHandle.standardInput.readDataToEndOfFile()
                records += try bibTeX(String(decoding: data, as: UTF8.self), name: "standard input").map { (argument, $0) }
            }
        }
        return records
    }

    private static func bibTeX(_ text: String, name: String) throws(VlmbotError) -> [PaperRecord] {
        do {
            let papers = try BibTeX.papers(in: text)
            guard !papers.isEmpty else { throw VlmbotError.file(name, "holds no BibTeX entry; nothing was written") }
            return papers
        } catch let error as MetadataError {
            throw VlmbotError.file(name, "\(error.message); nothing was written")
        } catch {
            throw error as? VlmbotError ?? VlmbotError.file(name, "\(error)")
        }
    }

    private static func lookup() throws(VlmbotError) -> PaperLookup {
        let environment = ProcessInfo.processInfo.environment
        let cache = FileManager.default.urls(for: .cachesDirectory, in: .userDomainMask).first?
            .appendingPathComponent("vlmbot/metadata", isDirectory: true)
        do {
            let configuration = try LookupConfiguration.fromEnvironment(environment, cacheFolder: cache)
            return PaperLookup(configuration: configuration, userAgent: Vlmbot.userAgent)
        } catch {
            throw VlmbotError.usage("add: \(error.description)")
        }
    }

    /// A lookup that failed, as one line saying what to do instead.
    private static func unavailable(_ error: LookupError, source: String) -> VlmbotError {
        switch error {
        case .notFound(let message): .usage("add: \(message); nothing was written")
        case .unreachable(let message), .badAnswer(let message):
            .usage("add: \(source) could not be asked (\(message))"
                + "; pass the paper as BibTeX instead (a .bib file, or - for standard input)"
                + "; nothing was written")
        case .configuration(let message): .usage("add: \(message)")
        }
    }
}
