import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Reporters

/// The GitHub REST client behind `vlmbot review --post`: it posts one review whose inline
/// comments are not already on the pull request, and keeps one summary comment updated in
/// place. Answers 5xx and rate limits are retried within `Configuration.maxAttempts` and
/// `Configuration.maxWait`; every other failure is a `GitHubError`. Markers count only in
/// comments written by the token's owner (`GET /user`, asked once), and only such a comment
/// is ever edited. The token goes only to the
/// API's origin (a redirect or next page elsewhere is refused), and each answer is bounded by
/// `Configuration.timeLimit` and `Configuration.answerByteLimit`.
public struct GitHubClient: Sendable {
    /// Where and as whom the client works.
    public let configuration: Configuration
    let sleep: @Sendable (Duration) async -> Void
    let now: @Sendable () -> Date
    /// The login of the token's owner, once asked.
    private let owner = Remembered<String>()

    /// `sleep` waits between attempts and `now` reads the clock for `x-ratelimit-reset`; tests
    /// pass their own.
    public init(configuration: Configuration,
                sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) },
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.configuration = configuration
        self.sleep = sleep
        self.now = now
    }

    /// What `postReview` did.
    public struct ReviewOutcome: Equatable, Sendable, CustomStringConvertible {
        /// The posted review's id; nil when nothing was posted.
        public var reviewID: Int?
        /// Inline comments posted.
        public var postedComments: Int
        /// Inline comments left out because the pull request already has them.
        public var skippedComments: Int

        /// One sentence for the job log.
        public var description: String {
            guard let reviewID else {
                return "No review posted: no new inline comment (\(skippedComments) already on the pull request)."
            }
            return "Posted review \(reviewID) with \(postedComments) inline comment\(postedComments == 1 ? "" : "s")"
                + " (\(skippedComments) already on the pull request)."
        }
    }

    /// What `updateSummary` did.
    public enum SummaryOutcome: Equatable, Sendable {
        /// The summary comment was created with this id.
        case created(id: Int)
        /// The summary comment with this id was edited.
        case updated(id: Int)
    }

    /// The fingerprints that the review comments already on the pull request carry.
    public func postedFingerprints() async throws(GitHubError) -> Set<String> {
        var waited = Duration.zero
        return try await postedFingerprints(waited: &waited)
    }

    /// Posts the review payload (`ReviewReporter` output: a JSON object with `body`, `event`,
    /// `comments`, perhaps `commit_id`) without the inline comments whose fingerprint is
    /// already on the pull request. Posts nothing when no new inline comment remains: the
    /// summary comment carries the counts.
    public func postReview(_ payload: JSONValue) async throws(GitHubError) -> ReviewOutcome {
        var review = try ReviewPayload(payload)
        var waited = Duration.zero
        let skipped = review.removeComments(withFingerprintsIn: try await postedFingerprints(waited: &waited))
        guard !review.comments.isEmpty else {
            return ReviewOutcome(reviewID: nil, postedComments: 0, skippedComments: skipped)
        }
        let response = try await send("POST", url("pulls/\(configuration.pullRequest)/reviews"), body: review.value.data(),
                                      waited: &waited)
        return ReviewOutcome(reviewID: try Self.id(of: response), postedComments: review.comments.count,
                             skippedComments: skipped)
    }

    /// Keeps one summary comment on the pull request: edits the issue comment of the token's
    /// owner that ends with `Markers.summary`, or creates one. The marker ends what is posted.
    public func updateSummary(_ body: String) async throws(GitHubError) -> SummaryOutcome {
        let content = JSONValue.object([("body", .string(Markers.summarized(body)))]).data()
        var waited = Duration.zero
        let comments = try await pages(url("issues/\(configuration.pullRequest)/comments"), waited: &waited)
        let summaries = try await ownComments(comments.filter { Markers.isSummary($0["body"]?.stringValue ?? "") },
                                              waited: &waited)
        if let id = summaries.first?["id"]?.intValue {
            _ = try await send("PATCH", url("issues/comments/\(id)"), body: content, waited: &waited)
            return .updated(id: id)
        }
        let response = try await send("POST", url("issues/\(configuration.pullRequest)/comments"), body: content,
                                      waited: &waited)
        return .created(id: try Self.id(of: response))
    }

    private func postedFingerprints(waited: inout Duration) async throws(GitHubError) -> Set<String> {
        let comments = try await pages(url("pulls/\(configuration.pullRequest)/comments"), waited: &waited)
        let fingerprint = { (comment: JSONValue) in Markers.fingerprint(in: comment["body"]?.stringValue ?? "") }
        return Set(try await ownComments(comments.filter { fingerprint($0) != nil }, waited: &waited).compactMap(fingerprint))
    }

    /// The login GitHub Actions' own token (`GITHUB_TOKEN`) posts as; it cannot read `GET /user`.
    static let actionsLogin = "github-actions[bot]"

    /// The comments written by the token's owner. Its login is asked only when there is a
    /// comment to judge, and at most once per client: `GET /user`, or `actionsLogin` when the
    /// token may not read it (403 or 404, as for an installation token).
    private func ownComments(_ comments: [JSONValue], waited: inout Duration) async throws(GitHubError) -> [JSONValue] {
        guard !comments.isEmpty else { return [] }
        let login: String
        if let known = owner.value {
            login = known
        } else {
            do throws(GitHubError) {
                let answer = try await send("GET", endpoint("user"), body: nil, waited: &waited)
                guard let name = JSONValue.parse(answer.body)?["login"]?.stringValue, !name.isEmpty else {
                    throw .invalidResponse(request: answer.request, reason: "no 'login' in the answer")
                }
                login = name
            } catch .readOnlyToken, .forbidden, .notFound {
                login = Self.actionsLogin
            }
            owner.value = login
        }
        return comments.filter { $0["user"]?["login"]?.stringValue?.lowercased() == login.lowercased() }
    }

    /// The URL of a path under the repository, such as `pulls/3/comments`.
    func url(_ path: String) -> URL {
        let repository = configuration.repository.split(separator: "/", omittingEmptySubsequences: false).map {
            $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
        }.joined(separator: "/")
        return endpoint("repos/\(repository)/\(path)")
    }

    /// The URL of a percent-encoded path under the API root, such as `user`.
    func endpoint(_ path: String) -> URL {
        let root = configuration.apiURL.absoluteString.hasSuffix("/")
            ? String(configuration.apiURL.absoluteString.dropLast()) : configuration.apiURL.absoluteString
        // The root is a valid URL and the rest is percent-encoded, so the result parses.
        return URL(string: "\(root)/\(path)")!
    }

    /// The `id` of a created object.
    static func id(of response: HTTPAnswer) throws(GitHubError) -> Int {
        guard let id = JSONValue.parse(response.body)?["id"]?.intValue else {
            throw .invalidResponse(request: response.request, reason: "no 'id' in the answer")
        }
        return id
    }
}

/// A value found once and kept for later calls, shared by the copies of a client.
final class Remembered<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?

    var value: Value? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
