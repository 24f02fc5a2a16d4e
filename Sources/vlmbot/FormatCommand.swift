import ArgumentParser
import Engine
import Format
import Foundation
import Lists
import Markdown
import Reporters
import Rules
import Settings

/// `vlmbot format`: applies the fixes rules offer (and the canonical forms a list's profile
/// asks for) with minimal edits, never losing an entry.
struct FormatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "format",
        abstract: "Apply safe fixes to paper lists, changing nothing but the fixed spans.",
        discussion: """
        Fixes are applied pass after pass until nothing changes. A list whose entries would not \
        all survive (same entries, same order) is left as it is, and so is a file that changed \
        on disk during the run. With --base, only the entries changed since REF are formatted.

        Exit status: 0 done (or, with --check, nothing to change), 1 with --check when a list \
        would change, 2 when the run could not be done (bad arguments, a missing, binary, \
        non-UTF-8 or read-only file, an entry that would be lost, a file changed during the run).
        """
    )

    @OptionGroup var lists: ListOptions

    @Flag(help: "Change nothing; exit 1 and list the fixes when a list would change.")
    var check = false

    @Flag(help: "Change nothing; print the changes as a unified diff.")
    var diff = false

    @Option(help: "Format only the entries changed since REF (a branch, tag or commit), against the working tree.")
    var base: String?

    func run() throws {
        let (files, choice) = try FormattedList.all(lists: lists, base: base)
        if let lossy = files.first(where: { $0.outcome.loss != nil }), let loss = lossy.outcome.loss {
            throw VlmbotError.file(lossy.displayPath, "not formatted, because \(loss); nothing was written")
        }
        let changed = files.filter(\.outcome.changes)
        if diff {
            Terminal.output(changed.map { file in
                FormatDiff.unified(old: file.outcome.original.bytes, new: file.outcome.formatted,
                                   oldName: "a/\(ControlCharacters.escaped(file.displayPath))",
                                   newName: "b/\(ControlCharacters.escaped(file.displayPath))")
            }.joined())
        }
        if check {
            Terminal.output(FormatSummary.text(changed, checked: files.count, verb: "would fix", lines: true)
                            + (choice.notice.map { $0 + "\n" } ?? ""))
            if !changed.isEmpty { throw ExitCode(ExitCode.findings) }
            return
        }
        if diff {
            // Standard output is the diff: the README chosen goes to standard error.
            choice.notice.map(Terminal.error)
            return
        }
        for file in changed {
            try ListWriter.checkWritable(file.url, displayPath: file.displayPath)
        }
        for file in changed {
            try ListWriter.replace(file.url, displayPath: file.displayPath, expected: file.outcome.original.bytes,
                                   with: file.outcome.formatted)
        }
        Terminal.output(FormatSummary.text(changed, checked: files.count, verb: "fixed", lines: false)
                        + (choice.notice.map { $0 + "\n" } ?? ""))
    }
}

/// One list and what formatting it would do.
struct FormattedList {
    let url: URL
    let displayPath: String
    let outcome: FormatOutcome

    /// The lists named on the command line (or by the configuration), formatted in memory:
    /// whole, or with `base` only the entries changed since it.
    static func all(lists: ListOptions, base: String?) throws(VlmbotError) -> (files: [FormattedList], choice: ListChoice) {
        let workspace = Workspace()
        let settings = try workspace.settings(explicitFile: lists.config)
        let choice = try CheckRun.listPaths(lists, settings, in: workspace)
        let locations = try ListFile.locate(choice.paths, in: workspace).files
        let linter = Linter(configuration: settings.configuration)
        func formatted(_ location: (url: URL, displayPath: String), _ source: SourceText, _ changedLines: ChangedLines?) -> FormattedList {
            let profile = settings.configuration.profile(forPath: location.displayPath)
            return FormattedList(url: location.url, displayPath: location.displayPath,
                                 outcome: Format.format(source, path: location.displayPath, linter: linter, profile: profile,
                                                        changedLines: changedLines))
        }
        guard let base else {
            var files: [FormattedList] = []
            for location in locations {
                files.append(formatted(location, try ListFile.read(location.url, displayPath: location.displayPath), nil))
            }
            return (files, choice)
        }
        var reader = ChangeReader(repository: try workspace.requireRepository(for: "--base"), selection: .workingTree(base: base))
        let files = try reader.changedLists(among: locations, in: workspace).compactMap { list -> FormattedList? in
            guard let location = locations.first(where: { $0.displayPath == list.displayPath }) else { return nil }
            return formatted(location, list.source, list.changedLines)
        }
        return (files, choice)
    }
}

