import Engine
import Foundation
import LinkCheck
import Lookup
import Testing
import TestSupport

/// The link checker against a real HTTP server on loopback playing what link rot and hosts
/// that block bots look like.
@Suite struct LinkCheckerTests {
    /// The waits the checker asked for, slept for real.
    final class Waits: @unchecked Sendable {
        private let lock = NSLock()
        private var waits: [Duration] = []
        var all: [Duration] { lock.withLock { waits } }
        func sleep(_ duration: Duration) async {
            lock.withLock { waits.append(duration) }
            try? await Task.sleep(for: duration)
        }
    }

    /// A policy for tests: quick back-off and time limits, APIs on the server.
    static func policy(_ server: RoutedServer, perHost: Int = 2, spacing: Duration = .zero) -> LinkPolicy {
        let api = URL(string: server.base + "/arxiv/query")!
        var policy = LinkPolicy(arxiv: LookupConfiguration(arxivAPI: api, crossrefAPI: api),
                                doiAPI: URL(string: server.base + "/doi")!, userAgent: "vlmbot-tests")
        policy.arxiv.timeLimit = .seconds(2)
        policy.requestTimeLimit = .seconds(1)
        policy.backoff = .milliseconds(20)
        policy.maxRetryAfter = .seconds(2)
        // Generous: the suite shares two cores with the CLI tests, which can keep a task
        // waiting for a minute; the time limits themselves are tested with their own values.
        policy.linkTimeLimit = .seconds(300)
        policy.perHostConcurrency = perHost
        policy.perHostSpacing = spacing
        return policy
    }

    /// The routes of link rot; `{base}` is the server.
    static let routes: @Sendable (RecordedRequest, Int) -> Route = { request, asked in
        switch request.path {
        case "/ok", "/final", "/new/place": .reply(200)
        case "/gone": .reply(404)
        case "/removed": .reply(410)
        case "/chain": .reply(301, headers: ["Location": "{base}/chain-2"])
        case "/chain-2": .reply(302, headers: ["Location": "/final"])
        case "/moved": .reply(301, headers: ["Location": "{base}/new/place"])
        case "/lab": .reply(301, headers: ["Location": "{base}/lab/"])
        case "/lab/": .reply(200)
        case "/loop-a": .reply(302, headers: ["Location": "{base}/loop-b"])
        case "/loop-b": .reply(302, headers: ["Location": "{base}/loop-a"])
        case "/cookie-loop": .reply(302, headers: ["Location": "{base}/cookie-loop", "Set-Cookie": "session=1"])
        case "/far": .reply(302, headers: ["Location": "{base}/far-\(1)"])
        case let path where path.hasPrefix("/far-"):
            .reply(302, headers: ["Location": "{base}/far-\((Int(path.dropFirst(5)) ?? 0) + 1)"])
        case "/no-head": request.method == "HEAD" ? .reply(403) : .reply(200)
        case "/blocked": .reply(403)
        case "/busy": asked == 0 ? .reply(429, headers: ["Retry-After": "1"]) : .reply(200)
        case "/flaky": asked < 2 ? .reply(503) : .reply(200)
        case "/down": .reply(500)
        case "/drip": .drip
        case "/large": .largeBody(bytes: 100 << 20)
        case "/silent": .silence
        default: .reply(418)
        }
    }

    static func check(_ paths: [String], on server: RoutedServer, waits: Waits = Waits(),
                      adjust: (inout LinkPolicy) -> Void = { _ in }) async -> LinkChecker.Outcome {
        var policy = policy(server)
        adjust(&policy)
        return await LinkChecker(policy: policy, sleep: waits.sleep).check(paths.map { server.base + $0 })
    }

