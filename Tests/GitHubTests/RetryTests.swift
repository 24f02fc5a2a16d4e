import Foundation
@testable import GitHub
import TestSupport
import Testing

@Suite struct RetryTests {
    static let emptyPage = Reply.json(200, "[]")
    static let listing = "GET /repos/octo/lists/pulls/7/comments?per_page=100"

    /// Plays the script to `postedFingerprints` and returns the outcome, the waits and the requests.
    func run(_ script: [Reply], now: @escaping @Sendable () -> Date = { Date() }) async throws
        -> (error: GitHubError?, waits: [Duration], requests: [String]) {
        let waits = Waits()
        return try await withServer(script) { server in
            let failure = await error { () async throws(GitHubError) in
                try await client(server, waits: waits, now: now).postedFingerprints()
            }
            return (failure, waits.requested, server.requests.map(\.line))
        }
    }

    @Test func secondaryRateLimitWaitsRetryAfterThenSucceeds() async throws {
        let result = try await run([.json(403, #"{"message": "You have exceeded a secondary rate limit."}"#,
                                          headers: ["Retry-After": "1"]), Self.emptyPage])
        #expect(result.error == nil)
        #expect(result.waits == [.seconds(1)])
        #expect(result.requests == [Self.listing, Self.listing])
    }

    @Test func serverErrorIsRetriedAfterABackoff() async throws {
        let result = try await run([.json(500, #"{"message": "Server Error"}"#), Self.emptyPage])
        #expect(result.error == nil)
        #expect(result.waits == [.seconds(1)])
        #expect(result.requests == [Self.listing, Self.listing])
    }

    @Test func serverErrorsBackOffExponentiallyAndHonourRetryAfter() async throws {
        let result = try await run([.json(502, ""), .json(503, "", headers: ["Retry-After": "5"]), .json(500, ""), Self.emptyPage])
        #expect(result.error == nil)
        #expect(result.waits == [.seconds(1), .seconds(5), .seconds(4)])
        #expect(result.requests.count == 4)
    }

    @Test func attemptsAreBounded() async throws {
        let result = try await run(Array(repeating: .json(500, #"{"message": "Server Error"}"#), count: 5))
        #expect(result.error == .retriesExhausted(request: "GET /repos/octo/lists/pulls/7/comments", status: 500,
                                                  attempts: 4, message: "Server Error"))
        #expect(result.waits == [.seconds(1), .seconds(2), .seconds(4)])
        #expect(result.requests.count == 4)
    }

    @Test func aWaitBeyondTheBudgetFailsAtOnce() async throws {
        let result = try await run([.json(429, "", headers: ["Retry-After": "120"]), Self.emptyPage])
        #expect(result.error == .retryBudgetExceeded(request: "GET /repos/octo/lists/pulls/7/comments", status: 429,
                                                     wait: .seconds(120), budgetLeft: .seconds(60)))
        #expect(result.error?.description.contains("wait 120 s") == true)
        #expect(result.waits.isEmpty)
        #expect(result.requests.count == 1)
    }

    @Test func theBudgetSpansTheRetriesOfAnOperation() async throws {
        let result = try await run([.json(403, "", headers: ["Retry-After": "40"]),
                                    .json(403, "", headers: ["Retry-After": "30"]), Self.emptyPage])
        #expect(result.error == .retryBudgetExceeded(request: "GET /repos/octo/lists/pulls/7/comments", status: 403,
                                                     wait: .seconds(30), budgetLeft: .seconds(20)))
        #expect(result.waits == [.seconds(40)])
        #expect(result.requests.count == 2)
    }

    @Test func primaryRateLimitWaitsUntilTheReset() async throws {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let result = try await run([.json(403, #"{"message": "API rate limit exceeded"}"#,
                                          headers: ["x-ratelimit-remaining": "0", "x-ratelimit-reset": "1700000030"]),
                                    Self.emptyPage], now: { now })
        #expect(result.error == nil)
        #expect(result.waits == [.seconds(30)])
        #expect(result.requests.count == 2)
    }

    @Test func aPlainForbiddenIsNotRetried() async throws {
        let result = try await run([.json(403, #"{"message": "Must have admin rights to Repository."}"#), Self.emptyPage])
        #expect(result.error == .forbidden(request: "GET /repos/octo/lists/pulls/7/comments",
                                           message: "Must have admin rights to Repository."))
        #expect(result.waits.isEmpty)
        #expect(result.requests.count == 1)
    }

    @Test func aRateLimitThatNamesNoTimeWaitsAMinute() async throws {
        for limited in [Reply.json(429, ""), .json(403, #"{"message": "You have exceeded a secondary rate limit."}"#)] {
            let result = try await run([limited, Self.emptyPage])
            #expect(result.error == nil)
            #expect(result.waits == [.seconds(60)])
            #expect(result.requests.count == 2)
        }
    }

    @Test func paginationStopsAfterAHundredPages() async throws {
        let endless = Reply.json(200, "[]", headers: ["Link": #"<{base}/repositories/1/pulls/7/comments?page=2>; rel="next""#])
        let result = try await run(Array(repeating: endless, count: GitHubClient.pageLimit + 1))
        #expect(result.error == .invalidResponse(request: "GET /repositories/1/pulls/7/comments", reason: "more than 100 pages"))
        #expect(result.requests.count == GitHubClient.pageLimit)
    }
}
