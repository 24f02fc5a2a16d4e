import Foundation
import Lists

/// Facts about one document that several rules read, worked out once on first use and then
/// shared: the Linter gives every rule of a document the same instance. Safe to use from
/// rules that run at the same time.
public final class SharedFacts: @unchecked Sendable {
    private let lock = NSLock()
    private var papers: [Paper]?

    public init() {}

    /// The papers of a document's entries, with the keys that identify them.
    func papers(in document: ListDocument, vocabulary: Vocabulary) -> [Paper] {
        lock.lock()
        defer { lock.unlock() }
        if let papers { return papers }
        let made = Paper.all(in: document, vocabulary: vocabulary)
        papers = made
        return made
    }
}
