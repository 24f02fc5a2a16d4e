import Foundation
import Lists
import Markdown
import Metadata
import Placement
import Rules
import Settings
import Testing

/// Whether a paper `vlmbot add` is given is already in the list, on the seed lists: entries
/// with an arXiv id or a DOI are found again by that id alone and by their title alone, and a
/// paper the list does not hold is not found.
@Suite struct ListedPaperTests {
    static let vocabulary: Vocabulary = {
        do { return try Configuration.builtIn().vocabulary } catch { fatalError("the built-in rules do not load: \(error)") }
    }()

    static let seeds: [ListDocument] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("seeds")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        return names.compactMap { FileManager.default.contents(atPath: folder.appendingPathComponent($0).path) }
            .map { ListParser.parse(SourceText(Array($0))) }
    }()

    @Test func everyIdentifiedSeedEntryIsFoundByItsIdAndItsTitle() throws {
        #expect(Self.seeds.count == 5)
        var checked = 0
        for document in Self.seeds {
            let identified = document.entries.filter { $0.title != nil && ($0.ids.arxiv != nil || $0.ids.doi != nil) }
            // Every third, at most twelve a list: the whole list is searched for each.
            for entry in stride(from: 0, to: identified.count, by: 3).prefix(12).map({ identified[$0] }) {
                let title = try #require(entry.title)
                // As a source gives it: the identifier, the title in its own case.
                let byID = PaperRecord(title: title.lowercased(), arxiv: entry.ids.arxiv, doi: entry.ids.doi)
                let found = ListedPaper.matches(of: byID, in: document, vocabulary: Self.vocabulary)
                #expect(found.first?.isCertain == true, "\(title)")
                #expect(found.contains { $0.entry.lines == entry.lines }, "\(title) at \(entry.lines)")
                let byTitle = ListedPaper.matches(of: PaperRecord(title: title), in: document, vocabulary: Self.vocabulary)
                #expect(byTitle.contains { $0.entry.lines == entry.lines }, "\(title) by title")
                checked += 1
            }
        }
        #expect(checked >= 30)
    }

    @Test func aPaperTheListDoesNotHoldIsNotFound() {
        let record = PaperRecord(title: "Zebra Stripes as Natural Barcodes for Herd Counting", authors: ["Ada Lovelace"],
                                 arxiv: "2412.99999")
        for document in Self.seeds {
            #expect(ListedPaper.matches(of: record, in: document, vocabulary: Self.vocabulary).isEmpty)
        }
    }

    @Test func anIdListedUnderAnotherTitleIsNotTheSamePaper() throws {
        let document = ListParser.parse(SourceText("- [Alpha Beta Gamma Delta Networks](https://arxiv.org/abs/2301.00001)\n"))
        let same = ListedPaper.matches(of: PaperRecord(title: "Alpha Beta Gamma Delta Networks", arxiv: "2301.00001"),
                                       in: document, vocabulary: Self.vocabulary)
        #expect(same.map(\.evidence) == [.arxiv("2301.00001")])
        // A copied link on a different title is the duplicate-entry rule's business, not a match.
        let other = ListedPaper.matches(of: PaperRecord(title: "Completely Unrelated Work on Proteins", arxiv: "2301.00001"),
                                        in: document, vocabulary: Self.vocabulary)
        #expect(other.allSatisfy { !$0.isCertain })
    }
}
