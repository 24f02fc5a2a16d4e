import Foundation
import Testing

@Suite struct CheckCommandTests {
    @Test func checksTheBundledSeedsByDefault() throws {
        let result = try CLIRunner.run(["check", "--format", "json"])
        #expect(result.status == 1, "the seeds hold errors: \(result.stderr)")
        #expect(result.stderr.isEmpty)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["version"] as? Int == 1)
        let files = try #require(json["files"] as? [[String: Any]])
        #expect(files.map { $0["path"] as? String } == [
            "seeds/000_0d400a1bbd15071e.txt", "seeds/001_cc10a04a1c6bde63.txt", "seeds/002_978e9d997ce1388e.txt",
            "seeds/003_2cec8cdf71660f63.txt", "seeds/004_ae12df1e4fd30395.txt",
        ])
        #expect(files.map { $0["entries"] as? Int } == [7, 66, 126, 26, 13])
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["entries"] as? Int == 238)
    }

    @Test func textReportQuotesTheLineWithACaret() throws {
        let folder = try TemporaryFolder()
        try folder.write("list.md", "# L\n\n| Title | Code |\n|---|---|\n| Fine | - |\n| Ragged | - | lost |\n")
        let result = try CLIRunner.run(["check", "list.md"], in: folder.url, environment: ["NO_COLOR": "1"])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("list.md:6:1: error: This table row has 3 cells but its header (line 3) has 2"))
        #expect(lines[0].hasSuffix("[entry-schema]"))
        #expect(lines[1] == "  | Ragged | - | lost |")
        #expect(lines[2] == "  ^" + String(repeating: "~", count: 20))
        #expect(lines[3] == "1 error, 0 warnings, 0 notes in 2 entries of 1 file.")
        #expect(!result.stdout.contains("\u{1B}["))
    }

    @Test func failOnLevelDecidesTheExitStatus() throws {
        let folder = try TemporaryFolder()
        try folder.write("ok.md", "- [A Fine Paper Title](https://arxiv.org/abs/2301.00001)\n")
        #expect(try CLIRunner.run(["check", "ok.md", "--fail-on", "note"], in: folder.url).status == 0)
        let bad = try CLIRunner.run(["check", "ok.md", "--fail-on", "sometimes"], in: folder.url)
        #expect(bad.status == 2)
        #expect(bad.stderr.split(separator: "\n").count == 1)
    }

    @Test func folderWithoutListsIsAnError() throws {
        let folder = try TemporaryFolder()
        try folder.write("empty/notes.json", "{}")
        let result = try CLIRunner.run(["check", "empty"], in: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr == "vlmbot: empty: the folder holds no list files (*.md, *.markdown, *.txt)\n")
        #expect(result.stdout.isEmpty)
    }

    @Test func missingFileIsAnError() throws {
        let result = try CLIRunner.run(["check", "no/such/list.md"])
        #expect(result.status == 2)
        #expect(result.stderr == "vlmbot: no/such/list.md: no such file or folder\n")
    }

    @Test func binaryFileIsAnError() throws {
        let folder = try TemporaryFolder()
        try folder.write("image.md", [0x89, 0x50, 0x4E, 0x47, 0x0A, 0x61, 0x00, 0x01])
        let result = try CLIRunner.run(["check", "image.md"], in: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr == "vlmbot: image.md:2: binary file (a NUL byte at column 2), not a Markdown list\n")
    }

    @Test func nonUTF8FileIsAnErrorNamingTheLine() throws {
        let folder = try TemporaryFolder()
        try folder.write("latin1.md", Array("# List\n\n- [Caf".utf8) + [0xE9] + Array("](https://e.org)\n".utf8))
        let result = try CLIRunner.run(["check", "latin1.md"], in: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr == "vlmbot: latin1.md:3: not UTF-8 text (byte 0xE9 at column 7); save the file as UTF-8\n")
        #expect(result.stdout.isEmpty)
    }

    @Test func oneBadFileStopsTheRunBeforeAnyOutput() throws {
        let folder = try TemporaryFolder()
        try folder.write("lists/a.md", "- [A Fine Paper Title](https://arxiv.org/abs/2301.00001)\n")
        try folder.write("lists/b.md", [0xFF, 0xFE, 0x00])
        let result = try CLIRunner.run(["check", "lists", "--format", "json"], in: folder.url)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("vlmbot: lists/b.md:1: binary file"))
    }

    @Test func configurationErrorsNameFileLineAndKey() throws {
        let folder = try TemporaryFolder()
        try folder.write(".vlmbot.yml", "version: 1\nlist:\n  - a.md\n")
        let result = try CLIRunner.run(["check"], in: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr == "vlmbot: .vlmbot.yml:2: unknown key 'list' (known keys: version, lists, online, rules, vocabulary, profiles)\n")
    }

    @Test func configurationNamesTheDefaultListsFromASubfolder() throws {
        let folder = try TemporaryFolder()
        try folder.write(".vlmbot.yml", "version: 1\nlists: [papers.md]\n")
        try folder.write("papers.md", "- [A Fine Paper Title](https://arxiv.org/abs/2301.00001)\n")
        try folder.write("sub/deeper/keep.txt", "")
        let result = try CLIRunner.run(["check", "--format", "json"], in: folder.url.appendingPathComponent("sub/deeper"))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"entries\":1"))
    }

    @Test func noPathAndNoConfigurationIsAnError() throws {
        let folder = try TemporaryFolder()
        let result = try CLIRunner.run(["check"], in: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("no list given and no .vlmbot.yml found"))
    }

    @Test func unknownOptionIsAnError() throws {
        let result = try CLIRunner.run(["check", "--frobnicate"])
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}

@Suite struct EntriesCommandTests {
    @Test(arguments: [
        ("seeds/000_0d400a1bbd15071e.txt", 7), ("seeds/001_cc10a04a1c6bde63.txt", 66),
        ("seeds/002_978e9d997ce1388e.txt", 126), ("seeds/003_2cec8cdf71660f63.txt", 26),
        ("seeds/004_ae12df1e4fd30395.txt", 13),
    ])
    func printsEverySeedEntry(path: String, count: Int) throws {
        let result = try CLIRunner.run(["entries", path, "--format", "json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["path"] as? String == path)
        let entries = try #require(json["entries"] as? [[String: Any]])
        #expect(entries.count == count)
        let keys = ["line", "endLine", "section", "title", "authors", "year", "venue", "category", "links", "ids",
                    "kind", "name", "date", "fields"]
        #expect(entries.allSatisfy { Set($0.keys) == Set(keys) })
    }

    @Test func tsvHasAHeaderAndOneLinePerEntry() throws {
        let result = try CLIRunner.run(["entries", "seeds/004_ae12df1e4fd30395.txt", "--format", "tsv"])
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 14)
        #expect(lines[0].hasPrefix("line\tendLine\tsection\ttitle"))
        #expect(lines[1].hasPrefix("12\t14\tSurvey\tCLIP in Medical Imaging: A Comprehensive Survey\t"))
    }

    @Test func aFolderIsRefused() throws {
        let result = try CLIRunner.run(["entries", "seeds"])
        #expect(result.status == 2)
        #expect(result.stderr == "vlmbot: seeds: a folder; 'vlmbot entries' takes one list file\n")
    }
}
