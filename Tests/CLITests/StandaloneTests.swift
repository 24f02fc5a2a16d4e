import Foundation
import Testing

/// vlmbot as a new user meets it: its one file copied anywhere, run in a list's repository
/// with no configuration, and `vlmbot init`.
@Suite struct StandaloneTests {
    /// A seed list, the one with a category column.
    static let seed = CLIRunner.packageRoot.appendingPathComponent("seeds/001_cc10a04a1c6bde63.txt")

    /// The built binary copied alone into an empty folder, with an empty home: no `rules/`
    /// folder anywhere near it, and `VLMBOT_RULES` unset.
    static func lone(_ arguments: [String], in folder: URL, binary: URL) throws -> CLIRunner.Result {
        try CLIRunner.run(arguments, in: folder, environment: ["HOME": folder.appendingPathComponent("home").path, "NO_COLOR": "1"],
                          unsetting: ["VLMBOT_RULES"], executable: binary)
    }

    @Test func theBinaryAloneDoesWhatItDoesInTheCheckout() throws {
        let place = try TemporaryFolder()
        let binary = place.url.appendingPathComponent("bin/vlmbot")
        try FileManager.default.createDirectory(at: binary.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLIRunner.binary, to: binary)
        let work = place.url.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work.appendingPathComponent("home"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.seed, to: work.appendingPathComponent("list.md"))
        let checkout = ["VLMBOT_RULES": CLIRunner.packageRoot.appendingPathComponent("rules").path, "NO_COLOR": "1"]
        for arguments in [["check", "list.md", "--format", "json"], ["check", "list.md"], ["format", "--check", "list.md"],
                          ["rules"], ["rules", "spelling"], ["entries", "list.md", "--format", "json"]] {
            let alone = try Self.lone(arguments, in: work, binary: binary)
            let there = try CLIRunner.run(arguments, in: work, environment: checkout)
            #expect(alone.status == there.status, "\(arguments): \(alone.stderr)")
            #expect(alone.stdout == there.stdout, "\(arguments)")
            #expect(alone.stderr == there.stderr, "\(arguments)")
            #expect(alone.status != 2, "\(arguments): \(alone.stderr)")
        }
        // The spelling rule reads the word list compiled in: a misspelt title word is found.
        try "- [Medical Image Segmentaton with Transformers](https://arxiv.org/abs/2301.00001)\n"
            .write(to: work.appendingPathComponent("typo.md"), atomically: true, encoding: .utf8)
        let typo = try Self.lone(["check", "typo.md", "--format", "json"], in: work, binary: binary)
        #expect(typo.stdout.contains("'Segmentaton' looks misspelt"), "\(typo.stdout)")
    }

