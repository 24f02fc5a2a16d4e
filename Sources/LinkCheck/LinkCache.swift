import Engine
import Foundation

/// Why a link cache could not be used (the caller names the file).
public struct LinkCacheError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

/// What earlier runs learned of links, kept in one JSON file (`--link-cache`, by default
/// `.vlmbot/link-cache.json`) so that a re-run asks only for new links or those whose word has
/// gone stale: a link that answered is trusted for a week, a dead or refused one for a day, an
/// unreachable one for an hour (the other reports of one CI job reuse it; a later re-run asks again).
public struct LinkCache: Sendable {
    /// The file's format.
    static let version = 1
    /// What the file says it is, so vlmbot never overwrites a file that is not its cache.
    static let kind = "vlmbot link cache"

    /// One URL's status and when it was learned.
    struct Record: Codable, Sendable {
        var status: LinkStatus
        var checked: Date
    }

    private struct File: Codable {
        var kind: String
        var version: Int
        var links: [String: Record]
    }

    private var records: [String: Record]

    public init() {
        records = [:]
    }

    /// How long a verdict is trusted.
    public static func lifetime(of verdict: LinkStatus.Verdict) -> TimeInterval {
        switch verdict {
        case .alive, .moved, .archived: 7 * 24 * 3600
        case .dead, .unverified: 24 * 3600
        case .unreachable: 3600
        }
    }

    /// The cache in `file`, or an empty one when there is no such file. A file that is not a
    /// vlmbot link cache (another file named by mistake, a damaged one) is an error, so that it is
    /// never overwritten.
    public static func load(_ file: URL) throws(LinkCacheError) -> LinkCache {
        guard FileManager.default.fileExists(atPath: file.path) else { return LinkCache() }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw LinkCacheError(description: "cannot read the link cache")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let read = try? decoder.decode(File.self, from: data), read.kind == kind else {
            throw LinkCacheError(description: "not a vlmbot link cache; remove it or name another file with --link-cache")
        }
        guard read.version == version else {
            throw LinkCacheError(description: "a link cache of version \(read.version); this vlmbot reads version \(version): remove it")
        }
        var cache = LinkCache()
        cache.records = read.links
        return cache
    }

    /// The statuses still fresh at `now`.
    public func fresh(at now: Date) -> [String: LinkStatus] {
        records.compactMapValues { record in
            now.timeIntervalSince(record.checked) < Self.lifetime(of: record.status.verdict) ? record.status : nil
        }
    }

    /// The cache with these statuses learned at `now`, and without what has gone stale.
    public func recording(_ statuses: [String: LinkStatus], at now: Date) -> LinkCache {
        var cache = self
        for (key, status) in statuses {
            cache.records[key] = Record(status: status, checked: now)
        }
        cache.records = cache.records.filter { now.timeIntervalSince($0.value.checked) < Self.lifetime(of: $0.value.status.verdict) }
        return cache
    }

    /// Writes the cache to `file` at once (a temporary file renamed), making its folder.
    public func save(_ file: URL) throws(LinkCacheError) {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(File(kind: Self.kind, version: Self.version, links: records))
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (data + [0x0A]).write(to: file, options: .atomic)
        } catch {
            throw LinkCacheError(description: "cannot write the link cache: \(error.localizedDescription)")
        }
    }
}
