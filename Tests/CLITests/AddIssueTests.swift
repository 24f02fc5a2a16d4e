import Foundation
import Testing
import TestSupport

/// `vlmbot add --issue EVENT --post`: a suggestion made through the issue form becomes a pull
/// request, or a comment on the issue saying why not; against loopback servers playing arXiv's
/// API and GitHub's REST API.
@Suite struct AddIssueTests {
    static let seed = CLIRunner.packageRoot.appendingPathComponent("seeds/004_ae12df1e4fd30395.txt")

    /// An Atom feed as arXiv's API answers `id_list`: one entry per paper.
    static func feed(id: String, title: String, authors: [String], published: String) -> String {
        let names = authors.map { "<author><name>\($0)</name></author>" }.joined()
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
        <entry><id>http://arxiv.org/abs/\(id)v1</id><published>\(published)</published>
        <title>\(title)</title><summary>Retrieval of medical images from reports.</summary>\(names)</entry>
        </feed>
        """
    }

    /// arXiv's API answering once with the suggested paper, 2401.12345.
    static func arxivServer(authors: [String]) throws -> LoopbackServer {
        try LoopbackServer([Reply(status: 200, headers: ["Content-Type": "application/atom+xml"],
                                  body: feed(id: "2401.12345", title: "Report-Guided Retrieval of Chest Radiographs",
                                             authors: authors, published: "2024-01-05T10:00:00Z"))])
    }

    /// The issue form's body as GitHub renders it.
    static func event(issue: Int, paper: String, code: String = "_No response_", section: String = "_No response_") -> String {
        let body = "### Paper (arXiv id or URL, or DOI)\n\n\(paper)\n\n### Code (repository URL)\n\n\(code)\n\n"
            + "### Section\n\n\(section)\n\n### Note\n\n_No response_"
        let payload: [String: Any] = ["action": "labeled", "issue": ["number": issue, "title": "Add a paper", "body": body]]
        return String(decoding: try! JSONSerialization.data(withJSONObject: payload), as: UTF8.self)
    }

    /// A git repository holding seed 004 as its README and the event file.
    static func repository(event: String) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("README.md", Array(try Data(contentsOf: seed)))
        try folder.write("event.json", event)
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "init", "-q", folder.url.path]
        try git.run()
        git.waitUntilExit()
        return folder
    }

    static func environment(arxiv: LoopbackServer, github: LoopbackServer, home: URL) -> [String: String] {
        ["VLMBOT_ARXIV_API": arxiv.base + "/api/query", "GITHUB_API_URL": github.base, "GITHUB_REPOSITORY": "lists/medical",
         "GITHUB_TOKEN": "ghs_secret_token_value", "HOME": home.path, "XDG_CACHE_HOME": home.appendingPathComponent("cache").path]
    }

    @Test func aSuggestionBecomesAPullRequestThatClosesTheIssue() throws {
        let folder = try Self.repository(event: Self.event(issue: 12, paper: "https://arxiv.org/abs/2401.12345v2",
                                                           code: "https://github.com/example/retriever",
                                                           section: "medical cross-modal retrieval"))
        let original = try Data(contentsOf: folder.url.appendingPathComponent("README.md"))
        let arxiv = try Self.arxivServer(authors: ["Ada Lovelace", "Alan Turing"])
        let blob = try CLIRunner.gitBlobID(of: original)
        let github = try LoopbackServer([
            .json(200, #"{"default_branch": "main"}"#),
            .json(200, #"{"object": {"sha": "1111111111111111111111111111111111111111"}}"#),
            .json(201, #"{"ref": "refs/heads/vlmbot/add-paper-12"}"#),
            .json(200, #"{"sha": "\#(blob)"}"#),
            .json(200, #"{"commit": {"sha": "2222222222222222222222222222222222222222"}}"#),
            .json(201, #"{"number": 31, "html_url": "https://github.com/lists/medical/pull/31"}"#),
        ])
        defer { arxiv.stop(); github.stop() }
        let result = try CLIRunner.run(["add", "--issue", "event.json", "--post"], in: folder.url,
                                       environment: Self.environment(arxiv: arxiv, github: github, home: folder.url))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("opened pull request #31: https://github.com/lists/medical/pull/31"))
        // The list in the checkout is left as it was: the change goes to the branch only.
        #expect(try Data(contentsOf: folder.url.appendingPathComponent("README.md")) == original)
        #expect(arxiv.requests.first?.query?.contains("id_list=2401.12345") == true)
        let requests = github.requests
        #expect(requests.map(\.method) == ["GET", "GET", "POST", "GET", "PUT", "POST"])
        #expect(requests.map(\.path) == ["/repos/lists/medical", "/repos/lists/medical/git/ref/heads/main",
                                         "/repos/lists/medical/git/refs", "/repos/lists/medical/contents/README.md",
                                         "/repos/lists/medical/contents/README.md", "/repos/lists/medical/pulls"])
        #expect(requests.allSatisfy { $0.headers["authorization"] == "Bearer ghs_secret_token_value" })
        #expect(requests[2].json?["ref"] as? String == "refs/heads/vlmbot/add-paper-12")
        #expect(requests[2].json?["sha"] as? String == "1111111111111111111111111111111111111111")
        let put = try #require(requests[4].json)
        #expect(put["sha"] as? String == blob)
        #expect(put["branch"] as? String == "vlmbot/add-paper-12")
        let content = try #require((put["content"] as? String).flatMap { Data(base64Encoded: $0) })
        let written = String(decoding: content, as: UTF8.self)
        #expect(written.contains("**Report-Guided Retrieval of Chest Radiographs**"))
        #expect(written.contains("*Ada Lovelace, Alan Turing*"))
        #expect(written.contains("(https://arxiv.org/abs/2401.12345)"))
        #expect(written.contains("(https://github.com/example/retriever)"))
        // Every line of the list is still there, in order.
        let before = String(decoding: original, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let after = written.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(after.count == before.count + 4)
        #expect(before.allSatisfy { after.contains($0) })
        let pull = try #require(requests[5].json)
        #expect(pull["head"] as? String == "vlmbot/add-paper-12")
        #expect(pull["base"] as? String == "main")
        #expect((pull["body"] as? String)?.contains("Closes #12.") == true)
        #expect(!(result.stdout + result.stderr).contains("ghs_secret_token_value"))
    }

    /// A second run for the same issue: the branch exists (422), so it is reset to the base's
    /// head; a pull request from it is open (422), so that one is reported.
    @Test func aSecondRunResetsTheBranchAndReportsThePullRequestOpen() throws {
        let folder = try Self.repository(event: Self.event(issue: 12, paper: "2401.12345", code: "https://github.com/example/retriever",
                                                           section: "Medical Cross-modal Retrieval"))
        let original = try Data(contentsOf: folder.url.appendingPathComponent("README.md"))
        let arxiv = try Self.arxivServer(authors: ["Ada Lovelace"])
        let exists = #"{"message": "Validation Failed", "errors": [{"message": "%@ already exists"}]}"#
        let github = try LoopbackServer([
            .json(200, #"{"default_branch": "main"}"#),
            .json(200, #"{"object": {"sha": "1111111111111111111111111111111111111111"}}"#),
            .json(422, exists.replacingOccurrences(of: "%@", with: "Reference")),
            .json(200, #"{"ref": "refs/heads/vlmbot/add-paper-12"}"#),
            .json(200, #"{"sha": "\#(try CLIRunner.gitBlobID(of: original))"}"#),
            .json(200, #"{"commit": {}}"#),
            .json(422, exists.replacingOccurrences(of: "%@", with: "A pull request")),
            .json(200, #"[{"number": 31, "html_url": "https://github.com/lists/medical/pull/31"}]"#),
        ])
        defer { arxiv.stop(); github.stop() }
        let result = try CLIRunner.run(["add", "--issue", "event.json", "--post"], in: folder.url,
                                       environment: Self.environment(arxiv: arxiv, github: github, home: folder.url))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("opened pull request #31"))
        let requests = github.requests
        #expect(requests.map(\.method) == ["GET", "GET", "POST", "PATCH", "GET", "PUT", "POST", "GET"])
        #expect(requests[3].path == "/repos/lists/medical/git/refs/heads/vlmbot/add-paper-12")
        #expect(requests[3].json?["sha"] as? String == "1111111111111111111111111111111111111111")
        #expect(requests[3].json?["force"] as? Bool == true)
        #expect(requests[7].query?.contains("head=lists:vlmbot/add-paper-12") == true, "\(requests[7].line)")
    }

    /// The list on the default branch is not the one vlmbot read: nothing is committed.
    @Test func aBaseFileOtherThanTheOneReadIsNotReplaced() throws {
        let folder = try Self.repository(event: Self.event(issue: 12, paper: "2401.12345", code: "https://github.com/example/retriever",
                                                           section: "Medical Cross-modal Retrieval"))
        let arxiv = try Self.arxivServer(authors: ["Ada Lovelace"])
        let github = try LoopbackServer([
            .json(200, #"{"default_branch": "main"}"#),
            .json(200, #"{"object": {"sha": "1111111111111111111111111111111111111111"}}"#),
            .json(201, #"{"ref": "refs/heads/vlmbot/add-paper-12"}"#),
            .json(200, #"{"sha": "0000000000000000000000000000000000000000"}"#),
        ])
        defer { arxiv.stop(); github.stop() }
        let result = try CLIRunner.run(["add", "--issue", "event.json", "--post"], in: folder.url,
                                       environment: Self.environment(arxiv: arxiv, github: github, home: folder.url))
        #expect(result.status == 2)
        #expect(result.stderr.contains("is not the file vlmbot read"), "\(result.stderr)")
        #expect(github.requests.map(\.method) == ["GET", "GET", "POST", "GET"])
    }

    @Test func aListedPaperGetsACommentSayingWhereAndNothingElse() throws {
        // MAIRA-1 is in seed 004, with its arXiv id.
        let folder = try Self.repository(event: Self.event(issue: 5, paper: "arXiv:2311.13668"))
        let original = try Data(contentsOf: folder.url.appendingPathComponent("README.md"))
        let arxiv = try LoopbackServer([Reply(status: 200, body: Self.feed(
            id: "2311.13668", title: "MAIRA-1: A specialised large multimodal model for radiology report generation",
            authors: ["Stephanie L. Hyland"], published: "2023-11-20T00:00:00Z"))])
        let github = try LoopbackServer([.json(201, #"{"id": 77}"#)])
        defer { arxiv.stop(); github.stop() }
        let result = try CLIRunner.run(["add", "--issue", "event.json", "--post"], in: folder.url,
                                       environment: Self.environment(arxiv: arxiv, github: github, home: folder.url))
        #expect(result.status == 1, "\(result.stderr)")
        #expect(try Data(contentsOf: folder.url.appendingPathComponent("README.md")) == original)
        let requests = github.requests
        #expect(requests.map(\.line) == ["POST /repos/lists/medical/issues/5/comments"])
        let body = try #require(requests.first?.json?["body"] as? String)
        #expect(body.contains("is listed already at line 27"))
        #expect(body.contains("same arXiv id 2311.13668"))
    }

    @Test func anIssueNamingAFileIsRefusedWithACommentAndReadsNothing() throws {
        let folder = try Self.repository(event: Self.event(issue: 9, paper: "../../../etc/secrets.bib"))
        let arxiv = try LoopbackServer([])
        let github = try LoopbackServer([.json(201, #"{"id": 78}"#)])
        defer { arxiv.stop(); github.stop() }
        let result = try CLIRunner.run(["add", "--issue", "event.json", "--post"], in: folder.url,
                                       environment: Self.environment(arxiv: arxiv, github: github, home: folder.url))
        #expect(result.status == 2)
        #expect(result.stderr.contains("is not an arXiv id or URL, nor a DOI"))
        #expect(arxiv.requests.isEmpty)
        #expect(github.requests.map(\.line) == ["POST /repos/lists/medical/issues/9/comments"])
    }

    @Test func aMultiLineFieldIsRefused() throws {
        let folder = try Self.repository(event: Self.event(issue: 4, paper: "2401.12345\n$(touch pwned)"))
        let github = try LoopbackServer([.json(201, #"{"id": 79}"#)])
        let arxiv = try LoopbackServer([])
        defer { arxiv.stop(); github.stop() }
        let result = try CLIRunner.run(["add", "--issue", "event.json", "--post"], in: folder.url,
                                       environment: Self.environment(arxiv: arxiv, github: github, home: folder.url))
        #expect(result.status == 2)
        #expect(result.stderr.contains("the paper field must be one line"))
        #expect(arxiv.requests.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("pwned").path))
        let comment = try #require(github.requests.first?.json?["body"] as? String)
        #expect(comment.contains("could not read this suggestion"))
    }

    @Test func dryRunAndPostTogetherAreRefusedBeforeAnything() throws {
        let folder = try Self.repository(event: Self.event(issue: 6, paper: "2401.12345"))
        let result = try CLIRunner.run(["add", "--issue", "event.json", "--post", "--dry-run"], in: folder.url,
                                       environment: ["GITHUB_TOKEN": "t", "GITHUB_API_URL": "http://127.0.0.1:9", "HOME": folder.url.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--dry-run writes nothing and --post opens a pull request"))
    }

    @Test func withoutPostTheSuggestionIsAddedToTheCheckout() throws {
        let folder = try Self.repository(event: Self.event(issue: 3, paper: "2401.12345",
                                                           code: "https://github.com/example/retriever",
                                                           section: "Medical Cross-modal Retrieval"))
        let arxiv = try Self.arxivServer(authors: ["Ada Lovelace"])
        defer { arxiv.stop() }
        let result = try CLIRunner.run(["add", "--issue", "event.json"], in: folder.url,
                                       environment: ["VLMBOT_ARXIV_API": arxiv.base + "/api/query", "HOME": folder.url.path,
                                                     "XDG_CACHE_HOME": folder.url.appendingPathComponent("cache").path])
        #expect(result.status == 0, "\(result.stderr)")
        let written = try String(contentsOf: folder.url.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(written.contains("**Report-Guided Retrieval of Chest Radiographs**"))
    }
}

extension CLIRunner {
    /// The blob id git gives a file's content (`git hash-object --stdin`).
    static func gitBlobID(of data: Data) throws -> String {
        let folder = try TemporaryFolder()
        let file = try folder.write("blob", Array(data))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "hash-object", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
