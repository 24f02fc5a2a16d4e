import Evidence
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Lookup
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
    static func fromEnvironment(_ environment: [String: String]) throws(LookupError) -> GitHubArchiveSource? {
        guard let token = environment["GITHUB_TOKEN"], !token.isEmpty else { return nil }
        return GitHubArchiveSource(
            server: try LookupConfiguration.webURL("GITHUB_SERVER_URL", in: environment, default: "https://github.com"),
            graphQL: try LookupConfiguration.webURL("GITHUB_GRAPHQL_URL", in: environment, default: "https://api.github.com/graphql"),
            token: token)
    }

    /// `owner/name` (lower-cased) of a link into a repository on the server, as `HostURL` reads
    /// it, when both are names GitHub allows (so they are safe in a GraphQL string).
    func repository(of url: URL) -> String? {
        guard PageProbe.hostKey(url) == PageProbe.hostKey(server),
              let path = HostURL(url.absoluteString)?.repositoryPath?.lowercased() else { return nil }
        let parts = path.split(separator: "/")
        guard parts.count == 2, (1...39).contains(parts[0].count), (1...100).contains(parts[1].count),
              parts[0].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }),
              parts[1].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else { return nil }
        return path
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
