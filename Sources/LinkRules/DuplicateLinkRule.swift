import Engine
import Evidence
import Lists
import Markdown
import Settings

/// One paper link attached to two different papers: a copy-paste slip.
public struct DuplicateLinkRule: Rule {
    public static let description = RuleDescription(
        id: "duplicate-link",
        summary: "Two different papers carry the same paper link.",
        rationale: """
        A paper link leads to one paper, so two different entries cannot both be right: the later \
        one was most likely copied from the earlier and not updated. Point each entry to its own \
        paper. Not reported: entries of different kinds (a dataset or a tool links the paper that \
        introduced it), an entry named only by a short name (a model table's `GPT-3` next to the \
        paper's full title elsewhere), titles that are clearly related, and shared code links, \
        since one repository often serves a family of papers (measured on the development corpus, \
        nearly every shared code link was deliberate). The same paper listed twice is \
        duplicate-entry's finding, not this one.
        """,
        severity: .warning,
        triggering: [
            RuleExample("""
            |Paper|PDF|Code|
            |---|---|---|
            |Medsyn: Text-guided anatomy-aware synthesis of high-fidelity 3d ct images|[PDF](https://ieeexplore.ieee.org/abstract/document/10566053/)|[Code](https://github.com/batmanlab/MedSyn)|
            ↓|Diffusion-based data augmentation for skin disease classification|[PDF](https://ieeexplore.ieee.org/abstract/document/10566053)|[Code](https://github.com/batmanlab/MedSyn)|
            """),
            RuleExample("""
            - [Med-Flamingo: a Multimodal Medical Few-shot Learner](https://arxiv.org/abs/2307.15189)
            - [XrayGPT: Chest Radiographs Summarization using Medical Vision-Language Models](https://arxiv.org/abs/2306.07971)
            ↓- [PMC-LLaMA: Towards Building Open-source Language Models for Medicine](https://arxiv.org/pdf/2307.15189v1.pdf)
            """),
        ],
        nonTriggering: [
            RuleExample("""
            |Paper|PDF|Code|
            |---|---|---|
            |Universal and extensible language-vision models for organ segmentation and tumor detection from abdominal computed tomography|[PDF](https://www.sciencedirect.com/science/article/abs/pii/S1361841524001518)|[Code](https://github.com/ljwztc/CLIP-Driven-Universal-Model)|
            |Clip-driven universal model for organ segmentation and tumor detection|[PDF](http://openaccess.thecvf.com/content/ICCV2023/html/Liu_CLIP-Driven_Universal_Model_for_Organ_Segmentation_and_Tumor_Detection_ICCV_2023_paper.html)|[Code](https://github.com/ljwztc/CLIP-Driven-Universal-Model)|
            """),
            RuleExample("""
            - Zero-Shot Nuclei Detection via Visual-Language Pre-trained Models [[paper]](https://openreview.net/forum?id=a) [[code]](https://github.com/wuyongjianCODE/VLPMNuD)
            - Surgical-vqa: Visual question answering in surgical scenes using transformer [[paper]](https://openreview.net/forum?id=b) [[code]](http://www.github.com/wuyongjiancode/VLPMNuD.git)
            - [Multiple Prompt Fusion for Zero-Shot Lesion Detection](https://openreview.net/forum?id=a2) [code](https://github.com/vios-s)
            - [Another lab paper on chest X-ray report generation](https://openreview.net/forum?id=b2) [code](https://github.com/vios-s/)
            - [A placeholder row](https://example.com) [code](https://example.com)
            - [Another placeholder row](https://example.com) [code](https://example.com)
            """),
            RuleExample("""
            ## Report generation
            - [Fusion of Domain-Adapted Vision and Language Models for Medical VQA](https://arxiv.org/abs/2404.16192)
            ## VQA
            - [Fusion of Domain-Adapted Vision and Language Models for Medical VQA](https://arxiv.org/pdf/2404.16192)
            - [Visual Med-Alpaca: A Parameter-Efficient Biomedical LLM](https://github.com/cambridgeltl/visual-med-alpaca) [code](https://github.com/cambridgeltl/visual-med-alpaca)
            """),
        ]
    )

    public init() {}

    public func check(_ document: ListDocument, in context: RuleContext) -> [Finding] {
        let papers = context.shared.papers(in: document, context: context)
        var firstHolder: [String: Int] = [:]
        var findings: [Finding] = []
        for (position, paper) in papers.enumerated() where !paper.isUnidentifiable {
            let holders = Set(paper.links.compactMap { firstHolder[$0.key] }).sorted()
            let slip = holders.lazy.map { papers[$0] }.compactMap { earlier in
                let shared = Self.wronglyShared(by: paper, and: earlier)
                return shared.isEmpty ? nil : (earlier, shared)
            }.first
            if let (earlier, shared) = slip {
                let (reported, named) = context.orient(later: paper, earlier: earlier)
                findings.append(report(reported, sharing: shared, with: named, in: document.source))
            }
            for link in paper.links where firstHolder[link.key] == nil { firstHolder[link.key] = position }
        }
        return findings
    }

    /// The links of `paper` that `earlier` (the first entry to carry them) also carries and
    /// that two papers can't share: none when they are the same paper, when either names it
    /// only by a short name (`GPT-3` in a model table, the paper's title elsewhere), when they
    /// are entries of different kinds (a dataset links the paper that introduced it), or when
    /// their titles are related and their authors do not say otherwise; else the paper links. A repository serves a family of papers,
    /// so a shared code link is never reported.
    private static func wronglyShared(by paper: Paper, and earlier: Paper) -> [LinkKey] {
        guard paper.evidence(ofSamePaperAs: earlier) == nil, paper.entry.kind == earlier.entry.kind,
              !paper.isNamedOnly, !earlier.isNamedOnly,
              paper.hasOtherAuthors(than: earlier) || !paper.hasRelatedTitle(to: earlier),
              !paper.namesInTitle(of: earlier), !earlier.namesInTitle(of: paper) else { return [] }
        let earlierKeys = Set(earlier.links.filter { $0.role == .paper }.map(\.key))
        return paper.links.filter { $0.role == .paper && earlierKeys.contains($0.key) }
    }

    /// The finding on `paper`, at its first shared paper link, naming `other`.
    private func report(_ paper: Paper, sharing shared: [LinkKey], with other: Paper,
                        in source: SourceText) -> Finding {
        let key = shared[0].key
        func range(in entry: Paper) -> SourceRange {
            entry.links.first { $0.key == key }.flatMap { entry.entry.range(of: $0.link, in: source) }
                ?? entry.entry.range(in: source)
        }
        // The other entry named at its copy of the link, as this one is reported at its own.
        let related = range(in: other)
        let message = "This entry's paper link is also on \(other.entry.label(atLine: related.start.line)), a different "
            + "paper: one of them was probably copied by mistake; give each paper its own link."
        return finding(message, at: range(in: paper), related: [related])
    }
}
