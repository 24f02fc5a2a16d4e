import Foundation
@testable import Git
import Testing

/// A repository with three commits on `main`, a `feature` branch and an annotated tag:
/// 1. `README.md` = "one\n", `docs/guide/intro.md`, `docs/guide/keep.md`
/// 2. `README.md` = "two\n", adds `data.bin` (non-UTF-8 bytes)
/// 3. `README.md` = "three\n", deletes `docs/guide/intro.md`
struct History {
    let fixture: GitFixture
    let path: String
    let commits: [String]
    let feature: String

    static let binary = Data([0x00, 0xFF, 0x0A, 0x80, 0x7F])

    init() throws {
        fixture = try GitFixture()
        path = try fixture.makeRepository()
        var commits: [String] = []
        try fixture.write("one\n", to: "README.md", in: path)
        try fixture.write("# Intro\n", to: "docs/guide/intro.md", in: path)
        try fixture.write("kept\n", to: "docs/guide/keep.md", in: path)
        commits.append(try fixture.commitAll("first", in: path))
        try fixture.write("two\n", to: "README.md", in: path)
        try fixture.write(Self.binary, to: "data.bin", in: path)
        commits.append(try fixture.commitAll("second", in: path))
        try fixture.write("three\n", to: "README.md", in: path)
        try FileManager.default.removeItem(atPath: path + "/docs/guide/intro.md")
        commits.append(try fixture.commitAll("third", in: path))
        try fixture.git(["tag", "-a", "v1", "-m", "release", commits[1]], in: path)

        try fixture.git(["checkout", "-q", "-b", "feature", commits[0]], in: path)
        try fixture.write("feature\n", to: "feature.txt", in: path)
        feature = try fixture.commitAll("feature work", in: path)
        try fixture.git(["checkout", "-q", "main"], in: path)
        self.commits = commits
    }
}

@Suite struct RepositoryTests {
    @Test func discoversFromNestedSubfolder() throws {
        let history = try History()
        let nested = history.path + "/docs/guide"
        let repository = try Repository.discover(from: nested)
        #expect(repository.workdir == history.path)
    }

    @Test func resolvesHeadAncestorsBranchesAndShas() throws {
        let history = try History()
        let repository = try Repository.discover(from: history.path)
        #expect(try repository.resolve("HEAD").description == history.commits[2])
        #expect(try repository.resolve("HEAD~1").description == history.commits[1])
        #expect(try repository.resolve("HEAD~2").description == history.commits[0])
        #expect(try repository.resolve("main").description == history.commits[2])
        #expect(try repository.resolve("feature").description == history.feature)
        #expect(try repository.resolve(String(history.commits[1].prefix(8))).description == history.commits[1])
        #expect(try repository.resolve(history.commits[0]).description == history.commits[0])
        // An annotated tag is peeled to the commit it points at.
        #expect(try repository.resolve("v1").description == history.commits[1])
    }

    @Test func objectIDIsAValueWithHexDescription() throws {
        let history = try History()
        let repository = try Repository.discover(from: history.path)
        let head = try repository.resolve("HEAD")
        let main = try repository.resolve("main")
        let parent = try repository.resolve("HEAD~1")
        #expect(head == main)
        #expect(head != parent)
        #expect(Set([head, main, parent]).count == 2)
        #expect(head.bytes.count == 20)
        #expect(head.description == history.commits[2])
    }

    @Test func resolvesRemoteTrackingBranch() throws {
        let history = try History()
        let clone = history.fixture.root + "/clone"
        try history.fixture.git(["clone", "-q", history.path, clone], in: history.fixture.root)
        let repository = try Repository.discover(from: clone)
        #expect(try repository.resolve("origin/main").description == history.commits[2])
        #expect(try repository.resolve("origin/feature").description == history.feature)
    }

    @Test func readsFilesAtOlderRevisionsAndHead() throws {
        let history = try History()
        let repository = try Repository.discover(from: history.path)
        #expect(try repository.file(atPath: "README.md", revision: "HEAD").bytes == Array("three\n".utf8))
        #expect(try repository.file(atPath: "README.md", revision: "HEAD~1").bytes == Array("two\n".utf8))
        #expect(try repository.file(atPath: "README.md", revision: history.commits[0]).bytes == Array("one\n".utf8))
        #expect(try repository.file(atPath: "data.bin", revision: "HEAD").bytes == Array(History.binary))
        #expect(try repository.file(atPath: "feature.txt", revision: "feature").bytes == Array("feature\n".utf8))
    }

