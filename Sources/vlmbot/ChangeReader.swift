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

    /// The commit head line numbers refer to, when the head is a commit.
    private(set) var headCommit: ObjectID?

    init(repository: Repository, selection: ChangeSelection) {
        self.repository = repository
        self.selection = selection
    }

    /// The changed lists among `candidates` (repository-relative paths): deleted lists are
    /// left out, renamed ones are compared with their old path.
    mutating func changedLists(among candidates: [(url: URL, displayPath: String)]) throws(VlmbotError) -> [ChangedList] {
        // The whole change is diffed, not only the candidates: a list renamed from another
        // path must meet its old side to be seen as a rename.
        let (diffs, baseRevision) = try diffs()
        var lists: [ChangedList] = []
        for change in diffs {
            guard let newPath = change.newPath, let candidate = candidates.first(where: { $0.displayPath == newPath }) else {
                continue
            }
            let oldPath = change.oldPath ?? newPath
            let headBytes = try headBytes(of: candidate)
            let baseBytes = try baseRevision.map { revision throws(VlmbotError) in
                try gitCall("--base") { () throws(GitError) in try repository.file(atPath: oldPath, revision: revision).bytes }
            } ?? nil
            // Between two blobs, the contents read once are diffed here; against the working
            // tree, libgit2 diffed the file as git would (with its filters).
            let diff = try readsWorkingTree ? change : gitCall("--base") { () throws(GitError) in
                let lines = try Repository.lineDiff(from: baseBytes ?? [], to: headBytes)
                return FileDiff(status: change.status, oldPath: change.oldPath, newPath: change.newPath,
                                isBinary: lines.isBinary, hunks: lines.hunks)
            }
            if diff.isBinary {
                throw VlmbotError("\(newPath): binary on one side of the change; vlmbot checks text lists")
            }
            let source = try ListFile.validate(headBytes, displayPath: newPath)
            let baseSource = try baseBytes.map { bytes throws(VlmbotError) in
                try ListFile.validate(bytes, displayPath: "\(oldPath) at the base")
            }
            lists.append(ChangedList(displayPath: newPath, source: source, baseSource: baseSource,
                                     changedLines: ChangedLines(lines: diff.addedLines), hunks: diff.hunkRanges,
                                     baseHunks: diff.oldHunkRanges))
        }
        return lists.sorted { $0.displayPath < $1.displayPath }
    }

    /// Whether the head side is the working tree, which libgit2 reads through git's filters.
    private var readsWorkingTree: Bool {
        if case .workingTree = selection { true } else { false }
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
        let bytes: [UInt8]?
        switch selection {
        case .workingTree:
            return try ListFile.bytes(of: candidate.url, displayPath: path)
        case .commits(_, let head):
            let revision = headCommit?.description ?? head
            bytes = try gitCall("--head \(head)") { () throws(GitError) in try repository.file(atPath: path, revision: revision).bytes }
        case .staged:
            bytes = try gitCall("--staged") { () throws(GitError) in try repository.stagedFile(atPath: path).bytes }
        }
        guard let bytes else { throw VlmbotError("\(path): missing on the head side of the change") }
        return bytes
    }

    /// Runs a libgit2 call, turning its error into one line that names the option at fault.
    private func gitCall<Value>(_ option: String, _ body: () throws(GitError) -> Value) throws(VlmbotError) -> Value {
        do {
            return try body()
        } catch {
            throw VlmbotError("\(option): \(error.description)")
        }
    }
}