    @Test func versionNamesTheLibraries() throws {
        let result = try CLIRunner.run(["--version"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("vlmbot ") == true)
        #expect(lines.contains { $0.range(of: #"^libgit2 \d+\.\d+\.\d+$"#, options: .regularExpression) != nil }, "\(lines)")
        #expect(lines.contains { $0.range(of: #"^cmark-gfm \d+\.\d+"#, options: .regularExpression) != nil }, "\(lines)")
    }

    /// A repository holding only a README.md: a seed list.
    static func readmeRepository() throws -> TemporaryRepository {
        let repository = try TemporaryRepository()
        try FileManager.default.removeItem(at: repository.url.appendingPathComponent(".vlmbot.yml"))
        try repository.commit(["README.md": try String(contentsOf: seed, encoding: .utf8)], message: "list")
        return repository
    }

    @Test func withNoConfigurationTheReadmeIsChecked() throws {
        let repository = try Self.readmeRepository()
        let named = try CLIRunner.run(["check", "README.md", "--format", "json"], in: repository.url)
        let chosen = try CLIRunner.run(["check", "--format", "json"], in: repository.url)
        #expect(chosen.status == 1, "\(chosen.stderr)")
        #expect(chosen.stdout == named.stdout)
        #expect(chosen.stderr.isEmpty)
        // From a folder below the root too; the text output says what it chose, last.
        try FileManager.default.createDirectory(at: repository.url.appendingPathComponent("docs"), withIntermediateDirectories: true)
        let text = try CLIRunner.run(["check"], in: repository.url.appendingPathComponent("docs"), environment: ["NO_COLOR": "1"])
        #expect(text.status == 1)
        #expect(text.stdout.split(separator: "\n").last == "checked README.md; add .vlmbot.yml to choose other files")
        let format = try CLIRunner.run(["format", "--check"], in: repository.url)
        #expect(format.status == 1)
        #expect(format.stdout.hasSuffix("checked README.md; add .vlmbot.yml to choose other files\n"))
        // A change is reviewed the same way: a pull request adding a heading without its space.
        try repository.git("checkout", "-q", "-b", "pr")
        let list = try String(contentsOf: repository.url.appendingPathComponent("README.md"), encoding: .utf8)
        try repository.commit(["README.md": list + "\n##New section\n"], message: "add")
        let review = try CLIRunner.run(["check", "--base", "main", "--head", "pr", "--format", "json"], in: repository.url)
        #expect(review.status == 1, "\(review.stderr)")
        #expect(review.stdout.contains("\"rule\":\"heading-space\""))
    }

    @Test func aLowerCaseReadmeIsFoundAndNoneIsAnError() throws {
        let repository = try TemporaryRepository()
        try FileManager.default.removeItem(at: repository.url.appendingPathComponent(".vlmbot.yml"))
        let none = try CLIRunner.run(["check"], in: repository.url)
        #expect(none.status == 2)
        #expect(none.stderr.split(separator: "\n").count == 1)
        #expect(none.stderr.contains("no README.md at the repository root"))
        try repository.folder.write("readme.md", "- [A Fine Paper Title](https://arxiv.org/abs/2301.00001)\n")
        let found = try CLIRunner.run(["check"], in: repository.url, environment: ["NO_COLOR": "1"])
        #expect(found.status == 0, "\(found.stderr)")
        #expect(found.stdout.hasSuffix("checked readme.md; add .vlmbot.yml to choose other files\n"))
    }

    @Test func outsideARepositoryWithNoListIsAOneLineError() throws {
        let folder = try TemporaryFolder()
        try folder.write("README.md", "- [A Fine Paper Title](https://arxiv.org/abs/2301.00001)\n")
        let result = try CLIRunner.run(["check"], in: folder.url)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("is not in a git repository"))
        #expect(try CLIRunner.run(["init"], in: folder.url).status == 2)
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(".vlmbot.yml").path))
    }

    @Test func initWritesAConfigurationCheckReadsAndNeverOverwritesUnasked() throws {
        let repository = try Self.readmeRepository()
        let before = try CLIRunner.run(["check", "--format", "json"], in: repository.url)
        let first = try CLIRunner.run(["init"], in: repository.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("README.md: 66 entries"), "\(first.stdout)")
        #expect(first.stdout.hasSuffix("wrote .vlmbot.yml; 'vlmbot check' now checks README.md\n"))
        let file = repository.url.appendingPathComponent(".vlmbot.yml")
        let written = try Data(contentsOf: file)
        let text = String(decoding: written, as: UTF8.self)
        #expect(text.contains("lists: [\"README.md\"]"))
        #expect(text.contains("# rules:\n"))
        #expect(text.contains("#   vocabulary: false"))
        // check reads it, finds what it found without it, and no longer names the README.
        let after = try CLIRunner.run(["check", "--format", "json"], in: repository.url)
        #expect(after.status == 1, "\(after.stderr)")
        #expect(after.stdout == before.stdout)
        let text2 = try CLIRunner.run(["check"], in: repository.url, environment: ["NO_COLOR": "1"])
        #expect(!text2.stdout.contains("add .vlmbot.yml"))
        // A second init leaves the file as it is; --force writes it again.
        let second = try CLIRunner.run(["init"], in: repository.url)
        #expect(second.status == 2)
        #expect(second.stderr.contains(".vlmbot.yml: already exists"))
        try "version: 1\nlists: [README.md]\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(try CLIRunner.run(["init"], in: repository.url).status == 2)
        #expect(try String(contentsOf: file, encoding: .utf8) == "version: 1\nlists: [README.md]\n")
        #expect(try CLIRunner.run(["init", "--force"], in: repository.url).status == 0)
        #expect(try Data(contentsOf: file) == written)
        // Nothing but the configuration was written.
        #expect(try repository.git("status", "--porcelain") == "?? .vlmbot.yml")
    }
}
