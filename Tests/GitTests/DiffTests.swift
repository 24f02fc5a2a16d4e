import Foundation
@testable import Git
import Testing

/// `count` lines `"<prefix> 1"`, `"<prefix> 2"`, ..., each ending in `\n`.
func numberedLines(_ prefix: String, _ count: Int) -> [String] {
    (1...count).map { "\(prefix) \($0)" }
}

/// `lines` joined with `ending` after each line.
func text(_ lines: [String], ending: String = "\n") -> String {
    lines.map { $0 + ending }.joined()
}

/// A repository with one commit holding `files` (path to contents), opened with libgit2.
struct Scratch {
    let fixture: GitFixture
    let path: String
    let base: String

    init(_ files: [String: String]) throws {
        fixture = try GitFixture()
        path = try fixture.makeRepository()
        for (file, contents) in files { try fixture.write(contents, to: file, in: path) }
        base = try fixture.commitAll("base", in: path)
    }

    func write(_ contents: String, to file: String) throws {
        try fixture.write(contents, to: file, in: path)
    }

    func git(_ arguments: String...) throws {
        try fixture.git(arguments, in: path)
    }

    func commit(_ message: String) throws -> String {
        try fixture.commitAll(message, in: path)
    }

    func open() throws -> Repository {
        try Repository.discover(from: path)
    }
}