    @Test func verdictsAndRequestCounts() async throws {
        let server = try RoutedServer(route: Self.routes)
        defer { server.stop() }
        let waits = Waits()
        let paths = ["/ok", "/gone", "/removed", "/chain", "/moved", "/lab", "/loop-a", "/cookie-loop", "/no-head", "/blocked", "/busy", "/flaky",
                     "/down", "/large"]
        let outcome = await Self.check(paths + ["/ok#section", "/ok"], on: server, waits: waits)
        let status = { (path: String) in outcome.statuses[server.base + path] }
        #expect(outcome.statuses.count == paths.count, "a fragment is not another link")
        #expect(status("/ok")?.verdict == .alive)
        #expect(status("/gone")?.verdict == .dead && status("/gone")?.evidence == "answered HTTP 404")
        #expect(status("/removed")?.verdict == .dead && status("/removed")?.evidence == "answered HTTP 410")
        // 301 then 302: the permanent hop leads to a URL that redirects again, so the link is
        // reported as moved to where the permanent redirect pointed.
        #expect(status("/chain")?.verdict == .moved)
        #expect(status("/chain")?.location == server.base + "/chain-2")
        #expect(status("/moved")?.verdict == .moved && status("/moved")?.location == server.base + "/new/place")
        #expect(status("/moved")?.sameResource == false, "another path is not known to be the same page")
        #expect(status("/loop-a")?.verdict == .unreachable && status("/loop-a")?.evidence.contains("loop") == true)
        #expect(status("/lab")?.verdict == .alive, "a trailing slash added is the site's canonical form, not a move")
        #expect(status("/cookie-loop")?.verdict == .unverified, "a site that wants its cookie back is not called unreachable")
        #expect(status("/no-head")?.verdict == .alive)
        #expect(status("/blocked")?.verdict == .unverified && status("/blocked")?.evidence == "answered HTTP 403")
        #expect(status("/busy")?.verdict == .alive)
        #expect(waits.all.contains(.seconds(1)), "Retry-After: 1 was obeyed: \(waits.all)")
        #expect(status("/flaky")?.verdict == .alive && status("/flaky")?.tries == 3, "HEAD 503, HEAD 503, HEAD 200")
        #expect(status("/down")?.verdict == .unreachable && status("/down")?.evidence == "HTTP 500")
        #expect(status("/large")?.verdict == .alive)
        #expect(server.bodyBytesSent < 1 << 20, "the 100 MB body was not read: \(server.bodyBytesSent) bytes sent")

        let counts = Dictionary(grouping: server.requests, by: \.path).mapValues { $0.map(\.method) }
        #expect(counts["/ok"] == ["HEAD"], "one request for a URL written three times")
        #expect(counts["/gone"] == ["HEAD", "GET"], "a 404 to HEAD is confirmed by GET")
        #expect(counts["/no-head"] == ["HEAD", "GET"])
        #expect(counts["/chain"] == ["HEAD"] && counts["/chain-2"] == ["HEAD"] && counts["/final"] == ["HEAD"])
        #expect(counts["/loop-a"] == ["HEAD"] && counts["/loop-b"] == ["HEAD"], "a loop is caught at once")
        #expect(counts["/busy"] == ["HEAD", "HEAD"])
        #expect(counts["/flaky"] == ["HEAD", "HEAD", "HEAD"])
        #expect(counts["/down"] == ["HEAD", "HEAD", "HEAD", "GET"], "HEAD tried three times, then GET once")
    }

    @Test func redirectsAreFollowedFiveTimesAtMost() async throws {
        let server = try RoutedServer(route: Self.routes)
        defer { server.stop() }
        let outcome = await Self.check(["/far"], on: server)
        #expect(outcome.statuses[server.base + "/far"]?.verdict == .unreachable)
        #expect(outcome.statuses[server.base + "/far"]?.evidence == "redirects more than 5 times")
        #expect(server.requests.count == 6)
    }

    @Test func aHeadThatNeverEndsAndASilentServerAreCutAtTheTimeLimit() async throws {
        let server = try RoutedServer(route: Self.routes)
        defer { server.stop() }
        // Without the time limit each would last the server's life (two minutes) and end in a
        // transport error: "no answer" twice says each attempt was cut at the limit. (No wall-clock
        // bound here: the CLI tests can hold both cores for a minute; speed is for benchmarks.)
        let outcome = await Self.check(["/drip", "/silent"], on: server) { $0.maxAttempts = 2 }
        for path in ["/drip", "/silent"] {
            let status = outcome.statuses[server.base + path]
            #expect(status?.verdict == .unreachable && status?.evidence == "no answer", "\(path): \(String(describing: status))")
            #expect(server.requests(to: path).count == 2, "HEAD and one retry, each cut at the time limit")
        }
    }

    @Test func aRefusedConnectionIsUnreachableAndAnUnknownHostDeadOnlyWhereNamesResolve() async throws {
        let server = try RoutedServer(route: Self.routes)
        defer { server.stop() }
        let closed = try RoutedServer.closedPort()
        let refused = "http://127.0.0.1:\(closed)/paper"
        let named = "http://localhost:\(server.port)/ok"
        let unknown = "http://no-such-host.invalid/paper"
        let policy = Self.policy(server)
        let outcome = await LinkChecker(policy: policy).check([refused, named, unknown])
        #expect(outcome.statuses[refused]?.verdict == .unreachable)
        #expect(outcome.statuses[refused]?.evidence == "connection refused")
        #expect(outcome.statuses[refused]?.tries == policy.maxAttempts)
        #expect(outcome.statuses[named]?.verdict == .alive)
        #expect(outcome.statuses[unknown]?.verdict == .dead)
        #expect(outcome.statuses[unknown]?.evidence == "has no such host (no-such-host.invalid)")

        let alone = await LinkChecker(policy: policy).check([unknown])
        #expect(alone.statuses[unknown]?.verdict == .unreachable, "with no host by name answering, DNS may be what fails")
    }

