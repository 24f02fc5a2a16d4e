import Foundation
@testable import GitHub
import Reporters
import TestSupport
import Testing

@Suite struct ErrorTests {
    static let review = JSONValue.object([("event", .string("COMMENT")), ("body", .string("b")),
                                          ("comments", .array([.object([("path", .string("a.md")), ("line", .int(1)),
                                                                        ("body", .string("c"))])]))])

    /// The error `postReview` throws after an empty first listing when the POST gets `reply`.
    func reviewError(_ reply: Reply) async throws -> (GitHubError?, [RecordedRequest]) {
        try await withServer([.json(200, "[]"), reply]) { server in
            (await error { () async throws(GitHubError) in try await client(server).postReview(Self.review) }, server.requests)
        }
    }

    @Test func badTokenIs401() async throws {
        let (failure, requests) = try await reviewError(.json(401, #"{"message": "Bad credentials"}"#))
        #expect(failure == .badCredentials(request: "POST /repos/octo/lists/pulls/7/reviews"))
        #expect(failure?.description == "POST /repos/octo/lists/pulls/7/reviews: GitHub rejected the token "
            + "(401 Bad credentials): check GITHUB_TOKEN")
        #expect(requests.count == 2)
    }

    @Test func unknownRepositoryOrPullRequestIs404() async throws {
        let failure = try await withServer([.json(404, #"{"message": "Not Found"}"#)]) { server in
            await error { () async throws(GitHubError) in try await client(server).updateSummary("s") }
        }
        #expect(failure == .notFound(request: "GET /repos/octo/lists/issues/7/comments"))
        #expect(failure?.description.contains("does not exist, or the token cannot see it") == true)
    }

    @Test func validationFailureGivesGitHubsMessageAndFirstError() async throws {
        let body = #"{"message": "Unprocessable Entity", "errors": ["Line could not be resolved", "Another"], "#
            + #""documentation_url": "https://docs.github.com/rest"}"#
        let (failure, _) = try await reviewError(.json(422, body))
        #expect(failure == .validationFailed(request: "POST /repos/octo/lists/pulls/7/reviews",
                                             message: "Unprocessable Entity", detail: "Line could not be resolved"))
        #expect(failure?.description == "POST /repos/octo/lists/pulls/7/reviews: GitHub refused it "
            + "(422 Unprocessable Entity): Line could not be resolved")
    }

