import Foundation
import Lists
import Placement
import Testing

/// Where `vlmbot add` would file a paper, measured on the corpus: each sampled entry is taken
/// out of its list and its section chosen again from its title alone (the metadata a source
/// gives), against the sections and titles left.
@Suite struct SectionChoiceTests {
    /// Entries sampled from each list: every n-th titled entry, at most this many.
    static let perList = 20

    struct Tally: CustomStringConvertible {
        var right = 0, wrong = 0, declined = 0
        var chosen: Int { right + wrong }
        var precision: Double { chosen == 0 ? 1 : Double(right) / Double(chosen) }
        var description: String {
            "\(right + wrong + declined) entries: \(right) right, \(wrong) wrong, \(declined) declined "
                + String(format: "(right when chosen %.1f%%, chosen %.1f%%)", 100 * precision,
                         100 * Double(chosen) / Double(max(right + wrong + declined, 1)))
        }
    }

    static func measure(_ folder: String) throws -> Tally {
        let document = try Corpus.document(folder)
        let titled = document.entries.filter { $0.title != nil && !$0.section.isEmpty }
        guard Set(titled.map(\.section)).count >= 2 else { return Tally() }
        let step = max(1, titled.count / perList)
        var tally = Tally()
        for entry in stride(from: step / 2, to: titled.count, by: step).prefix(perList).map({ titled[$0] }) {
            let choice = SectionChooser(document, excluding: entry).choose(title: entry.title ?? "", year: entry.year)
            switch choice.chosen {
            case nil: tally.declined += 1
            case entry.section: tally.right += 1
            default: tally.wrong += 1
            }
        }
        return tally
    }

    @Test func aChosenSectionIsTheEntrysOwnAtLeastFourTimesInFive() throws {
        var total = Tally()
        var lists = 0
        for folder in Corpus.folders {
            let tally = try Self.measure(folder)
            guard tally.right + tally.wrong + tally.declined > 0 else { continue }
            lists += 1
            total.right += tally.right
            total.wrong += tally.wrong
            total.declined += tally.declined
        }
        print("section choice: all \(lists) lists: \(total)")
        #expect(lists >= 10 && total.right + total.wrong + total.declined >= 100)
        #expect(total.precision >= 0.8, "\(total)")
    }
}
