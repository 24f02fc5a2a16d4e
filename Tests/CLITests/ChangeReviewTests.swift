import Foundation
import Testing

/// A temporary git repository driven by the git command line, isolated from global config.
final class TemporaryRepository {
    let folder: TemporaryFolder
    var url: URL { folder.url }

    init() throws {
        folder = try TemporaryFolder()
        try git("init", "-q", "-b", "main")
        try folder.write(".vlmbot.yml", "version: 1\nlists: [list.md]\n")
    }

    @discardableResult
    func git(_ arguments: String..., in directory: URL? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "commit.gpgsign=false"] + arguments
        process.currentDirectoryURL = directory ?? url
        process.environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": url.path,
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
            "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.com",
            "GIT_COMMITTER_NAME": "C", "GIT_COMMITTER_EMAIL": "c@example.com",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func commit(_ files: [String: String], message: String) throws {
        for (name, text) in files { try folder.write(name, text) }
        try git("add", "-A")
        try git("commit", "-q", "-m", message)
    }

    func check(_ arguments: String...) throws -> CLIRunner.Result {
        try CLIRunner.run(["check"] + arguments, in: url, environment: ["NO_COLOR": "1"])
    }

    /// A check that parses a changed list by sections, as vlmbot does for large lists.
    func checkBySections(_ arguments: String...) throws -> CLIRunner.Result {
        try CLIRunner.run(["check"] + arguments, in: url, environment: ["NO_COLOR": "1", "VLMBOT_WHOLE_LIST_BYTES": "0"])
    }
}

/// Findings of a JSON check: (line, rule) pairs.
func findingLines(_ result: CLIRunner.Result) throws -> [Int] {
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
    return (json["findings"] as? [[String: Any]] ?? []).compactMap { $0["line"] as? Int }
}

func fileChanges(_ result: CLIRunner.Result) throws -> [String: [String: Int]] {
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    var changes: [String: [String: Int]] = [:]
    for file in json["files"] as? [[String: Any]] ?? [] {
        changes[file["path"] as? String ?? ""] = file["changes"] as? [String: Int]
    }
    return changes
}

@Suite struct ChangeReviewTests {
    static let table = "# Papers\n\n| Title | Code |\n|---|---|\n| An Old Paper On Lungs | - |\n| Old ragged |\n"

    @Test func workingTreeEditsAreJudgedAloneStagedOrNot() throws {
        let repository = try TemporaryRepository()
        try repository.commit(["list.md": Self.table], message: "base")
        try repository.folder.write("list.md", Self.table + "| Staged ragged |\n")
        try repository.git("add", "list.md")
        try repository.folder.write("list.md", Self.table + "| Staged ragged |\n| Unstaged ragged |\n| A Fine New Paper | - |\n")
        let all = try repository.check("--base", "HEAD", "--format", "json", "--fail-on", "warning")
        #expect(all.status == 1)
        #expect(try findingLines(all) == [7, 8])
        #expect(try fileChanges(all) == ["list.md": ["added": 3, "changed": 0, "removed": 0]])
        let staged = try repository.check("--staged", "--format", "json")
        #expect(try findingLines(staged) == [7])
    }

    @Test func aPullRequestIsJudgedFromTheMergeBase() throws {
        let repository = try TemporaryRepository()
        try repository.commit(["list.md": Self.table], message: "base")
        try repository.git("checkout", "-q", "-b", "feature")
        try repository.commit(["list.md": Self.table + "| Feature ragged |\n"], message: "feature")
        try repository.git("checkout", "-q", "main")
        try repository.commit(["list.md": "| Main ragged |\n\n" + Self.table], message: "main moves on")
        let result = try repository.check("--base", "main", "--head", "feature", "--format", "json")
        #expect(try findingLines(result) == [7])
        // After merging main into the feature branch, the feature's own change is still judged.
        try repository.git("checkout", "-q", "feature")
        try repository.git("merge", "-q", "--no-edit", "main")
        let merged = try repository.check("--base", "main", "--head", "feature", "--format", "json")
        #expect(try findingLines(merged) == [9])
    }

