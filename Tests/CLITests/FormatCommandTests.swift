import Foundation
import Testing
@testable import vlmbot

/// `vlmbot format` as a maintainer runs it, on files in a temporary folder or repository.
@Suite struct FormatCommandTests {
    static let messy = "# Papers\n\n##Survey\n\n- A survey of medical VLMs. [[paper]](https://arxiv.org/abs/2403.02469)   \n"
    static let tidy = "# Papers\n\n## Survey\n\n- A survey of medical VLMs. [[paper]](https://arxiv.org/abs/2403.02469)\n"

    private func format(_ arguments: [String], in folder: URL) throws -> CLIRunner.Result {
        try CLIRunner.run(["format"] + arguments, in: folder, environment: ["NO_COLOR": "1"])
    }

    private func bytes(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }

    @Test func checkListsWhatWouldChangeAndWritesNothing() throws {
        let folder = try TemporaryFolder()
        let list = try folder.write("list.md", Self.messy)
        let result = try format(["--check", "list.md"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stdout.contains("list.md: would fix 2 (heading-space 1, whitespace 1)"))
        #expect(result.stdout.contains("heading-space: lines 3"))
        #expect(try bytes(list) == Array(Self.messy.utf8))
        try folder.write("list.md", Self.tidy)
        let clean = try format(["--check", "list.md"], in: folder.url)
        #expect(clean.status == 0)
        #expect(clean.stdout.contains("1 list already formatted"))
    }

    @Test func diffPrintsAPatchThatGitAppliesToTheFormattedText() throws {
        let folder = try TemporaryFolder()
        let list = try folder.write("list.md", Self.messy)
        let result = try format(["--diff", "list.md"], in: folder.url)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("--- a/list.md\n+++ b/list.md\n@@ -1,5 +1,5 @@\n"))
        #expect(try bytes(list) == Array(Self.messy.utf8))
        try folder.write("change.diff", result.stdout)
        let apply = Process()
        apply.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        apply.arguments = ["git", "apply", "change.diff"]
        apply.currentDirectoryURL = folder.url
        try apply.run()
        apply.waitUntilExit()
        #expect(apply.terminationStatus == 0)
        #expect(try bytes(list) == Array(Self.tidy.utf8))
    }

    @Test func writingKeepsLineEndingsByteOrderMarkFinalNewlineAndMode() throws {
        let folder = try TemporaryFolder()
        let crlf = Self.messy.replacingOccurrences(of: "\n", with: "\r\n").dropLast()
        let list = try folder.write("list.md", [0xEF, 0xBB, 0xBF] + Array(crlf.utf8))
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: list.path)
        let result = try format(["list.md"], in: folder.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("list.md: fixed 2 (heading-space 1, whitespace 1)"))
        let expected = Self.tidy.replacingOccurrences(of: "\n", with: "\r\n").dropLast()
        #expect(try bytes(list) == [0xEF, 0xBB, 0xBF] + Array(expected.utf8))
        let mode = try FileManager.default.attributesOfItem(atPath: list.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["list.md"])
        #expect(try format(["--check", "list.md"], in: folder.url).status == 0)
    }

    @Test func theProfileAsksForCanonicalForms() throws {
        let folder = try TemporaryFolder()
        try folder.write(".vlmbot.yml", "version: 1\nlists: [list.md]\nprofiles:\n  - match: [\"list.md\"]\n    format: { arxiv-abs: true, https: true }\n")
        let list = try folder.write("list.md", "## Papers\n\n- A survey. [[paper]](http://arxiv.org/pdf/2403.02469v2.pdf)\n")
        let result = try format([], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("list.md: fixed 2 (format-arxiv-abs 1, format-https 1)"))
        #expect(try bytes(list) == Array("## Papers\n\n- A survey. [[paper]](https://arxiv.org/abs/2403.02469v2)\n".utf8))
        try folder.write(".vlmbot.yml", "version: 1\nlists: [list.md]\nprofiles:\n  - match: [\"list.md\"]\n    format: { pdf: true }\n")
        let bad = try format([], in: folder.url)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains(".vlmbot.yml") && bad.stderr.contains("pdf"), "\(bad.stderr)")
    }

    @Test func aReadOnlyFileStopsTheRunBeforeAnythingIsWritten() throws {
        let folder = try TemporaryFolder()
        let first = try folder.write("a.md", Self.messy)
        let locked = try folder.write("b.md", Self.messy)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: locked.path)
        let result = try format(["a.md", "b.md"], in: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr == "vlmbot: b.md: read-only file; make it writable (chmod u+w) to format it; nothing was written\n")
        #expect(try bytes(first) == Array(Self.messy.utf8))
        #expect(try bytes(locked) == Array(Self.messy.utf8))
    }

    @Test func missingBinaryAndNonUTF8FilesFailNamingTheFile() throws {
        let folder = try TemporaryFolder()
        try folder.write("binary.md", [0x23, 0x00, 0x0A])
        try folder.write("latin1.md", Array("# Caf".utf8) + [0xE9, 0x0A])
        for (name, words) in [("missing.md", "no such file"), ("binary.md", "binary file"), ("latin1.md", "not UTF-8")] {
            let result = try format([name], in: folder.url)
            #expect(result.status == 2)
            #expect(result.stderr.hasPrefix("vlmbot: \(name)") && result.stderr.contains(words), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test func withBaseOnlyThePullRequestsEntriesAreFormatted() throws {
        let repository = try TemporaryRepository()
        let old = "# Papers\n\n## Survey\n\n- Old survey of medical VLMs. [[paper]](https://arxiv.org/abs/2403.02469)   \n"
        try repository.commit(["list.md": old], message: "list")
        try repository.git("checkout", "-q", "-b", "feature")
        let new = old + "- New survey of radiology VLMs. [[paper]](https://arxiv.org/abs/2312.06224)  \n"
        try repository.commit(["list.md": new], message: "add a paper")
        let result = try format(["--base", "main"], in: repository.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("list.md: fixed 1 (whitespace 1)"))
        let formatted = String(decoding: try bytes(repository.url.appendingPathComponent("list.md")), as: UTF8.self)
        #expect(formatted == old + "- New survey of radiology VLMs. [[paper]](https://arxiv.org/abs/2312.06224)\n")
        #expect(try format(["--base", "no-such-ref"], in: repository.url).status == 2)
    }

    @Test func aFileChangedOnDiskDuringTheRunIsNotOverwritten() throws {
        let folder = try TemporaryFolder()
        let list = try folder.write("list.md", Self.messy)
        let edit = Array("# Someone else's edit\n".utf8)
        #expect(throws: VlmbotError.self) {
            try ListWriter.replace(list, displayPath: "list.md", expected: Array(Self.messy.utf8), with: Array(Self.tidy.utf8)) {
                try? Data(edit).write(to: list)
            }
        }
        #expect(try bytes(list) == edit)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["list.md"])
        try ListWriter.replace(list, displayPath: "list.md", expected: edit, with: Array(Self.tidy.utf8))
        #expect(try bytes(list) == Array(Self.tidy.utf8))
    }
}
