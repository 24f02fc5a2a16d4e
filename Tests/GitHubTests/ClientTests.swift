import Engine
import Foundation
@testable import GitHub
import Markdown
import Reporters
import TestSupport
import Testing

@Suite struct ClientTests {
    /// A real review payload: three findings on lines 3, 4 and 5 of a changed list, all inside
    /// the hunk, so three inline comments; and the three fingerprints in report order.
    static func payload() -> (json: String, value: JSONValue, fingerprints: [String]) {
        let source = SourceText((1...10).map { "line \($0)\n" }.joined())
        let findings = (3...5).map { line in
            Finding(rule: "some-rule", severity: .warning, message: "on \(line)", path: "lists/papers.md",
                    range: SourceRange(start: SourcePosition(line: line, column: 1), end: SourcePosition(line: line, column: 4)))
        }
        let report = Report(files: [CheckedFile(path: "lists/papers.md", entryCount: 1, source: source, diffHunks: [3...5])],
                            findings: findings,
                            links: SourceLinks(server: "https://github.com", repository: "octo/lists", commit: "0123abc"))
        return (ReviewReporter().render(report), ReviewReporter().payload(report), Fingerprint.all(in: report))
    }

    /// A JSON array of comments with these bodies by `author`, ids from `first`.
    static func comments(_ bodies: [String], first: Int = 1, author: String = ownLogin) -> String {
        let items = bodies.enumerated().map { index, body -> [String: Any] in
            ["id": first + index, "body": body, "user": ["login": author, "type": "User"]]
        }
        return String(decoding: try! JSONSerialization.data(withJSONObject: items), as: UTF8.self)
    }

