import Foundation
@testable import GitHub
import TestSupport
import Testing

/// How the client talks to the API's host: redirects, stalled servers, oversized answers.
@Suite struct TransportTests {
    @Test func aRedirectToAnotherHostIsNotFollowedSoTheTokenStaysHome() async throws {
        let elsewhere = try LoopbackServer([.json(200, "[]")])
        defer { elsewhere.stop() }
        let (failure, requests) = try await withServer([.json(307, "", headers: ["Location": elsewhere.base + "/steal"])]) {
            server in
            (await error { () async throws(GitHubError) in try await client(server).postedFingerprints() }, server.requests)
        }
        #expect(requests.count == 1)
        #expect(elsewhere.requests.allSatisfy { $0.headers["authorization"] == nil })
        #expect(elsewhere.requests.isEmpty)
        #expect(failure?.description == "GET /repos/octo/lists/pulls/7/comments: GitHub redirected the request (307) "
            + "to 127.0.0.1:\(elsewhere.port), another host: not followed, so the token goes only to the API's host")
    }

    @Test func aRedirectOnTheAPIsHostIsFollowedWithTheToken() async throws {
        let script: [Reply] = [.json(301, "", headers: ["Location": "{base}/repositories/1/pulls/7/comments?per_page=100"]),
                               .json(200, "[]")]
        let (found, requests) = try await withServer(script) { server in
            (try await client(server).postedFingerprints(), server.requests)
        }
        #expect(found.isEmpty)
        #expect(requests.map(\.line) == ["GET /repos/octo/lists/pulls/7/comments?per_page=100",
                                         "GET /repositories/1/pulls/7/comments?per_page=100"])
        expectGitHubHeaders(requests)
    }

    @Test func aSilentServerTimesOutNamingTheLimitAndTheHost() async throws {
        let (failure, requests, port) = try await withServer([.silence]) { server in
            (await error { () async throws(GitHubError) in
                try await client(server, timeLimit: .seconds(1)).postedFingerprints()
            }, server.requests, server.port)
        }
        #expect(failure == .timedOut(request: "GET /repos/octo/lists/pulls/7/comments", host: "127.0.0.1:\(port)",
                                     limit: .seconds(1)))
        #expect(failure?.description == "GET /repos/octo/lists/pulls/7/comments: no complete answer from "
            + "127.0.0.1:\(port) within 1 s: try again later")
        #expect(requests.count == 1)
    }

    /// A JSON array of empty objects, exactly `bytes` long (one more than a multiple of 3).
    static func array(bytes: Int) -> String {
        "[" + Array(repeating: "{}", count: (bytes - 1) / 3).joined(separator: ",") + "]"
    }

    @Test(arguments: [true, false]) func anAnswerOverTheByteLimitIsNotRead(declaresLength: Bool) async throws {
        var reply = Reply.json(200, Self.array(bytes: 6_001))
        reply.declaresLength = declaresLength
        let (failure, port) = try await withServer([reply]) { server in
            (await error { () async throws(GitHubError) in
                try await client(server, answerByteLimit: 1_000).postedFingerprints()
            }, server.port)
        }
        #expect(failure == .answerTooLarge(request: "GET /repos/octo/lists/pulls/7/comments", host: "127.0.0.1:\(port)",
                                           limit: 1_000))
        #expect(failure?.description == "GET /repos/octo/lists/pulls/7/comments: the answer from 127.0.0.1:\(port) "
            + "is larger than 1000 bytes, the most vlmbot reads: not read")
    }

    @Test(arguments: [true, false]) func anAnswerOfExactlyTheByteLimitIsRead(declaresLength: Bool) async throws {
        var reply = Reply.json(200, Self.array(bytes: 1_000))
        reply.declaresLength = declaresLength
        let found = try await withServer([reply]) { server in
            try await client(server, answerByteLimit: 1_000).postedFingerprints()
        }
        #expect(found.isEmpty)
    }
}
