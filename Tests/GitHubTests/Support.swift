import Foundation
@testable import GitHub
import TestSupport
import Testing

/// The token of every test; no output may contain it.
let secretToken = "ghs_SECRETtoken0123456789abcdefABCDEF"

/// The login the token of every test belongs to, and `GET /user`'s answer saying so.
let ownLogin = "octo-maintainer"
let ownUser = Reply.json(200, #"{"login": "\#(ownLogin)", "id": 1, "type": "User"}"#)

/// Records the waits a client asks for, without waiting.
final class Waits: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Duration] = []

    var requested: [Duration] { lock.withLock { values } }

    func record(_ duration: Duration) { lock.withLock { values.append(duration) } }
}

/// A client of `octo/lists` pull request 7 on the server.
func client(_ server: LoopbackServer, waits: Waits = Waits(), apiPath: String = "",
            timeLimit: Duration = GitHubClient.Configuration.defaultTimeLimit,
            answerByteLimit: Int = GitHubClient.Configuration.defaultAnswerByteLimit,
            now: @escaping @Sendable () -> Date = { Date() }) -> GitHubClient {
    let configuration = GitHubClient.Configuration(apiURL: URL(string: server.base + apiPath)!, repository: "octo/lists",
                                                   pullRequest: 7, token: secretToken, timeLimit: timeLimit,
                                                   answerByteLimit: answerByteLimit)
    return GitHubClient(configuration: configuration, sleep: { waits.record($0) }, now: now)
}

/// The error an operation throws; nil when it succeeds.
func error<T>(_ operation: () async throws(GitHubError) -> T) async -> GitHubError? {
    do {
        _ = try await operation()
        return nil
    } catch {
        return error
    }
}

/// Every request carries the token and GitHub's media type and API version.
func expectGitHubHeaders(_ requests: [RecordedRequest], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(!requests.isEmpty, sourceLocation: sourceLocation)
    for request in requests {
        #expect(request.headers["authorization"] == "Bearer \(secretToken)", sourceLocation: sourceLocation)
        #expect(request.headers["accept"] == "application/vnd.github+json", sourceLocation: sourceLocation)
        #expect(request.headers["x-github-api-version"] == "2022-11-28", sourceLocation: sourceLocation)
        #expect(request.headers["user-agent"]?.hasPrefix("vlmbot/") == true, sourceLocation: sourceLocation)
    }
}
