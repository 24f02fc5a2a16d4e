import Foundation
import Testing
@testable import vlmbot

/// What vlmbot reads and writes: only files inside the repository (or the working directory
/// outside one), through links that stay inside it, and every odd thing git can hold said aloud.
@Suite struct FilesAndGitTests {
    static let table = ChangeReviewTests.table
    static let messy = FormatCommandTests.messy
    static let tidy = FormatCommandTests.tidy
    static let lfsPointer = "version https://git-lfs.github.com/spec/v1\n"
        + "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n"

    private func link(_ path: URL, to destination: String) throws {
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: path.path, withDestinationPath: destination)
    }

    private func bytes(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }

    private func isLink(_ url: URL) -> Bool {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil
    }

    // MARK: - Never outside the root

    @Test func aLinkLeavingTheRepositoryIsNeitherReadNorWritten() throws {
        let outside = try TemporaryFolder()
        let secret = try outside.write("secret.md", Self.messy)
        let repository = try TemporaryRepository()
        try link(repository.url.appendingPathComponent("list.md"), to: secret.path)
        for command in [["check", "list.md"], ["format", "list.md"], ["check"], ["entries", "list.md"]] {
            let result = try CLIRunner.run(command, in: repository.url)
            #expect(result.status == 2, "\(command): \(result.stdout)")
            #expect(result.stderr.hasPrefix("vlmbot: list.md: ") && result.stderr.contains("outside the repository"),
                    "\(command): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
        #expect(try bytes(secret) == Array(Self.messy.utf8))
        #expect(isLink(repository.url.appendingPathComponent("list.md")))
    }

    @Test func aFolderHoldingALinkOutsideIsRefusedNamingTheLink() throws {
        let outside = try TemporaryFolder()
        let secret = try outside.write("secret.md", Self.table)
        let repository = try TemporaryRepository()
        try repository.folder.write("lists/a.md", Self.table)
        try link(repository.url.appendingPathComponent("lists/b.md"), to: "../../\(outside.url.lastPathComponent)/secret.md")
        #expect(FileManager.default.fileExists(atPath: repository.url.appendingPathComponent("lists/b.md").path))
        let result = try CLIRunner.run(["check", "lists"], in: repository.url)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("vlmbot: lists/b.md: "), "\(result.stderr)")
        #expect(try bytes(secret) == Array(Self.table.utf8))
    }

    @Test func aPathOutsideTheWorkingDirectoryIsRefusedOutsideARepository() throws {
        let parent = try TemporaryFolder()
        try parent.write("other/list.md", Self.table)
        try parent.write("here/list.md", Self.table)
        let here = parent.url.appendingPathComponent("here")
        #expect(try CLIRunner.run(["check", "list.md"], in: here).status == 0)
        let result = try CLIRunner.run(["check", "../other/list.md"], in: here)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("vlmbot: ../other/list.md: ") && result.stderr.contains("outside the working directory"),
                "\(result.stderr)")
    }

    @Test func listsInTheConfigurationStayInsideTheRepository() throws {
        let parent = try TemporaryFolder()
        try parent.write("x.md", Self.table)
        let repository = parent.url.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "init", "-q", repository.path]
        try git.run()
        git.waitUntilExit()
        try parent.write("repo/list.md", Self.table)
        try parent.write("repo/.vlmbot.yml", "version: 1\nlists: [\"../x.md\"]\n")
        let above = try CLIRunner.run(["check"], in: repository)
        #expect(above.status == 2)
        #expect(above.stderr.contains("../x.md") && above.stderr.contains("outside the repository"), "\(above.stderr)")
        // An absolute path is not quietly read as a relative one.
        try parent.write("repo/.vlmbot.yml", "version: 1\nlists: [\"/list.md\"]\n")
        let absolute = try CLIRunner.run(["check"], in: repository)
        #expect(absolute.status == 2)
        #expect(absolute.stderr.contains("/list.md") && absolute.stderr.contains("must be relative to the repository root"),
                "\(absolute.stderr)")
        #expect(absolute.stderr.split(separator: "\n").count == 1)
    }

    // MARK: - format through links

    /// A folder with `docs/list.md` (messy, with this mode) and `README.md` linking to it.
    private func linkedList(mode: Int) throws -> (folder: TemporaryFolder, target: URL, readme: URL) {
        let folder = try TemporaryFolder()
        let target = try folder.write("docs/list.md", Self.messy)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: target.path)
        let readme = folder.url.appendingPathComponent("README.md")
        try link(readme, to: "docs/list.md")
        return (folder, target, readme)
    }

    @Test func formatWritesThroughALinkToItsTargetAndKeepsTheLink() throws {
        let (folder, target, readme) = try linkedList(mode: 0o640)
        let result = try CLIRunner.run(["format", "README.md", "docs"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("docs/list.md: fixed 2"), "\(result.stdout)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: readme.path) == "docs/list.md")
        #expect(try bytes(target) == Array(Self.tidy.utf8))
        let mode = try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path) == ["list.md"])
    }

    @Test func theWriterReplacesALinksTargetNeverTheLink() throws {
        let (folder, target, readme) = try linkedList(mode: 0o600)
        defer { withExtendedLifetime(folder) {} }
        try ListWriter.checkWritable(readme, displayPath: "README.md")
        try ListWriter.replace(readme, displayPath: "README.md", expected: Array(Self.messy.utf8), with: Array(Self.tidy.utf8))
        #expect(isLink(readme))
        #expect(try bytes(target) == Array(Self.tidy.utf8))
        let mode = try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
    }

    // MARK: - Git LFS pointers

    @Test func aGitLFSPointerIsSaidToBeOne() throws {
        let folder = try TemporaryFolder()
        try folder.write("list.md", Self.lfsPointer)
        for command in ["check", "format"] {
            let result = try CLIRunner.run([command, "list.md"], in: folder.url)
            #expect(result.status == 2)
            #expect(result.stderr == "vlmbot: list.md: a Git LFS pointer, not the list: run `git lfs pull`\n", "\(result.stderr)")
        }
    }

    @Test func aChangeToOrFromAGitLFSPointerIsNotCountedAsRemovedEntries() throws {
        let repository = try TemporaryRepository()
        try repository.commit(["list.md": Self.table], message: "base")
        try repository.git("checkout", "-q", "-b", "feature")
        try repository.commit(["list.md": Self.lfsPointer], message: "move the list to LFS")
        let toPointer = try repository.check("--base", "main", "--head", "feature")
        #expect(toPointer.status == 2)
        #expect(toPointer.stderr.hasPrefix("vlmbot: list.md: ") && toPointer.stderr.contains("Git LFS pointer"), "\(toPointer.stderr)")
        try repository.git("checkout", "-q", "-b", "restore")
        try repository.commit(["list.md": Self.table], message: "bring the list back into git")
        let fromPointer = try repository.check("--base", "feature", "--head", "restore")
        #expect(fromPointer.status == 2)
        #expect(fromPointer.stderr.contains("list.md at the base") && fromPointer.stderr.contains("Git LFS pointer"),
                "\(fromPointer.stderr)")
    }

    // MARK: - Submodules

    @Test func aChangedSubmoduleHoldingListsIsSaidNotChecked() throws {
        let library = try TemporaryRepository()
        try library.commit(["list.md": Self.table], message: "library")
        let repository = try TemporaryRepository()
        try repository.folder.write(".vlmbot.yml", "version: 1\nlists: [papers]\n")
        try repository.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", library.url.path, "papers")
        try repository.commit([:], message: "base")
        try repository.git("checkout", "-q", "-b", "feature")
        try library.commit(["list.md": Self.table + "| New ragged |\n"], message: "a new paper")
        let papers = repository.url.appendingPathComponent("papers")
        try repository.git("-c", "protocol.file.allow=always", "fetch", "-q", "origin", in: papers)
        try repository.git("checkout", "-q", "FETCH_HEAD", in: papers)
        try repository.commit([:], message: "bump the submodule")
        let result = try repository.check("--base", "main", "--head", "feature")
        #expect(result.status == 0)
        #expect(result.stderr.contains("papers") && result.stderr.contains("submodule"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    // MARK: - Links under --base

    @Test func aLinkedListIsReviewedWhereItsTargetChanged() throws {
        let repository = try TemporaryRepository()
        try repository.folder.write(".vlmbot.yml", "version: 1\nlists: [README.md]\n")
        try repository.folder.write("docs/list.md", Self.table)
        try link(repository.url.appendingPathComponent("README.md"), to: "docs/list.md")
        try repository.commit([:], message: "base")
        try repository.git("checkout", "-q", "-b", "feature")
        try repository.commit(["docs/list.md": Self.table + "| Feature ragged |\n"], message: "feature")
        let pullRequest = try repository.check("--base", "main", "--head", "feature", "--format", "json", "--fail-on", "warning")
        #expect(pullRequest.status == 1, "\(pullRequest.stderr)")
        #expect(try fileChanges(pullRequest) == ["docs/list.md": ["added": 1, "changed": 0, "removed": 0]])
        #expect(try findingLines(pullRequest) == [7])
        try repository.folder.write("docs/list.md", Self.table + "| Feature ragged |\n| Working ragged |\n")
        let workingTree = try repository.check("--base", "feature", "--format", "json", "--fail-on", "warning")
        #expect(try fileChanges(workingTree) == ["docs/list.md": ["added": 1, "changed": 0, "removed": 0]])
        #expect(try findingLines(workingTree) == [8])
    }

    @Test func aListThatWasALinkAtTheBaseIsComparedWithTheLinksTarget() throws {
        let repository = try TemporaryRepository()
        try repository.folder.write("docs/old.md", Self.table)
        try link(repository.url.appendingPathComponent("list.md"), to: "docs/old.md")
        try repository.commit([:], message: "base")
        try repository.git("checkout", "-q", "-b", "feature")
        try FileManager.default.removeItem(at: repository.url.appendingPathComponent("list.md"))
        try repository.commit(["list.md": Self.table + "| Feature ragged |\n"], message: "the list becomes a file")
        let result = try repository.check("--base", "main", "--head", "feature", "--format", "json", "--fail-on", "warning")
        #expect(try fileChanges(result) == ["list.md": ["added": 1, "changed": 0, "removed": 0]], "\(result.stderr)")
        #expect(try findingLines(result) == [7])
    }

    @Test func aLinkLeavingTheTreeAtTheBaseIsRefused() throws {
        let repository = try TemporaryRepository()
        try link(repository.url.appendingPathComponent("list.md"), to: "../../etc/passwd")
        try repository.commit([:], message: "base")
        try repository.git("checkout", "-q", "-b", "feature")
        try FileManager.default.removeItem(at: repository.url.appendingPathComponent("list.md"))
        try repository.commit(["list.md": Self.table], message: "the list becomes a file")
        let result = try repository.check("--base", "main", "--head", "feature")
        #expect(result.status == 2)
        #expect(result.stderr.contains("list.md") && result.stderr.contains("../../etc/passwd")
                && result.stderr.contains("outside the repository"), "\(result.stderr)")
    }

    // MARK: - Refs that are not commits

    @Test func aBlobOrTreeGivenAsARefIsNamedAsSuch() throws {
        let repository = try TemporaryRepository()
        try repository.commit(["list.md": Self.table], message: "base")
        let blob = try repository.check("--base", "HEAD:list.md")
        #expect(blob.status == 2)
        #expect(blob.stderr.hasPrefix("vlmbot: --base HEAD:list.md: ") && blob.stderr.contains("'HEAD:list.md' names a blob, not a commit"),
                "\(blob.stderr)")
        let tree = try repository.check("--base", "HEAD", "--head", "HEAD^{tree}")
        #expect(tree.status == 2)
        #expect(tree.stderr.contains("'HEAD^{tree}' names a tree, not a commit"), "\(tree.stderr)")
        #expect(!tree.stderr.contains("git_object_t"), "not libgit2's raw message")
    }

    // MARK: - The base's configuration

    @Test func aPullRequestIsCheckedWithTheBasesConfiguration() throws {
        let repository = try TemporaryRepository()
        try repository.commit(["list.md": Self.table], message: "base")
        try repository.git("checkout", "-q", "-b", "feature")
        try repository.commit([".vlmbot.yml": "version: 1\nlists: [other.md]\nrules:\n  entry-schema: false\n",
                               "other.md": "# Other\n", "list.md": Self.table + "| Feature ragged |\n"],
                              message: "turn the check off")
        let result = try repository.check("--base", "main", "--head", "feature", "--format", "json", "--fail-on", "warning")
        #expect(result.status == 1, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.map { $0["rule"] as? String } == ["configuration-change", "entry-schema"])
        let note = try #require(findings.first)
        #expect(note["path"] as? String == ".vlmbot.yml")
        #expect(note["severity"] as? String == "note")
        #expect((note["message"] as? String)?.contains("after merge") == true)
        let review = try CLIRunner.run(["review", "--base", "main", "--head", "feature"], in: repository.url)
        #expect(review.status == 0, "\(review.stderr)")
        let payload = try #require(try JSONSerialization.jsonObject(with: Data(review.stdout.utf8)) as? [String: Any])
        #expect((payload["comments"] as? [[String: Any]])?.map { $0["line"] as? Int } == [7])
        #expect((payload["body"] as? String)?.contains("after merge") == true)
        // Against the working tree, the contributor's own configuration is used.
        let local = try repository.check("--base", "main", "--format", "json", "--fail-on", "warning")
        #expect(local.status == 0, "\(local.stdout)")
    }
}
