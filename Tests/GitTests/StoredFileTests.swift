import Foundation
@testable import Git
import Testing

/// Files as commits and the index record them: links followed inside the tree, never out of
/// it, submodules and objects that are not commits named for what they are.
@Suite struct StoredFileTests {
    /// A repository whose one commit holds `docs/list.md` and links to it, out of the tree, and in a loop.
    private func linkedRepository() throws -> (GitFixture, String) {
        let fixture = try GitFixture()
        let path = try fixture.makeRepository()
        try fixture.write("- a paper\n", to: "docs/list.md", in: path)
        let links = ["README.md": "docs/list.md", "alias": "docs", "chain": "README.md", "up": "docs/../README.md",
                     "docs/back.md": "../README.md", "outside": "../x.md", "absolute": "/etc/passwd",
                     "loop-a": "loop-b", "loop-b": "loop-a"]
        for (link, destination) in links {
            try FileManager.default.createSymbolicLink(atPath: path + "/" + link, withDestinationPath: destination)
        }
        try fixture.commitAll("links", in: path)
        return (fixture, path)
    }

    @Test func linksAreFollowedInsideTheTree() throws {
        let (fixture, path) = try linkedRepository()
        let repository = try Repository.discover(from: path)
        let list = StoredFile.file(path: "docs/list.md", bytes: Array("- a paper\n".utf8))
        for name in ["docs/list.md", "README.md", "alias/list.md", "chain", "up", "docs/back.md", "alias/back.md"] {
            #expect(try repository.file(atPath: name, revision: "HEAD") == list, "\(name)")
        }
        #expect(try repository.file(atPath: "outside", revision: "HEAD") == .linkOutside(path: "outside", target: "../x.md"))
        #expect(try repository.file(atPath: "absolute", revision: "HEAD") == .linkOutside(path: "absolute", target: "/etc/passwd"))
        #expect(try repository.file(atPath: "loop-a", revision: "HEAD") == .tooManyLinks(path: "loop-a"))
        for missing in ["docs", "alias", "no/such.md", "README.md/child", "alias/none.md"] {
            #expect(try repository.file(atPath: missing, revision: "HEAD") == .missing, "\(missing)")
        }
        try fixture.git(["rm", "-q", "--cached", "docs/list.md"], in: path)
        try fixture.write("- a staged paper\n", to: "elsewhere.md", in: path)
        try fixture.git(["add", "elsewhere.md"], in: path)
        try FileManager.default.removeItem(atPath: path + "/README.md")
        try FileManager.default.createSymbolicLink(atPath: path + "/README.md", withDestinationPath: "elsewhere.md")
        try fixture.git(["add", "README.md"], in: path)
        #expect(try repository.stagedFile(atPath: "README.md")
                == .file(path: "elsewhere.md", bytes: Array("- a staged paper\n".utf8)))
        #expect(try repository.stagedFile(atPath: "chain") == .file(path: "elsewhere.md", bytes: Array("- a staged paper\n".utf8)))
        #expect(try repository.stagedFile(atPath: "docs/list.md") == .missing)
        #expect(try repository.stagedFile(atPath: "outside") == .linkOutside(path: "outside", target: "../x.md"))
    }

    @Test func aSubmoduleIsNamedAsOne() throws {
        let fixture = try GitFixture()
        let library = try fixture.makeRepository("library")
        try fixture.write("- a paper\n", to: "list.md", in: library)
        try fixture.commitAll("library", in: library)
        let path = try fixture.makeRepository("project")
        try fixture.git(["-c", "protocol.file.allow=always", "submodule", "add", "-q", library, "papers"], in: path)
        let base = try fixture.commitAll("base", in: path)
        try fixture.write("- another paper\n", to: "list.md", in: library)
        try fixture.commitAll("another", in: library)
        try fixture.git(["-c", "protocol.file.allow=always", "pull", "-q", "--ff-only"], in: path + "/papers")
        let head = try fixture.commitAll("bump", in: path)
        let repository = try Repository.discover(from: path)
        #expect(try repository.file(atPath: "papers", revision: "HEAD") == .submodule(path: "papers"))
        #expect(try repository.file(atPath: "papers/list.md", revision: "HEAD") == .submodule(path: "papers"))
        #expect(try repository.stagedFile(atPath: "papers/list.md") == .submodule(path: "papers"))
        let diffs = try repository.diff(from: repository.resolve(base), to: repository.resolve(head), lines: false)
        #expect(diffs.map(\.newPath) == ["papers"])
        #expect(diffs.map(\.isSubmodule) == [true])
        #expect(try repository.diff(from: repository.resolve(base), to: repository.resolve(head)).map(\.isSubmodule) == [true])
    }

    @Test func aBlobOrTreeIsNotTakenForACommit() throws {
        let history = try History()
        try history.fixture.git(["tag", "blob-tag", "HEAD:README.md"], in: history.path)
        try history.fixture.git(["tag", "-a", "-m", "a tree", "tree-tag", "HEAD^{tree}"], in: history.path)
        let repository = try Repository.discover(from: history.path)
        for (revision, kind) in [("HEAD:README.md", "blob"), ("HEAD^{tree}", "tree"), ("HEAD:docs", "tree"),
                                 ("blob-tag", "blob"), ("tree-tag", "tree")] {
            let error = try #require(throws: GitError.self) { try repository.resolve(revision) }
            #expect(error.message == "'\(revision)' names a \(kind), not a commit; give a branch, tag or commit", "\(revision)")
            #expect(throws: GitError.self) { try repository.file(atPath: "README.md", revision: revision) }
        }
        #expect(try repository.resolve("v1").description == history.commits[1])
    }
}