    @Test func readsCommittedContentNotTheWorkingCopy() throws {
        let history = try History()
        try history.fixture.write("uncommitted\n", to: "README.md", in: history.path)
        let repository = try Repository.discover(from: history.path)
        #expect(try repository.file(atPath: "README.md", revision: "HEAD").bytes == Array("three\n".utf8))
    }

    @Test func readsFileInSubfolder() throws {
        let history = try History()
        let repository = try Repository.discover(from: history.path)
        #expect(try repository.file(atPath: "docs/guide/intro.md", revision: "HEAD~2").bytes == Array("# Intro\n".utf8))
    }

    @Test func aMissingPathOrAFolderIsMissing() throws {
        let history = try History()
        let repository = try Repository.discover(from: history.path)
        // Deleted in the third commit, added to data.bin only in the second.
        #expect(try repository.file(atPath: "docs/guide/intro.md", revision: "HEAD") == .missing)
        #expect(try repository.file(atPath: "data.bin", revision: "HEAD~2") == .missing)
        #expect(try repository.file(atPath: "no/such/file.md", revision: "HEAD") == .missing)
        #expect(try repository.file(atPath: "README.md/child", revision: "HEAD") == .missing)
        // A directory is not a file.
        #expect(try repository.file(atPath: "docs/guide", revision: "HEAD~2") == .missing)
    }

    @Test func unknownRevisionThrowsNamingFunctionAndRevision() throws {
        let history = try History()
        let repository = try Repository.discover(from: history.path)
        let error = try #require(throws: GitError.self) { try repository.resolve("nope") }
        #expect(error.function == "git_revparse_single")
        #expect(error.isNotFound)
        #expect(error.description.hasPrefix("git_revparse_single failed: "))
        #expect(error.description.contains("nope"))
        #expect(!error.description.contains("\n"))

        let readError = try #require(throws: GitError.self) {
            try repository.file(atPath: "README.md", revision: "no-such-branch").bytes
        }
        #expect(readError.function == "git_revparse_single")
        #expect(readError.description.contains("no-such-branch"))
    }

    @Test func folderOutsideAnyRepositoryThrows() throws {
        let fixture = try GitFixture()
        let plain = fixture.root + "/plain/sub"
        try FileManager.default.createDirectory(atPath: plain, withIntermediateDirectories: true)
        let error = try #require(throws: GitError.self) { try Repository.discover(from: plain) }
        #expect(error.function == "git_repository_discover")
        #expect(error.isNotFound)
        #expect(!error.message.isEmpty)
    }

    @Test func emptyRepositoryThrowsOnResolvingHead() throws {
        let fixture = try GitFixture()
        let path = try fixture.makeRepository("empty")
        let repository = try Repository.discover(from: path)
        #expect(repository.workdir == path)
        let error = try #require(throws: GitError.self) { try repository.resolve("HEAD") }
        #expect(error.function == "git_revparse_single")
        #expect(error.isNotFound)
        #expect(error.description.hasPrefix("git_revparse_single failed: "))
        #expect(error.description.contains("HEAD is unborn"))
        #expect(throws: GitError.self) { try repository.file(atPath: "README.md", revision: "HEAD").bytes }
    }

    @Test func relativePathInsideAndOutsideWorkdir() throws {
        let history = try History()
        let repository = try Repository.discover(from: history.path)
        #expect(repository.relativePath(history.path + "/docs/guide/intro.md") == "docs/guide/intro.md")
        #expect(repository.relativePath(history.path + "/README.md") == "README.md")
        #expect(repository.relativePath(history.path + "/docs/./guide/../x.md") == "docs/x.md")
        #expect(repository.relativePath(history.path) == "")
        #expect(repository.relativePath(history.path + "/") == "")
        // Outside, including a sibling whose name merely starts with the workdir's name.
        #expect(repository.relativePath(history.fixture.root + "/other.md") == nil)
        #expect(repository.relativePath(history.path + "-sibling/README.md") == nil)
        #expect(repository.relativePath(history.path + "/../README.md") == nil)
        #expect(repository.relativePath("README.md") == nil)
    }

    @Test func relativePathFollowsSymlinkedFolders() throws {
        let history = try History()
        let link = history.fixture.root + "/link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: history.path)
        let repository = try Repository.discover(from: history.path)
        #expect(repository.relativePath(link + "/docs/new-file.md") == "docs/new-file.md")
    }

    @Test func bareRepositoryHasNoWorkdir() throws {
        let fixture = try GitFixture()
        let path = try fixture.makeRepository("bare.git", bare: true)
        let repository = try Repository.discover(from: path)
        #expect(repository.workdir == nil)
        #expect(repository.relativePath(path + "/HEAD") == nil)
    }
}
