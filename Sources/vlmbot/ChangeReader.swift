import Engine
import Foundation
import Git
import Markdown
import Rules

/// Which change a run reviews.
enum ChangeSelection {
    /// `--base REF`: the base against the working tree, staged and unstaged edits included.
    case workingTree(base: String)
    /// `--base REF --head REF`: the merge base of the two against head, as GitHub shows a PR.
    case commits(base: String, head: String)
    /// `--staged`: the index against HEAD, for a pre-commit hook.
    case staged
}

/// One list a change touched, both sides read.
struct ChangedList {
    let displayPath: String
    let source: SourceText
    /// The list before the change; nil when the change adds it.
    let baseSource: SourceText?
    let changedLines: ChangedLines
    /// New-side line ranges of the diff's hunks.
    let hunks: [ClosedRange<Int>]
    /// Old-side line ranges of the diff's hunks.
    let baseHunks: [ClosedRange<Int>]
}

/// Reads the lists a change touched out of a repository with libgit2.
struct ChangeReader {
    let repository: Repository
    let selection: ChangeSelection

    /// What to do about a Git LFS pointer a commit or the index holds.
    private static let committedLFSAdvice = "a commit holds only the pointer, and vlmbot checks lists kept in git itself"

    /// The commit head line numbers refer to, when the head is a commit.
    private(set) var headCommit: ObjectID?
    /// Every path the change touched, on either side.
    private(set) var changedPaths: Set<String> = []

    init(repository: Repository, selection: ChangeSelection) {
        self.repository = repository
        self.selection = selection
    }

    /// The changed lists among `candidates` (repository-relative paths of the files
    /// themselves, links resolved): deleted lists are left out, renamed ones are compared with
    /// their old path. `gone` are lists (or folders of lists) named but not in the working
    /// tree: those the change renamed are checked at their new path, those it deleted left
    /// out. A side that is a link in git is read at the link's target in the same tree; a
    /// changed submodule holding candidates is said on standard error.
    mutating func changedLists(among candidates: [(url: URL, displayPath: String)], gone: [String] = [],
                               in workspace: Workspace) throws(VlmbotError) -> [ChangedList] {
        // The whole change is diffed, not only the candidates: a list renamed from another
        // path must meet its old side to be seen as a rename.
        let (diffs, baseRevision) = try diffs()
        changedPaths = Set(diffs.flatMap { [$0.oldPath, $0.newPath].compactMap { $0 } })
        let candidates = candidates + (try movedLists(gone, diffs, in: workspace))
        sayWhatSubmodulesHold(diffs, candidates)
        var lists: [ChangedList] = []
        for change in diffs where !change.isSubmodule {
            guard let newPath = change.newPath, let candidate = candidates.first(where: { $0.displayPath == newPath }) else {
                continue
            }
            let oldPath = change.oldPath ?? newPath
            let headBytes = try headBytes(of: candidate)
            let base = try baseRevision.map { revision throws(VlmbotError) in
                try stored(oldPath, "at the base", option: "--base") { () throws(GitError) in
                    try repository.file(atPath: oldPath, revision: revision)
                }
            } ?? nil
            // Between two blobs, the contents read once are diffed here; against the working
            // tree, libgit2 diffed the file as git would (with its filters), unless a side was a
            // link (or changed kind), whose text libgit2 diffed.
            let aSideWasLink = base.map { $0.path != oldPath } ?? false || change.status == .typeChange
            let diff = try readsWorkingTree && !aSideWasLink ? change : gitCall("--base") { () throws(GitError) in
                let lines = try Repository.lineDiff(from: base?.bytes ?? [], to: headBytes)
                return FileDiff(status: change.status, oldPath: change.oldPath, newPath: change.newPath,
                                isBinary: lines.isBinary, hunks: lines.hunks)
            }
            if diff.isBinary {
                throw VlmbotError.file(newPath, "binary on one side of the change; vlmbot checks text lists")
            }
            let source = try ListFile.validate(headBytes, displayPath: newPath,
                                               lfsAdvice: readsWorkingTree ? ListFile.lfsPullAdvice : Self.committedLFSAdvice)
            let baseSource = try base.map { base throws(VlmbotError) in
                try ListFile.validate(base.bytes, displayPath: "\(oldPath) at the base", lfsAdvice: Self.committedLFSAdvice)
            }
            lists.append(ChangedList(displayPath: newPath, source: source, baseSource: baseSource,
                                     changedLines: ChangedLines(lines: diff.addedLines), hunks: diff.hunkRanges,
                                     baseHunks: diff.oldHunkRanges))
        }
        return lists.sorted { $0.displayPath < $1.displayPath }
    }

    /// Where the change moved the lists `gone` names (files, or folders of lists): their new
    /// paths. Throws for one the change neither moved nor deleted: it names nothing.
    private func movedLists(_ gone: [String], _ diffs: [FileDiff],
                            in workspace: Workspace) throws(VlmbotError) -> [(url: URL, displayPath: String)] {
        var moved: [(url: URL, displayPath: String)] = []
        for path in gone {
            let changes = diffs.filter { change in
                guard let old = change.oldPath else { return false }
                return old == path || (old.hasPrefix(path + "/")
                    && ListFile.listExtensions.contains((old as NSString).pathExtension.lowercased()))
            }
            guard !changes.isEmpty else { throw VlmbotError.file(path, "no such file or folder") }
            for change in changes where change.status == .renamed {
                guard let newPath = change.newPath else { continue }
                let place = try workspace.inside(workspace.root.appendingPathComponent(newPath), given: newPath)
                moved.append((place.url, place.relativePath))
            }
        }
        return moved
    }

