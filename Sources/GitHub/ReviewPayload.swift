import Reporters

/// The body of a "create a review" request (the `ReviewReporter` payload), held whole so that
/// inline comments already on the pull request can be dropped and the rest sent as it was.
struct ReviewPayload: Equatable, Sendable {
    private(set) var value: JSONValue

    /// Takes the payload; it must be a JSON object whose `comments`, when present, is an array.
    init(_ value: JSONValue) throws(GitHubError) {
        guard case .object = value else { throw .invalidReview(reason: "the review payload is not a JSON object") }
        if let comments = value["comments"], comments.arrayValue == nil {
            throw .invalidReview(reason: "the review payload's 'comments' is not an array")
        }
        self.value = value
    }

    /// The inline comments.
    var comments: [JSONValue] { value["comments"]?.arrayValue ?? [] }

    /// Drops the inline comments that carry one of these fingerprints; returns how many went.
    mutating func removeComments(withFingerprintsIn posted: Set<String>) -> Int {
        let kept = comments.filter { comment in
            Markers.fingerprint(in: comment["body"]?.stringValue ?? "").map(posted.contains) != true
        }
        let removed = comments.count - kept.count
        if removed > 0, case .object(let members) = value {
            value = .object(members.map { $0.0 == "comments" ? ($0.0, .array(kept)) : $0 })
        }
        return removed
    }
}
