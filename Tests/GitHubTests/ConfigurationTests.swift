import Foundation
@testable import GitHub
import Reporters
import Testing

@Suite struct ConfigurationTests {
    /// Writes an event file and returns its path.
    func event(_ json: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("event-\(UUID().uuidString).json").path
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func configuration(_ environment: [String: String], pullRequest: Int? = nil) -> Result<GitHubClient.Configuration, GitHubError> {
        Result { () throws(GitHubError) in try GitHubClient.Configuration.fromEnvironment(environment, pullRequest: pullRequest) }
    }

    @Test func readsAPullRequestEvent() throws {
        let path = try event(#"{"action": "synchronize", "number": 42, "pull_request": {"number": 42, "head": {}}}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let read = try configuration(["GITHUB_TOKEN": secretToken, "GITHUB_REPOSITORY": "octo/lists",
                                      "GITHUB_EVENT_PATH": path]).get()
        #expect(read.apiURL.absoluteString == "https://api.github.com")
        #expect(read.repository == "octo/lists" && read.pullRequest == 42 && read.token == secretToken)
        #expect(read.maxAttempts == 4 && read.maxWait == .seconds(60))
    }

    @Test func readsACommentOnAPullRequestAndTheAPIURL() throws {
        let path = try event(#"{"issue": {"number": 9, "pull_request": {"url": "x"}}, "comment": {"id": 1}}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let read = try configuration(["GITHUB_TOKEN": secretToken, "GITHUB_REPOSITORY": "octo/lists", "GITHUB_EVENT_PATH": path,
                                      "GITHUB_API_URL": "https://ghe.example.com/api/v3"]).get()
        #expect(read.pullRequest == 9 && read.apiURL.absoluteString == "https://ghe.example.com/api/v3")
    }

    @Test func anExplicitPullRequestNeedsNoEvent() throws {
        let read = try configuration(["GITHUB_TOKEN": secretToken, "GITHUB_REPOSITORY": "octo/lists"], pullRequest: 5).get()
        #expect(read.pullRequest == 5)
    }

    @Test func eachMissingOrBadPieceIsNamed() throws {
        let plainIssue = try event(#"{"issue": {"number": 3}}"#)
        let push = try event(#"{"ref": "refs/heads/main"}"#)
        let notJSON = try event("not json")
        defer { for path in [plainIssue, push, notJSON] { try? FileManager.default.removeItem(atPath: path) } }
        let full = ["GITHUB_TOKEN": secretToken, "GITHUB_REPOSITORY": "octo/lists", "GITHUB_EVENT_PATH": plainIssue]
        func without(_ name: String) -> [String: String] { full.filter { $0.key != name } }
        func with(_ name: String, _ value: String) -> [String: String] { full.merging([name: value]) { $1 } }
        let cases: [([String: String], GitHubError)] = [
            (without("GITHUB_TOKEN"), .missingEnvironment(variable: "GITHUB_TOKEN")),
            (with("GITHUB_TOKEN", "  "), .missingEnvironment(variable: "GITHUB_TOKEN")),
            (without("GITHUB_REPOSITORY"), .missingEnvironment(variable: "GITHUB_REPOSITORY")),
            (without("GITHUB_EVENT_PATH"), .missingEnvironment(variable: "GITHUB_EVENT_PATH")),
            (with("GITHUB_REPOSITORY", "octo/lists/extra"),
             .invalidEnvironment(variable: "GITHUB_REPOSITORY", reason: "'octo/lists/extra' is not owner/name")),
            (with("GITHUB_API_URL", "ftp://x"), .invalidEnvironment(variable: "GITHUB_API_URL", reason: "'ftp://x' is not an http(s) URL")),
            (full, .invalidEnvironment(variable: "GITHUB_EVENT_PATH", reason: "the event is about issue #3, not a pull request")),
            (with("GITHUB_EVENT_PATH", notJSON), .unreadableEvent(path: notJSON, reason: "not a JSON object")),
            (with("GITHUB_EVENT_PATH", "/nonexistent/e.json"), .unreadableEvent(path: "/nonexistent/e.json", reason: "no such readable file")),
        ]
        for (environment, expected) in cases {
            guard case .failure(let failure) = configuration(environment) else { Issue.record("no error for \(expected)"); continue }
            #expect(failure == expected)
        }
        guard case .failure(let failure) = configuration(with("GITHUB_EVENT_PATH", push)),
              case .invalidEnvironment("GITHUB_EVENT_PATH", let reason) = failure else { Issue.record("push event accepted"); return }
        #expect(reason.contains("no pull_request.number or issue.number") && reason.contains("--pr N"))
        #expect(GitHubError.missingEnvironment(variable: "GITHUB_EVENT_PATH").description.contains("--pr N"))
        #expect(GitHubError.missingEnvironment(variable: "GITHUB_TOKEN").description.hasPrefix("GITHUB_TOKEN is not set"))
    }
}

@Suite struct PayloadTests {
    @Test func markersAgreeWithTheReviewReporter() {
        let marker = ReviewReporter.marker(fingerprint: "00ff00ff00ff00ff:3")
        for body in ["text\n" + marker + "\n", "text\r\n" + marker + "\r\n\n", marker] {
            #expect(Markers.fingerprint(in: body) == "00ff00ff00ff00ff:3")
        }
        #expect(Markers.fingerprint(in: marker + "\n" + Markers.summary) == nil)
        #expect(Markers.summary == "<!-- vlmbot:summary -->")
        for fingerprint in ["00FF00FF00FF00FF:3", "00ff00ff00ff00f:3", "00ff00ff00ff00ff:", ""] {
            #expect(Markers.fingerprint(in: ReviewReporter.marker(fingerprint: fingerprint)) == nil)
        }
        #expect(Markers.isSummary("text\n" + Markers.summary + "\n") && !Markers.isSummary(Markers.summary + "\ntext"))
        #expect(Markers.summarized("text") == "text\n" + Markers.summary + "\n")
        #expect(Markers.summarized("text\n" + Markers.summary) == "text\n" + Markers.summary)
    }

    @Test func removingCommentsKeepsEveryOtherMember() throws {
        let json = #"{"commit_id": "abc", "event": "COMMENT", "body": "b", "extra": {"n": 1.5, "ok": true, "none": null}, "#
            + #""comments": [{"path": "a.md", "line": 3, "start_line": 2, "side": "RIGHT", "body": "x\n"#
            + ReviewReporter.marker(fingerprint: "1111111111111111:1").replacingOccurrences(of: "\"", with: "\\\"")
            + #""}, {"path": "a.md", "line": 1, "body": "y"}]}"#
        var payload = try ReviewPayload(try #require(JSONValue.parse(Data(json.utf8))))
        #expect(payload.removeComments(withFingerprintsIn: ["2222222222222222:1"]) == 0)
        #expect(payload.removeComments(withFingerprintsIn: ["1111111111111111:1"]) == 1)
        let written = try #require(try JSONSerialization.jsonObject(with: payload.value.data()) as? [String: Any])
        var expected = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        expected["comments"] = [["path": "a.md", "line": 1, "body": "y"]]
        #expect(NSDictionary(dictionary: written) == NSDictionary(dictionary: expected))
        #expect(String(decoding: payload.value.data(), as: UTF8.self).contains(#""line":1"#))
    }
}
