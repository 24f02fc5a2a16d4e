import Foundation
import Testing

/// vlmbot on the benchmark's generated lists, small enough for the test suite: every seeded
/// duplicate and defect is reported where the generator put it, nothing else is, and a pull
/// request repeating a paper gets exactly that finding. Timing is `scripts/bench`'s business.
@Suite struct GeneratedListTests {
    static let styles = ["details", "table", "paper-table", "ref-table", "venue"]

    /// What `scripts/gen-list --manifest` says it seeded.
    struct Manifest: Decodable {
        struct Seeded: Decodable, Hashable {
            let rule: String
            let line: Int
            let severity: String
        }

        let entries: Int
        let expected: [Seeded]
        let pr: Seeded?
    }

    /// A generated list and its manifest, written into `folder` under `name`.
    static func generate(_ style: String, entries: Int, seed: Int, prEntry: Bool = false,
                         into folder: TemporaryFolder, name: String) throws -> Manifest {
        let manifest = folder.url.appendingPathComponent(name + ".json")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", CLIRunner.packageRoot.appendingPathComponent("scripts/gen-list").path,
                             "--entries", String(entries), "--style", style, "--seed", String(seed),
                             "--manifest", manifest.path] + (prEntry ? ["--with-pr-entry"] : [])
        let list = folder.url.appendingPathComponent(name)
        _ = FileManager.default.createFile(atPath: list.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: list)
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "gen-list failed for \(style)")
        return try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: manifest))
    }

    /// The findings of a JSON report, as (rule, line, severity).
    static func findings(_ output: String) throws -> (entries: Int, seen: [Manifest.Seeded]) {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let summary = try #require(json["summary"] as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        return (summary["entries"] as? Int ?? -1, findings.map { finding in
            Manifest.Seeded(rule: finding["rule"] as? String ?? "", line: finding["line"] as? Int ?? 0,
                            severity: finding["severity"] as? String ?? "")
        })
    }

    @Test(arguments: styles)
    func everySeededFindingIsReportedAndNothingElse(style: String) throws {
        let folder = try TemporaryFolder()
        let manifest = try Self.generate(style, entries: 800, seed: 10, into: folder, name: "list.md")
        #expect(manifest.expected.contains { $0.rule == "duplicate-entry" }, "the generator seeds duplicates")
        let result = try CLIRunner.run(["check", "list.md", "--format", "json"], in: folder.url)
        #expect(result.status == 1, "\(result.stderr)")
        let (entries, seen) = try Self.findings(result.stdout)
        #expect(entries == manifest.entries)
        #expect(Set(seen).subtracting(manifest.expected) == [])
        #expect(Set(manifest.expected).subtracting(seen) == [])
    }

    @Test(arguments: styles)
    func aPullRequestRepeatingAPaperGetsThatFindingAlone(style: String) throws {
        let folder = try TemporaryFolder()
        _ = try Self.generate(style, entries: 300, seed: 3, into: folder, name: "README.md")
        let git = { (arguments: [String]) throws in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", folder.url.path, "-c", "user.name=t", "-c", "user.email=t@example.com"]
                + arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            try #require(process.terminationStatus == 0, "git \(arguments.joined(separator: " ")) failed")
        }
        try git(["init", "-q", "-b", "main"])
        try git(["add", "README.md", "README.md.json"])
        try git(["commit", "-q", "-m", "list"])
        try git(["checkout", "-q", "-b", "pr"])
        let manifest = try Self.generate(style, entries: 300, seed: 3, prEntry: true, into: folder, name: "README.md")
        try git(["commit", "-q", "-a", "-m", "add a paper"])
        let result = try CLIRunner.run(["check", "--base", "main", "--head", "pr", "--format", "json", "README.md"],
                                       in: folder.url)
        #expect(result.status == 1, "\(result.stderr)")
        let pr = try #require(manifest.pr)
        #expect(try Self.findings(result.stdout).seen == [pr])
    }
}