/// What formatting did or would do, per file and per rule.
enum FormatSummary {
    /// One line per changed file with its fixes per rule (and with `lines`, the lines of each
    /// rule's fixes), then a count: `verb` is "fixed" or "would fix".
    static func text(_ changed: [FormattedList], checked: Int, verb: String, lines: Bool) -> String {
        var text = ""
        for file in changed {
            let byRule = Dictionary(grouping: file.outcome.applied, by: \.rule).sorted { $0.key < $1.key }
            let counts = byRule.map { "\($0.key) \($0.value.count)" }.joined(separator: ", ")
            text += "\(ControlCharacters.escaped(file.displayPath)): \(verb) \(file.outcome.applied.count) (\(counts))\n"
            if lines {
                for (rule, fixes) in byRule {
                    let numbers = Set(fixes.map(\.lines.lowerBound)).sorted().map(String.init)
                    text += "  \(rule): lines \(numbers.joined(separator: ", "))\n"
                }
            }
        }
        let lists = checked == 1 ? "list" : "lists"
        if changed.isEmpty { return "\(checked) \(lists) already formatted\n" }
        return text + "\(changed.count) of \(checked) \(lists) \(verb == "fixed" ? "formatted" : "would be formatted")\n"
    }
}

/// Replaces list files atomically, keeping their mode, and never over an edit made meanwhile.
/// A symbolic link is written through: its target is replaced, and the link stays a link.
/// Writes new files (a configuration) whole or not at all.
enum ListWriter {
    /// Fails when the file or its folder cannot be written, before anything is.
    static func checkWritable(_ url: URL, displayPath: String, toDo job: String = "format it") throws(VlmbotError) {
        let file = target(of: url)
        guard mode(of: file).map({ $0 & 0o222 != 0 }) == true, FileManager.default.isWritableFile(atPath: file.path) else {
            throw VlmbotError.file(displayPath, "read-only file; make it writable (chmod u+w) to \(job); nothing was written")
        }
        guard FileManager.default.isWritableFile(atPath: file.deletingLastPathComponent().path) else {
            throw VlmbotError.file(displayPath, "its folder is not writable, so it cannot be replaced; nothing was written")
        }
    }

    /// Writes `bytes` to a temporary file beside the file `url` names (through links) with
    /// the file's mode, then renames it over that file, unless the file no longer holds
    /// `expected` (it changed on disk during the run). `beforeRename` runs between the two
    /// steps, for tests.
    static func replace(_ url: URL, displayPath: String, expected: [UInt8], with bytes: [UInt8],
                        beforeRename: () -> Void = {}) throws(VlmbotError) {
        let manager = FileManager.default
        let file = target(of: url)
        let mode = mode(of: file) ?? 0o644
        let temporary = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).vlmbot-\(UUID().uuidString)")
        guard manager.createFile(atPath: temporary.path, contents: Data(bytes), attributes: [.posixPermissions: mode]) else {
            throw VlmbotError.file(displayPath, "cannot write a temporary file beside it; nothing was written")
        }
        try? manager.setAttributes([.posixPermissions: mode], ofItemAtPath: temporary.path)
        beforeRename()
        guard let onDisk = try? Data(contentsOf: file), onDisk.elementsEqual(expected) else {
            try? manager.removeItem(at: temporary)
            throw VlmbotError.file(displayPath, "changed on disk while vlmbot ran, so it was not overwritten; run vlmbot format again")
        }
        guard rename(temporary.path, file.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? manager.removeItem(at: temporary)
            throw VlmbotError.file(displayPath, "cannot replace it: \(reason); nothing was written")
        }
    }

    /// Writes a new file whole or not at all: a temporary file beside it, then linked into
    /// place, which fails when the file exists (a file made meanwhile is never overwritten),
    /// or with `replacing`, renamed over it.
    static func create(_ url: URL, displayPath: String, bytes: [UInt8], replacing: Bool) throws(VlmbotError) {
        let manager = FileManager.default
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).vlmbot-\(UUID().uuidString)")
        guard manager.createFile(atPath: temporary.path, contents: Data(bytes), attributes: [.posixPermissions: 0o644]) else {
            throw VlmbotError.file(displayPath, "cannot write a file in its folder; nothing was written")
        }
        defer { try? manager.removeItem(at: temporary) }
        let placed = replacing ? rename(temporary.path, url.path) : link(temporary.path, url.path)
        guard placed == 0 else {
            let reason = errno == EEXIST ? "it already exists" : String(cString: strerror(errno))
            throw VlmbotError.file(displayPath, "cannot write it: \(reason); nothing was written")
        }
    }

    /// The file `url` names, links followed: the one to replace.
    private static func target(of url: URL) -> URL {
        Workspace.realPath(url.path).map { URL(fileURLWithPath: $0) } ?? url
    }

    /// A file's permission bits (`stat`, which follows links); `nil` when it cannot be read.
    private static func mode(of file: URL) -> Int? {
        var status = stat()
        guard stat(file.path, &status) == 0 else { return nil }
        return Int(status.st_mode & 0o7777)
    }
}
