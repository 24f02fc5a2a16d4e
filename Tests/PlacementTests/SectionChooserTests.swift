import Lists
import Markdown
import Placement
import Testing

/// Where a new paper goes in small lists made for one behaviour each.
@Suite struct SectionChooserTests {
    static func list(_ sections: [(String, [String])]) -> ListDocument {
        var text = ""
        var id = 0
        for (heading, titles) in sections {
            text += "## \(heading)\n\n"
            for title in titles {
                id += 1
                text += "- [\(title)](https://arxiv.org/abs/2301.\(String(format: "%05d", id))) (2023)\n"
            }
            text += "\n"
        }
        return ListParser.parse(SourceText(text))
    }

    static let topics = list([
        ("Segmentation", ["Polyp Segmentation with Transformers", "Brain Tumor Segmentation in MRI",
                          "Cardiac Segmentation from Echocardiography", "Universal Medical Image Segmentation"]),
        ("Report Generation", ["Radiology Report Generation with Memory", "Chest X-Ray Report Generation via Retrieval",
                               "Clinically Accurate Report Generation", "Report Generation for CT Volumes"]),
        ("Visual Question Answering", ["Medical Visual Question Answering with Pretraining", "Answering Questions on Pathology Slides",
                                       "Visual Question Answering for Radiology", "A Benchmark for Medical Question Answering"]),
    ])

    @Test func aTitleSharingItsSectionsWordsIsFiledThere() {
        let choice = SectionChooser(Self.topics).choose(title: "Lung Nodule Segmentation with Diffusion")
        #expect(choice.chosen == ["Segmentation"])
        #expect(choice.candidates.first?.evidence.contains("segmentation") == true)
    }

    @Test func aTitleNoSectionClearlyOwnsIsAQuestionWithCandidates() {
        let choice = SectionChooser(Self.topics).choose(title: "Segmentation Report")
        #expect(choice.chosen == nil)
        #expect(Set(choice.candidates.prefix(2).map(\.path)) == [["Segmentation"], ["Report Generation"]])
        #expect(SectionChooser(Self.topics).choose(title: "A Survey of Foundation Models").chosen == nil)
    }

    @Test func aListFiledByYearTakesThePapersYear() {
        let yearly = Self.list([("2024", ["Pruning Large Language Models", "Sparse Transformers at Scale"]),
                                ("2023", ["Lottery Tickets in Vision Transformers", "Structured Pruning of CNNs"])])
        let chooser = SectionChooser(yearly)
        #expect(chooser.choose(title: "Pruning Vision Transformers", year: 2023).chosen == ["2023"])
        #expect(chooser.choose(title: "Pruning Vision Transformers", year: 2021).chosen == nil)
        #expect(chooser.choose(title: "Pruning Vision Transformers").chosen == nil, "no year, no guess")
    }

    @Test func anEntryLeftOutDoesNotVoteForItsOwnSection() {
        let document = Self.list([("Alpha", ["Zebra Crossing Detection"]), ("Beta", ["Unrelated Words Here", "Other Things Entirely"])])
        let entry = document.entries[0]
        #expect(SectionChooser(document).choose(title: "Zebra Crossing Detection").chosen == ["Alpha"])
        #expect(SectionChooser(document, excluding: entry).choose(title: "Zebra Crossing Detection").chosen == nil)
    }
}
