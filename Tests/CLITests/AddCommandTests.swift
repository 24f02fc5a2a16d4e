import Foundation
import Testing
import TestSupport

// `vlmbot add SOURCE…` as a user runs it: the built binary in a git repository holding a seed
// list as README.md, metadata from loopback servers playing arXiv's API (an Atom feed, as
// https://info.arxiv.org/help/api/user-manual.html documents it) and Crossref's REST API
// (`/works/<DOI>`, `{"status":"ok","message":{…}}`). Each test has its own folder, HOME and
// cache (the metadata cache is on disk) and its own server.

/// A git repository with a list as README.md, and the environment `add` runs in.
final class AddListRepository {
    let folder: TemporaryFolder
    let original: [UInt8]

    static let seedsFolder = CLIRunner.packageRoot.appendingPathComponent("seeds")

    static func seed(_ prefix: String) throws -> [UInt8] {
        let names = try FileManager.default.contentsOfDirectory(atPath: seedsFolder.path).sorted()
        let name = try #require(names.first { $0.hasPrefix(prefix) })
        return Array(try Data(contentsOf: seedsFolder.appendingPathComponent(name)))
    }

    init(list: [UInt8]) throws {
        folder = try TemporaryFolder()
        original = list
        try folder.write("README.md", list)
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "init", "-q", folder.url.path]
        git.standardOutput = FileHandle.nullDevice
        git.standardError = FileHandle.nullDevice
        try git.run()
        git.waitUntilExit()
        #expect(git.terminationStatus == 0)
    }

    convenience init(seed prefix: String = "004") throws {
        try self.init(list: try Self.seed(prefix))
    }

    var list: [UInt8] { (try? Array(Data(contentsOf: folder.url.appendingPathComponent("README.md")))) ?? [] }

    /// HOME and the cache in the test's folder; the APIs at `server` (or at a closed port).
    func environment(_ server: LoopbackServer? = nil) -> [String: String] {
        let base = server?.base ?? "http://127.0.0.1:9"
        return ["HOME": folder.url.appendingPathComponent("home").path,
                "XDG_CACHE_HOME": folder.url.appendingPathComponent("cache").path,
                "VLMBOT_ARXIV_API": base + "/api/query", "VLMBOT_CROSSREF_API": base, "VLMBOT_DOI_API": base]
    }

    func run(_ arguments: [String], _ server: LoopbackServer? = nil) throws -> CLIRunner.Result {
        try CLIRunner.run(arguments, in: folder.url, environment: environment(server))
    }

    /// `vlmbot entries README.md --format json`'s entries.
    func entries() throws -> [[String: Any]] {
        let result = try run(["entries", "README.md", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(json["entries"] as? [[String: Any]])
    }

    /// The entry `entries` reads with this title.
    func entry(titled title: String) throws -> [String: Any] {
        try #require(try entries().first { $0["title"] as? String == title }, "no entry titled \(title)")
    }
}

/// A list's lines with their terminators.
func terminatedLines(_ bytes: [UInt8]) -> [[UInt8]] {
    var lines: [[UInt8]] = []
    var current: [UInt8] = []
    for byte in bytes {
        current.append(byte)
        if byte == 10 {
            lines.append(current)
            current = []
        }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
}

/// Whether `new` is `old` with lines `added` (1-based) inserted, and at most `blank` blank
/// lines (the section's separator) beside them, every other byte the same.
func isInsertion(of added: ClosedRange<Int>, into old: [UInt8], giving new: [UInt8], blank: Int = 2) -> Bool {
    var lines = terminatedLines(new)
    guard added.upperBound <= lines.count else { return false }
    lines.removeSubrange(added.lowerBound - 1..<added.upperBound)
    let expected = terminatedLines(old)
    func isBlank(_ line: [UInt8]) -> Bool { line.allSatisfy { [9, 10, 13, 32].contains($0) } }
    // Blank lines next to the insertion point, before or after it.
    let at = added.lowerBound - 1
    for before in 0...blank {
        for after in 0...(blank - before) {
            guard at - before >= 0, at + after <= lines.count else { continue }
            let dropped = lines[(at - before)..<(at + after)]
            guard dropped.allSatisfy(isBlank) else { continue }
            var candidate = lines
            candidate.removeSubrange((at - before)..<(at + after))
            if candidate == expected { return true }
        }
    }
    return false
}

@Suite struct AddCommandTests {
    static let id = "2401.12345"
    static let title = "Report-Guided Retrieval of Chest Radiographs"
    static let authors = ["Ada Lovelace", "Alan Turing"]

    /// arXiv's API answer to `id_list`: an Atom feed, one entry per paper it knows.
    static func feed(_ entries: String...) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">
          <link href="http://arxiv.org/api/query?id_list=2401.12345" rel="self" type="application/atom+xml"/>
          <title type="html">ArXiv Query: id_list=2401.12345</title>
          <id>http://arxiv.org/api/cHxbiOdZaP56ODnBPIenZhzg5f8</id>
          <updated>2024-01-22T00:00:00-05:00</updated>
          <opensearch:totalResults>\(entries.count)</opensearch:totalResults>
          <opensearch:startIndex>0</opensearch:startIndex>
          <opensearch:itemsPerPage>\(entries.count)</opensearch:itemsPerPage>
        \(entries.joined(separator: "\n"))
        </feed>
        """
    }

    static func entry(id: String = id, title: String = title, authors: [String] = authors, published: String = "2024-01-05T18:59:59Z",
                      summary: String = "We retrieve chest radiographs from the reports that describe them.",
                      comment: String? = nil) -> String {
        let names = authors.map { "<author><name>\($0)</name></author>" }.joined(separator: "\n    ")
        return """
          <entry>
            <id>http://arxiv.org/abs/\(id)v1</id>
            <updated>\(published)</updated>
            <published>\(published)</published>
            <title>\(title)</title>
            <summary>\(summary)</summary>
            \(names)
            \(comment.map { "<arxiv:comment>\($0)</arxiv:comment>" } ?? "")
            <link href="http://arxiv.org/abs/\(id)v1" rel="alternate" type="text/html"/>
            <link title="pdf" href="http://arxiv.org/pdf/\(id)v1" rel="related" type="application/pdf"/>
            <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.CV" scheme="http://arxiv.org/schemas/atom"/>
          </entry>
        """
    }

    static func arxivReply(_ entries: String...) -> Reply {
        Reply(status: 200, headers: ["Content-Type": "application/atom+xml; charset=utf-8"],
              body: entries.isEmpty ? feed() : feed(entries.joined(separator: "\n")))
    }

    /// Crossref's answer for one work.
    static func crossrefWork(doi: String, title: String, container: String = "Medical Image Analysis") -> String {
        """
        {"status":"ok","message-type":"work","message-version":"1.0.0","message":{"DOI":"\(doi)","type":"journal-article",
        "title":["\(title)"],"author":[{"given":"Ada","family":"Lovelace","sequence":"first"},{"given":"Alan","family":"Turing","sequence":"additional"}],
        "container-title":["\(container)"],"published-print":{"date-parts":[[2024,3]]},"issued":{"date-parts":[[2024,2,11]]},
        "URL":"https://doi.org/\(doi)"}}
        """
    }

    /// The decoded query arXiv was asked.
    static func query(_ server: LoopbackServer) -> String {
        server.requests.first?.query?.removingPercentEncoding ?? ""
    }

    // MARK: - arXiv

    @Test func anArxivIdIsWrittenIntoItsSectionInTheListsForm() throws {
        let repository = try AddListRepository()
        let server = try LoopbackServer([Self.arxivReply(Self.entry())])
        defer { server.stop() }
        let checkBefore = try repository.run(["check", "README.md", "--format", "json"])
        let formatBefore = try repository.run(["format", "--check", "README.md"])

        let result = try repository.run(["add", Self.id, "--to", "README.md", "--section", "Survey"], server)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasPrefix("added \"\(Self.title)\" to Survey at line "), "\(result.stdout)")
        #expect(result.stdout.contains("note: venue: the source names none; written as a preprint (arXiv)"), "\(result.stdout)")
        #expect(server.requests.count == 1)
        #expect(server.requests.first?.path == "/api/query")
        #expect(Self.query(server).contains("id_list=\(Self.id)"), "\(Self.query(server))")
        #expect(server.requests.first?.headers["user-agent"]?.hasPrefix("vlmbot/") == true)
        #expect(repository.list != repository.original)

        // It reads back as the paper, with the feed's facts, in its section, in the list's form.
        let entry = try repository.entry(titled: Self.title)
        #expect(entry["section"] as? [String] == ["Survey"])
        #expect(entry["authors"] as? [String] == Self.authors)
        #expect(entry["year"] as? Int == 2024)
        #expect(entry["venue"] as? String == "arXiv")
        #expect((entry["ids"] as? [String: Any])?["arxiv"] as? String == Self.id)
        let links = try #require(entry["links"] as? [[String: Any]])
        #expect(links.map { $0["url"] as? String } == ["https://arxiv.org/abs/\(Self.id)"], "\(links)")
        #expect(links.first?["kind"] as? String == "paper")
        let first = try #require(entry["line"] as? Int), last = try #require(entry["endLine"] as? Int)
        let lines = String(decoding: repository.list, as: UTF8.self).components(separatedBy: "\n")
        #expect(Array(lines[(first - 1)...(last - 1)]) == [
            "`arXiv 2024` **\(Self.title)** \\",
            "*\(Self.authors.joined(separator: ", "))* \\",
            "[[paper](https://arxiv.org/abs/\(Self.id))]",
        ])
        // Placed after the section's last entry (line 21-23), every other byte as it was.
        #expect(first == 25)
        #expect(isInsertion(of: first...last, into: repository.original, giving: repository.list))

        // check says nothing new, and nothing about the new lines.
        let check = try repository.run(["check", "README.md", "--format", "json"])
        let findings = try #require((try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])?["findings"] as? [[String: Any]])
        let onNew = findings.filter { (first...last).contains($0["line"] as? Int ?? 0) }
        #expect(onNew.isEmpty, "\(onNew)")
        let before = try #require((try JSONSerialization.jsonObject(with: Data(checkBefore.stdout.utf8)) as? [String: Any])?["findings"] as? [[String: Any]])
        #expect(findings.count == before.count)
        #expect(check.status == checkBefore.status)

        // format would fix what it fixed before (seed 004 has five fixes of its own), none on the new lines.
        let format = try repository.run(["format", "--check", "README.md"])
        #expect(format.status == formatBefore.status)
        #expect(format.stdout.components(separatedBy: "\n").first == formatBefore.stdout.components(separatedBy: "\n").first, "\(format.stdout)")
        let fixed = format.stdout.matches(of: /\d+/).compactMap { Int($0.output) }
        #expect(!fixed.contains { (first...last).contains($0) }, "\(format.stdout)")
    }

    @Test(arguments: ["arXiv:2401.12345v2", "https://arxiv.org/abs/2401.12345", "http://arxiv.org/pdf/2401.12345v3.pdf", "2401.12345v1"])
    func everyFormOfTheIdAsksArxivForTheSamePaper(source: String) throws {
        let repository = try AddListRepository()
        let server = try LoopbackServer([Self.arxivReply(Self.entry())])
        defer { server.stop() }
        let result = try repository.run(["add", source, "--to", "README.md", "--section", "Survey", "--dry-run"], server)
        #expect(result.status == 0, "\(source): \(result.stdout)\(result.stderr)")
        #expect(server.requests.count == 1)
        #expect(Self.query(server).contains("id_list=2401.12345&") || Self.query(server).hasSuffix("id_list=2401.12345"), "\(Self.query(server))")
        #expect(result.stdout.contains("+[[paper](https://arxiv.org/abs/2401.12345)]"), "\(result.stdout)")
        #expect(repository.list == repository.original)
    }

    @Test func aDryRunPrintsTheDiffAndChangesNothing() throws {
        let repository = try AddListRepository()
        let server = try LoopbackServer([Self.arxivReply(Self.entry())])
        defer { server.stop() }
        let result = try repository.run(["add", Self.id, "--to", "README.md", "--section", "survey", "--dry-run"], server)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(repository.list == repository.original)
        #expect(result.stdout.hasPrefix("would add \"\(Self.title)\" to Survey at line 25"), "\(result.stdout)")
        let diff = try #require(result.stdout.range(of: "--- a/README.md\n+++ b/README.md\n@@ ").map { String(result.stdout[$0.lowerBound...]) },
                                "no unified diff in \(result.stdout)")
        let added = diff.components(separatedBy: "\n").filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }
        #expect(added == ["+`arXiv 2024` **\(Self.title)** \\", "+*Ada Lovelace, Alan Turing* \\",
                          "+[[paper](https://arxiv.org/abs/\(Self.id))]", "+"], "\(diff)")
        #expect(!diff.components(separatedBy: "\n").contains { $0.hasPrefix("-") && !$0.hasPrefix("---") }, "a dry run removes nothing: \(diff)")
        // The diff applies to the list and gives what `add` without --dry-run writes.
        let written = try repository.run(["add", Self.id, "--to", "README.md", "--section", "survey"], server)
        #expect(written.status == 0, "\(written.stdout)\(written.stderr)")
        // (Answered from the cache: one request in all.)
        #expect(server.requests.count == 1)
        let patch = Process()
        patch.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        patch.arguments = ["git", "apply", "--check", "-R", "-"]
        patch.currentDirectoryURL = repository.folder.url
        let input = Pipe()
        patch.standardInput = input
        patch.standardError = FileHandle.nullDevice
        try patch.run()
        input.fileHandleForWriting.write(Data(diff.utf8))
        try input.fileHandleForWriting.close()
        patch.waitUntilExit()
        #expect(patch.terminationStatus == 0, "the dry run's diff is not the change written (git apply -R --check)")
    }

    @Test func jsonSaysWhatWasAddedWhereAndTheDiff() throws {
        let repository = try AddListRepository()
        let server = try LoopbackServer([Self.arxivReply(Self.entry())])
        defer { server.stop() }
        let result = try repository.run(["add", Self.id, "--to", "README.md", "--section", "Survey", "--dry-run", "--format", "json"], server)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(repository.list == repository.original)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
        #expect(json["version"] as? Int == 1)
        #expect(json["path"] as? String == "README.md")
        #expect(json["written"] as? Bool == false)
        let paper = try #require((json["papers"] as? [[String: Any]])?.first)
        #expect((json["papers"] as? [Any])?.count == 1)
        #expect(paper["status"] as? String == "added")
        #expect(paper["source"] as? String == Self.id)
        #expect(paper["arxiv"] as? String == Self.id)
        #expect(paper["title"] as? String == Self.title)
        #expect(paper["section"] as? [String] == ["Survey"])
        #expect(paper["line"] as? Int == 25 && paper["endLine"] as? Int == 27)
        let entry = try #require(paper["entry"] as? String)
        #expect(entry == "`arXiv 2024` **\(Self.title)** \\\n*Ada Lovelace, Alan Turing* \\\n[[paper](https://arxiv.org/abs/\(Self.id))]")
        let diff = try #require(json["diff"] as? String)
        #expect(diff.hasPrefix("--- a/README.md\n+++ b/README.md\n"))
        // The entry reported is the one the diff adds.
        let added = diff.components(separatedBy: "\n").filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }.map { String($0.dropFirst()) }
        #expect(added.filter { !$0.isEmpty } == entry.components(separatedBy: "\n"))
        #expect(paper["notes"] as? [String] == ["venue: the source names none; written as a preprint (arXiv)"])

        // Written: the same, with written true.
        let written = try repository.run(["add", Self.id, "--to", "README.md", "--section", "Survey", "--format", "json"], server)
        let writtenJSON = try #require(try JSONSerialization.jsonObject(with: Data(written.stdout.utf8)) as? [String: Any])
        #expect(writtenJSON["written"] as? Bool == true)
        #expect(writtenJSON["diff"] as? String == diff)
        #expect(repository.list != repository.original)
    }

    /// In a numbered table (seed 001's `| Index |` column) the row written takes the next index.
    /// Regression (a bug these tests found, since fixed): `--format json`'s `entry` is the draft before renumbering (the neighbour's
    /// `| 18 |`), while the diff and the file have `| 49 |`.
    @Test func jsonsEntryIsTheRowWrittenInANumberedTable() throws {
        let repository = try AddListRepository(seed: "001")
        let title = "RadCLIP: Medical Image Text Pretraining for Chest Radiographs"
        let server = try LoopbackServer([Self.arxivReply(Self.entry(title: title))])
        defer { server.stop() }
        let result = try repository.run(["add", Self.id, "--to", "README.md", "--section", "The summary of natural and medical",
                                         "--dry-run", "--format", "json"], server)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let paper = try #require((json["papers"] as? [[String: Any]])?.first)
        let diff = try #require(json["diff"] as? String)
        let added = diff.components(separatedBy: "\n").filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }.map { String($0.dropFirst()) }
        #expect(added.count == 1)
        #expect(added.first?.hasPrefix("| 49    | RadCLIP| \(title)") == true, "\(added)")
        #expect(added.first?.contains("| Medical ") == true && added.first?.contains("[PDF](https://arxiv.org/pdf/\(Self.id))") == true, "\(added)")
        #expect(paper["entry"] as? String == added.first)
    }

    // MARK: - Crossref

    static let doi = "10.1016/j.media.2024.103101"
    static let vqaTitle = "Grounded Visual Question Answering for Chest Radiographs"

    /// Into seed 004's visual question answering section, whose entries link code (hence
    /// --code) and one of which links its DOI (line 41-43, ACM MM 2020). (That a DOI paper also
    /// follows a neighbour linking an arXiv page is AuthoringTests' FoundBugTests.)
    @Test(arguments: ["10.1016/j.media.2024.103101", "https://doi.org/10.1016/j.media.2024.103101", "doi:10.1016/J.MEDIA.2024.103101"])
    func aDOIIsWrittenWithItsDOILink(source: String) throws {
        let repository = try AddListRepository()
        let server = try LoopbackServer([.json(200, Self.crossrefWork(doi: Self.doi, title: Self.vqaTitle))])
        defer { server.stop() }
        let result = try repository.run(["add", source, "--to", "README.md", "--section", "Medical Visual Question Answering",
                                         "--code", "https://github.com/ada/grounded-vqa"], server)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(server.requests.map { $0.path.lowercased() } == ["/works/\(Self.doi)"])
        let entry = try repository.entry(titled: Self.vqaTitle)
        #expect(entry["section"] as? [String] == ["Medical Visual Question Answering"])
        #expect(entry["venue"] as? String == "Medical Image Analysis")
        #expect(entry["year"] as? Int == 2024)
        #expect(entry["authors"] as? [String] == ["Ada Lovelace", "Alan Turing"])
        #expect(((entry["ids"] as? [String: Any])?["doi"] as? String)?.lowercased() == Self.doi)
        let links = (entry["links"] as? [[String: Any]])?.map { "\($0["kind"] ?? "")=\($0["url"] ?? "")".lowercased() }
        #expect(links == ["paper=https://doi.org/\(Self.doi)", "code=https://github.com/ada/grounded-vqa"], "\(links ?? [])")
        // The section runs oldest first: the 2024 paper after the last one (66-68), before the blank lines that end it.
        let first = try #require(entry["line"] as? Int), last = try #require(entry["endLine"] as? Int)
        #expect(first == 70 && last == 72)
        #expect(isInsertion(of: first...last, into: repository.original, giving: repository.list))
        #expect(String(decoding: repository.list, as: UTF8.self).lowercased()
                    .contains("`medical image analysis 2024` **\(Self.vqaTitle.lowercased())** \\\n*ada lovelace, alan turing* \\\n"))
    }

    // MARK: - When metadata cannot be had

    @Test func anIdArxivHasNoPaperForIsNotAdded() throws {
        let repository = try AddListRepository()
        let server = try LoopbackServer([Self.arxivReply()])
        defer { server.stop() }
        let result = try repository.run(["add", "2401.99999", "--to", "README.md", "--section", "Survey"], server)
        #expect(result.status == 2)
        #expect(result.stderr.trimmingCharacters(in: .newlines).components(separatedBy: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("2401.99999") && result.stderr.contains("nothing was written"), "\(result.stderr)")
        #expect(repository.list == repository.original)
    }

    @Test(arguments: [(summary: "This paper has been withdrawn by the author due to an error in Table 2.", comment: nil as String?),
                      (summary: "We retrieve chest radiographs from reports.", comment: "This paper has been withdrawn")])
    func aWithdrawnPaperIsNotAdded(summary: String, comment: String?) throws {
        let repository = try AddListRepository()
        let server = try LoopbackServer([Self.arxivReply(Self.entry(summary: summary, comment: comment))])
        defer { server.stop() }
        let result = try repository.run(["add", Self.id, "--to", "README.md", "--section", "Survey"], server)
        #expect(result.status == 2)
        #expect(result.stderr.contains("withdrawn") && result.stderr.contains(Self.id), "\(result.stderr)")
        #expect(repository.list == repository.original)
    }

    @Test func aDOICrossrefDoesNotKnowIsNotAdded() throws {
        let repository = try AddListRepository()
        let server = try LoopbackServer([Reply(status: 404, headers: ["Content-Type": "text/plain"], body: "Resource not found.")])
        defer { server.stop() }
        let result = try repository.run(["add", "10.9999/nothing.here", "--to", "README.md", "--section", "Survey"], server)
        #expect(result.status == 2)
        #expect(server.requests.count == 1, "a 404 is not retried")
        #expect(result.stderr.contains("10.9999/nothing.here") && result.stderr.contains("does not know it"), "\(result.stderr)")
        #expect(result.stderr.trimmingCharacters(in: .newlines).components(separatedBy: "\n").count == 1, "\(result.stderr)")
        #expect(repository.list == repository.original)
    }

    @Test func aRateLimitIsWaitedOutAsTheServerAsks() throws {
        let repository = try AddListRepository()
        let server = try LoopbackServer([Reply(status: 429, headers: ["Retry-After": "0"], body: "Rate exceeded."),
                                         Self.arxivReply(Self.entry())])
        defer { server.stop() }
        let result = try repository.run(["add", Self.id, "--to", "README.md", "--section", "Survey"], server)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(server.requests.count == 2)
        #expect(try repository.entries().contains { $0["title"] as? String == Self.title })
    }

    @Test func aServerErrorIsTriedAgain() throws {
        let repository = try AddListRepository()
        let server = try LoopbackServer([.json(500, #"{"status":"error"}"#), .json(200, Self.crossrefWork(doi: Self.doi, title: Self.vqaTitle))])
        defer { server.stop() }
        let result = try repository.run(["add", Self.doi, "--to", "README.md", "--section", "Medical Visual Question Answering",
                                         "--code", "https://github.com/ada/grounded-vqa"], server)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(server.requests.map(\.path) == ["/works/\(Self.doi)", "/works/\(Self.doi)"])
        #expect(try repository.entries().contains { $0["title"] as? String == Self.vqaTitle })
    }

    @Test(arguments: [("2401.12345", "<feed><entry><title>unclosed"), ("10.1016/j.media.2024.103101", #"{"status":"ok","message":{"title":["#)])
    func aMalformedAnswerSaysToPassBibTeX(source: String, body: String) throws {
        let repository = try AddListRepository()
        let server = try LoopbackServer([Reply(status: 200, body: body)])
        defer { server.stop() }
        let result = try repository.run(["add", source, "--to", "README.md", "--section", "Survey"], server)
        #expect(result.status == 2)
        let lines = result.stderr.trimmingCharacters(in: .newlines).components(separatedBy: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(lines.first?.contains("BibTeX") == true && lines.first?.contains("nothing was written") == true, "\(result.stderr)")
        #expect(server.requests.count == 1, "a malformed answer is not retried")
        #expect(repository.list == repository.original)
    }

    @Test func anAPIThatCannotBeReachedSaysToPassBibTeX() throws {
        let repository = try AddListRepository()
        // No server: the APIs point at a closed port (three attempts, 1 s and 2 s apart).
        let result = try repository.run(["add", Self.id, "--to", "README.md", "--section", "Survey"])
        #expect(result.status == 2)
        let lines = result.stderr.trimmingCharacters(in: .newlines).components(separatedBy: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(lines.first?.contains("arXiv") == true && lines.first?.contains("BibTeX") == true, "\(result.stderr)")
        #expect(lines.first?.contains("nothing was written") == true, "\(result.stderr)")
        #expect(repository.list == repository.original)
    }

    // (No timeout test: LookupConfiguration's time limit is 20 seconds a request, three attempts,
    // and no setting shortens it from the command line; PaperLookupTests cover silence.)

    // MARK: - BibTeX, without any network

    static let bibTeX = """
    % A comment line before the entry.
    @article{lovelace2024retrieval,
      title   = {Report-Guided Retrieval of {Chest} Radiographs},
      author  = {Lovelace, Ada and Turing, Alan},
      journal = {arXiv preprint arXiv:2401.12345},
      year    = {2024},
      month   = jan,
      eprint  = {2401.12345},
      archivePrefix = {arXiv}
    }

    """

    @Test func aBibTeXFileIsAddedWithoutAsking() throws {
        let repository = try AddListRepository()
        try repository.folder.write("paper.bib", Self.bibTeX)
        // The APIs point at a closed port: any request would fail the run.
        let result = try repository.run(["add", "paper.bib", "--to", "README.md", "--section", "Survey"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let entry = try repository.entry(titled: Self.title)
        #expect(entry["authors"] as? [String] == Self.authors)
        #expect(entry["year"] as? Int == 2024)
        #expect((entry["ids"] as? [String: Any])?["arxiv"] as? String == Self.id)
        let first = try #require(entry["line"] as? Int), last = try #require(entry["endLine"] as? Int)
        #expect(isInsertion(of: first...last, into: repository.original, giving: repository.list))
    }

    @Test func bibTeXOnStandardInputIsAddedWithoutAsking() throws {
        let repository = try AddListRepository()
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["add", "-", "--to", "README.md", "--section", "Survey"]
        process.currentDirectoryURL = repository.folder.url
        process.environment = ProcessInfo.processInfo.environment.merging(repository.environment()) { $1 }
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(Self.bibTeX.utf8))
        try input.fileHandleForWriting.close()
        let stdout = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(stdout)\(stderr)")
        #expect(stdout.hasPrefix("added \"\(Self.title)\" to Survey"), "\(stdout)")
        #expect(try repository.entries().contains { $0["title"] as? String == Self.title })
    }

    @Test func aBibTeXFileWithoutAnEntryIsRefused() throws {
        let repository = try AddListRepository()
        try repository.folder.write("empty.bib", "% nothing here\n")
        let result = try repository.run(["add", "empty.bib", "--to", "README.md", "--section", "Survey"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("empty.bib") && result.stderr.contains("no BibTeX entry"), "\(result.stderr)")
        let missing = try repository.run(["add", "missing.bib", "--to", "README.md", "--section", "Survey"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("missing.bib"), "\(missing.stderr)")
        #expect(repository.list == repository.original)
    }

    // MARK: - Listed already: exit 1, nothing written

    @Test func aPaperListedByArxivIdIsNotAddedAgain() throws {
        let repository = try AddListRepository()
        // Seed 004 line 16: `arXiv 2023` **Medical Vision Language Pretraining: A survey**, arXiv 2312.06224.
        let server = try LoopbackServer([Self.arxivReply(Self.entry(id: "2312.06224", title: "Medical Vision Language Pretraining: A Survey",
                                                                    authors: ["Prashant Shrestha", "Sanskar Amgain"], published: "2023-12-11T00:00:00Z"))])
        defer { server.stop() }
        let result = try repository.run(["add", "https://arxiv.org/abs/2312.06224v1", "--to", "README.md", "--section", "Medical Visual Question Answering"], server)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("is listed already at line 16 (Survey): same arXiv id 2312.06224"), "\(result.stdout)")
        #expect(result.stdout.contains("nothing was written"))
        #expect(repository.list == repository.original)
        let json = try repository.run(["add", "2312.06224", "--to", "README.md", "--format", "json"], server)
        #expect(json.status == 1)
        let paper = try #require(((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["papers"] as? [[String: Any]])?.first)
        #expect(paper["status"] as? String == "listed")
        #expect((paper["listed"] as? [[String: Any]])?.first?["line"] as? Int == 16)
        #expect(repository.list == repository.original)
    }

    @Test func aPaperListedByDOIIsNotAddedAgain() throws {
        let repository = try AddListRepository()
        // Seed 004 line 34: GLoRIA, linked as https://doi.org/10.1109/ICCV48922.2021.00391.
        let doi = "10.1109/ICCV48922.2021.00391"
        let title = "GLoRIA: A Multimodal Global-Local Representation Learning Framework for Label-efficient Medical Image Recognition"
        let server = try LoopbackServer([.json(200, Self.crossrefWork(doi: doi, title: title, container: "2021 IEEE/CVF International Conference on Computer Vision (ICCV)"))])
        defer { server.stop() }
        let result = try repository.run(["add", "doi:\(doi.lowercased())", "--to", "README.md"], server)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("is listed already at line 34 (Medical Vision-Language Pre-training): same DOI"), "\(result.stdout)")
        #expect(repository.list == repository.original)
    }

    // MARK: - Where it goes

    @Test func aPaperNoSectionClearlyHoldsNeedsSection() throws {
        let repository = try AddListRepository()
        let server = try LoopbackServer([Self.arxivReply(Self.entry(title: "Zebra Stripes as Natural Barcodes for Herd Counting"))])
        defer { server.stop() }
        let result = try repository.run(["add", Self.id, "--to", "README.md"], server)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("no section is clearly \"Zebra Stripes as Natural Barcodes for Herd Counting\"'s; choose one with --section"),
                "\(result.stdout)")
        // The candidates are named, each a section of the list.
        #expect(result.stdout.contains("Survey (") && result.stdout.contains("Medical Image Captioning ("), "\(result.stdout)")
        #expect(result.stdout.contains("nothing was written"))
        #expect(repository.list == repository.original)
    }

    @Test func anUnknownSectionIsRefusedWithTheSectionsThereAre() throws {
        let repository = try AddListRepository()
        let server = try LoopbackServer([Self.arxivReply(Self.entry())])
        defer { server.stop() }
        let result = try repository.run(["add", Self.id, "--to", "README.md", "--section", "Protein Folding"], server)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("--section \"Protein Folding\" names no section of README.md"), "\(result.stdout)")
        #expect(result.stdout.contains("Medical Visual Question Answering") && result.stdout.contains("Survey"), "\(result.stdout)")
        #expect(repository.list == repository.original)
    }

    @Test(arguments: ["hello-world", "2401.1", "10.1000", "https://example.com/paper", "paper.pdf"])
    func aSourceThatNamesNoPaperIsOneLineAndNoRequest(source: String) throws {
        let repository = try AddListRepository()
        let server = try LoopbackServer([Self.arxivReply(Self.entry())])
        defer { server.stop() }
        let result = try repository.run(["add", source, "--to", "README.md", "--section", "Survey"], server)
        #expect(result.status == 2)
        let lines = result.stderr.trimmingCharacters(in: .newlines).components(separatedBy: "\n")
        #expect(lines.count == 1 && lines[0].contains(source), "\(source): \(result.stderr)")
        #expect(server.requests.isEmpty)
        #expect(repository.list == repository.original)
    }

    // MARK: - Line endings

    @Test func aCRLFListGetsCRLFLinesAndKeepsEveryOtherByte() throws {
        let lf = try AddListRepository.seed("004")
        var crlf: [UInt8] = []
        for byte in lf {
            if byte == 10 { crlf.append(13) }
            crlf.append(byte)
        }
        let repository = try AddListRepository(list: crlf)
        let server = try LoopbackServer([Self.arxivReply(Self.entry())])
        defer { server.stop() }
        let result = try repository.run(["add", Self.id, "--to", "README.md", "--section", "Survey"], server)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let written = repository.list
        let lines = terminatedLines(written)
        #expect(lines.allSatisfy { $0.count >= 2 && $0.suffix(2) == [13, 10] }, "a line does not end in CRLF")
        #expect(!written.enumerated().contains { $0.element == 10 && ($0.offset == 0 || written[$0.offset - 1] != 13) }, "a bare LF")
        let entry = try repository.entry(titled: Self.title)
        let first = try #require(entry["line"] as? Int), last = try #require(entry["endLine"] as? Int)
        #expect(isInsertion(of: first...last, into: crlf, giving: written))
        #expect(String(decoding: lines[first - 1], as: UTF8.self) == "`arXiv 2024` **\(Self.title)** \\\r\n")
    }
}