    @Test func validationErrorsAsObjectsGiveTheirMessage() async throws {
        let body = #"{"message": "Validation Failed", "errors": [{"resource": "IssueComment", "code": "custom", "#
            + #""field": "body", "message": "Body is too long (maximum is 65536 characters)"}]}"#
        let failure = try await withServer([.json(200, "[]"), .json(422, body)]) { server in
            await error { () async throws(GitHubError) in try await client(server).updateSummary("s") }
        }
        #expect(failure == .validationFailed(request: "POST /repos/octo/lists/issues/7/comments", message: "Validation Failed",
                                             detail: "Body is too long (maximum is 65536 characters)"))
    }

    @Test func aForkTokenIsReadOnlyAndDistinct() async throws {
        let (failure, _) = try await reviewError(.json(403, #"{"message": "Resource not accessible by integration", "#
            + #""documentation_url": "https://docs.github.com/rest/pulls/reviews"}"#))
        do {
            throw try #require(failure)
        } catch GitHubError.readOnlyToken {
            #expect(failure?.description.contains("annotations and the job summary") == true)
        } catch {
            Issue.record("expected readOnlyToken, got \(error)")
        }
    }

    @Test func aMalformedPayloadIsRefusedBeforeAnyRequest() async throws {
        for payload in [JSONValue.string("not json"), .array([.int(1), .int(2)]), .object([("comments", .string("none"))])] {
            let (failure, requests) = try await withServer([]) { server in
                (await error { () async throws(GitHubError) in try await client(server).postReview(payload) }, server.requests)
            }
            guard case .invalidReview = failure else { Issue.record("\(payload): \(String(describing: failure))"); continue }
            #expect(requests.isEmpty)
        }
    }

    /// The name of an error's case; a new case fails to compile here until the test covers it.
    static func name(_ error: GitHubError) -> String {
        switch error {
        case .missingEnvironment: "missingEnvironment"
        case .invalidEnvironment: "invalidEnvironment"
        case .unreadableEvent: "unreadableEvent"
        case .invalidReview: "invalidReview"
        case .badCredentials: "badCredentials"
        case .notFound: "notFound"
        case .readOnlyToken: "readOnlyToken"
        case .forbidden: "forbidden"
        case .validationFailed: "validationFailed"
        case .retryBudgetExceeded: "retryBudgetExceeded"
        case .retriesExhausted: "retriesExhausted"
        case .unexpectedStatus: "unexpectedStatus"
        case .invalidResponse: "invalidResponse"
        case .transport: "transport"
        case .redirected: "redirected"
        case .timedOut: "timedOut"
        case .answerTooLarge: "answerTooLarge"
        }
    }

    @Test func everyErrorIsOneLineWithoutTheToken() async throws {
        var failures: [GitHubError] = []
        // Configuration errors.
        let environment = ["GITHUB_TOKEN": secretToken, "GITHUB_REPOSITORY": "octo/lists"]
        for broken in [environment.filter { $0.key != "GITHUB_TOKEN" }, environment.merging(["GITHUB_REPOSITORY": "octo"]) { $1 },
                       environment.merging(["GITHUB_EVENT_PATH": "/nonexistent/event.json"]) { $1 }] {
            do throws(GitHubError) { _ = try GitHubClient.Configuration.fromEnvironment(broken) } catch { failures.append(error) }
        }
        // Answers that are not retried, each quoting the token back where GitHub puts text.
        let quoted = "token \(secretToken) is wrong"
        for reply in [Reply.json(401, #"{"message": "Bad credentials"}"#), .json(404, #"{"message": "Not Found"}"#),
                      .json(403, #"{"message": "Resource not accessible by integration"}"#),
                      .json(403, #"{"message": "\#(quoted)"}"#),
                      .json(422, #"{"message": "\#(quoted)", "errors": ["\#(quoted)"]}"#),
                      .json(418, "\(quoted)\nsecond line"), .json(200, #"{"no": "id"}"#)] {
            let (failure, _) = try await reviewError(reply)
            failures.append(try #require(failure))
        }
        let waits = Waits()
        let retried = try await withServer([.json(503, #"{"message": "\#(quoted)"}"#), .json(503, ""), .json(503, ""),
                                            .json(503, ""), .json(429, "", headers: ["Retry-After": "61"])]) { server in
            let client = client(server, waits: waits)
            return [await error { () async throws(GitHubError) in try await client.postedFingerprints() },
                    await error { () async throws(GitHubError) in try await client.postedFingerprints() }]
        }
        failures += retried.compactMap { $0 }
        failures.append(try #require(await error { () async throws(GitHubError) in
            try await GitHubClient(configuration: .init(repository: "o/r", pullRequest: 1, token: secretToken))
                .postReview(.null)
        }))
        // Nothing listens on a stopped server's port.
        let closed = try LoopbackServer([])
        closed.stop()
        failures.append(try #require(await error { () async throws(GitHubError) in try await client(closed).updateSummary("s") }))
        // A redirect elsewhere, a silent server, an answer over the limit.
        failures += try await withServer([.json(302, "", headers: ["Location": "https://evil.example/\(secretToken)"]),
                                          .silence]) { server in
            [await error { () async throws(GitHubError) in try await client(server).updateSummary("s") },
             await error { () async throws(GitHubError) in try await client(server, timeLimit: .seconds(1)).updateSummary("s") }]
        }.compactMap { $0 }
        failures.append(try #require(try await withServer([.json(200, "[]")]) { server in
            await error { () async throws(GitHubError) in try await client(server, answerByteLimit: 1).updateSummary("s") }
        }))

        #expect(Set(failures.map(Self.name)) == ["missingEnvironment", "invalidEnvironment", "unreadableEvent", "invalidReview",
                                                 "badCredentials", "notFound", "readOnlyToken", "forbidden", "validationFailed",
                                                 "retryBudgetExceeded", "retriesExhausted", "unexpectedStatus",
                                                 "invalidResponse", "transport", "redirected", "timedOut",
                                                 "answerTooLarge"])
        for failure in failures {
            for text in [failure.description, failure.localizedDescription, String(reflecting: failure), "\(failure)"] {
                #expect(!text.contains(secretToken), "\(Self.name(failure))")
                #expect(!text.contains("\n") && !text.isEmpty, "\(Self.name(failure)): \(text)")
            }
        }
        #expect(failures.contains { $0.description.contains("token *** is wrong") })
        #expect(GitHubError.answerTooLarge(request: "GET /x", host: "api.github.com",
                                           limit: GitHubClient.Configuration.defaultAnswerByteLimit).description
            == "GET /x: the answer from api.github.com is larger than 10 MiB, the most vlmbot reads: not read")
        #expect(GitHubError.timedOut(request: "GET /x", host: "api.github.com",
                                     limit: GitHubClient.Configuration.defaultTimeLimit).description
            == "GET /x: no complete answer from api.github.com within 60 s: try again later")
    }

    @Test func theConfigurationAndClientNeverShowTheToken() {
        let configuration = GitHubClient.Configuration(repository: "octo/lists", pullRequest: 7, token: secretToken)
        let client = GitHubClient(configuration: configuration)
        var dumped = ""
        dump(client, to: &dumped)
        dump(configuration, to: &dumped)
        for text in [String(describing: configuration), String(reflecting: configuration), String(describing: client),
                     String(reflecting: client), dumped] {
            #expect(!text.contains(secretToken))
        }
        #expect(String(describing: configuration) == "GitHub https://api.github.com octo/lists#7 (token hidden)")
    }
}
