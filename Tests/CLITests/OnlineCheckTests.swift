import Foundation
import Testing
import TestSupport

// `vlmbot check --online` as a user runs it: the built binary in a temporary git repository,
// every link of the list at a loopback server (`RoutedServer`), arXiv's API (`VLMBOT_ARXIV_API`,
// an Atom feed with one entry per id it knows) and the DOI system's handle API
// (`VLMBOT_DOI_API` + `/api/handles/DOI`) played by the same server. Nothing goes to the real
// internet: every URL of the lists is loopback, localhost, `.invalid` (which no resolver
// answers) or an arxiv.org / doi.org link, which the checker asks at the fake APIs. The routes
// answer at once (no timeouts, no retried 5xx): the slow paths are the LinkCheck module's tests.

@Suite(.timeLimit(.minutes(2)))
struct OnlineCheckTests {
    // MARK: The server

    /// The arXiv ids the fake API knows.
    static let knownArxivIDs: Set<String> = ["2112.10741"]

    /// How the loopback server answers: pages by path, arXiv's API at `/api/query`, the DOI
    /// system at `/api/handles/`.
    static func route(_ request: RecordedRequest, _ asked: Int) -> Route {
        let path = request.path
        switch path {
        case "/api/query":
            let ids = arxivIDs(asked: request.query)
            return .reply(200, headers: ["Content-Type": "application/atom+xml; charset=utf-8"],
                          body: AddCommandTests.feed(ids.filter(knownArxivIDs.contains).map { AddCommandTests.entry(id: $0) }
                            .joined(separator: "\n")))
        case "/api/handles/10.1234/known":
            return .reply(200, headers: ["Content-Type": "application/json"],
                          body: #"{"responseCode":1,"handle":"10.1234/known","values":[]}"#)
        case _ where path.hasPrefix("/api/handles/"):
            return .reply(404, headers: ["Content-Type": "application/json"], body: #"{"responseCode":100}"#)
        case "/nohead":
            // A server that refuses HEAD but serves GET.
            return .reply(request.method == "HEAD" ? 403 : 200)
        case "/busy":
            // Rate-limited, and asking for a wait far beyond what the checker obeys.
            return .reply(429, headers: ["Retry-After": "3600"])
        case "/old":
            return .reply(301, headers: ["Location": "{base}/new"])
        case "/moved":
            // The same page, at its address with a trailing slash.
            return .reply(301, headers: ["Location": "{base}/moved/"])
        case "/removed":
            return .reply(410)
        case "/new", "/moved/":
            return .reply(200, body: "here")
        case _ where path.hasPrefix("/ok") || path.hasPrefix("/fresh"):
            return .reply(200, body: "here")
        case _ where path.hasPrefix("/gone"):
            return .reply(404)
        default:
            // A path no test links: a status the checker neither retries nor calls dead.
            return .reply(418)
        }
    }

    static func server() throws -> RoutedServer {
        try RoutedServer(route: route)
    }

    /// The ids of an arXiv API query (`id_list=a,b&max_results=N`).
    static func arxivIDs(asked query: String?) -> [String] {
        let items = URLComponents(string: "http://x/?" + (query ?? ""))?.queryItems ?? []
        let list = items.first { $0.name == "id_list" }?.value ?? ""
        return list.split(separator: ",").map(String.init)
    }

    // MARK: The list

    /// The header of seed 001 (its table layout), its typos corrected so that the list is clean
    /// offline: every finding of an online run is the dead-link rule's.
    static let header = """
        # Taming Vision-Language Models for Medical Image Analysis: A Comprehensive Review
        ---

        ## The summary of natural and medical VLMs which are utilized in medical image analysis tasks.
        ---
        | Index | Model Names  | Paper Names  | Natural\\Medical    | Paper Link       |
        |:----:|:----------|:----------|:-------------------------|:-----------|

        """

    /// The first row's line.
    static let firstRow = 8

    /// Rows in seed 001's style, the n-th on line `firstRow + n`.
    static func rows(_ base: String) -> [String] {
        [
            "| 1    | VL-BERT| Generic Visual-Linguistic Representations      | Natural       |[PDF](\(base)/ok)  |",
            "| 2    | CLIP| Learning Transferable Visual Models      | Natural       |[PDF](\(base)/gone)  |",
            "| 3    | GLIDE| Towards Photorealistic Image Generation      | Natural       |[PDF](https://arxiv.org/pdf/2112.10741)  |",
            "| 4    | BLIP| Bootstrapping Language-Image Pre-training      | Natural       |[PDF](https://doi.org/10.1234/abcd)  |",
            "| 5    | BLIP-2| Bootstrapping with Frozen Image Encoders      | Natural       |[PDF](\(base)/removed) [Project](\(base)/nohead) |",
            "| 6    | GLIP| Grounded Language-Image Pre-training      | Natural       |[PDF](\(base)/busy)  |",
            "| 7    | Stable Diffusion| High-resolution image synthesis with latent diffusion models      | Natural       |[PDF](\(base)/old)  |",
            "| 8    | ALBEF| Align before Fuse      | Natural       |[PDF](\(base)/moved)  |",
            "| 9    | Gemini 1.0| Gemini: A Family of Highly Capable Multimodal Models      | Natural       |[PDF](https://arxiv.org/abs/2312.99999)  |",
            "| 10    | SAM| Segment Anything      | Natural       |[PDF](\(base)/gone#results)  |",
            "| 11    | MiniGPT-4| Enhancing Vision-Language Understanding      | Natural       |[PDF](\(base)/ok)  |",
            "| 12    | KAD| Knowledge-enhanced visual-language pre-training on chest radiology images      | Medical       |[PDF](https://doi.org/10.1234/known)  |",
        ]
    }

    static func list(_ base: String) -> String {
        header + rows(base).joined(separator: "\n") + "\n"
    }

    /// The dead-link findings `list` gets online: line and severity.
    static let expectedVerdicts: [(line: Int, severity: String)] = [
        (9, "error"),   // 404
        (11, "error"),  // a DOI the DOI system does not know
        (12, "error"),  // 410 (the 403-to-HEAD link beside it is fine)
        (13, "note"),   // 429
        (14, "note"),   // moved, to another page
        (16, "error"),  // an arXiv id arXiv does not know
        (17, "error"),  // the 404 again, written with a fragment
    ]

    static let config = "version: 1\nlists: [README.md]\nrules:\n  placeholder: false\n"

    // MARK: Running

    /// A git repository holding `README.md` and (unless nil) a configuration.
    static func repository(list: String, config: String? = OnlineCheckTests.config) throws -> TemporaryRepository {
        let repository = try TemporaryRepository()
        try FileManager.default.removeItem(at: repository.url.appendingPathComponent(".vlmbot.yml"))
        if let config { try repository.folder.write(".vlmbot.yml", config) }
        try repository.folder.write("README.md", list)
        return repository
    }

    /// Variables that could send a request elsewhere or change what a check reports.
    static let unset = ["http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
                        "no_proxy", "NO_PROXY", "GITHUB_ACTIONS", "GITHUB_REPOSITORY", "GITHUB_SHA", "GITHUB_SERVER_URL",
                        "GITHUB_STEP_SUMMARY", "GITHUB_TOKEN", "GITHUB_GRAPHQL_URL", "VLMBOT_RULES", "VLMBOT_WHOLE_LIST_BYTES"]

    static func check(_ arguments: [String], in repository: TemporaryRepository, server: RoutedServer,
                      folder: URL? = nil) throws -> CLIRunner.Result {
        let home = repository.url.appendingPathComponent(".home")
        let environment = [
            "HOME": home.path, "XDG_CACHE_HOME": home.appendingPathComponent("cache").path, "NO_COLOR": "1",
            "VLMBOT_ARXIV_API": server.base + "/api/query", "VLMBOT_DOI_API": server.base, "VLMBOT_CROSSREF_API": server.base,
        ]
        return try CLIRunner.run(["check"] + arguments, in: folder ?? repository.url, environment: environment, unsetting: unset)
    }

    static func json(_ result: CLIRunner.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
                     "not JSON: \(result.stdout)\n\(result.stderr)")
    }

    static func findings(_ result: CLIRunner.Result, rule: String? = "dead-link") throws -> [[String: Any]] {
        let all = try json(result)["findings"] as? [[String: Any]] ?? []
        return rule.map { rule in all.filter { $0["rule"] as? String == rule } } ?? all
    }

    /// The one dead-link finding that quotes `url`.
    static func finding(for url: String, in findings: [[String: Any]]) throws -> [String: Any] {
        let matching = findings.filter { ($0["message"] as? String ?? "").contains("'\(url)'") }
        try #require(matching.count == 1, "\(matching.count) findings quote \(url): \(findings)")
        return matching[0]
    }

    /// The methods of the requests for one path, in order.
    static func methods(_ server: RoutedServer, _ path: String) -> [String] {
        server.requests(to: path).map(\.method)
    }

    /// The 1-based UTF-8 column where `text` starts in `line`.
    static func column(of text: String, in line: String) throws -> Int {
        let range = try #require(line.range(of: text))
        return line.utf8.distance(from: line.startIndex, to: range.lowerBound) + 1
    }

    // MARK: 1. The verdicts

    @Test func eachLinkIsAskedOnceAndJudgedByItsAnswer() throws {
        let server = try Self.server()
        defer { server.stop() }
        let base = server.base
        let repository = try Self.repository(list: Self.list(base))

        let offline = try Self.check(["--format", "json"], in: repository, server: server)
        #expect(offline.status == 0, "the list is clean offline: \(offline.stdout)")
        #expect(server.requests.isEmpty)

        let result = try Self.check(["--online", "--format", "json"], in: repository, server: server)
        #expect(result.status == 1, "a dead link is an error: \(result.stderr)")
        let all = try Self.findings(result, rule: nil)
        let dead = try Self.findings(result)
        #expect(all.count == dead.count, "only dead-link findings: \(all)")
        #expect(dead.map { $0["line"] as? Int ?? 0 } == Self.expectedVerdicts.map(\.line))
        #expect(dead.map { $0["severity"] as? String ?? "" } == Self.expectedVerdicts.map(\.severity))
        let summary = try #require(try Self.json(result)["summary"] as? [String: Int])
        #expect(summary["errors"] == 5 && summary["warnings"] == 0 && summary["notes"] == 2)

        // Errors name the URL and the entry.
        let gone = try Self.finding(for: "\(base)/gone", in: dead)
        #expect(gone["severity"] as? String == "error")
        #expect(gone["line"] as? Int == 9)
        let goneMessage = gone["message"] as? String ?? ""
        #expect(goneMessage.contains("Learning Transferable Visual Models") && goneMessage.contains("404"), "\(goneMessage)")
        let goneLine = Self.rows(base)[1]
        #expect(gone["column"] as? Int == (try Self.column(of: "\(base)/gone", in: goneLine)))
        #expect(gone["endColumn"] as? Int == (try Self.column(of: "\(base)/gone", in: goneLine)) + "\(base)/gone".utf8.count - 1)
        let again = try Self.finding(for: "\(base)/gone#results", in: dead)
        #expect(again["severity"] as? String == "error" && again["line"] as? Int == 17)
        #expect((again["message"] as? String ?? "").contains("Segment Anything"))
        let removed = try Self.finding(for: "\(base)/removed", in: dead)
        #expect(removed["severity"] as? String == "error" && removed["line"] as? Int == 12)
        let removedMessage = removed["message"] as? String ?? ""
        #expect(removedMessage.contains("Bootstrapping with Frozen Image Encoders") && removedMessage.contains("410"), "\(removedMessage)")
        let doi = try Self.finding(for: "https://doi.org/10.1234/abcd", in: dead)
        #expect(doi["severity"] as? String == "error" && doi["line"] as? Int == 11)
        let doiMessage = doi["message"] as? String ?? ""
        #expect(doiMessage.contains("Bootstrapping Language-Image Pre-training") && doiMessage.contains("10.1234/abcd"), "\(doiMessage)")
        let arxiv = try Self.finding(for: "https://arxiv.org/abs/2312.99999", in: dead)
        #expect(arxiv["severity"] as? String == "error" && arxiv["line"] as? Int == 16)
        let arxivMessage = arxiv["message"] as? String ?? ""
        #expect(arxivMessage.contains("Gemini: A Family of Highly Capable Multimodal Models") && arxivMessage.contains("2312.99999"),
                "\(arxivMessage)")

        // Alive links, a known arXiv id and DOI, and a server that refuses only HEAD: nothing.
        for url in ["\(base)/ok", "\(base)/nohead", "https://arxiv.org/pdf/2112.10741", "https://doi.org/10.1234/known"] {
            #expect(!dead.contains { ($0["message"] as? String ?? "").contains("'\(url)'") }, "\(url) was reported")
        }

        // A host refusing a bot is a note, never dead.
        let busy = try Self.finding(for: "\(base)/busy", in: dead)
        #expect(busy["severity"] as? String == "note" && busy["line"] as? Int == 13)
        #expect((busy["message"] as? String ?? "").contains("429"))

        // Moved to another page: a note naming the new address, no fix (it may not be the page meant).
        let old = try Self.finding(for: "\(base)/old", in: dead)
        #expect(old["severity"] as? String == "note" && old["line"] as? Int == 14)
        #expect((old["message"] as? String ?? "").contains("\(base)/new"), "\(old)")
        #expect(old["fix"] == nil, "a move to another path is not certainly the same page: \(old)")
        // A redirect that only adds a trailing slash is the site's canonical form: not reported.
        // (A fix to a same-resource address, http to https, is in DeadLinkTests: loopback has no TLS.)
        #expect(!dead.contains { ($0["message"] as? String ?? "").contains("'\(base)/moved'") })

        // Each distinct URL asked once (a fragment is not sent); GET only where HEAD was refused.
        #expect(Self.methods(server, "/ok") == ["HEAD"])
        #expect(Self.methods(server, "/gone") == ["HEAD", "GET"])
        #expect(Self.methods(server, "/removed") == ["HEAD", "GET"])
        #expect(Self.methods(server, "/nohead") == ["HEAD", "GET"])
        #expect(Self.methods(server, "/old") == ["HEAD"])
        #expect(Self.methods(server, "/new") == ["HEAD"])
        #expect(Self.methods(server, "/moved") == ["HEAD"])
        #expect(Self.methods(server, "/moved/") == ["HEAD"])
        // A Retry-After beyond what the checker waits is not waited for, nor asked again and again.
        #expect(Self.methods(server, "/busy") == ["HEAD"])
        #expect(Self.methods(server, "/api/handles/10.1234/abcd") == ["GET"])
        #expect(Self.methods(server, "/api/handles/10.1234/known") == ["GET"])
        // arXiv: one batched query, then the missing id once more.
        let queries = server.requests(to: "/api/query")
        try #require(queries.count == 2, "\(queries.map(\.line))")
        #expect(Set(Self.arxivIDs(asked: queries[0].query)) == ["2112.10741", "2312.99999"])
        #expect(queries[0].query?.contains("max_results=2") == true, "\(queries[0].line)")
        #expect(Self.arxivIDs(asked: queries[1].query) == ["2312.99999"])
        #expect(Set(server.requests.map(\.path)) == ["/ok", "/gone", "/removed", "/nohead", "/busy", "/old", "/new", "/moved",
                                                     "/moved/", "/api/handles/10.1234/abcd", "/api/handles/10.1234/known",
                                                     "/api/query"])

        // One line on stderr says what was asked.
        let summaryLines = result.stderr.split(separator: "\n").filter { $0.contains("links:") }
        #expect(summaryLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("links: 11 checked (0 from .vlmbot/link-cache.json), 4 dead"), "\(result.stderr)")
    }

    // MARK: 2. Text and SARIF

    @Test func textOutputShowsTheVerdicts() throws {
        let server = try Self.server()
        defer { server.stop() }
        let base = server.base
        let repository = try Self.repository(list: Self.list(base))
        let result = try Self.check(["--online", "--format", "text"], in: repository, server: server)
        #expect(result.status == 1, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        func reported(_ line: Int, _ severity: String, _ url: String) -> Bool {
            lines.contains { $0.hasPrefix("README.md:\(line):") && $0.contains(": \(severity): ") && $0.contains("'\(url)'")
                && $0.hasSuffix("[dead-link]") }
        }
        #expect(reported(9, "error", "\(base)/gone"), "\(result.stdout)")
        #expect(reported(11, "error", "https://doi.org/10.1234/abcd"))
        #expect(reported(12, "error", "\(base)/removed"))
        #expect(reported(13, "note", "\(base)/busy"))
        #expect(reported(14, "note", "\(base)/old"))
        #expect(!result.stdout.contains("'\(base)/moved'"), "a trailing slash the site adds is its canonical form")
        #expect(reported(16, "error", "https://arxiv.org/abs/2312.99999"))
        #expect(reported(17, "error", "\(base)/gone#results"))
        #expect(!result.stdout.contains("'\(base)/ok'") && !result.stdout.contains("'\(base)/nohead'"))
        #expect(lines.filter { $0.hasSuffix("[dead-link]") }.count == Self.expectedVerdicts.count)
        #expect(result.stdout.contains("5 errors, 0 warnings, 2 notes"), "\(result.stdout)")
    }

    @Test func sarifOutputShowsTheVerdicts() throws {
        let server = try Self.server()
        defer { server.stop() }
        let repository = try Self.repository(list: Self.list(server.base))
        let result = try Self.check(["--online", "--format", "sarif"], in: repository, server: server)
        #expect(result.status == 1, "\(result.stderr)")
        let sarif = try Self.json(result)
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        let dead = results.filter { $0["ruleId"] as? String == "dead-link" }
        #expect(dead.count == results.count, "only dead-link results")
        let verdicts = dead.map { result -> (Int, String) in
            let location = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            let region = location?["region"] as? [String: Any]
            return (region?["startLine"] as? Int ?? 0, result["level"] as? String ?? "")
        }.sorted { $0 < $1 }
        #expect(verdicts.map(\.0) == Self.expectedVerdicts.map(\.line))
        #expect(verdicts.map(\.1) == Self.expectedVerdicts.map(\.severity))
        let messages = dead.compactMap { ($0["message"] as? [String: Any])?["text"] as? String }
        #expect(messages.contains { $0.contains("'\(server.base)/gone'") && $0.contains("404") }, "\(messages)")
        // The rule is described among the run's rules.
        let rules = (run["tool"] as? [String: Any])?["driver"] as? [String: Any]
        #expect((rules?["rules"] as? [[String: Any]] ?? []).contains { $0["id"] as? String == "dead-link" })
    }

    // MARK: 3. The cache

    @Test func aSecondRunAsksNothingTheCacheKnows() throws {
        let server = try Self.server()
        defer { server.stop() }
        let repository = try Self.repository(list: Self.list(server.base))
        let first = try Self.check(["--online", "--link-cache", "links.json", "--format", "json"], in: repository, server: server)
        #expect(first.status == 1, "\(first.stderr)")
        let asked = server.requests.count
        #expect(asked > 0)
        let cacheText = try String(contentsOf: repository.url.appendingPathComponent("links.json"), encoding: .utf8)
        let cache = try #require(try JSONSerialization.jsonObject(with: Data(cacheText.utf8)) as? [String: Any])
        #expect(cache["kind"] as? String == "vlmbot link cache")

        let second = try Self.check(["--online", "--link-cache", "links.json", "--format", "json"], in: repository, server: server)
        #expect(server.requests.count == asked, "asked again: \(server.requests.dropFirst(asked).map(\.line))")
        #expect(second.status == 1)
        let before = try Self.findings(first, rule: nil), after = try Self.findings(second, rule: nil)
        #expect(NSArray(array: before).isEqual(to: after), "\(before)\n\(after)")
        #expect(after.count == Self.expectedVerdicts.count)
        #expect(second.stderr.contains("links: 11 checked (11 from links.json), 4 dead"), "\(second.stderr)")
    }

    @Test func theDefaultCacheIsAtTheRepositoryRoot() throws {
        let server = try Self.server()
        defer { server.stop() }
        let repository = try Self.repository(list: "# Papers\n\n- A Paper On Lungs. [[paper]](\(server.base)/ok)\n"
                                                 + "- A Paper On Hearts. [[paper]](\(server.base)/gone)\n")
        let docs = repository.url.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        let result = try Self.check(["--online", "--format", "json"], in: repository, server: server, folder: docs)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(try Self.findings(result).map { $0["line"] as? Int } == [4])
        let file = repository.url.appendingPathComponent(".vlmbot/link-cache.json")
        #expect(FileManager.default.fileExists(atPath: file.path), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: docs.appendingPathComponent(".vlmbot").path))
        let cache = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        #expect(cache["kind"] as? String == "vlmbot link cache")
        let links = try #require(cache["links"] as? [String: Any])
        #expect(Set(links.keys) == ["\(server.base)/ok", "\(server.base)/gone"])

        // The next run from the root reads it: nothing is asked again.
        let asked = server.requests.count
        let again = try Self.check(["--online", "--format", "json"], in: repository, server: server)
        #expect(again.status == 1)
        #expect(server.requests.count == asked)
        #expect(again.stderr.contains("(2 from .vlmbot/link-cache.json)"), "\(again.stderr)")
    }

    @Test func aFileThatIsNotACacheIsNeverOverwritten() throws {
        let server = try Self.server()
        defer { server.stop() }
        let list = Self.list(server.base)
        let repository = try Self.repository(list: list)
        let result = try Self.check(["--online", "--link-cache", "README.md", "--format", "json"], in: repository, server: server)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty, "nothing written: \(result.stdout)")
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("vlmbot: README.md:1: "), "\(result.stderr)")
        // Named once, as the contract reports paths (relative to the repository root), not
        // again by its absolute path.
        #expect(result.stderr.components(separatedBy: "README.md").count == 2, "\(result.stderr)")
        #expect(try String(contentsOf: repository.url.appendingPathComponent("README.md"), encoding: .utf8) == list)
        #expect(server.requests.isEmpty)
    }

    // MARK: 4. Online only when asked

    @Test func theNetworkIsAskedOnlyWhenOnline() throws {
        let server = try Self.server()
        defer { server.stop() }
        let list = "# Papers\n\n- A Paper On Lungs. [[paper]](\(server.base)/ok)\n- A Paper On Hearts. [[paper]](\(server.base)/gone)\n"
        let repository = try Self.repository(list: list, config: nil)

        // No flag, no configuration: the README is checked offline.
        let plain = try Self.check(["--format", "json"], in: repository, server: server)
        #expect(server.requests.isEmpty, "\(server.requests.map(\.line))")
        #expect(try Self.findings(plain).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: repository.url.appendingPathComponent(".vlmbot").path))

        try repository.folder.write(".vlmbot.yml", Self.config + "online: true\n")
        // --no-online overrides the configuration.
        let off = try Self.check(["--no-online", "--format", "json"], in: repository, server: server)
        #expect(off.status == 0, "\(off.stdout)\n\(off.stderr)")
        #expect(server.requests.isEmpty, "\(server.requests.map(\.line))")
        #expect(try Self.findings(off).isEmpty)

        // online: true in the configuration.
        let on = try Self.check(["--format", "json"], in: repository, server: server)
        #expect(on.status == 1, "\(on.stderr)")
        #expect(Self.methods(server, "/ok") == ["HEAD"] && Self.methods(server, "/gone") == ["HEAD", "GET"])
        let dead = try Self.findings(on)
        #expect(dead.map { $0["line"] as? Int } == [4] && dead.map { $0["severity"] as? String } == ["error"])
    }

    // MARK: 5. A change

    static let changeHeader = "# Papers\n\n- A Paper On Lungs. [[paper]](BASE/gone-old) [[project]](BASE/ok-old)\n"

    @Test func aChangeAsksOnlyForTheLinksOnItsLines() throws {
        let server = try Self.server()
        defer { server.stop() }
        let base = server.base
        let repository = try TemporaryRepository()
        try repository.folder.write(".vlmbot.yml", "version: 1\nlists: [list.md]\nrules:\n  placeholder: false\n")
        let old = Self.changeHeader.replacingOccurrences(of: "BASE", with: base)
        try repository.commit(["list.md": old], message: "base")
        let added = old + "- A Paper On Hearts. [[paper]](\(base)/gone-new) [[project]](\(base)/fresh-new)\n"
        try repository.commit(["list.md": added], message: "add a paper")

        // A pull request: two commits.
        let pull = try Self.check(["--online", "--base", "HEAD~1", "--head", "HEAD", "--format", "json"], in: repository, server: server)
        #expect(pull.status == 1, "\(pull.stderr)")
        #expect(Set(server.requests.map(\.path)) == ["/gone-new", "/fresh-new"], "\(server.requests.map(\.line))")
        #expect(Self.methods(server, "/gone-new") == ["HEAD", "GET"] && Self.methods(server, "/fresh-new") == ["HEAD"])
        let pullDead = try Self.findings(pull)
        #expect(pullDead.map { $0["line"] as? Int } == [4], "\(pullDead)")
        #expect(pullDead.first.map { ($0["message"] as? String ?? "").contains("'\(base)/gone-new'") } == true)
        #expect(try Self.findings(pull, rule: nil).allSatisfy { $0["line"] as? Int == 4 })

        // Before pushing: the working tree against HEAD.
        let asked = server.requests.count
        try repository.folder.write("list.md", added + "- A Paper On Kidneys. [[paper]](\(base)/gone-local) [[code]](\(base)/ok-local)\n")
        let local = try Self.check(["--online", "--base", "HEAD", "--format", "json"], in: repository, server: server)
        #expect(local.status == 1, "\(local.stderr)")
        #expect(Set(server.requests.dropFirst(asked).map(\.path)) == ["/gone-local", "/ok-local"],
                "\(server.requests.dropFirst(asked).map(\.line))")
        let localDead = try Self.findings(local)
        #expect(localDead.map { $0["line"] as? Int } == [5], "\(localDead)")
        #expect(localDead.map { $0["severity"] as? String } == ["error"])
        #expect(localDead.first.map { ($0["message"] as? String ?? "").contains("'\(base)/gone-local'") } == true)
        #expect(server.requests(to: "/gone-old").isEmpty && server.requests(to: "/ok-old").isEmpty)
    }

    // MARK: 6. The job summary

    @Test func theJobSummaryListsDeadLinks() throws {
        let server = try Self.server()
        defer { server.stop() }
        let base = server.base
        let list = "# Papers\n\n- A Paper On Lungs. [[paper]](\(base)/busy)\n- A Paper On Hearts. [[paper]](\(base)/gone)\n"
            + "- A Paper On Kidneys. [[paper]](\(base)/ok)\n"
        let repository = try Self.repository(list: list)
        let result = try Self.check(["--online", "--format", "markdown"], in: repository, server: server)
        #expect(result.status == 1, "\(result.stderr)")
        let markdown = result.stdout
        let start = try #require(markdown.range(of: "### Dead links\n"), "\(markdown)")
        let rest = markdown[start.upperBound...]
        let section = rest.range(of: "\n###").map { rest[..<$0.lowerBound] } ?? rest
        let items = section.split(separator: "\n").filter { $0.hasPrefix("- ") }
        #expect(items.count == 1, "\(section)")
        #expect(items.first?.contains("README.md:4") == true, "\(section)")
        #expect(items.first?.contains("\(base)/gone") == true, "\(section)")
        #expect(items.first?.contains("A Paper On Hearts") == true, "\(section)")
        // The note (429) is among the findings, not the dead links.
        #expect(!section.contains("/busy"))
        #expect(markdown.contains("/busy"))
    }

    // MARK: 7. Hosts that do not resolve

    @Test func anUnknownHostIsDeadOnlyWhereNamesResolve() throws {
        let server = try Self.server()
        defer { server.stop() }
        let named = "http://localhost:\(server.port)/ok"
        let repository = try Self.repository(list: "# Papers\n\n- A Paper On Lungs. [[paper]](\(named))\n"
                                                 + "- A Paper On Hearts. [[paper]](http://nosuchhost.invalid/x)\n")
        let result = try Self.check(["--online", "--link-cache", "resolving.json", "--format", "json"], in: repository, server: server)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(Self.methods(server, "/ok") == ["HEAD"], "localhost answered")
        let dead = try Self.findings(result)
        #expect(dead.count == 1, "\(dead)")
        let unknown = try Self.finding(for: "http://nosuchhost.invalid/x", in: dead)
        #expect(unknown["severity"] as? String == "error" && unknown["line"] as? Int == 4)
        #expect((unknown["message"] as? String ?? "").contains("no such host"), "\(unknown)")
        #expect((unknown["message"] as? String ?? "").contains("A Paper On Hearts"))

        // With no named host answering, a name that does not resolve may be DNS being down.
        try repository.folder.write("README.md", "# Papers\n\n- A Paper On Hearts. [[paper]](http://nosuchhost.invalid/x)\n")
        let alone = try Self.check(["--online", "--link-cache", "alone.json", "--format", "json"], in: repository, server: server)
        #expect(alone.status == 0, "a warning does not fail the run: \(alone.stdout)")
        let unreachable = try Self.findings(alone)
        #expect(unreachable.map { $0["severity"] as? String } == ["warning"], "\(unreachable)")
        #expect(unreachable.map { $0["line"] as? Int } == [3])
        let message = unreachable.first.flatMap { $0["message"] as? String } ?? ""
        #expect(message.contains("http://nosuchhost.invalid/x"), "\(message)")
    }
}
