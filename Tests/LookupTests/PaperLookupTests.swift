import Foundation
import Lookup
import Metadata
import TestSupport
import Testing

/// The metadata client against a real HTTP server on 127.0.0.1 playing arXiv's API and
/// Crossref, with the faults they show: waits are recorded, not slept.
@Suite struct PaperLookupTests {
    /// Sleeps the client asked for.
    final class Sleeps: @unchecked Sendable {
        private let lock = NSLock()
        private var waits: [Duration] = []
        var all: [Duration] { lock.withLock { waits } }
        func record(_ wait: Duration) { lock.withLock { waits.append(wait) } }
    }

    static func lookup(_ server: LoopbackServer, cache: URL? = nil, sleeps: Sleeps = Sleeps(),
                       timeLimit: Duration = .seconds(5)) throws -> PaperLookup {
        var configuration = try LookupConfiguration.fromEnvironment(
            [LookupConfiguration.arxivVariable: server.base + "/api/query", LookupConfiguration.crossrefVariable: server.base],
            cacheFolder: cache)
        configuration.timeLimit = timeLimit
        return PaperLookup(configuration: configuration, userAgent: "vlmbot-test/1", sleep: { sleeps.record($0) })
    }

    static func feed(_ entries: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">\(entries)</feed>
        """
    }

    static let entry = """
    <entry><id>http://arxiv.org/abs/2401.12345v1</id><published>2024-01-22T00:00:00Z</published>
    <title>A Model for Chest X-Rays</title><summary>It reads radiographs.</summary>
    <author><name>Ada Lovelace</name></author></entry>
    """

    @Test func oneQueryAsksArxivForEveryIdAndAMissingOneIsMissing() async throws {
        try await withServer([Reply(status: 200, body: Self.feed(Self.entry))]) { server in
            let papers = try await Self.lookup(server).arxiv(["2401.12345", "2401.99999"])
            #expect(papers.keys.sorted() == ["2401.12345"])
            #expect(papers["2401.12345"]?.title == "A Model for Chest X-Rays")
            let request = try #require(server.requests.first)
            #expect(server.requests.count == 1)
            #expect(request.path == "/api/query")
            #expect(request.query?.removingPercentEncoding == "id_list=2401.12345,2401.99999&max_results=2")
            #expect(request.headers["user-agent"] == "vlmbot-test/1")
        }
    }

    @Test func rateLimitsAndServerErrorsAreRetriedAsTheServerAsks() async throws {
        let sleeps = Sleeps()
        try await withServer([Reply(status: 429, headers: ["Retry-After": "3"]), Reply(status: 500),
                              Reply(status: 200, body: Self.feed(Self.entry))]) { server in
            let papers = try await Self.lookup(server, sleeps: sleeps).arxiv(["2401.12345"])
            #expect(papers.count == 1)
            #expect(server.requests.count == 3)
        }
        #expect(sleeps.all == [.seconds(3), .seconds(2)])
    }

    @Test func attemptsAreBoundedAndTheErrorSaysWhatToDo() async throws {
        let sleeps = Sleeps()
        try await withServer([Reply(status: 503), Reply(status: 503), Reply(status: 503), Reply(status: 503)]) { server in
            await #expect(throws: LookupError.self) { try await Self.lookup(server, sleeps: sleeps).arxiv(["2401.12345"]) }
            #expect(server.requests.count == 3)
        }
        do {
            try await withServer([Reply(status: 503, headers: ["Retry-After": "3600"])]) { server in
                _ = try await Self.lookup(server).arxiv(["2401.12345"])
            }
            Issue.record("a wait over the budget must fail")
        } catch let error as LookupError {
            #expect(error.description.contains("did not answer: HTTP 503, after 1 attempt"), "\(error)")
        }
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        let sleeps = Sleeps()
        try await withServer([.silence, .silence, .silence]) { server in
            await #expect(throws: LookupError.self) {
                try await Self.lookup(server, sleeps: sleeps, timeLimit: .milliseconds(300)).arxiv(["2401.12345"])
            }
            #expect(server.requests.count <= 3)
        }
        #expect(sleeps.all == [.seconds(1), .seconds(2)])
    }

    @Test func malformedAnswersAreBadAnswers() async throws {
        try await withServer([Reply(status: 200, body: "<feed><entry>"), Reply(status: 200, body: "{not json")]) { server in
            let lookup = try Self.lookup(server)
            await #expect(throws: LookupError.badAnswer("arXiv's answer is not an Atom feed")) {
                _ = try await lookup.arxiv(["2401.12345"])
            }
            do {
                _ = try await lookup.crossref("10.1145/3643780")
                Issue.record("malformed JSON must fail")
            } catch {
                guard case .badAnswer = error as? LookupError else { Issue.record("\(error)"); return }
            }
        }
    }

    @Test func crossrefGivesAWorkAndAnUnknownDOIIsNotFound() async throws {
        let work = #"{"message":{"DOI":"10.1145/3643780","title":["PPM"],"author":[{"given":"Simin","family":"Chen"}],"issued":{"date-parts":[[2024,7]]}}}"#
        try await withServer([Reply(status: 200, body: work), Reply(status: 404, body: "Resource not found.")]) { server in
            let lookup = try Self.lookup(server)
            let paper = try await lookup.crossref("10.1145/3643780")
            #expect(paper.title == "PPM" && paper.authors == ["Simin Chen"] && paper.year == 2024)
            #expect(server.requests.first?.path == "/works/10.1145/3643780")
            do {
                _ = try await lookup.crossref("10.9999/nothing")
                Issue.record("an unknown DOI must fail")
            } catch {
                guard case .notFound(let message) = error as? LookupError else { Issue.record("\(error)"); return }
                #expect(message.hasPrefix("DOI 10.9999/nothing: Crossref does not know it"))
            }
        }
    }

    /// An old Wiley DOI holds `<`, `>`, `;` and `(`: each is encoded once (appending the DOI as a
    /// path component after encoding it had encoded the `%` again: `%253C`).
    @Test func aDOIIsEncodedOnceInTheRequestPath() throws {
        let base = URL(string: "https://api.crossref.org/")!
        let doi = "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"
        #expect(base.appending("works", doi: doi)?.absoluteString
                == "https://api.crossref.org/works/10.1002/(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO%3B2-0")
        #expect(base.appending("api/handles", doi: "10.1000/100%")?.absoluteString == "https://api.crossref.org/api/handles/10.1000/100%25")
    }

    @Test func aKeptAnswerIsUsedWithoutAskingAgain() async throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("vlmbot-lookup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        try await withServer([Reply(status: 200, body: Self.feed(Self.entry))]) { server in
            let first = try await Self.lookup(server, cache: cache).arxiv(["2401.12345"])
            let second = try await Self.lookup(server, cache: cache).arxiv(["2401.12345"])
            #expect(first == second)
            #expect(server.requests.count == 1)
        }
    }

    @Test func onlyHTTPAPIsAreAccepted() {
        #expect(throws: LookupError.self) {
            try LookupConfiguration.fromEnvironment([LookupConfiguration.arxivVariable: "file:///etc/passwd"], cacheFolder: nil)
        }
        #expect(throws: Never.self) {
            let defaults = try LookupConfiguration.fromEnvironment([:], cacheFolder: nil)
            #expect(defaults.arxivAPI.absoluteString == "https://export.arxiv.org/api/query")
        }
    }
}
