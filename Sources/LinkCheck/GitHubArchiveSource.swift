import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Web

/// Where GitHub says whether repositories are archived: the server whose repository links it
/// answers for (`GITHUB_SERVER_URL`), its GraphQL endpoint (`GITHUB_GRAPHQL_URL`) and the token
/// (`GITHUB_TOKEN`), which goes to that endpoint and nowhere else.
public struct GitHubArchiveSource: Sendable {
    public var server: URL
    public var graphQL: URL
    public var token: String

    public init(server: URL, graphQL: URL, token: String) {
        self.server = server
        self.graphQL = graphQL
        self.token = token
    }

    /// The source GitHub Actions' variables name; nil without a token.
    static func fromEnvironment(_ environment: [String: String]) -> GitHubArchiveSource? {
        func url(_ variable: String, _ fallback: String) -> URL? {
            let text = environment[variable].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
            return URL(string: text).flatMap { ["http", "https"].contains($0.scheme?.lowercased() ?? "") && $0.host != nil ? $0 : nil }
        }
        guard let token = environment["GITHUB_TOKEN"], !token.isEmpty,
              let server = url("GITHUB_SERVER_URL", "https://github.com"),
              let graphQL = url("GITHUB_GRAPHQL_URL", "https://api.github.com/graphql") else { return nil }
        return GitHubArchiveSource(server: server, graphQL: graphQL, token: token)
    }

    /// `owner/name` (lower-cased) of a link into a repository on the server, `.git` dropped.
    func repository(of url: URL) -> String? {
        guard PageProbe.hostKey(url) == PageProbe.hostKey(server) else { return nil }
        let parts = url.path.split(separator: "/").prefix(2).map(String.init)
        guard parts.count == 2 else { return nil }
        let owner = parts[0]
        let name = parts[1].hasSuffix(".git") ? String(parts[1].dropLast(4)) : parts[1]
        guard (1...39).contains(owner.count), owner.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }),
              (1...100).contains(name.count), name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
        else { return nil }
        return "\(owner)/\(name)".lowercased()
    }

    /// The repositories among `repositories` (`owner/name`) GitHub says are archived, asked 50
    /// to a GraphQL query. A repository GitHub does not answer for (renamed, private, a query
    /// that failed) is simply not among them: GraphQL does not follow renames, so its silence
    /// says nothing.
    func archived(_ repositories: [String], userAgent: String, timeLimit: Duration) async -> Set<String> {
        var archived: Set<String> = []
        for start in stride(from: 0, to: repositories.count, by: 50) {
            let batch = Array(repositories[start..<min(repositories.count, start + 50)])
            let fields = batch.enumerated().map { index, repository in
                let parts = repository.split(separator: "/")
                return "r\(index): repository(owner: \"\(parts[0])\", name: \"\(parts[1])\") { isArchived }"
            }
            guard let body = try? JSONSerialization.data(withJSONObject: ["query": "query { \(fields.joined(separator: " ")) }"]) else { continue }
            var request = URLRequest(url: graphQL, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeLimit.timeInterval)
            request.httpMethod = "POST"
            request.httpBody = body
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.setValue(userAgent, forHTTPHeaderField: "User-Agent")
            guard case .success(let (response, data)) = await Exchange.perform(request, timeLimit: timeLimit, byteLimit: 1 << 20,
                                                                                mayFollow: { _ in false }),
                  response.statusCode == 200,
                  let answer = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let found = answer["data"] as? [String: Any] else { continue }
            for (index, repository) in batch.enumerated() where (found["r\(index)"] as? [String: Any])?["isArchived"] as? Bool == true {
                archived.insert(repository)
            }
        }
        return archived
    }
}