    @Test func whenNoHostOfSeveralAnswersNoLinkIsJudged() async throws {
        let server = try RoutedServer(route: Self.routes)
        defer { server.stop() }
        let links = [try RoutedServer.closedPort(), try RoutedServer.closedPort()].map { "http://127.0.0.1:\($0)/paper" }
            + ["http://no-such-host.invalid/paper"]
        var policy = Self.policy(server)
        policy.maxAttempts = 1
        let outcome = await LinkChecker(policy: policy).check(links)
        #expect(outcome.offline && outcome.statuses.isEmpty && outcome.unchecked.count == 3, "\(outcome)")
        // One host down is that host's fault, not the machine's.
        let one = await LinkChecker(policy: policy).check([links[0]])
        #expect(!one.offline && one.statuses[links[0]]?.verdict == .unreachable)
    }

    @Test func identifiersAreAskedAtTheirSource() async throws {
        let feed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
        <entry><id>http://arxiv.org/abs/2301.00001v2</id><published>2023-01-01T00:00:00Z</published>
        <title>A Paper</title><summary>Text.</summary><author><name>A. Author</name></author></entry>
        <entry><id>http://arxiv.org/abs/2301.00002v1</id><published>2023-01-01T00:00:00Z</published>
        <title>Another Paper</title><summary>This paper has been withdrawn by the authors.</summary>
        <author><name>B. Author</name></author></entry>
        </feed>
        """
        let server = try RoutedServer { request, _ in
            switch request.path {
            case "/arxiv/query": .reply(200, headers: ["Content-Type": "application/atom+xml"], body: feed)
            case "/doi/api/handles/10.1234/known": .reply(200, body: #"{"responseCode":1}"#)
            case "/doi/api/handles/10.1234/unknown": .reply(404, body: #"{"responseCode":100}"#)
            default: .reply(418)
            }
        }
        defer { server.stop() }
        let links = ["https://arxiv.org/abs/2301.00001", "https://arxiv.org/pdf/2301.00001v2.pdf", "https://arxiv.org/abs/2301.00002",
                     "https://arxiv.org/abs/2301.00003", "https://doi.org/10.1234/known", "https://dx.doi.org/10.1234/unknown"]
        let outcome = await LinkChecker(policy: Self.policy(server)).check(links)
        #expect(outcome.statuses[links[0]]?.verdict == .alive)
        #expect(outcome.statuses[links[1]]?.verdict == .alive)
        #expect(outcome.statuses[links[2]]?.verdict == .dead && outcome.statuses[links[2]]?.evidence.contains("withdrawn") == true)
        #expect(outcome.statuses[links[3]]?.verdict == .dead && outcome.statuses[links[3]]?.evidence.contains("2301.00003") == true)
        #expect(outcome.statuses[links[4]]?.verdict == .alive)
        #expect(outcome.statuses[links[5]]?.verdict == .dead)
        let queries = server.requests(to: "/arxiv/query")
        #expect(queries.count == 2, "one batched query, and one more for the id it did not hold")
        let first = queries.first?.query?.removingPercentEncoding ?? ""
        #expect(first.contains("id_list=2301.00001,2301.00002,2301.00003"), "\(first)")
        #expect(queries.last?.query?.removingPercentEncoding?.contains("id_list=2301.00003&") == true)
        #expect(server.requests(to: "/doi/api/handles/10.1234/known").map(\.method) == ["GET"])
        #expect(!server.requests.contains { $0.path.hasPrefix("/abs") || $0.path.hasPrefix("/pdf") }, "no page was scraped")
    }

    @Test func archivedRepositoriesAreAskedAtGitHubWithTheTokenSentThereAlone() async throws {
        let server = try RoutedServer { request, _ in
            guard request.path == "/graphql" else { return request.path.hasPrefix("/owner/") ? .reply(200) : .reply(404) }
            // Each alias `rN: repository(owner: "…", name: "…")`: archived when its name says so.
            let aliases = request.body.matches(of: /(r\d+): repository\(owner: \\"([^"\\]+)\\", name: \\"([^"\\]+)\\"\)/)
            let fields = aliases.map { #""\#($0.output.1)":{"isArchived":\#($0.output.3.hasPrefix("archived"))}"# }
            return .reply(200, body: #"{"data":{"# + fields.joined(separator: ",") + "}}")
        }
        defer { server.stop() }
        var policy = Self.policy(server)
        policy.github = GitHubArchiveSource(server: URL(string: server.base)!, graphQL: URL(string: server.base + "/graphql")!,
                                            token: "token-for-github-only")
        let links = ["/owner/archived-code", "/owner/archived-code/tree/main/src", "/owner/live", "/gone/repo"].map { server.base + $0 }
        let outcome = await LinkChecker(policy: policy).check(links)
        #expect(outcome.statuses[links[0]]?.verdict == .archived)
        #expect(outcome.statuses[links[1]]?.verdict == .archived, "a path in an archived repository")
        #expect(outcome.statuses[links[2]]?.verdict == .alive)
        #expect(outcome.statuses[links[3]]?.verdict == .dead, "a dead link is not asked about")
        let queries = server.requests(to: "/graphql")
        #expect(queries.count == 1, "one query for every repository")
        #expect(queries.first?.headers["authorization"] == "Bearer token-for-github-only")
        #expect(queries.first?.body.contains("archived-code") == true && queries.first?.body.contains(#"\"live\""#) == true)
        #expect(!queries.first!.body.contains("gone"), "\(queries.first!.body)")
        #expect(server.requests.filter { $0.path != "/graphql" }.allSatisfy { $0.headers["authorization"] == nil },
                "the token goes to GitHub's API alone")
    }

    @Test func whenArXivsAPIDoesNotAnswerItsLinksAreNotJudged() async throws {
        let server = try RoutedServer { request, _ in request.path == "/arxiv/query" ? .reply(503) : .reply(200) }
        defer { server.stop() }
        var policy = Self.policy(server)
        policy.arxiv.maxAttempts = 2
        let links = ["https://arxiv.org/abs/2301.00001", "https://arxiv.org/abs/2301.00002", server.base + "/ok"]
        let outcome = await LinkChecker(policy: policy).check(links)
        #expect(outcome.unchecked == Array(links.prefix(2)), "\(outcome)")
        #expect(outcome.statuses == [server.base + "/ok": LinkStatus(.alive, "HTTP 200")])
        #expect(server.requests(to: "/arxiv/query").count == 2, "one batched query, tried twice")
    }

    @Test func fiveHundredLinksKeepThePerHostLimitAndEndWithinTheRunsLimit() async throws {
        let server = try RoutedServer { request, _ in
            usleep(5_000)
            return request.path.hasSuffix("7") ? .reply(404) : .reply(200)
        }
        defer { server.stop() }
        let other = try RoutedServer { _, _ in
            usleep(5_000)
            return .reply(200)
        }
        defer { other.stop() }
        let links = (0..<400).map { "\(server.base)/paper/\($0)" } + (0..<100).map { "\(other.base)/code/\($0)" }
        var policy = Self.policy(server, perHost: 3, spacing: .milliseconds(2))
        policy.concurrency = 6
        // Within the run's time limit: nothing is left unchecked.
        policy.runTimeLimit = .seconds(300)
        let outcome = await LinkChecker(policy: policy).check(links)
        #expect(outcome.statuses.count == 500 && outcome.unchecked.isEmpty)
        #expect(outcome.statuses.values.filter { $0.verdict == .dead }.count == 40)
        #expect(server.mostAtOnce <= 3 && other.mostAtOnce <= 3, "per host: \(server.mostAtOnce), \(other.mostAtOnce)")
        #expect(server.mostAtOnce >= 2, "requests to a host did run side by side")
        #expect(server.requests.count == 440, "one HEAD each, and a GET to confirm each 404")
    }

    @Test func aLinksTimeStartsWithItsFirstRequestNotInTheQueue() async throws {
        let server = try RoutedServer { _, _ in
            usleep(300_000)
            return .reply(200)
        }
        defer { server.stop() }
        var policy = Self.policy(server, perHost: 1)
        policy.linkTimeLimit = .seconds(1)
        let links = (0..<6).map { "\(server.base)/paper/\($0)" }
        let outcome = await LinkChecker(policy: policy).check(links)
        #expect(outcome.statuses.values.map(\.verdict) == Array(repeating: .alive, count: 6),
                "six links a third of a second each, one at a time, each within its second: \(outcome.statuses)")
        #expect(server.mostAtOnce == 1)
    }

    @Test func theRunStopsAtItsTimeLimitAndSaysWhatItLeft() async throws {
        let server = try RoutedServer(route: Self.routes)
        defer { server.stop() }
        let outcome = await Self.check(["/silent", "/ok"], on: server) {
            $0.runTimeLimit = .milliseconds(600)
            $0.perHostConcurrency = 1
            $0.concurrency = 1
        }
        #expect(outcome.unchecked.count + outcome.statuses.count == 2)
        #expect(outcome.unchecked.contains(server.base + "/silent"), "\(outcome)")
    }
}
