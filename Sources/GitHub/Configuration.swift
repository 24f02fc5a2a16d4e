import Foundation
import Reporters

extension GitHubClient {
    /// Where and as whom the client works: the API root, the repository, the pull request,
    /// the token, how long it may keep retrying, and how long and large one answer may be. Its
    /// descriptions never show the token.
    public struct Configuration: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
        /// The public API root.
        public static let defaultAPIURL = URL(string: "https://api.github.com")!
        /// How long one request may take by default, from sending it to the answer's last byte.
        public static let defaultTimeLimit = Duration.seconds(60)
        /// The most bytes read from one answer by default; a page of 100 comments is far less.
        public static let defaultAnswerByteLimit = 10 * 1_048_576

        /// The API root, such as `https://api.github.com` or `https://ghe.example.com/api/v3`.
        public var apiURL: URL
        /// `owner/name`.
        public var repository: String
        /// The pull request's number.
        public var pullRequest: Int
        /// The token sent as `Authorization: Bearer …`.
        public var token: String
        /// Attempts per request, the first included, when GitHub answers 5xx or limits the rate.
        public var maxAttempts: Int
        /// The most time spent waiting between attempts, over all requests of one operation.
        public var maxWait: Duration
        /// How long one request may take, from sending it to the answer's last byte.
        public var timeLimit: Duration
        /// The most bytes read from one answer; a longer answer is an error.
        public var answerByteLimit: Int

        /// A configuration given in full; `fromEnvironment` reads one in GitHub Actions.
        public init(apiURL: URL = Configuration.defaultAPIURL, repository: String, pullRequest: Int, token: String,
                    maxAttempts: Int = 4, maxWait: Duration = .seconds(60), timeLimit: Duration = defaultTimeLimit,
                    answerByteLimit: Int = defaultAnswerByteLimit) {
            self.apiURL = apiURL
            self.repository = repository
            self.pullRequest = pullRequest
            self.token = token
            self.maxAttempts = maxAttempts
            self.maxWait = maxWait
            self.timeLimit = timeLimit
            self.answerByteLimit = answerByteLimit
        }

        /// The configuration of a GitHub Actions job: `GITHUB_TOKEN`, `GITHUB_API_URL` (default
        /// `https://api.github.com`), `GITHUB_REPOSITORY`, and the pull request given or else read
        /// from the event at `GITHUB_EVENT_PATH` (`pull_request.number`, or `issue.number` for a
        /// comment on a pull request).
        public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment,
                                           pullRequest: Int? = nil) throws(GitHubError) -> Configuration {
            func value(_ name: String) throws(GitHubError) -> String {
                guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                    throw .missingEnvironment(variable: name)
                }
                return value
            }
            let token = try value("GITHUB_TOKEN")
            var apiURL = defaultAPIURL
            if let text = try? value("GITHUB_API_URL") {
                guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
                      url.host != nil else {
                    throw .invalidEnvironment(variable: "GITHUB_API_URL", reason: "'\(text)' is not an http(s) URL")
                }
                apiURL = url
            }
            let repository = try value("GITHUB_REPOSITORY")
            let parts = repository.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty }) else {
                throw .invalidEnvironment(variable: "GITHUB_REPOSITORY", reason: "'\(repository)' is not owner/name")
            }
            let number: Int
            if let pullRequest {
                number = pullRequest
            } else {
                number = try eventPullRequest(path: value("GITHUB_EVENT_PATH"))
            }
            return Configuration(apiURL: apiURL, repository: repository, pullRequest: number, token: token)
        }

        /// The pull request an event is about.
        static func eventPullRequest(path: String) throws(GitHubError) -> Int {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw .unreadableEvent(path: path, reason: "no such readable file")
            }
            guard let event = JSONValue.parse(data), case .object = event else {
                throw .unreadableEvent(path: path, reason: "not a JSON object")
            }
            if let number = event["pull_request"]?["number"]?.intValue { return number }
            if let issue = event["issue"], let number = issue["number"]?.intValue {
                guard issue["pull_request"] != nil else {
                    throw .invalidEnvironment(variable: "GITHUB_EVENT_PATH",
                                              reason: "the event is about issue #\(number), not a pull request")
                }
                return number
            }
            throw .invalidEnvironment(variable: "GITHUB_EVENT_PATH",
                                      reason: "the event at \(path) has no pull_request.number or issue.number: give the "
                                          + "pull request's number (--pr N)")
        }

        /// The API, repository and pull request; the token shows as hidden.
        public var description: String {
            "GitHub \(apiURL.absoluteString) \(repository)#\(pullRequest) (token hidden)"
        }

        /// As `description`.
        public var debugDescription: String { description }

        /// Every property but the token, for `dump` and the debugger.
        public var customMirror: Mirror {
            Mirror(self, children: ["apiURL": apiURL, "repository": repository, "pullRequest": pullRequest,
                                    "maxAttempts": maxAttempts, "maxWait": maxWait, "timeLimit": timeLimit,
                                    "answerByteLimit": answerByteLimit])
        }
    }
}
