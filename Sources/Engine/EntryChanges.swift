import Evidence
import Lists

/// How many entries a change added, edited and removed in one list.
public struct EntryChanges: Hashable, Sendable {
    public var added: Int
    public var changed: Int
    public var removed: Int

    public init(added: Int = 0, changed: Int = 0, removed: Int = 0) {
        self.added = added
        self.changed = changed
        self.removed = removed
    }

    /// Matches the base's entries with the head's by identity (arXiv id, DOI, title, name):
    /// unmatched head entries were added, unmatched base entries removed, and matched head
    /// entries whose lines the change touched were changed.
    public init(base: [Entry], head: [Entry], changedLines: ChangedLines) {
        var remaining: [String: Int] = [:]
        for entry in base { remaining[entry.identity, default: 0] += 1 }
        var added = 0
        var changed = 0
        for entry in head {
            let key = entry.identity
            if let count = remaining[key], count > 0 {
                remaining[key] = count - 1
                if changedLines.intersects(entry.lines) { changed += 1 }
            } else {
                added += 1
            }
        }
        self.init(added: added, changed: changed, removed: remaining.values.reduce(0, +))
    }
}
