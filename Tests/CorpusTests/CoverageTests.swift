import Foundation
import Lists
import Testing

/// Every corpus list's newest version parses, and the lines holding a link to a paper lie
/// inside entries: at least a floor per list (measured, a little under today's figure, so that a
/// regression fails), and 98% over the corpus.
@Suite struct CoverageTests {
    /// Per list, the lowest share of its paper-link lines that must lie inside an entry (%).
    static let floors: [String: Double] = [
        "amirhossein-kz__Awesome-Diffusion-Models-in-Medical-Imaging": 99, "JunMa11__SOTA-MedSeg": 95,
        "maduc7__Histopathology-Datasets": 96, "burglarhobbit__Awesome-Medical-Large-Language-Models": 99,
        "mingze-yuan__Awesome-LLM-Healthcare": 96, "albarqouni__Deep-Learning-for-Medical-Applications": 99,
        "xinario__awesome-gan-for-medical-imaging": 99, "Finspire13__Awesome-Surgical-Video-Analysis": 99,
        "isyangshu__Awesome-Surgical-Video-Understanding": 99, "ShawnBIT__UNet-family": 99,
        "onejune2018__Awesome-Medical-Healthcare-Dataset-For-LLM": 99, "BradyFU__Awesome-Multimodal-Large-Language-Models": 99,
        "xlite-dev__Awesome-LLM-Inference": 99, "horseee__Awesome-Efficient-LLM": 99, "he-y__Awesome-Pruning": 99,
        "RUCAIBox__LLMSurvey": 99, "amusi__CVPR2024-Papers-with-Code": 99, "floodsung__Deep-Learning-Papers-Reading-Roadmap": 98,
        "uzh-rpg__event-based_vision_resources": 99, "atfortes__Awesome-LLM-Reasoning": 99, "jindongwang__transferlearning": 99,
        "awesome-NeRF__awesome-NeRF": 99, "showlab__Awesome-Video-Diffusion": 99, "hanjuku-kaso__awesome-offline-rl": 99,
    ]

    /// The paper-link lines of a document and how many lie inside an entry.
    static func coverage(of document: ListDocument) -> (lines: Int, inside: Int) {
        let lines = Set(document.paperLinks.map(\.line))
        let ranges = document.entries.map(\.lines)
        return (lines.count, lines.filter { line in ranges.contains { $0.contains(line) } }.count)
    }

    @Test(arguments: Corpus.folders)
    func paperLinksLieInsideEntries(folder: String) throws {
        let document = try Corpus.document(folder)
        #expect(!document.entries.isEmpty, "\(folder): no entries")
        let (lines, inside) = Self.coverage(of: document)
        let share = lines == 0 ? 100 : 100 * Double(inside) / Double(lines)
        let floor = try #require(Self.floors[folder], "\(folder): no coverage floor recorded")
        #expect(share >= floor, "\(folder): \(inside) of \(lines) paper-link lines inside entries (\(share)%), floor \(floor)%")
    }

    @Test func ninetyEightPercentOverTheCorpus() throws {
        var lines = 0
        var inside = 0
        for folder in Corpus.folders {
            let counts = Self.coverage(of: try Corpus.document(folder))
            lines += counts.lines
            inside += counts.inside
        }
        #expect(lines > 0 && Double(inside) >= 0.98 * Double(lines), "\(inside) of \(lines) paper-link lines inside entries")
    }

    /// Entries never overlap, and each holds its title's first words and its links' URLs.
    @Test(arguments: Corpus.folders)
    func entriesAreWhereTheirTextIs(folder: String) throws {
        let document = try Corpus.document(folder)
        for (previous, next) in zip(document.entries, document.entries.dropFirst()) {
            #expect(previous.lines.upperBound < next.lines.lowerBound, "\(folder): \(previous.lines) and \(next.lines) overlap")
        }
        for entry in document.entries {
            let text = entry.lines.map { document.source.line($0) }.joined(separator: "\n")
            for link in entry.links where !link.url.isEmpty {
                #expect(text.contains(link.url), "\(folder): \(link.url) not in lines \(entry.lines)")
                #expect(entry.lines.contains(link.line), "\(folder): link line \(link.line) outside \(entry.lines)")
            }
            #expect(entry.title.map { !$0.isEmpty } ?? true)
        }
    }
}