    @Test func aRenamedListIsCheckedAsModified() throws {
        let repository = try TemporaryRepository()
        try repository.commit(["list.md": Self.table], message: "base")
        try repository.git("mv", "list.md", "papers.md")
        try repository.commit([".vlmbot.yml": "version: 1\nlists: [papers.md]\n",
                               "papers.md": Self.table + "| Renamed ragged |\n"], message: "rename")
        let result = try repository.check("--base", "HEAD~1", "--head", "HEAD", "--format", "json")
        // Line 1: the note that the change to .vlmbot.yml applies after merge.
        #expect(try findingLines(result) == [1, 7])
        #expect(try fileChanges(result) == ["papers.md": ["added": 1, "changed": 0, "removed": 0]])
    }

    @Test func aDeletedListReportsNothing() throws {
        let repository = try TemporaryRepository()
        try repository.commit(["list.md": Self.table, "other.md": "- [A Paper Title Here](https://e.org/p)\n"], message: "base")
        try repository.git("rm", "-q", "list.md")
        try repository.commit([".vlmbot.yml": "version: 1\nlists: [other.md]\n"], message: "delete")
        let result = try repository.check("--base", "HEAD~1", "--head", "HEAD")
        #expect(result.status == 0)
        #expect(result.stdout == ".vlmbot.yml:1:1: note: This change to .vlmbot.yml applies after merge: a pull request is "
                + "checked with the configuration of its base (HEAD~1). [configuration-change]\n"
                + "No list to check: the change touches none of the lists.\n")
    }

    @Test func unknownRefNotARepositoryAndUnbornHeadFailClearly() throws {
        let repository = try TemporaryRepository()
        try repository.folder.write("list.md", Self.table)
        let unborn = try repository.check("--base", "HEAD")
        #expect(unborn.status == 2)
        #expect(unborn.stderr.hasPrefix("vlmbot: --base HEAD: git_revparse_single failed"))
        try repository.commit(["list.md": Self.table], message: "base")
        let unknown = try repository.check("--base", "no-such-branch")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("vlmbot: --base no-such-branch: "))
        #expect(unknown.stderr.split(separator: "\n").count == 1)
        let plain = try TemporaryFolder()
        try plain.write("list.md", Self.table)
        let outside = try CLIRunner.run(["check", "list.md", "--base", "main"], in: plain.url)
        #expect(outside.status == 2)
        #expect(outside.stderr.contains("is not in a git repository"))
        #expect(try CLIRunner.run(["check", "--head", "main"], in: repository.url).status == 2)
    }

    @Test func aShallowCloneWithoutTheBaseSaysHowToFetchIt() throws {
        let repository = try TemporaryRepository()
        try repository.commit(["list.md": Self.table], message: "one")
        let first = try repository.git("rev-parse", "HEAD")
        try repository.commit(["list.md": Self.table + "| Two |\n"], message: "two")
        try repository.commit(["list.md": Self.table + "| Two |\n| Three |\n"], message: "three")
        let clones = try TemporaryFolder()
        try repository.git("clone", "-q", "--depth", "1", "file://" + repository.url.path, "shallow", in: clones.url)
        let result = try CLIRunner.run(["check", "--base", first, "--head", "HEAD"], in: clones.url.appendingPathComponent("shallow"))
        #expect(result.status == 2)
        #expect(result.stderr.contains("fetch-depth: 0"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func aListBinaryOnOneSideFailsClearly() throws {
        let repository = try TemporaryRepository()
        try repository.commit(["list.md": Self.table], message: "base")
        try repository.folder.write("list.md", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01])
        let result = try repository.check("--base", "HEAD")
        #expect(result.status == 2)
        #expect(result.stderr == "vlmbot: list.md: binary on one side of the change; vlmbot checks text lists\n")
    }

    @Test func aPullRequestThatAddsADuplicateOfAnOldEntryIsToldWhere() throws {
        let repository = try TemporaryRepository()
        let list = """
        # Papers

        ## Segmentation

        - [Segment Anything in Medical Images](https://arxiv.org/abs/2304.12306)
        - [A Paper About Lung Nodules](https://arxiv.org/abs/2301.00001)

        ## Detection

        - [A Paper About Tumour Detection](https://arxiv.org/abs/2302.00002)

        """
        try repository.commit(["list.md": list], message: "base")
        try repository.git("checkout", "-q", "-b", "feature")
        try repository.commit(["list.md": list + "- [Segment Anything in Medical Images](https://arxiv.org/pdf/2304.12306v2)\n"],
                              message: "add a paper again")
        let result = try repository.check("--base", "main", "--head", "feature", "--format", "json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        let duplicate = try #require(findings.first { $0["rule"] as? String == "duplicate-entry" })
        #expect(duplicate["line"] as? Int == 11)
        #expect((duplicate["message"] as? String)?.contains("line 5") == true)
        #expect(duplicate["severity"] as? String == "note", "a repeat across sections is a judgement")
        #expect(findings.allSatisfy { ($0["line"] as? Int ?? 0) >= 11 }, "only the new entry is judged")
    }

    /// A change touching one section of a long list is parsed alone, yet its entries are
    /// still compared with the whole list: by arXiv id, by title and by nearly the same title.
    @Test func aChangeToOneSectionStillFindsCopiesInFarSections() throws {
        func section(_ name: String, _ number: Int) -> String {
            "## \(name)\n\n" + (1...40).map { index in
                "- [\(name) Study \(number)-\(index) on Radiology Report Generation](https://openreview.net/forum?id=\(number)x\(index))\n"
            }.joined() + "\n"
        }
        let far = """
        ## Surveys

        - [Vision-Language Models for Medical Report Generation and Visual Question Answering: A Review](https://openreview.net/forum?id=rev)
        - [Contrastive Learning of Medical Visual Representations from Paired Images and Text](https://openreview.net/forum?id=cv)
        - [MedCLIP: Contrastive Learning from Unpaired Medical Images and Text](https://arxiv.org/abs/2210.10163)


        """
        let head = "# Papers\n\n" + far + (1...6).map { section("Topic \($0)", $0) }.joined()
        let repository = try TemporaryRepository()
        try repository.commit(["list.md": head + "## New\n\n- [A First New Paper](https://openreview.net/forum?id=n1)\n"],
                              message: "base")
        try repository.git("checkout", "-q", "-b", "feature")
        let added = """
        - [A First New Paper](https://openreview.net/forum?id=n1)
        - [MedCLIP Again](https://arxiv.org/pdf/2210.10163v3.pdf)
        - [Vision-Language Models for Medical Report Generation and Visual Question Answering: A Review](https://doi.org/10.1234/abc)
        - [Contrastive Learning of Visual Representations from Paired Images and Text](https://openreview.net/forum?id=cv2)

        """
        try repository.commit(["list.md": head + "## New\n\n" + added], message: "add papers")
        let result = try repository.checkBySections("--base", "main", "--head", "feature", "--format", "json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]]).filter { $0["rule"] as? String == "duplicate-entry" }
        let newSection = head.split(separator: "\n", omittingEmptySubsequences: false).count + 2
        #expect(findings.map { $0["line"] as? Int } == [newSection + 1, newSection + 2, newSection + 3])
        // Across sections, every repeat is a note, by identifier, title or near title.
        #expect(findings.map { $0["severity"] as? String } == ["note", "note", "note"])
        #expect(findings.compactMap { ($0["message"] as? String)?.components(separatedBy: "line ").dropFirst().first?.prefix(1) }
                == ["7", "5", "6"])
        let files = try #require(json["files"] as? [[String: Any]])
        #expect((files.first?["entries"] as? Int ?? 0) < 100, "only the changed section and the copies' sections are read")
    }
}