@Suite struct DiffTests {
    @Test func modifiedFileHasExactHunksAddedLinesAndRanges() throws {
        let scratch = try Scratch(["list.md": text(numberedLines("line", 20))])
        var lines = numberedLines("line", 20)
        lines[4] = "line five"
        lines.insert(contentsOf: ["new a", "new b"], at: 15)
        try scratch.write(text(lines), to: "list.md")
        let head = try scratch.commit("edit")

        let repository = try scratch.open()
        let diffs = try repository.diff(from: repository.resolve(scratch.base), to: repository.resolve(head))
        #expect(diffs.count == 1)
        let file = try #require(diffs.first)
        #expect(file.status == .modified)
        #expect(file.oldPath == "list.md")
        #expect(file.newPath == "list.md")
        #expect(!file.isBinary)
        #expect(file.addedLines == [5, 16, 17])
        #expect(file.hunkRanges == [2...8, 13...20])
        #expect(file.hunks.map { [$0.oldStart, $0.oldCount, $0.newStart, $0.newCount] } == [[2, 7, 2, 7], [13, 6, 13, 8]])

        let first = try #require(file.hunks.first)
        #expect(first.lines == [
            DiffLine(kind: .context, oldLine: 2, newLine: 2, text: "line 2"),
            DiffLine(kind: .context, oldLine: 3, newLine: 3, text: "line 3"),
            DiffLine(kind: .context, oldLine: 4, newLine: 4, text: "line 4"),
            DiffLine(kind: .removed, oldLine: 5, newLine: nil, text: "line 5"),
            DiffLine(kind: .added, oldLine: nil, newLine: 5, text: "line five"),
            DiffLine(kind: .context, oldLine: 6, newLine: 6, text: "line 6"),
            DiffLine(kind: .context, oldLine: 7, newLine: 7, text: "line 7"),
            DiffLine(kind: .context, oldLine: 8, newLine: 8, text: "line 8"),
        ])
    }

    @Test func insertedBlockIsPlacedLikeGitAndGitHubPlaceIt() throws {
        // Without git's indent heuristic the added block would be lines 6-9, shifted by one.
        let block = ["<details>", "- a", "</details>", "", "<details>", "- c", "</details>"]
        let scratch = try Scratch(["list.md": text(block)])
        var lines = block
        lines.insert(contentsOf: ["<details>", "- b", "</details>", ""], at: 4)
        try scratch.write(text(lines), to: "list.md")
        let repository = try scratch.open()
        let file = try #require(try repository.diffToWorkingTree(from: repository.resolve("HEAD")).first)
        #expect(file.addedLines == [5, 6, 7, 8])
        #expect(file.hunkRanges == [2...11])
    }

    @Test func identicalCommitsHaveNoDiff() throws {
        let scratch = try Scratch(["list.md": "one\n"])
        let repository = try scratch.open()
        let base = try repository.resolve(scratch.base)
        #expect(try repository.diff(from: base, to: base).isEmpty)
        #expect(try repository.diffToWorkingTree(from: base).isEmpty)
        #expect(try repository.diffStaged().isEmpty)
    }

    @Test func renameWithSmallEditAddsOnlyTheEditedLine() throws {
        let scratch = try Scratch(["docs/old.md": text(numberedLines("entry", 10))])
        try scratch.git("mv", "docs/old.md", "docs/new.md")
        var lines = numberedLines("entry", 10)
        lines[3] = "entry four, edited"
        try scratch.write(text(lines), to: "docs/new.md")
        let head = try scratch.commit("rename")

        let repository = try scratch.open()
        let diffs = try repository.diff(from: repository.resolve(scratch.base), to: repository.resolve(head))
        #expect(diffs.count == 1)
        let file = try #require(diffs.first)
        #expect(file.status == .renamed)
        #expect(file.oldPath == "docs/old.md")
        #expect(file.newPath == "docs/new.md")
        #expect(file.addedLines == [4])
        #expect(file.hunkRanges == [1...7])
        #expect(file.hunks.first?.lines.filter { $0.kind == .removed }.map(\.oldLine) == [4])
    }

    @Test func pureRenameHasNoHunks() throws {
        let scratch = try Scratch(["a.md": text(numberedLines("entry", 5))])
        try scratch.git("mv", "a.md", "b.md")
        let head = try scratch.commit("rename")
        let repository = try scratch.open()
        let diffs = try repository.diff(from: repository.resolve(scratch.base), to: repository.resolve(head))
        #expect(diffs == [FileDiff(status: .renamed, oldPath: "a.md", newPath: "b.md", isBinary: false, hunks: [])])
    }

    @Test func workingTreeDiffSeesStagedAndUnstagedEditsAndStagedDiffOnlyStaged() throws {
        let scratch = try Scratch(["a.md": text(numberedLines("a", 10)), "b.md": text(numberedLines("b", 10))])
        var a = numberedLines("a", 10)
        a[1] = "a two, staged"
        try scratch.write(text(a), to: "a.md")
        var b = numberedLines("b", 10)
        b[0] = "b one, staged"
        try scratch.write(text(b), to: "b.md")
        try scratch.git("add", "a.md", "b.md")
        a[8] = "a nine, unstaged"
        try scratch.write(text(a), to: "a.md")

        let repository = try scratch.open()
        let base = try repository.resolve("HEAD")
        let working = try repository.diffToWorkingTree(from: base)
        #expect(working.map(\.newPath) == ["a.md", "b.md"])
        #expect(working.map(\.status) == [.modified, .modified])
        #expect(working.map(\.addedLines) == [[2, 9], [1]])
        #expect(working.map(\.hunkRanges) == [[1...10], [1...4]])

        let staged = try repository.diffStaged()
        #expect(staged.map(\.newPath) == ["a.md", "b.md"])
        #expect(staged.map(\.addedLines) == [[2], [1]])
        #expect(staged.map(\.hunkRanges) == [[1...5], [1...4]])
    }

    @Test func untrackedFilesCountAsAddedButIgnoredFilesDoNot() throws {
        let scratch = try Scratch(["list.md": "one\n", ".gitignore": "*.log\n"])
        try scratch.write("first\nsecond\nthird\n", to: "notes/deep/new.md")
        try scratch.write("noise\n", to: "build.log")

        let repository = try scratch.open()
        let working = try repository.diffToWorkingTree(from: repository.resolve("HEAD"))
        #expect(working.count == 1)
        let file = try #require(working.first)
        #expect(file.status == .added)
        #expect(file.oldPath == nil)
        #expect(file.newPath == "notes/deep/new.md")
        #expect(file.addedLines == [1, 2, 3])
        #expect(file.hunkRanges == [1...3])
        #expect(file.hunks.map { [$0.oldStart, $0.oldCount, $0.newStart, $0.newCount] } == [[0, 0, 1, 3]])
        #expect(file.hunks.first?.lines.map(\.text) == ["first", "second", "third"])

        #expect(try repository.diffStaged().isEmpty)
    }

    @Test func movingAFileWithoutStagingIsARenameInTheWorkingTree() throws {
        let scratch = try Scratch(["old.md": text(numberedLines("entry", 8))])
        try FileManager.default.moveItem(atPath: scratch.path + "/old.md", toPath: scratch.path + "/new.md")
        let repository = try scratch.open()
        let working = try repository.diffToWorkingTree(from: repository.resolve("HEAD"))
        #expect(working == [FileDiff(status: .renamed, oldPath: "old.md", newPath: "new.md", isBinary: false, hunks: [])])
    }

    @Test func deletedFileHasOnlyRemovedLines() throws {
        let scratch = try Scratch(["gone.md": "x\ny\n", "kept.md": "k\n"])
        try FileManager.default.removeItem(atPath: scratch.path + "/gone.md")
        let head = try scratch.commit("delete")

        let repository = try scratch.open()
        let diffs = try repository.diff(from: repository.resolve(scratch.base), to: repository.resolve(head))
        #expect(diffs.count == 1)
        let file = try #require(diffs.first)
        #expect(file.status == .deleted)
        #expect(file.oldPath == "gone.md")
        #expect(file.newPath == nil)
        #expect(file.addedLines.isEmpty)
        #expect(file.hunkRanges.isEmpty)
        #expect(file.hunks == [Hunk(oldStart: 1, oldCount: 2, newStart: 0, newCount: 0, lines: [
            DiffLine(kind: .removed, oldLine: 1, newLine: nil, text: "x"),
            DiffLine(kind: .removed, oldLine: 2, newLine: nil, text: "y"),
        ])])
    }

    @Test func removingLinesInTheMiddleKeepsTheContextRange() throws {
        let scratch = try Scratch(["list.md": text(numberedLines("line", 10))])
        var lines = numberedLines("line", 10)
        lines.remove(at: 4)
        try scratch.write(text(lines), to: "list.md")
        let repository = try scratch.open()
        let file = try #require(try repository.diffToWorkingTree(from: repository.resolve("HEAD")).first)
        #expect(file.addedLines.isEmpty)
        #expect(file.hunkRanges == [2...7])
    }

    @Test func binaryFilesHaveNoHunks() throws {
        let scratch = try Scratch(["list.md": "one\n"])
        try scratch.fixture.write(Data([0x00, 0x01, 0x02, 0x0A]), to: "data.bin", in: scratch.path)
        let second = try scratch.commit("add binary")
        try scratch.fixture.write(Data([0x00, 0x01, 0x03, 0x0A, 0x0A]), to: "data.bin", in: scratch.path)
        try scratch.write("one\ntwo\n", to: "list.md")
        let third = try scratch.commit("edit binary")

        let repository = try scratch.open()
        let added = try repository.diff(from: repository.resolve(scratch.base), to: repository.resolve(second))
        #expect(added == [FileDiff(status: .added, oldPath: nil, newPath: "data.bin", isBinary: true, hunks: [])])

        let edited = try repository.diff(from: repository.resolve(second), to: repository.resolve(third))
        #expect(edited.map(\.newPath) == ["data.bin", "list.md"])
        #expect(edited.map(\.isBinary) == [true, false])
        #expect(edited.map(\.status) == [.modified, .modified])
        #expect(edited.map(\.addedLines) == [[], [2]])
        #expect(edited.first?.hunks == [])
    }

    @Test func textBecomingBinaryIsBinary() throws {
        let scratch = try Scratch(["list.md": "one\ntwo\n"])
        try scratch.fixture.write(Data([0x6F, 0x00, 0x0A]), to: "list.md", in: scratch.path)
        let repository = try scratch.open()
        let working = try repository.diffToWorkingTree(from: repository.resolve("HEAD"))
        #expect(working == [FileDiff(status: .modified, oldPath: "list.md", newPath: "list.md", isBinary: true, hunks: [])])
    }

    @Test func crlfLinesAreNumberedAndTrimmed() throws {
        let scratch = try Scratch(["crlf.md": "a\r\nb\r\nc\r\nd\r\n"])
        try scratch.write("a\r\nB\r\nc\r\nd\r\ne\r\n", to: "crlf.md")

        let repository = try scratch.open()
        let working = try repository.diffToWorkingTree(from: repository.resolve("HEAD"))
        let file = try #require(working.first)
        #expect(file.addedLines == [2, 5])
        #expect(file.hunkRanges == [1...5])
        #expect(file.hunks.first?.lines == [
            DiffLine(kind: .context, oldLine: 1, newLine: 1, text: "a"),
            DiffLine(kind: .removed, oldLine: 2, newLine: nil, text: "b"),
            DiffLine(kind: .added, oldLine: nil, newLine: 2, text: "B"),
            DiffLine(kind: .context, oldLine: 3, newLine: 3, text: "c"),
            DiffLine(kind: .context, oldLine: 4, newLine: 4, text: "d"),
            DiffLine(kind: .added, oldLine: nil, newLine: 5, text: "e"),
        ])

        let head = try scratch.commit("crlf edit")
        let committed = try repository.diff(from: repository.resolve(scratch.base), to: repository.resolve(head))
        #expect(committed == working)
    }

    @Test func missingFinalNewlineIsNotALine() throws {
        let scratch = try Scratch(["list.md": "a\nb"])
        try scratch.write("a\nb\nc", to: "list.md")
        let repository = try scratch.open()
        let file = try #require(try repository.diffToWorkingTree(from: repository.resolve("HEAD")).first)
        #expect(file.addedLines == [2, 3])
        #expect(file.hunks.first?.lines.map(\.kind) == [.context, .removed, .added, .added])
        #expect(file.hunks.first?.lines.map(\.text) == ["a", "b", "b", "c"])
    }

    @Test func pathsFilterByFileOrFolderLiterally() throws {
        let scratch = try Scratch(["docs/a.md": "a\n", "docs/sub/b.md": "b\n", "top.md": "t\n", "docs-x.md": "x\n"])
        try scratch.write("a\nA\n", to: "docs/a.md")
        try scratch.write("b\nB\n", to: "docs/sub/b.md")
        try scratch.write("t\nT\n", to: "top.md")
        try scratch.write("x\nX\n", to: "docs-x.md")
        let repository = try scratch.open()
        let base = try repository.resolve("HEAD")

        func paths(_ filter: [String]) throws -> [String?] {
            try repository.diffToWorkingTree(from: base, paths: filter).map(\.newPath)
        }
        #expect(try paths([]) == ["docs-x.md", "docs/a.md", "docs/sub/b.md", "top.md"])
        #expect(try paths(["docs"]) == ["docs/a.md", "docs/sub/b.md"])
        #expect(try paths(["docs/"]) == ["docs/a.md", "docs/sub/b.md"])
        #expect(try paths(["docs/sub/b.md", "top.md"]) == ["docs/sub/b.md", "top.md"])
        #expect(try paths(["."]) == ["docs-x.md", "docs/a.md", "docs/sub/b.md", "top.md"])
        #expect(try paths([""]) == ["docs-x.md", "docs/a.md", "docs/sub/b.md", "top.md"])
        #expect(try paths(["*.md"]).isEmpty)
        #expect(try paths(["nowhere"]).isEmpty)

        let head = try scratch.commit("edit")
        let committed = try repository.diff(from: base, to: repository.resolve(head), paths: ["docs/sub"])
        #expect(committed.map(\.newPath) == ["docs/sub/b.md"])
        try scratch.write("t\nT\nTT\n", to: "top.md")
        try scratch.git("add", "top.md")
        #expect(try repository.diffStaged(paths: ["docs"]).isEmpty)
        #expect(try repository.diffStaged(paths: ["top.md"]).map(\.addedLines) == [[3]])
    }

    @Test func stagedDiffOnUnbornHeadComparesWithTheEmptyTree() throws {
        let fixture = try GitFixture()
        let path = try fixture.makeRepository()
        try fixture.write("one\ntwo\n", to: "list.md", in: path)
        try fixture.git(["add", "list.md"], in: path)
        let repository = try Repository.discover(from: path)
        #expect(try repository.headIsUnborn)
        let staged = try repository.diffStaged()
        #expect(staged.count == 1)
        #expect(staged.first?.status == .added)
        #expect(staged.first?.newPath == "list.md")
        #expect(staged.first?.addedLines == [1, 2])

        try fixture.git(["commit", "-q", "-m", "first"], in: path)
        #expect(try !repository.headIsUnborn)
        #expect(try repository.diffStaged().isEmpty)
    }

    @Test func fileBecomingASymlinkIsATypeChange() throws {
        let scratch = try Scratch(["target.md": "t\n", "link.md": "plain\n"])
        try FileManager.default.removeItem(atPath: scratch.path + "/link.md")
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/link.md", withDestinationPath: "target.md")
        let head = try scratch.commit("symlink")
        let repository = try scratch.open()
        let diffs = try repository.diff(from: repository.resolve(scratch.base), to: repository.resolve(head))
        #expect(diffs.map(\.status) == [.typeChange])
        #expect(diffs.map(\.newPath) == ["link.md"])
        #expect(diffs.map(\.oldPath) == ["link.md"])
    }

    @Test func conflictedFileIsReportedAsConflicted() throws {
        let scratch = try Scratch(["list.md": "base\n"])
        try scratch.git("checkout", "-q", "-b", "other")
        try scratch.write("theirs\n", to: "list.md")
        _ = try scratch.commit("theirs")
        try scratch.git("checkout", "-q", "main")
        try scratch.write("ours\n", to: "list.md")
        _ = try scratch.commit("ours")
        #expect(throws: FixtureError.self) { try scratch.git("merge", "-q", "other") }

        let repository = try scratch.open()
        let working = try repository.diffToWorkingTree(from: repository.resolve("HEAD"))
        #expect(working.map(\.status) == [.conflicted])
        #expect(working.map(\.newPath) == ["list.md"])
    }

    @Test func workingTreeDiffOfABareRepositoryThrows() throws {
        let scratch = try Scratch(["list.md": "one\n"])
        let bare = scratch.fixture.root + "/bare.git"
        try scratch.fixture.git(["clone", "-q", "--bare", scratch.path, bare], in: scratch.fixture.root)
        let repository = try Repository.discover(from: bare)
        let error = try #require(throws: GitError.self) {
            try repository.diffToWorkingTree(from: repository.resolve("HEAD"))
        }
        #expect(error.function == "git_diff_tree_to_workdir_with_index")
        #expect(!error.description.contains("\n"))
    }
}
