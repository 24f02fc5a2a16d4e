import ArgumentParser
import Authoring
import Engine
import Foundation
import Format
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

    @Option(help: "A configuration file to use instead of the .vlmbot.yml found upward.")
    var config: String?

    func validate() throws {
        guard !sources.isEmpty else { throw ValidationError("name at least one SOURCE (an arXiv id, a DOI or a .bib file)") }
        if let code, !PaperAddInput.isWebURL(code) { throw ValidationError("--code \(code): not an http or https URL") }
        if code != nil, sources.count > 1 { throw ValidationError("--code names one paper's code: add that paper on its own") }
    }

    func run() async throws {
        let workspace = Workspace()
        let settings = try workspace.settings(explicitFile: config)
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
        let complete = results.allSatisfy(\.isAdded)
        let diff = complete ? FormatDiff.unified(old: original.bytes, new: text.bytes,
                                                 oldName: "a/\(ControlCharacters.escaped(file.displayPath))",
                                                 newName: "b/\(ControlCharacters.escaped(file.displayPath))") : ""
        if complete, !dryRun {
            try ListWriter.checkWritable(file.url, displayPath: file.displayPath)
            try ListWriter.replace(file.url, displayPath: file.displayPath, expected: original.bytes, with: text.bytes)
        }
        switch format {
        case .text: Terminal.output(AddReport.text(results, path: file.displayPath, diff: dryRun ? diff : nil, written: complete && !dryRun))
        case .json: Terminal.output(AddReport.json(results, path: file.displayPath, diff: diff, written: complete && !dryRun))
        }
        if results.contains(where: \.isListed), !results.contains(where: \.failed) { throw ExitCode(ExitCode.findings) }
        if !complete { throw ExitCode(ExitCode.runFailed) }
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
            return PaperLookup(configuration: configuration, userAgent: "vlmbot/\(Report.toolVersion) (https://github.com/vlmbot/vlmbot)")
        } catch {
            throw VlmbotError.usage("add: \(error.description)")
        }
    }

    /// A lookup that failed, as one line saying what to do instead.
    private static func unavailable(_ error: LookupError, source: String) -> VlmbotError {
        switch error {
        case .notFound(let message): .usage("add: \(message); nothing was written")
        case .unreachable(let message), .badAnswer(let message):
            .usage("add: \(source) could not be asked (\(message)); pass the paper as BibTeX instead (a .bib file, or - for standard input); nothing was written")
        case .configuration(let message): .usage("add: \(message)")
        }
    }
}