    @Test func reviewSkipsCommentsWhoseFingerprintIsOnAnyOfThreePages() async throws {
        let (payload, value, prints) = Self.payload()
        let original = try #require(try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any])
        let script: [Reply] = [
            .json(200, Self.comments(["A reply by a person", "Old finding\n" + ReviewReporter.marker(fingerprint: prints[0])]),
                  headers: ["Link": #"<{base}/repositories/1/pulls/7/comments?per_page=100&page=2>; rel="next", "#
                      + #"<{base}/repositories/1/pulls/7/comments?per_page=100&page=3>; rel="last""#]),
            .json(200, Self.comments(["x\n" + ReviewReporter.marker(fingerprint: "0000000000000000:1")], first: 10),
                  headers: ["Link": #"<{base}/repositories/1/pulls/7/comments?per_page=100&page=1>; rel="prev", "#
                      + #"<{base}/repositories/1/pulls/7/comments?per_page=100&page=3>; rel="next""#]),
            .json(200, Self.comments(["y\n" + ReviewReporter.marker(fingerprint: prints[2])], first: 20),
                  headers: ["Link": #"<{base}/repositories/1/pulls/7/comments?per_page=100&page=2>; rel="prev""#]),
            ownUser,
            .json(200, #"{"id": 4242, "state": "COMMENTED"}"#),
        ]
        let (outcome, requests) = try await withServer(script) { server in
            (try await client(server).postReview(value), server.requests)
        }
        #expect(outcome == GitHubClient.ReviewOutcome(reviewID: 4242, postedComments: 1, skippedComments: 2))
        #expect(requests.map(\.line) == [
            "GET /repos/octo/lists/pulls/7/comments?per_page=100",
            "GET /repositories/1/pulls/7/comments?per_page=100&page=2",
            "GET /repositories/1/pulls/7/comments?per_page=100&page=3",
            "GET /user",
            "POST /repos/octo/lists/pulls/7/reviews",
        ])
        expectGitHubHeaders(requests)
        #expect(requests[4].headers["content-type"]?.hasPrefix("application/json") == true)
        let posted = try #require(requests.last?.json)
        let comments = try #require(posted["comments"] as? [[String: Any]])
        #expect(comments.count == 1)
        #expect((comments.first?["body"] as? String)?.contains(ReviewReporter.marker(fingerprint: prints[1])) == true)
        #expect(comments.first?["line"] as? Int == 4 && comments.first?["side"] as? String == "RIGHT")
        // Everything but the comments goes as it was.
        for key in ["body", "event", "commit_id"] {
            #expect(posted[key] as? String == original[key] as? String && posted[key] != nil, "\(key)")
        }
        #expect(Set(posted.keys) == Set(original.keys))
        let originalComments = try #require(original["comments"] as? [[String: Any]])
        #expect(NSDictionary(dictionary: comments[0]) == NSDictionary(dictionary: originalComments[1]))
    }

    @Test func nothingIsPostedWhenEveryCommentIsAlreadyThere() async throws {
        let (payload, value, prints) = Self.payload()
        let script: [Reply] = [.json(200, Self.comments(prints.map { "old\n" + ReviewReporter.marker(fingerprint: $0) })), ownUser]
        let (outcome, requests) = try await withServer(script) { server in
            (try await client(server).postReview(value), server.requests)
        }
        #expect(outcome == GitHubClient.ReviewOutcome(reviewID: nil, postedComments: 0, skippedComments: 3))
        #expect(outcome.description.hasPrefix("No review posted"))
        #expect(requests.map(\.line) == ["GET /repos/octo/lists/pulls/7/comments?per_page=100", "GET /user"])
    }

    @Test func postedFingerprintsAreReadFromTheHiddenMarkers() async throws {
        let bodies = ["a\n<!-- vlmbot:fingerprint=0123456789abcdef:1 -->\n", "b\n<!-- vlmbot:fingerprint=fedcba9876543210:12 -->",
                      "<!-- vlmbot:fingerprint=NOTHEX -->", "<!-- other:fingerprint=0123456789abcdef:3 -->"]
        let found = try await withServer([.json(200, Self.comments(bodies)), ownUser]) { server in
            try await client(server).postedFingerprints()
        }
        #expect(found == ["0123456789abcdef:1", "fedcba9876543210:12"])
    }

    @Test func summaryIsEditedInPlaceWhenPresent() async throws {
        let script: [Reply] = [
            .json(200, Self.comments(["Nice list!"], first: 100),
                  headers: ["Link": #"<{base}/repositories/1/issues/7/comments?page=2>; rel="next""#]),
            .json(200, Self.comments(["old summary\n" + Markers.summary, "later"], first: 555)),
            ownUser,
            .json(200, #"{"id": 555}"#),
        ]
        let (outcome, requests) = try await withServer(script) { server in
            (try await client(server).updateSummary("## vlmbot\n\nNo findings."), server.requests)
        }
        #expect(outcome == .updated(id: 555))
        #expect(requests.map(\.line) == [
            "GET /repos/octo/lists/issues/7/comments?per_page=100",
            "GET /repositories/1/issues/7/comments?page=2",
            "GET /user",
            "PATCH /repos/octo/lists/issues/comments/555",
        ])
        expectGitHubHeaders(requests)
        #expect(requests[3].json?["body"] as? String == "## vlmbot\n\nNo findings.\n" + Markers.summary + "\n")
        #expect(requests[3].json?.count == 1)
    }

    @Test func summaryIsCreatedWhenAbsentUnderAnAPIPath() async throws {
        let body = "## vlmbot\n\nOne error.\n" + Markers.summary
        let script: [Reply] = [.json(200, Self.comments(["Nice list!", "<!-- vlmbot:review -->"])), .json(201, #"{"id": 777}"#)]
        let (outcome, requests) = try await withServer(script) { server in
            (try await client(server, apiPath: "/api/v3/").updateSummary(body), server.requests)
        }
        #expect(outcome == .created(id: 777))
        #expect(requests.map(\.line) == ["GET /api/v3/repos/octo/lists/issues/7/comments?per_page=100",
                                         "POST /api/v3/repos/octo/lists/issues/7/comments"])
        expectGitHubHeaders(requests)
        // The marker already ends the body, so the body goes unchanged.
        #expect(requests[1].json?["body"] as? String == body)
    }

    @Test func aNextPageOnAnotherHostIsRefusedSoTheTokenStaysHome() async throws {
        let script: [Reply] = [.json(200, "[]", headers: ["Link": #"<https://evil.example/steal?page=2>; rel="next""#])]
        let (failure, requests) = try await withServer(script) { server in
            (await error { () async throws(GitHubError) in try await client(server).postedFingerprints() }, server.requests)
        }
        guard case .invalidResponse(_, let reason) = failure else { Issue.record("got \(String(describing: failure))"); return }
        #expect(reason.contains("next page"))
        #expect(requests.count == 1)
    }
}
