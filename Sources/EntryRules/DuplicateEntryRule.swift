import Engine
import Evidence
import Lists
import Markdown
import Settings

/// A paper listed twice in one list: by arXiv id, DOI, paper link, title or near-identical
/// title. How sure a finding is decides its severity: the same identifier twice in one section
/// is an error, a matching title weaker evidence; a repeat across sections is a note.
public struct DuplicateEntryRule: Rule {
    /// The `allow` option.
    public static let allow = OptionKey<[String]>("allow", default: [],
        "Papers deliberately listed in several sections, as arxiv:ID, doi:DOI or title:Exact Title; "
        + "never exempts a repeat within one section.")

    public static let description = RuleDescription(
        id: "duplicate-entry",
        summary: "A paper is listed twice: same arXiv id, DOI, paper link or (nearly) the same title.",
        rationale: """
        A paper listed twice in one section is a merge or copy-paste slip: remove one copy. The same \
        arXiv id, DOI, or title and paper link twice in one section is certain, an error; the same \
        title on two pages (the preprint and the proceedings) is probable, a warning; a nearly equal \
        title, or a title of three words or fewer, is a note. A repeat across sections is a note: \
        lists file papers under two groupings on purpose (by task and by modality, a survey section \
        and a topic section), and on the development corpus most cross-section repeats, in whole \
        lists and in pull requests, were deliberate. Groups inside a section count as sections: \
        entries parted by a bold label or a rule (`---`), or nested under two different top-level \
        bullets. If it is, add the paper's key (arxiv:ID, \
        doi:DOI or title:Exact Title) to the rule's 'allow' option to silence it. Rows that name \
        different things (two datasets or models of one paper, by their name cells) are not \
        repeats, nor are entries of different kinds: a dataset or a tool links the paper that \
        introduced it, next to that paper's own entry. Numbered references the list cites by their \
        labels elsewhere ([16], [17]) stand for cited places, so a repeat among them is a note. A \
        title that is only a short name (a Model or Name column) says too little to match across \
        sections. Titles match without case, punctuation, accents or hyphenation; a one-word \
        difference counts only for titles of six words or more, and never a different number. \
        Two different titles on one paper link are duplicate-link's finding. One title of six words \
        or more on two entries with different arXiv ids is a warning (a note across sections): \
        either the paper is listed twice, or its title was copied onto another paper; two DOIs \
        under one title are often a conference paper and its journal version, and are left alone.
        """,
        severity: .error,
        options: [
            Self.allow.declaration,
        ],
        triggering: [
            RuleExample("""
            ## VQA
            |Paper|PDF|
            |---|---|
            |Fusion of Domain-Adapted Vision and Language Models for Medical VQA|[PDF](https://arxiv.org/abs/2404.16192)|
            |Open-ended medical visual question answering through prefix tuning|[PDF](https://link.springer.com/chapter/10.1007/978-3-031-43904-9_70)|
            ↓|Fusion of Domain-Adapted Vision and Language Models for Medical VQA|[PDF](https://arxiv.org/pdf/2404.16192v2.pdf)|
            """),
            RuleExample("""
            ## Pre-training
            - [Medical Vision-Language Pre-training: A Survey](https://openreview.net/forum?id=a) (2023)
            - [A different paper about chest X-ray report generation](https://openreview.net/forum?id=b)
            ↓- [medical vision language pretraining — a survey](https://openreview.net/forum?id=c)
            """),
            RuleExample("""
            ## Segmentation
            - MedCLIP-SAM: Bridging text and image towards universal medical image segmentation [[paper]](https://doi.org/10.1007/978-3-031-72390-2_60)
            ↓- Bridging Text and Image Towards Universal Medical Image Segmentation [[paper]](https://link.springer.com/chapter/10.1007/978-3-031-72390-2_60)
            """),
            RuleExample("""
            ## Surveys
            - Vision-Language Models for Medical Report Generation and Visual Question Answering: A Review [[paper]](https://openreview.net/forum?id=1)
            ↓- Vision-Language Models for Medical Report Generation and Visual Question Answering: Review [[paper]](https://openreview.net/forum?id=2)
            ↓- Vision-Language Model for Medical Report Generation and Visual Question Answering: A Review [[paper]](https://openreview.net/forum?id=3)
            """),
            RuleExample("""
            ## Talking heads
            - [Learning to Listen: Modeling Non-Deterministic Dyadic Facial Motion](https://arxiv.org/abs/2410.22901) (Oct., 2024)
            - [EMO: Emote Portrait Alive](https://arxiv.org/abs/2402.17485) (Feb., 2024)
            ↓- [Learning to Listen: Modeling Non-Deterministic Dyadic Facial Motion](https://arxiv.org/abs/2204.08451) (Apr., 2022)
            """),
        ],
        nonTriggering: [
            RuleExample("""
            ## Natural
            | Model | Paper |
            |---|---|
            | SAT | One Model to Rule them All: Towards Universal Segmentation for Medical Images with Text Prompts |
            | SAT | Improving Medical Vision-Language Contrastive Pretraining With Semantics-Aware Triage |
            | SAM | Segment Anything |
            | MedSAM | Segment Anything in Medical Images |
            """),
            RuleExample("""
            ## Natural
            - [BLIP: Bootstrapping Language-Image Pre-training for Unified Vision-Language Understanding and Generation](https://arxiv.org/abs/2201.12086)
            - [BLIP-2: Bootstrapping Language-Image Pre-training with Frozen Image Encoders and Large Language Models](https://arxiv.org/abs/2301.12597)
            - [Gemini: A Family of Highly Capable Multimodal Models](https://arxiv.org/abs/2312.11805)
            - [Gemini 1.5: Unlocking multimodal understanding across millions of tokens of context](https://arxiv.org/abs/2403.05530)
            - [Developing Generalist Foundation Models from a Multimodal Dataset for 3D Computed Tomography](https://openreview.net/forum?id=3d)
            - [Developing Generalist Foundation Models from a Multimodal Dataset for 2D Computed Tomography](https://openreview.net/forum?id=2d)
            """),
            RuleExample("""
            ## Learning
            - [Self-supervised learning for medical image analysis using image context restoration](https://openreview.net/forum?id=a)
            - [Semi-supervised learning for medical image analysis using image context restoration](https://openreview.net/forum?id=b)
            - [Vision-Language Models for Medical Report Generation and Visual Question Answering: A Review](https://arxiv.org/abs/2403.02469)
            - [Vision-Language Models for Medical Report Generation and Visual Question Answering: A Survey](https://arxiv.org/abs/2405.00001)
            - [Universal and extensible language-vision models for organ segmentation](https://openreview.net/forum?id=u) [code](https://github.com/ljwztc/CLIP-Driven-Universal-Model)
            - [Clip-driven universal model for organ segmentation](https://openreview.net/forum?id=c) [code](https://github.com/ljwztc/CLIP-Driven-Universal-Model)
            """),
            RuleExample("""
            | Index | Paper Names | PDF Link |
            |:----:|:----------|:-----------|
            | 17 | TODO | [PDF](https://example.com) |
            | 18 | TODO | [PDF](https://example.com) |
            | 19 | - | - |
            | 20 | - | - |
            """),
        ]
    )

