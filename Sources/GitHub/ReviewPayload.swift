import Foundation

/// The body of a "create a review" request (the `ReviewReporter` payload), decoded whole so
/// that inline comments already on the pull request can be dropped and the rest sent as it was.
struct ReviewPayload: Equatable, Sendable {
    private(set) var members: [String: JSON]

    /// Reads the payload; it must be a JSON object whose `comments`, when present, is an array.
    init(json: String) throws(GitHubError) {
        guard let value = JSON.parse(Data(json.utf8)), case .object(let members) = value else {
            throw .invalidReview(reason: "the review payload is not a JSON object")
        }
        if let comments = members["comments"], comments.array == nil {
            throw .invalidReview(reason: "the review payload's 'comments' is not an array")
        }
        self.members = members
    }

    /// The inline comments.
    var comments: [JSON] { members["comments"]?.array ?? [] }

    /// Drops the inline comments that carry one of these fingerprints; returns how many went.
    mutating func removeComments(withFingerprintsIn posted: Set<String>) -> Int {
        let kept = comments.filter { comment in
            Markers.fingerprint(in: comment["body"]?.string ?? "").map(posted.contains) != true
        }
        let removed = comments.count - kept.count
        if removed > 0 { members["comments"] = .array(kept) }
        return removed
    }

    /// The JSON request body.
    func data() -> Data { JSON.object(members).data() }
}
