import Engine
import EntryRules
import Foundation
import LinkRules
import Lists
import Markdown
import Rules
import Settings
import Testing

/// duplicate-entry, duplicate-link and year-mismatch on the bundled seeds (exact findings) and
/// on lists made for the traps: identifier forms, title spellings, short and numbered titles,
/// cross-listing, shared repositories, venues and dates, and list size.
@Suite struct DuplicateTests {
    static func run(_ rule: any Rule, on document: ListDocument, options: [String: ConfigValue] = [:],
                    changedLines: ChangedLines? = nil) -> [Finding] {
        var context = DefaultRules.context(for: type(of: rule).description)
        context.options.merge(options) { $1 }
        context.changedLines = changedLines
        return rule.check(document, in: context)
    }

    /// The rule on a bundled seed (read as the schema tests read them).
    static func run(_ rule: any Rule, seed: String) throws -> [Finding] {
        run(rule, on: try DefaultRules.seed(seed))
    }

    static func run(_ rule: any Rule, _ text: String, options: [String: ConfigValue] = [:]) -> [Finding] {
        run(rule, on: ListParser.parse(text), options: options)
    }

    /// Each finding as its line and severity, for exact comparisons.
    static func lines(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.range.start.line) \($0.severity.rawValue)" }
    }

    // MARK: Seeds

    static let expectedOnSeeds: [String: [String: [String]]] = [
        "duplicate-entry": ["002_978e9d997ce1388e": ["112 error"], "003_2cec8cdf71660f63": ["109 note", "116 note"]],
        "duplicate-link": ["002_978e9d997ce1388e": ["135 warning"]],
        "year-mismatch": ["003_2cec8cdf71660f63": ["39 warning"]],
    ]

    @Test(arguments: DefaultRules.seedNames)
    func seedFindingsAreExactlyTheKnownOnes(seed: String) throws {
        for rule in [DuplicateEntryRule(), DuplicateLinkRule(), YearMismatchRule()] as [any Rule] {
            let id = type(of: rule).description.id
            #expect(Self.lines(try Self.run(rule, seed: seed)) == Self.expectedOnSeeds[id]?[seed] ?? [], "\(id) on \(seed)")
        }
    }

    @Test func seedDuplicatesNameTheEarlierListing() throws {
        let vqa = try #require(try Self.run(DuplicateEntryRule(), seed: "002_978e9d997ce1388e").first)
        #expect(vqa.related.map(\.start.line) == [105])
        #expect(vqa.message.contains("line 105") && vqa.message.contains("'VLM in Medical image VQA'")
            && vqa.message.contains("2404.16192"))
        let crossListed = try Self.run(DuplicateEntryRule(), seed: "003_2cec8cdf71660f63")
        #expect(crossListed.map { $0.related.map(\.start.line) } == [[38], [92]])
        #expect(crossListed[1].message.contains("line 92 in 'Summary'"))
    }

    @Test func seedSharedPaperLinkIsReportedAtTheLink() throws {
        let finding = try #require(try Self.run(DuplicateLinkRule(), seed: "002_978e9d997ce1388e").first)
        #expect(finding.range.start == SourcePosition(line: 135, column: 141))
        #expect(finding.related.map(\.start.line) == [134])
        #expect(finding.message.contains("'Medsyn") && finding.message.contains("line 134"))
    }

    @Test func seedDateIsReportedOnTheDateText() throws {
        let finding = try #require(try Self.run(YearMismatchRule(), seed: "003_2cec8cdf71660f63").first)
        #expect(finding.range == SourceRange(start: SourcePosition(line: 39, column: 6), end: SourcePosition(line: 39, column: 12)))
        #expect(finding.message.contains("2022.07") && finding.message.contains("2021.08") && finding.fix == nil)
    }

    // MARK: duplicate-entry

    @Test(arguments: [
        ("https://arxiv.org/abs/2303.08774", "https://arxiv.org/pdf/2303.08774v3.pdf"),
        ("https://arxiv.org/html/2303.08774v2", "https://doi.org/10.48550/arXiv.2303.08774"),
        ("https://doi.org/10.1109/ICCV48922.2021.00391", "https://dx.doi.org/10.1109/iccv48922.2021.00391"),
    ])
    func identifierFormsAreOnePaper(first: String, second: String) {
        let list = "## A\n- [MedCLIP: Contrastive Learning from Unpaired Medical Images](\(first))\n"
            + "- [Contrastive Learning from Unpaired Medical Images and Text](\(second))\n"
        #expect(Self.lines(Self.run(DuplicateEntryRule(), list)) == ["3 error"])
    }

    @Test(arguments: [
        ("Medical Vision-Language Pre-training: A Survey", "medical vision language pretraining — a survey"),
        ("Ariadne’s Thread: Using Text Prompts", "Ariadne's thread – using text prompts"),
        ("ＭｅｄＣＬＩＰ： Contrastive Learning", "MedCLIP: Contrastive  Learning"),
        ("Pérez-García’s Model", "Perez-Garcia's model"),
        ("Segment Anything", "Segment anything."),
        ("Knowledge-enhanced visual-language pre-training on chest radiology images",
         "Knowledge enhanced visual language pretraining on chest radiology images"),
        ("BiomedGPT: A Unified and Generalist Biomedical Generative Pre-trained Transformer",
         "BiomedGPT: A Unified and Generalist Biomedical Generative Pretrained Transformers"),
        ("MAIRA-1: A specialised large multimodal model for radiology report generation",
         "MAIRA-1: A specialized large multimodal model for radiology report generation"),
        ("One Model to Rule them All: Towards Universal Segmentation for Medical Images",
         "One Model to Rule them All: Universal Segmentation for Medical Images"),
        ("A Foundation Language-Image Model of the Retina: Encoding Expert Knowledge",
         "A Foundation Language-Image Model of the Retina: Encoding Expert Knowlege"),
    ])
    func titleSpellingsAreOnePaper(first: String, second: String) {
        let list = "## A\n- [\(first)](https://openreview.net/forum?id=1)\n- [\(second)](https://openreview.net/forum?id=2)\n"
        #expect(Self.run(DuplicateEntryRule(), list).map(\.range.start.line) == [3], "\(first) / \(second)")
    }

    /// In one section: one title on one page is certain, one title on two pages (preprint and
    /// proceedings, as real lists often hold) probable, a short or nearly equal title a note.
    @Test(arguments: [
        ("Optimal Goal-Reaching Reinforcement Learning via Quasimetric Learning", "https://arxiv.org/abs/x",
         "Optimal Goal-Reaching Reinforcement Learning via Quasimetric Learning", "https://arxiv.org/abs/x/", "error"),
        ("Optimal Goal-Reaching Reinforcement Learning via Quasimetric Learning", "https://openreview.net/forum?id=a",
         "Optimal Goal-Reaching Reinforcement Learning via Quasimetric Learning", "https://proceedings.mlr.press/v1/a.html", "warning"),
        ("Generalized Domain Adaptation", "https://openreview.net/forum?id=a",
         "Generalized Domain Adaptation", "https://openaccess.thecvf.com/a.html", "note"),
        ("A Foundation Language-Image Model of the Retina: Encoding Expert Knowledge", "https://openreview.net/forum?id=a",
         "A Foundation Language-Image Model of the Retina: Encoding Expert Knowlege", "https://openreview.net/forum?id=a", "note"),
    ])
    func sameSectionSeverityFollowsTheEvidence(first: String, firstURL: String, second: String, secondURL: String,
                                               severity: String) {
        let list = "## A\n- [\(first)](\(firstURL))\n- [\(second)](\(secondURL))\n"
        #expect(Self.lines(Self.run(DuplicateEntryRule(), list)) == ["3 \(severity)"])
    }

    @Test(arguments: [
        ("Segment Anything", "Segment Anything in Medical Images"),
        ("Segment Anything", "Segment Anything Model"),
        ("Towards Generalist Biomedical AI", "Generalist Biomedical AI"),
        ("SAM-Med2D", "SAM-Med3D"),
        ("Towards Generalist Biomedical AI", "Towards Generalist Medical AI"),
        ("Llama 2: Open Foundation and Fine-Tuned Chat Models", "Llama 3: Open Foundation and Fine-Tuned Chat Models"),
        ("Medical image segmentation benchmark for 3D data", "Medical image segmentation benchmark for 2D data"),
        ("Self-supervised learning for medical image analysis using context", "Semi-supervised learning for medical image analysis using context"),
        ("Foundation models for medical imaging: a review, part I", "Foundation models for medical imaging: a review, part II"),
        ("Zero-shot lesion detection with vision-language models in CT", "Few-shot lesion detection with vision-language models in CT"),
        ("Intra-modal contrastive learning for chest X-ray report generation", "Inter-modal contrastive learning for chest X-ray report generation"),
        ("Learning from unpaired chest X-rays and radiology reports", "Learning from paired chest X-rays and radiology reports"),
        ("Radiology report generation with a learned knowledge base", "Radiology report generation with a learned knowledge base and memory"
            + " network for the chest X-ray"),
    ])
    func differentPapersWithSimilarTitlesAreLeftAlone(first: String, second: String) {
        let list = "## A\n- [\(first)](https://openreview.net/forum?id=1)\n- [\(second)](https://openreview.net/forum?id=2)\n"
        #expect(Self.run(DuplicateEntryRule(), list).isEmpty, "\(first) / \(second)")
    }

    /// A conference paper and its journal version may share a title under two DOIs.
    @Test func sameTitleUnderTwoDOIsIsTwoVersions() {
        let list = """
        ## A
        - [Multi-modal masked autoencoders for medical vision-and-language pre-training](https://doi.org/10.1007/978-3-031-16443-9_65)
        - [Multi-modal masked autoencoders for medical vision-and-language pre-training](https://doi.org/10.1109/TMI.2024.1)
        """
        #expect(Self.run(DuplicateEntryRule(), list).isEmpty)
    }

    /// One long title under two arXiv ids is a slip (the paper twice, or its title copied onto
    /// another paper's entry), probable but not certain; a short title may be two papers'.
    @Test func sameTitleUnderTwoArxivIdsIsASlip() {
        let list = """
        ## A
        - [Vision-Language Models for Medical Report Generation: A Review](https://arxiv.org/abs/2403.02469)
        - [Vision-Language Models for Medical Report Generation: A Review](https://arxiv.org/abs/2405.11111)
        - [Deep Learning for Segmentation](https://arxiv.org/abs/2101.00001)
        - [Deep Learning for Segmentation](https://arxiv.org/abs/2102.00002)
        """
        #expect(Self.run(DuplicateEntryRule(), list).map { "\($0.range.start.line) \($0.severity)" } == ["3 warning"])
    }

    @Test func preprintAndPublishedVersionWithOneTitleAreOnePaper() {
        let list = """
        ## A
        - [Multi-modal masked autoencoders for medical vision-and-language pre-training](https://doi.org/10.48550/arXiv.2209.07098)
        - [Multi-modal masked autoencoders for medical vision-and-language pre-training](https://doi.org/10.1007/978-3-031-16443-9_65)
        """
        #expect(Self.lines(Self.run(DuplicateEntryRule(), list)) == ["3 warning"])
    }

    @Test func sameIdentifierWithUnrelatedTitlesIsLeftToDuplicateLink() {
        let list = """
        - [Med-Flamingo: a Multimodal Medical Few-shot Learner](https://arxiv.org/abs/2307.15189)
        - [PMC-LLaMA: Towards Building Open-source Language Models for Medicine](https://arxiv.org/abs/2307.15189)
        """
        #expect(Self.run(DuplicateEntryRule(), list).isEmpty)
        #expect(Self.lines(Self.run(DuplicateLinkRule(), list)) == ["2 warning"])
    }

    static let crossListed = """
    ## Summary
    | Year | Paper | Links |
    |---|---|---|
    | 2023/01 | Learning to Exploit Temporal Structure for Biomedical Vision-Language Processing | [paper](https://arxiv.org/abs/2301.04558) |
    | 2023/04 | Segment Anything in Medical Images | [paper](https://openreview.net/forum?id=medsam) |

    ## Segmentation
    - [Segment Anything in Medical Images](https://openreview.net/forum?id=medsam-journal)
    - [Segment anything in medical images](https://openreview.net/forum?id=medsam-journal)

    ## Pre-training
    - [Learning to exploit temporal structure for biomedical vision-language processing](https://arxiv.org/pdf/2301.04558v2.pdf)
    """

    @Test func crossSectionRepeatsAreNotesAndSameSectionRepeatsErrors() {
        let findings = Self.run(DuplicateEntryRule(), Self.crossListed)
        #expect(Self.lines(findings) == ["8 note", "9 error", "12 note"])
        #expect(findings.map { $0.related.map(\.start.line) } == [[5], [8], [4]])
        #expect(findings[0].message.contains("line 5 in 'Summary'") && findings[0].message.contains("'title:Segment Anything in Medical Images'"))
        #expect(findings[2].message.contains("'arxiv:2301.04558'"))
    }

    @Test func allowExemptsCrossListingButNeverARepeatInOneSection() {
        let allow: [String: ConfigValue] = ["allow": .list(["arXiv:2301.04558v2", "title: segment anything in medical images"])]
        #expect(Self.lines(Self.run(DuplicateEntryRule(), Self.crossListed, options: allow)) == ["9 error"])
        let byDOI = "## A\n- [A paper](https://doi.org/10.1000/ABC)\n## B\n- [A paper](https://doi.org/10.1000/abc)\n"
        #expect(Self.lines(Self.run(DuplicateEntryRule(), byDOI)) == ["4 note"])
        #expect(Self.run(DuplicateEntryRule(), byDOI, options: ["allow": .list(["doi:https://doi.org/10.1000/abc"])]).isEmpty)
    }

    @Test func aHomePageOnlyPlaceholderHostKeepsItsOtherPages() {
        let list = """
        - [Segment Anything in Medical Images](https://sites.google.com/view/medsam)
        - [Segment Anything in Medical Images](https://google.com/)
        - [Segment Anything in Medical Images](https://sites.google.com/view/medsam-2)
        """
        #expect(Self.lines(Self.run(DuplicateEntryRule(), list)) == ["3 warning"])
    }

    @Test func placeholdersAndBareEntriesAreIgnored() {
        let list = """
        | Index | Paper Names | PDF Link |
        |:----:|:----------|:-----------|
        | 17 | 项目A | [PDF](https://google.com) |
        | 18 | 项目A | [PDF](https://google.com) |
        | 19 | Some title | [PDF](https://www.example.com/) |
        | 20 | Some title | [PDF](https://example.com) |
        | 21 | - | - |
        | 22 | - | - |
        | 23 | TODO: add the paper | - |
        | 24 | TODO: add the paper | - |
        | 25 | Some other title | [PDF](https://google.com/) |
        | 26 | Some other title | [PDF](https://docs.example.com/x) |
        """
        #expect(Self.run(DuplicateEntryRule(), list).isEmpty)
        #expect(Self.run(DuplicateLinkRule(), list).isEmpty)
    }

    /// 2,000 entries with a planted repeat every 200: found exactly, and nothing else. (How fast
    /// lookups keep a list of 100,000 is `scripts/bench`'s to measure, not a test's.)
    @Test func plantedRepeatsInALongListAreFoundExactly() {
        let topics = ["segmentation", "detection", "report", "retrieval", "grounding", "captioning", "diagnosis"]
        var lines = ["## All"]
        var planted: [String] = []
        for number in 0..<2_000 {
            let words = (0..<5).map { topics[(number / (1 + $0 * 7)) % topics.count] }.joined(separator: " ")
            lines.append("- [Paper \(number) on \(words) of medical images](https://arxiv.org/abs/\(2301 + number % 9).\(String(format: "%05d", number)))")
            if number % 200 == 199 {
                lines.append("- [paper \(number) on \(words) of medical image](https://openreview.net/forum?id=\(number))")
                planted.append("\(lines.count) note")
            }
        }
        let document = ListParser.parse(lines.joined(separator: "\n"))
        #expect(planted.count == 10)
        #expect(Self.lines(Self.run(DuplicateEntryRule(), on: document)) == planted)
        #expect(Self.run(DuplicateLinkRule(), on: document).isEmpty)
    }

    static let pairs: [([Int], Int, Int)] = [([2], 2, 3), ([3], 3, 2), ([2, 3], 3, 2), ([1], 3, 2)]

    /// In a reviewed change, a finding goes on the changed side of the pair, which may be the
    /// earlier entry (a copy inserted above the original), and names the other.
    @Test(arguments: pairs)
    func reviewedDuplicateIsReportedOnTheChangedEntry(changed: [Int], reported: Int, named: Int) {
        let list = """
        ## A
        - [Fusion of Domain-Adapted Vision and Language Models for Medical VQA](https://arxiv.org/abs/2404.16192)
        - [Fusion of Domain-Adapted Vision and Language Models for Medical VQA](https://openreview.net/forum?id=copy)
        """
        let findings = Self.run(DuplicateEntryRule(), on: ListParser.parse(list), changedLines: ChangedLines(lines: changed))
        #expect(findings.map(\.range.start.line) == [reported] && findings.map { $0.related.map(\.start.line) } == [[named]])
        #expect(findings.first?.message.contains("line \(named)") == true)
    }

    @Test(arguments: pairs)
    func reviewedLinkSlipIsReportedOnTheChangedEntry(changed: [Int], reported: Int, named: Int) {
        let list = """
        ## A
        - [Fusion of Domain-Adapted Vision and Language Models for Medical VQA](https://openreview.net/forum?id=a) [code](https://github.com/a/fusion)
        - [Diffusion-based data augmentation for skin disease classification](https://openreview.net/forum?id=a) [code](https://github.com/b/skin)
        """
        let findings = Self.run(DuplicateLinkRule(), on: ListParser.parse(list), changedLines: ChangedLines(lines: changed))
        #expect(findings.map(\.range.start.line) == [reported] && findings.map { $0.related.map(\.start.line) } == [[named]])
        #expect(findings.first?.message.contains("line \(named)") == true)
    }

    // MARK: duplicate-link

    /// A repository often serves a family of papers (a method and its extension, a lab's
    /// toolbox), so a shared code link is never reported; a shared paper link is.
    @Test func sharedCodeLinksAreLeftAloneAndSharedPaperLinksReported() {
        let list = """
        - [Zero-Shot Nuclei Detection via Visual-Language Pre-trained Models](https://openreview.net/forum?id=a) [code](https://github.com/wuyongjianCODE/VLPMNuD)
        - [Surgical-vqa: Visual question answering in surgical scenes](https://openreview.net/forum?id=b) [code](http://www.github.com/wuyongjiancode/VLPMNuD.git)
        - [Multiple Prompt Fusion for Zero-Shot Lesion Detection](https://openreview.net/forum?id=d) [code](https://github.com/vios-s)
        - [Chest X-ray report generation with memory](https://openreview.net/forum?id=d) [code](https://github.com/vios-s)
        """
        let findings = Self.run(DuplicateLinkRule(), list)
        #expect(Self.lines(findings) == ["4 warning"])
        #expect(findings.first?.related.map(\.start.line) == [3])
        #expect(findings.first?.message.contains("paper link is also on 'Multiple Prompt Fusion") == true)
    }

    /// A paper and its extended version (related titles) may share a page, as a conference
    /// paper linking its journal version does: not a slip.
    @Test func sharedPaperLinkBetweenRelatedTitlesIsLeftAlone() {
        let list = """
        |Paper|PDF|Code|
        |---|---|---|
        |Universal and extensible language-vision models for organ segmentation and tumor detection|[PDF](https://www.sciencedirect.com/science/article/pii/S1361841524001518)|[Code](https://github.com/ljwztc/CLIP-Driven-Universal-Model)|
        |Clip-driven universal model for organ segmentation and tumor detection|[PDF](https://sciencedirect.com/science/article/pii/S1361841524001518/)|[Code](https://github.com/ljwztc/CLIP-Driven-Universal-Model)|
        """
        #expect(Self.run(DuplicateLinkRule(), list).isEmpty)
        #expect(Self.run(DuplicateEntryRule(), list).isEmpty)
    }

    // MARK: year-mismatch

    /// Five preprints dated as arXiv dates them: a list of that habit, where a differing date
    /// is a probable slip.
    static let arxivDatedHabit = """
    - [2023.04] [Segment Anything in Medical Images](https://arxiv.org/abs/2304.12306)
    - [2023.03] [GPT-4 Technical Report](https://arxiv.org/abs/2303.08774)
    - [2023.01] [BLIP-2: Bootstrapping Language-Image Pre-training](https://arxiv.org/abs/2301.12597)
    - [2023.12] [Gemini: A Family of Highly Capable Multimodal Models](https://arxiv.org/abs/2312.11805)
    - [2024.03] [Gemini 1.5: Unlocking multimodal understanding](https://arxiv.org/abs/2403.05530)
    """

    @Test(arguments: [
        ("- [2023.07] [A preprint](https://arxiv.org/abs/2304.11111)", "2023.07", 4),
        ("- [A preprint](https://arxiv.org/abs/2304.11111) (arXiv 2024)", "2024", 57),
        ("- [CoRR 2022] [A preprint](https://arxiv.org/abs/2304.11111)", "2022", 9),
        ("- [2002] [An old preprint](https://arxiv.org/abs/math.GT/0309136)", "2002", 4),
        ("- [A 2023 study](https://arxiv.org/abs/2210.02023) (2023)", "2023", 53),
    ])
    func preprintDatesContradictingTheIdentifierAreReported(line: String, date: String, column: Int) throws {
        let findings = Self.run(YearMismatchRule(), line + "\n" + Self.arxivDatedHabit)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.range == SourceRange(start: SourcePosition(line: 1, column: column),
                                             end: SourcePosition(line: 1, column: column + date.utf8.count - 1)))
        #expect(finding.message.hasPrefix("The date \(date) contradicts"))
        #expect(finding.message.contains("while 5 of the 6 preprints the list dates like it follow their arXiv dates"))
    }

    @Test(arguments: [
        "- [2023.04] [A preprint](https://arxiv.org/abs/2304.11111)",
        "- [A preprint](https://arxiv.org/abs/2304.11111) (2023)",
        "- [MICCAI 2022] [A paper posted after the conference](https://arxiv.org/abs/2304.11111)",
        "- [Nature 2024] [A journal version](https://arxiv.org/abs/2304.11111)",
        "- [2001.12] [An old preprint](https://arxiv.org/abs/cs/0112017)",
        "- [2023] [A paper without arXiv](https://doi.org/10.1000/x)",
    ])
    func consistentOrPublishedDatesAreLeftAlone(line: String) {
        #expect(Self.run(YearMismatchRule(), line + "\n" + Self.arxivDatedHabit).isEmpty, "\(line)")
    }

    /// A list that dates its preprints by something else (publication, release, when they were
    /// added) is no evidence: there a differing date is no slip.
    @Test func aListOfAnotherDatingHabitIsLeftAlone() {
        let addedDates = Self.arxivDatedHabit.replacing("[2023.", with: "[2024.")
        #expect(Self.run(YearMismatchRule(), addedDates).isEmpty)
        #expect(Self.run(YearMismatchRule(), "- [2022.07] [A preprint](https://arxiv.org/abs/2108.07258)\n" + Self.arxivDatedHabit).count == 1)
    }

    /// An arXiv id under two titles is itself in doubt: duplicate-link reports it, and its date
    /// says nothing about the entry's.
    @Test func anIDTwoTitlesCarryIsNotJudged() {
        let list = "- [2022.01] [Another paper](https://arxiv.org/abs/2304.12306)\n" + Self.arxivDatedHabit
        #expect(Self.run(YearMismatchRule(), list).isEmpty)
        #expect(Self.lines(Self.run(DuplicateLinkRule(), list)) == ["2 warning"])
    }

    /// A table column of release dates keeps its own habit beside a list dated by arXiv.
    @Test func aDateColumnOfItsOwnHabitIsJudgedAlone() {
        let releases = """
        | Model | Release Time | Paper |
        |---|---|---|
        | LaMDA | 2021/05 | [paper](https://arxiv.org/abs/2201.08239) |
        | MT-NLG | 2021/10 | [paper](https://arxiv.org/abs/2201.11990) |
        | InstructGPT | 2022/01 | [paper](https://arxiv.org/abs/2203.02155) |
        | BLOOM | 2022/07 | [paper](https://arxiv.org/abs/2211.05100) |
        | GLM-130B | 2022/08 | [paper](https://arxiv.org/abs/2210.02414) |
        | OPT | 2022/05 | [paper](https://arxiv.org/abs/2205.01068) |

        """
        #expect(Self.run(YearMismatchRule(), releases + Self.arxivDatedHabit).isEmpty)
        let slip = releases + Self.arxivDatedHabit + "\n- [2021.03] [A preprint](https://arxiv.org/abs/2304.11111)\n"
        #expect(Self.run(YearMismatchRule(), slip).map(\.range.start.line) == [14])
    }

    @Test func preprintVenuesAreAnOption() {
        let list = "- [medRxiv 2024] [A preprint](https://arxiv.org/abs/2304.11111)\n" + Self.arxivDatedHabit
        #expect(Self.run(YearMismatchRule(), list).isEmpty)
        #expect(Self.run(YearMismatchRule(), list, options: ["preprint-venues": .list(["medRxiv"])]).count == 1)
    }
}
