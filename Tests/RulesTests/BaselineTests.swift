import Engine
import Lists
import Markdown
import Rules
import Testing

/// A change is judged on what it brings: the findings of the list after it that the list
/// before it did not have. Each case is a base list, the list after a change of the kind real
/// pull requests make, and the lines the change touched.
@Suite struct BaselineTests {
    static func findings(base: String, head: String, changed: [Int]) -> [String] {
        Linter(configuration: DefaultRules.configuration)
            .lintChange(ListParser.parse(head), base: ListParser.parse(base), path: "a", changedLines: ChangedLines(lines: changed))
            .map { "\($0.range.start.line) \($0.rule)" }
    }

    static let ragged = """
    ## Segmentation

    | Title | Paper | Code |
    |---|---|---|
    | Segment Anything in Medical Images | [paper](https://arxiv.org/abs/2304.12306) | - |
    | Medical SAM Adapter | [paper](https://arxiv.org/abs/2304.12620) | - | stray |
    | SAM-Med2D | [paper](https://arxiv.org/abs/2308.16184) | - |
    """

    /// Fixing a typo in an entry that already had a defect brings nothing: the defect was
    /// there before the change.
    @Test func anEditToAnEntryKeepsItsOldDefectOutOfTheReview() {
        let head = Self.ragged.replacing("Medical SAM Adapter", with: "Medical SAM Adapter: Adapting SAM")
        #expect(Self.findings(base: Self.ragged, head: head, changed: [6]).isEmpty)
        #expect(Linter(configuration: DefaultRules.configuration).lint(ListParser.parse(head), path: "a")
            .map { "\($0.range.start.line) \($0.rule)" } == ["6 entry-schema"])
    }

    /// Renaming a heading or moving a section moves its old findings, it does not bring them.
    @Test func aRenamedOrMovedSectionBringsNothingOld() {
        let renamed = Self.ragged.replacing("## Segmentation", with: "## Medical Image Segmentation")
        #expect(Self.findings(base: Self.ragged, head: renamed, changed: [1]).isEmpty)
        let moved = "## Detection\n\n- [YOLO](https://arxiv.org/abs/1506.02640)\n\n" + Self.ragged
        #expect(Self.findings(base: Self.ragged + "\n\n## Detection\n\n- [YOLO](https://arxiv.org/abs/1506.02640)\n",
                              head: moved, changed: Array(1...11)).isEmpty)
    }

    /// A new defect in an entry that had another is new, and so is a third copy of a paper
    /// listed twice already.
    @Test func newDefectsAndNewCopiesAreStillFound() {
        let brokeAnother = Self.ragged.replacing("| SAM-Med2D | [paper](https://arxiv.org/abs/2308.16184) | - |",
                                                 with: "| SAM-Med2D | [paper](https://arxiv.org/abs/2308.16184) |")
        #expect(Self.findings(base: Self.ragged, head: brokeAnother, changed: [7]) == ["7 entry-schema"])
        let twice = Self.ragged + "\n| Segment Anything in Medical Images | [paper](https://arxiv.org/abs/2304.12306) | - |"
        let thrice = twice + "\n| Segment Anything in Medical Images | [paper](https://arxiv.org/pdf/2304.12306) | - |"
        #expect(Self.findings(base: twice, head: thrice, changed: [9]) == ["9 duplicate-entry"])
    }

    /// Without a base (a new file), every finding on the changed lines is the change's.
    @Test func aNewListBringsAllItsFindings() {
        let findings = Linter(configuration: DefaultRules.configuration)
            .lintChange(ListParser.parse(Self.ragged), base: nil, path: "a", changedLines: ChangedLines(lines: 1...7))
        #expect(findings.map(\.rule) == ["entry-schema"])
    }

    static let linked = """
    # Papers

    - [Segmentation](#segmentation)
    - [Detection](#detection)

    ## Segmentation

    - [Segment Anything in Medical Images](https://arxiv.org/abs/2304.12306)

    ## Detection

    - [YOLO](https://arxiv.org/abs/1506.02640)
    """

    /// Removing a heading breaks the links to it on lines the change did not touch: the
    /// review reports them there.
    @Test func aRemovedHeadingBreaksTheLinksToItElsewhere() {
        let removed = Self.linked.replacing("## Detection\n\n", with: "")
        #expect(Self.findings(base: Self.linked, head: removed, changed: []) == ["4 toc-anchor"])
    }

    /// A link that pointed nowhere before the change is not the change's, though its message
    /// now suggests a heading the change added.
    @Test func aLinkBrokenBeforeStaysOutThoughItsSuggestionChanges() {
        let broken = Self.linked.replacing("(#detection)", with: "(#detections)").replacing("## Detection", with: "## Tracking")
        let renamed = broken.replacing("## Tracking", with: "## Detection")
        #expect(Linter(configuration: DefaultRules.configuration).lint(ListParser.parse(renamed), path: "a")
            .map { "\($0.range.start.line) \($0.rule)" } == ["4 toc-anchor"])
        #expect(Self.findings(base: broken, head: renamed, changed: [10]).isEmpty)
    }

    /// A paper link copied onto a third paper is new, though an older pair of entries already
    /// shared it: entries are told apart by their titles too.
    @Test func aLinkCopiedOntoAThirdPaperIsNew() {
        let pair = """
        ## Reconstruction

        - [Solving Inverse Problems in Medical Imaging with Score-Based Generative Models](https://arxiv.org/abs/2111.08005)
        - [Score-based diffusion models for accelerated MRI](https://arxiv.org/abs/2111.08005)
        """
        let three = pair + "\n- [Robust Compressed Sensing MRI with Deep Generative Priors](https://arxiv.org/abs/2111.08005)"
        #expect(Self.findings(base: pair, head: three, changed: [5]) == ["5 duplicate-link"])
    }
}

