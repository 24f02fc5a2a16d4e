import Foundation
import Lists
import Markdown
import Testing

/// The five bundled seed lists, each compared field by field with its reviewed golden dump
/// (`Fixtures/seeds/*.entries.json`, made by `vlmbot entries`).
@Suite struct SeedTests {
    static let seedsFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("seeds")
    static let goldenFolder = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/seeds")

    /// The entry counts each seed must give.
    static let expectedCounts: [String: Int] = [
        "000_0d400a1bbd15071e": 7, "001_cc10a04a1c6bde63": 66, "002_978e9d997ce1388e": 126,
        "003_2cec8cdf71660f63": 26, "004_ae12df1e4fd30395": 13,
    ]

    static func parse(_ name: String) throws -> ListDocument {
        ListParser.parse(SourceText(Array(try Data(contentsOf: seedsFolder.appendingPathComponent(name + ".txt")))))
    }

    @Test(arguments: expectedCounts.keys.sorted())
    func entryCount(seed: String) throws {
        #expect(try Self.parse(seed).entries.count == Self.expectedCounts[seed])
    }

    @Test(arguments: expectedCounts.keys.sorted())
    func entriesMatchGolden(seed: String) throws {
        let golden = try ExpectedEntries(contentsOf: Self.goldenFolder.appendingPathComponent(seed + ".entries.json"))
        golden.compare(with: try Self.parse(seed).entries, name: seed)
    }

    @Test func namedFactsOfTheSeeds() throws {
        let details = try Self.parse("000_0d400a1bbd15071e").entries
        #expect(details[2].title == "MedCLIP: Contrastive Learning from Unpaired Medical Images and Text")
        #expect(details[2].lines == 43...54)
        #expect(details[2].year == 2022)
        #expect(details[2].authors == ["Zifeng Wang", "Zhenbang Wu", "Dinesh Agarwal", "Jimeng Sun"])

        let models = try Self.parse("001_cc10a04a1c6bde63").entries
        let sat = try #require(models.first { $0.name == "SAT" })
        #expect(sat.category == "Natrual")
        #expect(sat.ids.arxiv == "2312.17183")
        #expect(sat.lines == 25...25)

        let summary = try Self.parse("003_2cec8cdf71660f63").entries
        #expect(summary[2].title == "MedCLIP: Contrastive Learning from Unpaired Medical Images and Text")
        #expect(summary[2].name == "MedCLIP")
        #expect(summary[0].year == 2023 && summary[0].lines == 38...38)
        #expect(summary.last?.lines == 116...118)

        let venues = try Self.parse("004_ae12df1e4fd30395").entries
        let maira = try #require(venues.first { $0.title?.hasPrefix("MAIRA-1") == true })
        #expect(maira.lines == 27...29 && maira.venue == "arXiv" && maira.year == 2023)
        #expect(maira.links.map(\.kind) == [.paper, .code])
    }
}

/// Properties every parsed list must have, checked on the seeds and on the style fixtures.
@Suite struct EntryRangeTests {
    static var documents: [(String, ListDocument)] {
        let seeds = SeedTests.expectedCounts.keys.sorted().map { ($0, try! SeedTests.parse($0)) }
        let styles = StyleFixtureTests.names.map { name in
            (name, ListParser.parse(SourceText(Array(try! Data(contentsOf: StyleFixtureTests.folder.appendingPathComponent(name + ".md"))))))
        }
        return seeds + styles
    }

    @Test func rangesAreOrderedAndDisjoint() {
        for (name, document) in Self.documents {
            for (previous, next) in zip(document.entries, document.entries.dropFirst()) {
                #expect(previous.lines.upperBound < next.lines.lowerBound, "\(name): \(previous.lines) and \(next.lines) overlap")
            }
        }
    }

    /// An entry's lines hold its own title (or short name) and every link URL it has.
    @Test func rangesHoldTheEntrysText() {
        for (name, document) in Self.documents {
            for entry in document.entries {
                let text = entry.lines.map { document.source.line($0) }.joined(separator: "\n")
                if let label = entry.name ?? entry.title.map({ String($0.prefix(20)) }) {
                    #expect(text.contains(label), "\(name): '\(label)' not in lines \(entry.lines)")
                }
                for link in entry.links where !link.url.isEmpty {
                    #expect(text.contains(link.url), "\(name): \(link.url) not in lines \(entry.lines)")
                }
                #expect(!document.source.isBlank(entry.lines.lowerBound) && !document.source.isBlank(entry.lines.upperBound),
                        "\(name): entry \(entry.lines) starts or ends on a blank line")
            }
        }
    }
}