    public init() {}

    public func check(_ document: ListDocument, in context: RuleContext) -> [Finding] {
        let allowed = Set(context[Self.allow].compactMap(Self.allowKey))
        let papers = context.shared.papers(in: document, context: context)
        var index = PaperIndex()
        var repeats: [Repeat] = []
        let groups = EntryGroups(document)
        for (position, paper) in papers.enumerated() where !paper.isUnidentifiable {
            let keys = paper.lookupKeys
            let matches = index.candidates(keys).compactMap { earlier -> Repeat? in
                let first = papers[earlier]
                guard first.entry.kind == paper.entry.kind, !paper.hasOtherName(than: first),
                      let evidence = paper.evidence(ofSamePaperAs: first) else { return nil }
                let together = paper.entry.section == first.entry.section && groups.areTogether(paper.entry, first.entry)
                return Repeat(later: paper, earlier: first, evidence: evidence, isInOneSection: together)
            }
            if let found = matches.first(where: \.isInOneSection) ?? matches.first(where: { !$0.isNameOnly }) {
                repeats.append(found)
            }
            index.add(position, under: keys)
        }
        let cited = Self.citedReferences(among: repeats.flatMap { [$0.later.entry, $0.earlier.entry] }, in: document.source)
        return repeats.compactMap { found in
            if !found.isInOneSection, !allowed.isDisjoint(with: found.later.exactKeys + found.earlier.exactKeys) { return nil }
            let (reported, named) = context.orient(later: found.later, earlier: found.earlier)
            // Numbered references the list cites by number ([16], [17]) each stand for a cited
            // place: merging two would break a citation, so a repeat is only a note.
            let isCited = cited.contains(found.later.entry.lines.lowerBound) && cited.contains(found.earlier.entry.lines.lowerBound)
            return report(reported, duplicating: named, evidence: found.evidence, crossListed: !found.isInOneSection,
                          severity: isCited ? .note : found.severity(), in: document.source)
        }
    }

