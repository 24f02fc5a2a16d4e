/// What `vlmbot check --online` learned of one URL: recorded at the edge (the `LinkCheck`
/// module asks the network), judged by the `dead-link` rule, kept in the link cache.
public struct LinkStatus: Codable, Hashable, Sendable {
    /// What the answers say of the link.
    public enum Verdict: String, Codable, Hashable, Sendable {
        /// It answered 2xx, or its identifier is known at its source.
        case alive
        /// 404 or 410, a host that does not exist, an identifier its source does not know.
        case dead
        /// No answer that could be judged, after every try: timeouts, 5xx, refused connections.
        case unreachable
        /// The host refused to answer a bot (401, 403, 429 and the like): not judged.
        case unverified
        /// It answered only after a permanent redirect to another URL, which is alive.
        case moved
        /// It answered, and it is a repository its code host says is archived (read-only).
        case archived
    }

    public var verdict: Verdict
    /// What was seen, for a message: `HTTP 404`, `no such host`, `arXiv has no paper 2301.99999`.
    public var evidence: String
    /// Where a moved link now answers.
    public var location: String?
    /// Whether `location` is the same resource under a new address (http to https, a renamed
    /// repository), so the link may be rewritten to it.
    public var sameResource: Bool
    /// How many requests the verdict took (retries included).
    public var tries: Int

    public init(_ verdict: Verdict, _ evidence: String, location: String? = nil, sameResource: Bool = false, tries: Int = 1) {
        self.verdict = verdict
        self.evidence = evidence
        self.location = location
        self.sameResource = sameResource
        self.tries = tries
    }

    /// The key a URL's status is recorded under: the URL as written, without its fragment (a
    /// fragment is never sent, so `…#a` and `…#b` are one request).
    public static func key(_ url: String) -> String {
        String(url.prefix { $0 != "#" })
    }
}
