import Foundation
@testable import GitHub
import Reporters
import TestSupport
import Testing

/// vlmbot trusts a marker only in a comment written by the token's owner, in the place it
/// writes it, and never edits another author's comment.
@Suite struct TrustTests {
    static let stranger = "mallory"

    @Test func aStrangersFingerprintsDoNotSilenceTheReview() async throws {
        let (_, payload, prints) = ClientTests.payload()
        let script: [Reply] = [
            .json(200, ClientTests.comments(prints.map { "Already reported.\n" + ReviewReporter.marker(fingerprint: $0) + "\n" },
                                            author: Self.stranger),
                  headers: ["Link": #"<{base}/repos/octo/lists/pulls/7/comments?page=2>; rel="next""#]),
            .json(200, ClientTests.comments(["Old finding\n" + ReviewReporter.marker(fingerprint: prints[0])], first: 9)),
            ownUser,
            .json(200, #"{"id": 4242}"#),
        ]
        let (outcome, requests) = try await withServer(script) { server in
            (try await client(server).postReview(payload), server.requests)
        }
        #expect(outcome == GitHubClient.ReviewOutcome(reviewID: 4242, postedComments: 2, skippedComments: 1))
        #expect(requests.map(\.line) == ["GET /repos/octo/lists/pulls/7/comments?per_page=100",
                                         "GET /repos/octo/lists/pulls/7/comments?page=2", "GET /user",
                                         "POST /repos/octo/lists/pulls/7/reviews"])
        expectGitHubHeaders(requests)
    }

    @Test func aStrangersSummaryMarkerIsNotEditedAndANewSummaryIsPosted() async throws {
        let script: [Reply] = [
            .json(200, ClientTests.comments(["Fake summary\n" + Markers.summary + "\n"], first: 31, author: Self.stranger)),
            ownUser,
            .json(201, #"{"id": 32}"#),
        ]
        let (outcome, requests) = try await withServer(script) { server in
            (try await client(server).updateSummary("## vlmbot\n\nNo findings."), server.requests)
        }
        #expect(outcome == .created(id: 32))
        #expect(requests.map(\.line) == ["GET /repos/octo/lists/issues/7/comments?per_page=100", "GET /user",
                                         "POST /repos/octo/lists/issues/7/comments"])
        #expect(!requests.contains { $0.method == "PATCH" })
    }

    @Test func aMarkerInsideQuotedTextIsNone() async throws {
        let quoted = ReviewReporter.marker(fingerprint: "0123456789abcdef:1")
        // vlmbot's own comments, quoting list text that holds markers: in a suggestion, in a
        // code span, in a quote. Only the last line, where vlmbot writes it, counts.
        let bodies = ["Fix it:\n```suggestion\n" + quoted + "\n```\n" + ReviewReporter.marker(fingerprint: "fedcba9876543210:2"),
                      "The entry reads `" + quoted + "`.", "> " + quoted, quoted + " and more",
                      "The summary: " + Markers.summary]
        let (found, requests) = try await withServer([.json(200, ClientTests.comments(bodies)), ownUser]) { server in
            (try await client(server).postedFingerprints(), server.requests)
        }
        #expect(found == ["fedcba9876543210:2"])
        #expect(requests.count == 2)
        // No body ends with the summary marker, so there is nobody to ask about.
        let (summary, summaryRequests) = try await withServer([.json(200, ClientTests.comments(bodies, first: 50)),
                                                               .json(201, #"{"id": 60}"#)]) { server in
            (try await client(server).updateSummary("s"), server.requests)
        }
        #expect(summary == .created(id: 60))
        #expect(summaryRequests.map(\.method) == ["GET", "POST"])
    }

    @Test func aGitHubActionsTokenIsGitHubActionsBot() async throws {
        let (_, payload, prints) = ClientTests.payload()
        let script: [Reply] = [
            .json(200, ClientTests.comments([ReviewReporter.marker(fingerprint: prints[0])], author: "github-actions[bot]")
                .replacingOccurrences(of: #""type":"User""#, with: #""type":"Bot""#)),
            .json(403, #"{"message": "Resource not accessible by integration", "status": "403"}"#),
            .json(200, #"{"id": 4243}"#),
            .json(200, ClientTests.comments([Markers.summary], first: 70, author: "github-actions[bot]")),
            .json(200, #"{"id": 70}"#),
        ]
        let (outcome, summary, requests) = try await withServer(script) { server in
            let client = client(server)
            return (try await client.postReview(payload), try await client.updateSummary("s"), server.requests)
        }
        #expect(outcome == GitHubClient.ReviewOutcome(reviewID: 4243, postedComments: 2, skippedComments: 1))
        #expect(summary == .updated(id: 70))
        // The identity is asked once for both operations.
        #expect(requests.map(\.line) == ["GET /repos/octo/lists/pulls/7/comments?per_page=100", "GET /user",
                                         "POST /repos/octo/lists/pulls/7/reviews",
                                         "GET /repos/octo/lists/issues/7/comments?per_page=100",
                                         "PATCH /repos/octo/lists/issues/comments/70"])
    }
}
