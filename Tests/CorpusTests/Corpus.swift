import Foundation
import Lists
import Markdown
import Testing

/// The development corpus beside the checkout (`../shared/corpus`, or `VLMBOT_CORPUS`): real
/// paper lists, read as data. Tests fail with a clear message when it is missing, so that a CI
/// run without it cannot pass by skipping.
enum Corpus {
    static let root: URL = {
        if let path = ProcessInfo.processInfo.environment["VLMBOT_CORPUS"] { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/corpus")
    }()

    /// The corpus's list folders, from its manifest.
    static let folders: [String] = {
        guard let manifest = try? String(contentsOf: root.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8) else {
            return []
        }
        return manifest.split(separator: "\n").dropFirst().compactMap { $0.split(separator: "\t").first.map(String.init) }
    }()

    /// The newest version of one list, parsed once for every test that reads it.
    static func document(_ folder: String) throws -> ListDocument {
        if let parsed = parsed.document(folder) { return parsed }
        let url = root.appendingPathComponent(folder).appendingPathComponent("list.md")
        let bytes = try #require(try? Data(contentsOf: url), "cannot read \(url.path): is ../shared/corpus beside the checkout?")
        return parsed.store(ListParser.parse(SourceText(Array(bytes))), for: folder)
    }

    private static let parsed = ParsedLists()

    /// The lists parsed so far, shared by tests running at the same time.
    private final class ParsedLists: @unchecked Sendable {
        private let lock = NSLock()
        private var documents: [String: ListDocument] = [:]

        func document(_ folder: String) -> ListDocument? {
            lock.withLock { documents[folder] }
        }

        func store(_ document: ListDocument, for folder: String) -> ListDocument {
            lock.withLock { documents[folder] = document }
            return document
        }
    }

    /// The hand-checked sample of a list (`Fixtures/sample/<folder>.tsv`).
    static let sampleFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sample")

    static var sampledFolders: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: sampleFolder.path)) ?? []
        return files.filter { $0.hasSuffix(".tsv") }.map { String($0.dropLast(4)) }.sorted()
    }
}

@Suite struct CorpusPresenceTests {
    @Test func theCorpusIsBesideTheCheckout() {
        #expect(Corpus.folders.count >= 24, "no corpus at \(Corpus.root.path) (set VLMBOT_CORPUS or put ../shared beside the checkout)")
        #expect(Corpus.sampledFolders.count == Corpus.folders.count, "every corpus list has a hand-checked sample")
    }
}
