@testable import Engine
@testable import EntryRules
@testable import Evidence
@testable import LinkRules
import Lists
import Markdown
import Rules
import Testing

/// When two entries are one paper, as the corpus verdicts taught: rows that name different
/// things, authors who differ, cited references, names that carry a `++`, titles of one id.
@Suite struct SamePaperTests {
    static func lines(_ rule: some Rule, _ text: String) -> [String] {
        rule.check(ListParser.parse(text), in: DefaultRules.context(for: type(of: rule).description))
            .map { "\($0.range.start.line) \($0.severity.rawValue)" }
    }

    /// Two datasets of one paper, each in its own row by name (CLEVR-ATVC, Fruit-ATVC).
    @Test func rowsThatNameDifferentThingsAreNotRepeats() {
        let table = """
        | Name | Paper | Link |
        |---|---|---|
        | **CLEVR-ATVC** | [Accountable Textual-Visual Chat Learns to Reject Human Instructions](https://arxiv.org/pdf/2303.05983.pdf) | [Link](https://drive.google.com/a) |
        | **Fruit-ATVC** | [Accountable Textual-Visual Chat Learns to Reject Human Instructions](https://arxiv.org/pdf/2303.05983.pdf) | [Link](https://drive.google.com/b) |
        """
        #expect(Self.lines(DuplicateEntryRule(), table).isEmpty)
        #expect(Self.lines(DuplicateEntryRule(), table.replacing("**Fruit-ATVC**", with: "**CLEVR-ATVC**")) == ["4 error"])
    }

    /// One arXiv id on two papers with their own authors: a copied link, not a paper twice.
    @Test func authorsWithNoNameInCommonMakeTwoPapers() {
        let list = """
        - [Distributionally Robust Model-Based Offline Reinforcement Learning](https://arxiv.org/abs/2208.05767)
          - Laixi Shi and Yuejie Chi. arXiv, 2022.
        - [Robust Reinforcement Learning using Offline Data](https://arxiv.org/abs/2208.05767)
          - Kishan Panaganti, Zaiyan Xu, Dileep Kalathil, and Mohammad Ghavamzadeh. NeurIPS, 2022.
        """
        #expect(Self.lines(DuplicateEntryRule(), list).isEmpty)
        #expect(Self.lines(DuplicateLinkRule(), list) == ["3 warning"])
    }

    /// Numbered references a table cites by number stand for cited places: a note.
    @Test func citedReferencesRepeatOnlyAsANote() {
        let list = """
        | Dataset | Ref |
        |---|---|
        | CPM-15 | [16] |
        | CPM-17 | [17] |

        ## References

        [16] Vu, Quoc Dang, et al. "Methods for segmentation and classification of digital microscopy tissue images." Frontiers in Bioengineering (2019): 53.

        [17] Vu, Quoc Dang, et al. "Methods for segmentation and classification of digital microscopy tissue images." Frontiers in Bioengineering (2019): 53.
        """
        #expect(Self.lines(DuplicateEntryRule(), list) == ["10 note"])
    }

    /// Groups inside a section, parted by a bold label or nested under two top-level bullets,
    /// count as sections: a repeat across them is a note; within one group it is an error.
    @Test func groupsInsideASectionCountAsSections() {
        let labelled = """
        ## Highlights

        > **Surveys**

        - [MME-Survey: A Comprehensive Survey on Evaluation of Multimodal LLMs](https://arxiv.org/abs/2411.15296)

        > **MME Series**

        - [MME-Survey: A Comprehensive Survey on Evaluation of Multimodal LLMs](https://arxiv.org/abs/2411.15296)
        """
        #expect(Self.lines(DuplicateEntryRule(), labelled) == ["9 note"])
        let nested = """
        ## Devices
        - **Hybrid sensors**
            - [A Sensitive Dynamic and Active Pixel Vision Sensor](https://doi.org/10.1109/TBCAS.2017.2759783)
        - **Sensitive sensors**
            - [A Sensitive Dynamic and Active Pixel Vision Sensor](https://doi.org/10.1109/TBCAS.2017.2759783)
            - [A Sensitive Dynamic and Active Pixel Vision Sensor](https://doi.org/10.1109/TBCAS.2017.2759783)
        """
        #expect(Self.lines(DuplicateEntryRule(), nested) == ["5 note", "6 error"])
    }

    @Test func aPlusIsPartOfAName() {
        #expect(PaperTitle("ViViD++: Vision for Visibility Dataset").compact != PaperTitle("ViViD: Vision for Visibility Dataset").compact)
        #expect(PaperTitle("C++ Tools").words == ["c++", "tools"])
    }

    /// One arXiv id under two titles: one paper when the titles share half their words, or one
    /// leads with the name the other is, or the authors are the same (a preprint renamed on
    /// publication); two when the authors differ.
    @Test(arguments: [
        ("MedCLIP", "", "MedCLIP: Contrastive Learning from Unpaired Medical Images and Text", "", true),
        ("Optimal Goal-Reaching Reinforcement Learning", "", "Optimal Goal-Reaching Reinforcement Learning via Quasimetric Learning", "", true),
        ("VIPeR: Provably Efficient Algorithm for Offline RL with Neural Function Approximation", "Thanh Nguyen-Tang and Raman Arora",
         "Provably Efficient Neural Offline Reinforcement Learning via Perturbed Rewards", "Thanh Nguyen-Tang and Raman Arora", true),
        ("When Data Geometry Meets Deep Function", "Jianxiong Li, Xianyuan Zhan",
         "Distance-Sensitive Offline Reinforcement Learning", "Laixi Shi, Yuejie Chi", false),
    ])
    func titlesOfOneIDAgreeWhenTheyNameOnePaper(first: String, firstAuthors: String, second: String, secondAuthors: String,
                                               samePaper: Bool) {
        func entry(_ title: String, _ authors: String) -> String {
            "- [\(title)](https://arxiv.org/abs/2302.12780)" + (authors.isEmpty ? "" : "\n  - \(authors). ICLR, 2023.")
        }
        let list = entry(first, firstAuthors) + "\n" + entry(second, secondAuthors) + "\n"
        let second = firstAuthors.isEmpty ? 2 : 3
        #expect(Self.lines(DuplicateEntryRule(), list) == (samePaper ? ["\(second) error"] : []), "\(first)")
        #expect(Self.lines(DuplicateLinkRule(), list) == (samePaper ? [] : ["\(second) warning"]), "\(first)")
    }
}
