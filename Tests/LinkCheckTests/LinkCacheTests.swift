import Engine
import Foundation
@testable import LinkCheck
import Testing

@Suite struct LinkCacheTests {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vlmbot-link-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func verdictsAreKeptForTheirLifetimeAndSavedAtomically() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("nested/link-cache.json")
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let statuses: [String: LinkStatus] = [
            "https://a.org/alive": LinkStatus(.alive, "HTTP 200"),
            "https://a.org/dead": LinkStatus(.dead, "answered HTTP 404"),
            "https://a.org/down": LinkStatus(.unreachable, "HTTP 503", tries: 3),
            "http://a.org/moved": LinkStatus(.moved, "HTTP 301", location: "https://a.org/moved", sameResource: true),
        ]
        try LinkCache.load(file).recording(statuses, at: start).save(file)
        let read = try LinkCache.load(file)
        let hours = { (count: Double) in start.addingTimeInterval(count * 3600) }
        #expect(read.fresh(at: hours(0.5)) == statuses, "what one run learned, the job's next report reuses")
        #expect(read.fresh(at: hours(1)) == statuses.filter { $0.value.verdict != .unreachable }, "an unreachable link is asked again")
        #expect(Set(read.fresh(at: hours(25)).keys) == ["https://a.org/alive", "http://a.org/moved"], "dead for a day")
        #expect(read.fresh(at: hours(24 * 7 + 1)).isEmpty, "alive for a week")
        // Recording later drops what has gone stale.
        let later = read.recording(["https://a.org/new": LinkStatus(.alive, "HTTP 200")], at: hours(24 * 8))
        #expect(Set(later.fresh(at: hours(24 * 8)).keys) == ["https://a.org/new"])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)
        #expect(leftovers == ["link-cache.json"], "no temporary file is left: \(leftovers)")
    }

    @Test func aFileThatIsNotALinkCacheIsNeverTakenForOne() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for text in ["# Awesome papers\n", "{\"links\": {}}", "{\"kind\": \"vlmbot link cache\", \"version\": 9, \"links\": {}}"] {
            let file = folder.appendingPathComponent("README.md")
            try Data(text.utf8).write(to: file)
            #expect(throws: LinkCacheError.self) { try LinkCache.load(file) }
            #expect(try String(contentsOf: file, encoding: .utf8) == text)
        }
        #expect(try LinkCache.load(folder.appendingPathComponent("absent.json")).fresh(at: Date()).isEmpty)
    }

    @Test func aPermanentRedirectIsTheSameResourceOnlyUnderANewAddress() throws {
        let cases: [(String, String, PageProbe.Move)] = [
            ("http://example.org/paper", "https://example.org/paper", .sameResource),
            ("http://example.org/paper", "https://www.example.org/paper/", .sameResource),
            ("https://example.org/paper", "https://www.example.org/paper/", .canonical),
            ("https://example.org/lab", "https://example.org/lab/", .canonical),
            ("https://github.com/old-owner/repo", "https://github.com/new-owner/repo", .sameResource),
            ("https://github.com/a/old-name/tree/main/src", "https://github.com/a/new-name/tree/main/src", .sameResource),
            ("https://example.org/paper", "https://example.org/", .elsewhere),
            ("https://example.org/paper", "https://example.org/login?next=/paper", .elsewhere),
            ("https://github.com/a/b", "https://github.com/login", .elsewhere),
            ("https://github.com/a/b/tree/main", "https://github.com/a/b/tree/master", .elsewhere),
            ("https://example.org/a/b", "https://example.org/c/b", .elsewhere),
            ("https://old.example.org/p", "https://new.example.com/p", .elsewhere),
        ]
        for (old, new, move) in cases {
            #expect(PageProbe.move(from: URL(string: old)!, to: URL(string: new)!) == move, "\(old) → \(new)")
        }
    }
}
