import Foundation
import Reporters

extension GitHubClient {
    /// The pull request `proposeChange` opened (or found open for its branch).
    public struct ProposedChange: Equatable, Sendable {
        public let number: Int
        public let url: String
    }

    /// The repository's default branch.
    public func defaultBranch() async throws(GitHubError) -> String {
        var waited = Duration.zero
        let repository = url("").absoluteString.dropLast()
        let answer = try await send("GET", URL(string: String(repository))!, body: nil, waited: &waited)
        guard let branch = JSONValue.parse(answer.body)?["default_branch"]?.stringValue, !branch.isEmpty else {
            throw .invalidResponse(request: answer.request, reason: "no 'default_branch' in the answer")
        }
        return branch
    }

    /// Proposes a new content for one file as a pull request into `base`: the branch `branch`
    /// made (or reset) at `base`'s head, one commit replacing the file, and a pull request
    /// (the one already open from that branch, if any). Refuses when the file on `base` is
    /// not `original` (the change was computed from another version of it).
    public func proposeChange(path: String, original: [UInt8], content: [UInt8], originalBlob: String, base: String,
                              branch: String, title: String, body: String, message: String) async throws(GitHubError)
        -> ProposedChange {
        var waited = Duration.zero
        let head = try await send("GET", url("git/ref/heads/\(Self.pathEncoded(base))"), body: nil, waited: &waited)
        guard let sha = JSONValue.parse(head.body)?["object"]?["sha"]?.stringValue else {
            throw .invalidResponse(request: head.request, reason: "no 'object.sha' in the answer")
        }
        let reference = JSONValue.object([("ref", .string("refs/heads/\(branch)")), ("sha", .string(sha))]).data()
        do {
            _ = try await send("POST", url("git/refs"), body: reference, waited: &waited)
        } catch .validationFailed {
            // The branch exists from an earlier run: start it again from the base.
            let reset = JSONValue.object([("sha", .string(sha)), ("force", .bool(true))]).data()
            _ = try await send("PATCH", url("git/refs/heads/\(Self.pathEncoded(branch))"), body: reset, waited: &waited)
        }
        let filePath = "contents/\(Self.pathEncoded(path))?ref=\(Self.pathEncoded(branch))"
        let file = try await send("GET", url(filePath), body: nil, waited: &waited)
        guard let blob = JSONValue.parse(file.body)?["sha"]?.stringValue else {
            throw .invalidResponse(request: file.request, reason: "no 'sha' in the answer")
        }
        guard blob == originalBlob else {
            throw .invalidResponse(request: file.request, reason: "\(path) on \(base) is not the file vlmbot read; run it on \(base)'s head")
        }
        let commit = JSONValue.object([("message", .string(message)), ("content", .string(Data(content).base64EncodedString())),
                                       ("sha", .string(blob)), ("branch", .string(branch))]).data()
        _ = try await send("PUT", url("contents/\(Self.pathEncoded(path))"), body: commit, waited: &waited)
        let request = JSONValue.object([("title", .string(title)), ("head", .string(branch)), ("base", .string(base)),
                                        ("body", .string(body))]).data()
        do {
            let answer = try await send("POST", url("pulls"), body: request, waited: &waited)
            return try Self.pullRequest(in: answer)
        } catch .validationFailed {
            // One is open from this branch already: the new commit is in it.
            let owner = configuration.repository.split(separator: "/").first.map(String.init) ?? ""
            let open = try await send("GET", url("pulls?state=open&head=\(Self.pathEncoded(owner)):\(Self.pathEncoded(branch))"),
                                      body: nil, waited: &waited)
            guard let first = JSONValue.parse(open.body)?.arrayValue?.first,
                  let number = first["number"]?.intValue, let link = first["html_url"]?.stringValue else {
                throw .invalidResponse(request: open.request, reason: "GitHub refused the pull request and none is open from \(branch)")
            }
            return ProposedChange(number: number, url: link)
        }
    }

    /// Comments on the issue or pull request the configuration names.
    public func comment(_ body: String) async throws(GitHubError) {
        var waited = Duration.zero
        let content = JSONValue.object([("body", .string(body))]).data()
        _ = try await send("POST", url("issues/\(configuration.pullRequest)/comments"), body: content, waited: &waited)
    }

    private static func pullRequest(in answer: HTTPAnswer) throws(GitHubError) -> ProposedChange {
        guard let json = JSONValue.parse(answer.body), let number = json["number"]?.intValue, let link = json["html_url"]?.stringValue else {
            throw .invalidResponse(request: answer.request, reason: "no 'number' or 'html_url' in the answer")
        }
        return ProposedChange(number: number, url: link)
    }

    /// A path's segments percent-encoded, its slashes kept.
    static func pathEncoded(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map {
            $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
        }.joined(separator: "/")
    }
}
