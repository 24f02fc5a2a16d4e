import Foundation
@testable import Git
import Testing

/// `main`: c1, c2, then c3 after `feature` (f1, f2) forked from c2.
struct Forked {
    let fixture: GitFixture
    let path: String
    let c1: String, c2: String, c3: String
    let f1: String, f2: String

    init() throws {
        fixture = try GitFixture()
        path = try fixture.makeRepository()
        try fixture.write(text(numberedLines("entry", 6)), to: "list.md", in: path)
        c1 = try fixture.commitAll("c1", in: path)
        try fixture.write("main notes\n", to: "notes.md", in: path)
        c2 = try fixture.commitAll("c2", in: path)
        try fixture.git(["checkout", "-q", "-b", "feature"], in: path)
        try fixture.write(text(numberedLines("entry", 7)), to: "list.md", in: path)
        f1 = try fixture.commitAll("f1", in: path)
        try fixture.write(text(numberedLines("entry", 8)), to: "list.md", in: path)
        f2 = try fixture.commitAll("f2", in: path)
        try fixture.git(["checkout", "-q", "main"], in: path)
        try fixture.write("main notes\nmore\n", to: "notes.md", in: path)
        c3 = try fixture.commitAll("c3", in: path)
    }
}

@Suite struct HistoryTests {
    @Test func mergeBaseOfTwoBranchesIsTheForkPoint() throws {
        let history = try Forked()
        let repository = try Repository.discover(from: history.path)
        let main = try repository.resolve("main")
        let feature = try repository.resolve("feature")
        #expect(try repository.mergeBase(main, feature).description == history.c2)
        #expect(try repository.mergeBase(feature, main).description == history.c2)
        #expect(try repository.mergeBase(main, main) == main)

        // A pull request from feature shows only feature's changes, not c3's.
        let changes = try repository.diff(from: repository.mergeBase(main, feature), to: feature)
        #expect(changes.map(\.newPath) == ["list.md"])
        #expect(changes.map(\.addedLines) == [[7, 8]])
        #expect(changes.map(\.hunkRanges) == [[4...8]])
    }

    @Test func afterAMergeTheMergeBaseIsTheMergedTip() throws {
        let history = try Forked()
        try history.fixture.git(["merge", "-q", "--no-ff", "-m", "merge feature", "feature"], in: history.path)
        let repository = try Repository.discover(from: history.path)
        let base = try repository.mergeBase(repository.resolve("main"), repository.resolve("feature"))
        #expect(base.description == history.f2)
    }

    @Test func unrelatedHistoriesHaveNoMergeBase() throws {
        let history = try Forked()
        try history.fixture.git(["checkout", "-q", "--orphan", "island"], in: history.path)
        try history.fixture.write("alone\n", to: "island.md", in: history.path)
        let island = try history.fixture.commitAll("island", in: history.path)
        let repository = try Repository.discover(from: history.path)
        #expect(try !repository.isShallow)

        let main = try repository.resolve("main")
        let error = try #require(throws: GitError.self) { try repository.mergeBase(main, repository.resolve("island")) }
        #expect(error.function == "git_merge_base")
        #expect(error.isNotFound)
        #expect(error.message.contains(String(history.c3.prefix(7))))
        #expect(error.message.contains(String(island.prefix(7))))
        #expect(!error.message.contains("fetch"))
        #expect(!error.description.contains("\n"))
    }

    @Test func shallowCloneLackingTheBaseSaysHowToFetchIt() throws {
        let history = try Forked()
        let fixture = history.fixture
        let shallow = fixture.root + "/shallow"
        try fixture.git(["clone", "-q", "--depth", "1", "--no-single-branch", "file://" + history.path, shallow],
                        in: fixture.root)
        let repository = try Repository.discover(from: shallow)
        #expect(try repository.isShallow)

        let main = try repository.resolve("origin/main")
        let feature = try repository.resolve("origin/feature")
        #expect(main.description == history.c3)
        #expect(feature.description == history.f2)
        let error = try #require(throws: GitError.self) { try repository.mergeBase(main, feature) }
        #expect(error.function == "git_merge_base")
        #expect(error.message.contains(String(history.c3.prefix(7))))
        #expect(error.message.contains(String(history.f2.prefix(7))))
        #expect(error.message.contains("shallow clone"))
        #expect(error.message.contains("git fetch --deepen="))
        #expect(error.message.contains("git fetch origin BASE"))
        #expect(error.message.contains("fetch-depth: 0"))
        #expect(!error.description.contains("\n"))

        // An older commit that was not fetched.
        let missing = try #require(throws: GitError.self) { try repository.resolve(history.c2) }
        #expect(missing.function == "git_revparse_single")
        #expect(missing.message.contains(history.c2))
        #expect(missing.message.contains("fetch-depth: 0"))
        let parent = try #require(throws: GitError.self) { try repository.resolve("origin/main~1") }
        #expect(parent.message.contains("'origin/main~1'"))
        #expect(parent.message.contains("git fetch --deepen="))
    }