    /// Two entries of one paper.
    private struct Repeat {
        let later: Paper
        let earlier: Paper
        let evidence: Paper.Evidence
        /// Whether both are filed in one section, and in one group of it (`EntryGroups`).
        let isInOneSection: Bool

        /// A match by titles that are only short names (a Model column), which different
        /// papers share.
        var isNameOnly: Bool {
            !evidence.isIdentifier && (later.entry.title == later.entry.name || earlier.entry.title == earlier.entry.name)
        }

        /// How sure the repeat is: identifiers over titles; a repeat across sections is a note.
        func severity() -> Severity {
            // A title as short as a book's or a common phrase's ("Deep learning") says little.
            let shortTitle = later.title.words.count <= 3
            // Across sections a repeat is a judgement: most lists that repeat a paper in another
            // section file it under two groupings on purpose.
            guard isInOneSection else { return .note }
            switch evidence {
            case .arxiv, .doi:
                return .error
            case .title, .paperLink:
                // One title and one paper page twice in a section is certain; one title on two
                // pages (the preprint and the proceedings) is probable.
                return later.sharesPaperLink(with: earlier) ? .error : shortTitle ? .note : .warning
            case .nearTitle:
                return .note
            case .titleWithOtherArxivId:
                return .warning
            }
        }
    }

    private func report(_ paper: Paper, duplicating other: Paper, evidence: Paper.Evidence, crossListed: Bool,
                        severity: Severity, in source: SourceText) -> Finding {
        let line = "line \(other.entry.lines.lowerBound)"
        let message = evidence == .titleWithOtherArxivId
            ? "This entry has the title of the entry at \(line) in \(other.entry.sectionName) but another arXiv id: the "
                + "same paper listed twice, or a title copied onto another paper; remove the repeat or correct the title."
            : crossListed
            ? "This paper is also listed at \(line) in \(other.entry.sectionName) (\(evidence.phrase)): keep one, or add "
                + "\(Self.allowHint(paper)) to duplicate-entry's allow option if listing it in both sections is deliberate."
            : "This paper is listed twice in \(paper.entry.sectionName): also at \(line) (\(evidence.phrase)); "
                + "remove one of the two."
        var result = finding(message, at: paper.entry.range(in: source), related: [other.entry.range(in: source)])
        result.severity = severity
        return result
    }

    /// What to write in `allow` for this paper, as a message says it.
    private static func allowHint(_ paper: Paper) -> String {
        if let arxiv = paper.arxiv { return "'arxiv:\(arxiv)'" }
        if let doi = paper.doi { return "'doi:\(doi)'" }
        if let title = paper.entry.title, title.count <= 60 { return "'title:\(title)'" }
        return "'title:' and its title"
    }

    /// The entries among `entries` that are numbered references the list cites by their label
    /// elsewhere: they start with a short bracketed label (`[17]`, `[45b]`) another line writes
    /// too. One pass over the list, for all of them.
    private static func citedReferences(among entries: [Entry], in source: SourceText) -> Set<Int> {
        var labels: [String: [Int]] = [:]
        for entry in entries {
            let line = source.line(entry.lines.lowerBound).trimming(.whitespaces)
            guard line.first == "[", let close = line.firstIndex(of: "]") else { continue }
            let label = line[line.index(after: line.startIndex)..<close]
            guard (1...4).contains(label.count), label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
                  label.contains(where: \.isNumber) else { continue }
            labels["[\(label)]", default: []].append(entry.lines.lowerBound)
        }
        guard !labels.isEmpty, source.lineCount > 0 else { return [] }
        var cited: Set<Int> = []
        for number in 1...source.lineCount where source.lineBytes(number).contains(UInt8(ascii: "[")) {
            let text = source.line(number)
            for (label, starts) in labels where text.contains(label) {
                cited.formUnion(starts.filter { $0 != number })
            }
        }
        return cited
    }

    nonisolated(unsafe) private static let version = /v[0-9]+$/

    /// An `allow` item as a key of `Paper.exactKeys`, or nil when it is none of the forms.
    private static func allowKey(_ item: String) -> String? {
        guard let colon = item.firstIndex(of: ":") else { return nil }
        let kind = item[..<colon].trimming(.whitespaces).lowercased()
        let value = item[item.index(after: colon)...].trimming(.whitespaces)
        switch kind {
        case "arxiv": return "arxiv:" + value.lowercased().replacing(Self.version, with: "")
        case "doi": return "doi:" + Paper.normalizedDOI(value)
        case "title": return "title:" + PaperTitle(value).compact
        default: return nil
        }
    }
}
