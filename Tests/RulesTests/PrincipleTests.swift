import Engine
import Lists
import Markdown
import Rules
import Settings
import Testing

/// The principles vlmbot decides by, each on a list written for it: deliberate structure is no
/// defect, and a pull request is judged on what it brings.
@Suite struct PrincipleTests {
    static let linter = Linter(configuration: DefaultRules.configuration)

    static func loud(_ text: String) -> [String] {
        linter.lint(ListParser.parse(text), path: "a").filter { $0.severity != .note }.map { "\($0.range.start.line) \($0.rule)" }
    }

    static func brought(base: String, head: String, changed: [Int]) -> [String] {
        linter.lintChange(ListParser.parse(head), base: ListParser.parse(base), path: "a", changedLines: ChangedLines(lines: changed))
            .map { "\($0.range.start.line) \($0.rule)" }
    }

    /// A list that files papers by task and again by modality: its repeats across the two
    /// taxonomies are deliberate, so none is loud; a repeat inside one section still is.
    static let twoTaxonomies = """
    # Awesome Medical Imaging

    ## By task

    ### Segmentation
    - [Segment Anything in Medical Images](https://arxiv.org/abs/2304.12306)
    - [Universal Segmentation with Text Prompts](https://arxiv.org/abs/2312.17183)

    ### Report generation
    - [Radiology Report Generation with Memory](https://arxiv.org/abs/2010.16056)
    - [Knowledge Graphs for Chest X-ray Reports](https://arxiv.org/abs/2112.00001)

    ## By modality

    ### CT
    - [Segment Anything in Medical Images](https://arxiv.org/abs/2304.12306)
    - [Universal Segmentation with Text Prompts](https://arxiv.org/abs/2312.17183)

    ### X-ray
    - [Radiology Report Generation with Memory](https://arxiv.org/abs/2010.16056)
    - [Knowledge Graphs for Chest X-ray Reports](https://arxiv.org/abs/2112.00001)
    """

    @Test func twoTaxonomiesAreNoDuplicates() {
        #expect(Self.loud(Self.twoTaxonomies).isEmpty)
        let slip = Self.twoTaxonomies + "\n- [Knowledge Graphs for Chest X-ray Reports](https://arxiv.org/pdf/2112.00001v2)\n"
        #expect(Self.loud(slip) == ["22 duplicate-entry"])
    }

    /// A dataset row links the paper that introduced it, next to that paper's method entry; a
    /// model card has no paper link and needs none.
    @Test func aDatasetNextToItsMethodIsNoDuplicate() {
        let list = """
        ## Methods
        | Title | Paper |
        |---|---|
        | MIMIC-CXR-JPG, a large publicly available database of labeled chest radiographs | [paper](https://arxiv.org/abs/1901.07042) |
        | CheXpert: A Large Chest Radiograph Dataset with Uncertainty Labels | [paper](https://arxiv.org/abs/1901.07031) |

        ## Datasets
        | Dataset Name | Paper | Download |
        |---|---|---|
        | MIMIC-CXR | [paper](https://arxiv.org/abs/1901.07042) | [data](https://physionet.org/content/mimic-cxr-jpg/) |
        | CheXpert | [paper](https://arxiv.org/abs/1901.07031) | [data](https://stanfordmlgroup.github.io/competitions/chexpert/) |

        ## Models
        - [BiomedCLIP](https://huggingface.co/microsoft/BiomedCLIP-PubMedBERT_256-vit_base_patch16_224)
        """
        #expect(Self.loud(list).isEmpty)
    }

    /// One repository serves a family of papers (a method and its extensions); a paper link on
    /// two unrelated papers is still a slip.
    @Test func aFamilySharingOneRepositoryIsFine() {
        let list = """
        - [nnU-Net: Self-adapting Framework for U-Net-Based Medical Image Segmentation](https://arxiv.org/abs/1809.10486) [[code]](https://github.com/MIC-DKFZ/nnUNet)
        - [nnU-Net Revisited: A Call for Rigorous Validation in 3D Medical Image Segmentation](https://arxiv.org/abs/2404.09556) [[code]](https://github.com/MIC-DKFZ/nnUNet)
        - [Automated Design of Deep Learning Methods for Biomedical Image Segmentation](https://arxiv.org/abs/1904.08128) [[code]](https://github.com/MIC-DKFZ/nnUNet)
        """
        #expect(Self.loud(list).isEmpty)
        let slip = list + "\n- [Vision Transformers for Dense Prediction](https://arxiv.org/abs/1904.08128)\n"
        #expect(Self.loud(slip) == ["4 duplicate-link"])
    }

    /// Reformatting a block (links restyled, spacing changed) brings none of its old findings.
    @Test func aReformattingPullRequestBringsNothingOld() {
        let base = """
        ## Papers
        | Title | Venue | Year |
        |---|---|---|
        | Segment Anything in Medical Images | Nature Comm. | 2024 | lost note |
        | MedCLIP: Contrastive Learning | EMNLP | 2022 |
        """
        let head = """
        ## Papers
        | Title | Venue | Year |
        | --- | --- | --- |
        | Segment Anything in Medical Images | Nature Comm. | 2024 | lost note |
        | MedCLIP: Contrastive Learning | EMNLP | 2022 |
        """
        #expect(Self.loud(head) == ["4 entry-schema"])
        #expect(Self.brought(base: base, head: head, changed: [3, 4, 5]).isEmpty)
    }

    /// Renaming a heading is no change to the entries under it.
    @Test func aHeadingRenameBringsNothingOld() {
        let base = Self.twoTaxonomies + "\n\n### MRI\n- [A paper](https://arxiv.org/abs/2301.04558) [[code]](ttps://github.com/a/b)\n"
        let head = base.replacing("### MRI", with: "### Magnetic Resonance Imaging")
        let heading = head.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("### Magnetic") }! + 1
        #expect(Self.loud(head) == ["\(heading + 1) link-url"])
        #expect(Self.brought(base: base, head: head, changed: [heading]).isEmpty)
    }
}