    @Test func singleBranchShallowCloneLacksOtherBranches() throws {
        let history = try Forked()
        let fixture = history.fixture
        let shallow = fixture.root + "/shallow"
        try fixture.git(["clone", "-q", "--depth", "1", "file://" + history.path, shallow], in: fixture.root)
        let repository = try Repository.discover(from: shallow)
        let error = try #require(throws: GitError.self) { try repository.resolve("origin/feature") }
        #expect(error.function == "git_revparse_single")
        #expect(error.isNotFound)
        #expect(error.message.contains("origin/feature"))
        #expect(error.message.contains("git fetch origin BASE"))
        #expect(error.message.contains("fetch-depth: 0"))

        // In a full clone the same unknown ref gets no fetch advice.
        let full = try Repository.discover(from: history.path)
        let plain = try #require(throws: GitError.self) { try full.resolve("origin/feature") }
        #expect(!plain.message.contains("fetch"))
    }

    @Test func corruptBlobThrowsNamingTheCallAndPath() throws {
        let history = try Forked()
        let blob = try history.fixture.git(["rev-parse", "feature:list.md"], in: history.path)
        try corrupt(object: blob, in: history.path)

        let repository = try Repository.discover(from: history.path)
        let base = try repository.resolve(history.c2)
        let feature = try repository.resolve("feature")
        let error = try #require(throws: GitError.self) { try repository.diff(from: base, to: feature) }
        #expect(error.function == "git_patch_from_diff")
        #expect(error.message.contains("'list.md'"))
        #expect(error.message.count > "(diffing 'list.md')".count)
        #expect(!error.description.contains("\n"))

        let read = try #require(throws: GitError.self) {
            try repository.file(atPath: "list.md", revision: "feature").bytes
        }
        #expect(read.function == "git_blob_lookup")
        #expect(!read.message.isEmpty)

        // Other files and commits still diff.
        #expect(try repository.diff(from: base, to: repository.resolve("main")).map(\.newPath) == ["notes.md"])
    }

    @Test func corruptCommitThrowsNamingTheCall() throws {
        let history = try Forked()
        try corrupt(object: history.f1, in: history.path)
        let repository = try Repository.discover(from: history.path)
        let error = try #require(throws: GitError.self) { try repository.resolve("feature~1") }
        #expect(!error.function.isEmpty)
        #expect(!error.message.isEmpty)
        #expect(!error.description.contains("\n"))
    }

    /// Replaces the loose object file of `id` with bytes that are not a zlib stream.
    private func corrupt(object id: String, in repository: String) throws {
        let file = repository + "/.git/objects/" + id.prefix(2) + "/" + id.dropFirst(2)
        #expect(FileManager.default.fileExists(atPath: file))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        try Data("this is not a git object".utf8).write(to: URL(fileURLWithPath: file))
    }
}

@Suite struct GitErrorTests {
    @Test func missingObjectsAreToldApartFromCorruptOnes() {
        let odb: Int32 = 9  // GIT_ERROR_ODB
        #expect(GitError(function: "f", code: -3, errorClass: 4, message: "revspec 'x' not found").isMissing)
        #expect(GitError(function: "f", code: -1, errorClass: odb,
                         message: "object not found - no match for id (70e92c2fdd0d)").isMissing)
        #expect(!GitError(function: "f", code: -1, errorClass: odb, message: "failed to inflate loose object").isMissing)
        #expect(!GitError(function: "f", code: -1, errorClass: 0, message: "object not found").isMissing)
    }

    @Test func addingANoteKeepsTheCallAndCode() {
        let error = GitError(function: "git_merge_base", code: -3, errorClass: 22, message: "no merge base found")
        let noted = error.adding("merge base of 1234567 and 89abcde")
        #expect(noted == GitError(function: "git_merge_base", code: -3, errorClass: 22,
                                  message: "no merge base found (merge base of 1234567 and 89abcde)"))
        #expect(noted.description == "git_merge_base failed: no merge base found (merge base of 1234567 and 89abcde)")
    }
}
