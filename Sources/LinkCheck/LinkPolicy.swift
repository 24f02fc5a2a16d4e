import Foundation
import Lookup

/// How the online link check asks: where identifiers are checked, how long and how often it
/// waits, how many requests run at once. The defaults are polite to the hosts of paper lists
/// (publishers and GitHub rate-limit CI runners) and keep a run of a few thousand links within
/// minutes.
public struct LinkPolicy: Sendable {
    public static let doiVariable = "VLMBOT_DOI_API"

    /// arXiv's query endpoint (`VLMBOT_ARXIV_API`) and how patiently it is asked.
    public var arxiv: LookupConfiguration
    /// The DOI system's handle API root (`https://doi.org`, `VLMBOT_DOI_API`): a DOI is asked
    /// for at `/api/handles/DOI`.
    public var doiAPI: URL
    /// Where GitHub says which repositories are archived; nil without a token.
    public var github: GitHubArchiveSource?
    /// The `User-Agent` every request carries.
    public var userAgent: String
    /// The longest one request may take, to its status line and headers.
    public var requestTimeLimit: Duration = .seconds(15)
    /// Attempts of one request on timeouts, refused connections, 5xx, 429 and 503, the first included.
    public var maxAttempts = 3
    /// The longest `Retry-After` obeyed; a host asking for more is left unverified.
    public var maxRetryAfter: Duration = .seconds(30)
    /// The first back-off; each retry waits twice the one before.
    public var backoff: Duration = .seconds(1)
    /// Redirects followed from one link.
    public var maxRedirects = 5
    /// The longest time spent on one link, every hop and retry included.
    public var linkTimeLimit: Duration = .seconds(90)
    /// The longest time a whole run spends; links not settled by then are left unchecked.
    public var runTimeLimit: Duration = .seconds(900)
    /// Requests in flight at once, over all hosts.
    public var concurrency = 8
    /// Requests in flight at once to one host.
    public var perHostConcurrency = 2
    /// The least time between the starts of two requests to one host.
    public var perHostSpacing: Duration = .milliseconds(200)
    /// arXiv ids asked for in one query.
    public var arxivBatchSize = 100

    public init(arxiv: LookupConfiguration, doiAPI: URL, userAgent: String) {
        self.arxiv = arxiv
        self.doiAPI = doiAPI
        self.userAgent = userAgent
    }

    /// The public APIs, or those `VLMBOT_ARXIV_API` and `VLMBOT_DOI_API` name (tests, mirrors);
    /// with `GITHUB_TOKEN`, GitHub's GraphQL API for archived repositories.
    public static func fromEnvironment(_ environment: [String: String], userAgent: String) throws(LookupError) -> LinkPolicy {
        let lookup = try LookupConfiguration.fromEnvironment(environment, cacheFolder: nil)
        var policy = LinkPolicy(arxiv: lookup, doiAPI: try LookupConfiguration.webURL(doiVariable, in: environment, default: "https://doi.org"),
                                userAgent: userAgent)
        policy.github = try GitHubArchiveSource.fromEnvironment(environment)
        return policy
    }
}
