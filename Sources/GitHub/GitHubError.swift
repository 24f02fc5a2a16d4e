import Foundation

/// Why a GitHub operation failed. Each description is one line that names the request or the
/// variable and says what to do; none ever holds the token or a request header.
public enum GitHubError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// An environment variable the configuration needs is unset or empty.
    case missingEnvironment(variable: String)
    /// An environment variable holds something unusable.
    case invalidEnvironment(variable: String, reason: String)
    /// The event file at `GITHUB_EVENT_PATH` cannot be read or is not JSON.
    case unreadableEvent(path: String, reason: String)
    /// The review payload given to post is not a review.
    case invalidReview(reason: String)
    /// 401: GitHub rejected the token.
    case badCredentials(request: String)
    /// 404: the repository or pull request does not exist, or the token cannot see it.
    case notFound(request: String)
    /// 403 "Resource not accessible by integration": the token may read but not write, as in
    /// a pull request from a fork. Callers fall back to annotations and the job summary.
    case readOnlyToken(request: String)
    /// Another 403, with GitHub's message.
    case forbidden(request: String, message: String)
    /// 422: GitHub refused the content, with its message and the first of its `errors`.
    case validationFailed(request: String, message: String, detail: String?)
    /// GitHub asked to wait longer than what is left of the retry budget.
    case retryBudgetExceeded(request: String, status: Int, wait: Duration, budgetLeft: Duration)
    /// The request still failed (5xx or rate limit) after the allowed attempts.
    case retriesExhausted(request: String, status: Int, attempts: Int, message: String)
    /// Any other status, with GitHub's message.
    case unexpectedStatus(request: String, status: Int, message: String)
    /// A success answer that cannot be understood.
    case invalidResponse(request: String, reason: String)
    /// GitHub could not be reached.
    case transport(request: String, reason: String)
    /// The server redirected the request to another origin (`host:port`, or nil when the
    /// target is no URL); vlmbot does not follow, since the request carries the token.
    case redirected(request: String, status: Int, location: String?)
    /// No complete answer came from `host` within `limit`.
    case timedOut(request: String, host: String, limit: Duration)
    /// The answer from `host` is longer than `limit` bytes; it was not read.
    case answerTooLarge(request: String, host: String, limit: Int)

    /// The one-line message for the user.
    public var description: String {
        switch self {
        case .missingEnvironment(let variable) where variable == "GITHUB_EVENT_PATH":
            return "GITHUB_EVENT_PATH is not set, so the pull request is unknown: give its number (--pr N)"
        case .missingEnvironment(let variable):
            return "\(variable) is not set: it is needed to post to GitHub (GitHub Actions sets it)"
        case .invalidEnvironment(let variable, let reason):
            return "\(variable): \(reason)"
        case .unreadableEvent(let path, let reason):
            return "cannot read the event file \(path) (GITHUB_EVENT_PATH): \(reason)"
        case .invalidReview(let reason):
            return "cannot post the review: \(reason)"
        case .badCredentials(let request):
            return "\(request): GitHub rejected the token (401 Bad credentials): check GITHUB_TOKEN"
        case .notFound(let request):
            return "\(request): not found (404): the repository or pull request does not exist, "
                + "or the token cannot see it"
        case .readOnlyToken(let request):
            return "\(request): the token cannot write here (403 Resource not accessible by integration), "
                + "as for a pull request from a fork: use annotations and the job summary instead"
        case .forbidden(let request, let message):
            return "\(request): forbidden (403): \(message)"
        case .validationFailed(let request, let message, let detail):
            return "\(request): GitHub refused it (422 \(message))" + (detail.map { ": \($0)" } ?? "")
        case .retryBudgetExceeded(let request, let status, let wait, let budgetLeft):
            return "\(request): GitHub asks to wait \(Self.seconds(wait)) s before retrying (\(status)), more than "
                + "the \(Self.seconds(budgetLeft)) s left of the retry budget: try again later"
        case .retriesExhausted(let request, let status, let attempts, let message):
            return "\(request): still failing after \(attempts) attempts (\(status)"
                + (message.isEmpty ? "" : " \(message)") + "): try again later"
        case .unexpectedStatus(let request, let status, let message):
            return "\(request): unexpected answer \(status)" + (message.isEmpty ? "" : ": \(message)")
        case .invalidResponse(let request, let reason):
            return "\(request): unexpected answer from GitHub: \(reason)"
        case .transport(let request, let reason):
            return "\(request): cannot reach GitHub: \(reason)"
        case .redirected(let request, let status, let location):
            return "\(request): GitHub redirected the request (\(status)) to \(location ?? "an unreadable place"), another "
                + "host: not followed, so the token goes only to the API's host"
        case .timedOut(let request, let host, let limit):
            return "\(request): no complete answer from \(host) within \(Self.seconds(limit)) s: try again later"
        case .answerTooLarge(let request, let host, let limit):
            return "\(request): the answer from \(host) is larger than \(Self.bytes(limit)), the most vlmbot reads: not read"
        }
    }

    /// The same line, for `localizedDescription`.
    public var errorDescription: String? { description }

    /// A byte count in MiB when it is a whole number of them.
    private static func bytes(_ count: Int) -> String {
        count > 0 && count % 1_048_576 == 0 ? "\(count / 1_048_576) MiB" : "\(count) bytes"
    }

    /// Whole seconds, rounded up.
    private static func seconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds + (attoseconds > 0 ? 1 : 0)
    }
}