    /// Whether the head side is the working tree, which libgit2 reads through git's filters.
    private var readsWorkingTree: Bool {
        if case .workingTree = selection { true } else { false }
    }

    /// Says on standard error which submodules the change moves hold candidates: their lists
    /// change in another repository, which this check does not read.
    private func sayWhatSubmodulesHold(_ diffs: [FileDiff], _ candidates: [(url: URL, displayPath: String)]) {
        for change in diffs where change.isSubmodule {
            guard let path = change.newPath ?? change.oldPath else { continue }
            let held = candidates.map(\.displayPath).filter { $0 == path || $0.hasPrefix(path + "/") }
            guard let first = held.first else { continue }
            let more = held.count > 1 ? " and \(held.count - 1) more" : ""
            Terminal.error("\(path): a submodule this change moves; its lists (\(first)\(more)) are not checked here: "
                           + "run vlmbot in the submodule's own repository")
        }
    }

    /// The diffs of the selected change and the revision its base side is read from.
    private mutating func diffs() throws(VlmbotError) -> ([FileDiff], String?) {
        switch selection {
        case .workingTree(let base):
            let baseID = try gitCall("--base \(base)") { () throws(GitError) in try repository.resolve(base) }
            let diffs = try gitCall("--base \(base)") { () throws(GitError) in
                try repository.diffToWorkingTree(from: baseID)
            }
            return (diffs, baseID.description)
        case .commits(let base, let head):
            let baseID = try gitCall("--base \(base)") { () throws(GitError) in try repository.resolve(base) }
            let headID = try gitCall("--head \(head)") { () throws(GitError) in try repository.resolve(head) }
            let mergeBase = try gitCall("--base \(base)") { () throws(GitError) in try repository.mergeBase(baseID, headID) }
            headCommit = headID
            let diffs = try gitCall("--head \(head)") { () throws(GitError) in
                try repository.diff(from: mergeBase, to: headID, lines: false)
            }
            return (diffs, mergeBase.description)
        case .staged:
            let unborn = try gitCall("--staged") { () throws(GitError) in try repository.headIsUnborn }
            let diffs = try gitCall("--staged") { () throws(GitError) in try repository.diffStaged(lines: false) }
            return (diffs, unborn ? nil : "HEAD")
        }
    }

    /// The head side of a list, as read: the head commit's blob, the index's, or the working
    /// tree file.
    private func headBytes(of candidate: (url: URL, displayPath: String)) throws(VlmbotError) -> [UInt8] {
        let path = candidate.displayPath
        let head: (path: String, bytes: [UInt8])?
        switch selection {
        case .workingTree:
            return try ListFile.bytes(of: candidate.url, displayPath: path)
        case .commits(_, let name):
            let revision = headCommit?.description ?? name
            head = try stored(path, "at the head", option: "--head \(name)") { () throws(GitError) in
                try repository.file(atPath: path, revision: revision)
            }
        case .staged:
            head = try stored(path, "in the index", option: "--staged") { () throws(GitError) in
                try repository.stagedFile(atPath: path)
            }
        }
        guard let head else { throw VlmbotError.file(path, "missing on the head side of the change") }
        return head.bytes
    }

    /// A file as a commit or the index holds it (`read`), links followed: where they led and
    /// its bytes; `nil` when absent. `side` says which side errors name, `option` which option.
    private func stored(_ path: String, _ side: String, option: String,
                        _ read: () throws(GitError) -> StoredFile) throws(VlmbotError) -> (path: String, bytes: [UInt8])? {
        try gitCall(option, read).contents("\(path) \(side)")
    }

    /// Runs a libgit2 call, turning its error into one line that names the option at fault.
    private func gitCall<Value>(_ option: String, _ body: () throws(GitError) -> Value) throws(VlmbotError) -> Value {
        do {
            return try body()
        } catch {
            throw VlmbotError.git(option: option, error.description)
        }
    }
}

extension StoredFile {
    /// Where links led and the bytes, for a file; `nil` when nothing is there. `name` names it
    /// in the error that says why anything else is not read.
    func contents(_ name: String) throws(VlmbotError) -> (path: String, bytes: [UInt8])? {
        switch self {
        case .file(let path, let bytes):
            return (path, bytes)
        case .missing:
            return nil
        case .submodule(let module):
            throw VlmbotError.file(name, "in the submodule \(module), another repository; vlmbot reads this repository's files only")
        case .linkOutside(let link, let target):
            throw VlmbotError.file(name, "\(link) is a symbolic link to \(target), outside the repository; vlmbot does not follow it")
        case .tooManyLinks:
            throw VlmbotError.file(name, "more than \(StoredFile.maxLinks) symbolic links in a row (a loop?); vlmbot does not follow them")
        }
    }
}
