import Engine
import Evidence
import Foundation
import Lists
import Markdown
import Papers
import Settings

/// A code link that is not a paper's code repository: a link to a web page off the code
/// hosts, to an account page rather than a repository, or to a general-purpose library.
public struct CodeLinkRule: Rule {
    /// The `opaque-hosts` option.
    public static let opaqueHosts = OptionKey<[String]>("opaque-hosts", default: [
        "aka.ms", "bit.ly", "git.io", "t.co", "goo.gl", "tinyurl.com", "ow.ly", "is.gd", "buff.ly", "rb.gy", "t.ly",
        "shorturl.at", "cutt.ly", "s.id", "dwz.cn", "url.cn", "drive.google.com", "docs.google.com",
        "pan.baidu.com", "dropbox.com", "onedrive.live.com", "1drv.ms", "box.com", "mega.nz",
    ],
        "Short-link and file-sharing hosts: their links may lead to code, so they are never reported.")

    /// The `non-repository-paths` option.
    public static let nonRepositoryPaths = OptionKey<[String]>("non-repository-paths", default: [
        "orgs", "users", "topics", "search", "sponsors", "marketplace", "features", "settings", "explore",
        "trending", "collections", "apps",
    ],
        "First path segments on a code host that name a listing or account page, not a repository.")

    public static let description = RuleDescription(
        id: "code-link",
        summary: "A code link points to a page that is not the paper's code repository.",
        rationale: """
        Readers follow a code link to get the paper's code. A link to a paper page, a project or \
        dataset home page, a user or organisation page, or a general library (the vocabulary's \
        'code.unrelated-repositories') sends them elsewhere: link the repository itself, or label \
        the link as what it is (paper, project, dataset). Only code hosts count as code (the git \
        hosts and the vocabulary's 'code.hosts'; 'gitlab.*' stands for any host whose name \
        starts with 'gitlab.'). Short links and file shares (the option 'opaqueHosts') may lead anywhere, so \
        they are left alone. A library is not reported when the entry's own title or name names it. \
        An organisation page may be the project's own home (`github.com/HDETR`), so it is a note. \
        A link off the code hosts is often a project page that links the code, so that finding is \
        a note; a paper page, a host's home page or a library in place of the repository is a \
        warning (on the development corpus, half the organisation pages were the project's own).
        """,
        severity: .warning,
        options: [
            Self.opaqueHosts.declaration,
            Self.nonRepositoryPaths.declaration,
        ],
        triggering: [
            RuleExample("""
            |Paper|PDF|Code|
            |---|---|---|
            |A vision-language model for chest X-ray generation|[PDF](https://www.nature.com/articles/s41551-024-01246-y)|[Code](↓https://stanfordmlgroup.github.io/competitions/chexpert/)|
            |Surgical Text-to-Image Generation|[PDF](https://arxiv.org/abs/2407.09230)|[Code](↓https://camma-public.github.io/endogen/)|
            |Multiple Prompt Fusion for Zero-Shot Lesion Detection|[PDF](https://link.springer.com/chapter/10.1007/978-3-031-43904-9_28)|[Code](↓https://github.com/vios-s)|
            |Clinical-BERT: Vision-Language Pre-training for Radiograph Diagnosis|[PDF](https://ojs.aaai.org/index.php/AAAI/article/view/20204)|[Code](↓https://github.com/fxsjy/jieba)|
            |RepsNet: Combining Vision with Language for Automated Medical Reports|[PDF](https://link.springer.com/chapter/10.1007/978-3-031-16443-9_68)|[Code](↓https://sites.google.com/view/repsnet)|
            """),
            RuleExample("""
            `arXiv 2023` **Masked Contrastive Reconstruction for Cross-modal Medical Image-Report Retrieval** \\
            *Zeqiang Wei, Kai Jin, Xiuzhuang Zhou* \\
            [[paper](https://arxiv.org/abs/2312.15840)] [[code](↓https://ieeexplore.ieee.org/abstract/document/10182304/)]
            """),
            RuleExample("""
            - Customized Segment Anything Model for Medical Image Segmentation. [[paper]](https://arxiv.org/abs/2304.13785) [[code]](↓https://github.com/hitachinskSAMed)
            - A model on the bare host. [[paper]](https://arxiv.org/abs/2304.00001) [[code]](↓https://github.com)
            - A model under an organisation listing. [[paper]](https://arxiv.org/abs/2304.00002) [[code]](↓https://github.com/orgs/some-lab/repositories)
            """),
        ],
        nonTriggering: [
            RuleExample("""
            |Paper|PDF|Code|
            |---|---|---|
            |BERTHop: An Effective Vision-and-Language Model|[PDF](https://link.springer.com/chapter/10.1007/978-3-031-16443-9_69)|[Code](https://github.com/monajati/BERTHop)|
            |Surgical-vqa: Visual question answering in surgical scenes|[PDF](https://link.springer.com/chapter/10.1007/978-3-031-16449-1_4)|[Code](https://github.com/lalithjets/Surgical_VQA.git)|
            |A model on a self-hosted GitLab|[PDF](https://arxiv.org/abs/2301.00001)|[Code](https://gitlab.lrz.de/lab/model)|
            |A model with weights|[PDF](https://arxiv.org/abs/2301.00002)|[Code](https://huggingface.co/microsoft/model)|
            |A paper with a gist|[PDF](https://arxiv.org/abs/2301.00003)|[Code](https://gist.github.com/someone/0123abcd)|
            |TandemNet: no code|[PDF](https://link.springer.com/chapter/10.1007/978-3-319-66179-7_37)|-|
            """),
            RuleExample("""
            `arXiv 2023` **MAIRA-1: A specialised large multimodal model for radiology report generation** \\
            *Stephanie L. Hyland, Shruthi Bannur* \\
            [[paper]](https://arxiv.org/abs/2311.13668) [[code]](https://aka.ms/maira) [[project]](https://example.github.io/maira/)
            """),
            RuleExample("""
            - Jieba: fast Chinese word segmentation, as a paper. [[paper]](https://arxiv.org/abs/2301.00004) [[code]](https://github.com/fxsjy/jieba)
            - A model whose code is a zip. [[paper]](https://arxiv.org/abs/2301.00005) [[code]](https://drive.google.com/file/d/abc/view)
            """),
        ]
    )

    public init() {}

    public func check(_ document: ListDocument, in context: RuleContext) -> [Finding] {
        let codeHosts = LinkURL.repositoryHosts + context.vocabulary.codeHosts
        let opaqueHosts = context[Self.opaqueHosts]
        let listingPaths = Set(context[Self.nonRepositoryPaths].map { $0.lowercased() })
        let libraries = Set(context.vocabulary.unrelatedRepositories.map { $0.lowercased() })
        return document.entries.flatMap { entry in
            entry.links.compactMap { link -> Finding? in
                guard link.kind == .code, let address = HostURL(link.url), !address.isOn(anyOf: opaqueHosts) else { return nil }
                let problem: String
                if LinkURL.isPaperPage(link.url) {
                    problem = "is a paper page on \(address.host), not code: link the repository, or label the link as the paper"
                } else if !address.isOn(anyOf: codeHosts) {
                    // Often a project page that links the code: a judgement, a note.
                    return finding("The code link of \(entry.label) points to \(address.host), which is not a code host: "
                                   + "link the repository itself, or label the link as what it is (project, dataset).",
                                   at: entry.range(of: link, in: document.source) ?? entry.range(in: document.source))
                        .with(severity: .note)
                } else if address.pathSegments.isEmpty {
                    problem = "is the home page of \(address.host), not a repository: link the repository itself"
                } else if address.pathSegments.count < 2 || listingPaths.contains(address.pathSegments[0].lowercased()) {
                    // An organisation may be the project's own home (`github.com/HDETR`, holding its
                    // repositories for several tasks): a judgement, a note.
                    return finding("The code link of \(entry.label) is a user or organisation page on \(address.host), "
                                   + "not a repository: link the repository itself.",
                                   at: entry.range(of: link, in: document.source) ?? entry.range(in: document.source))
                        .with(severity: .note)
                } else if let repository = address.repositoryPath, libraries.contains(repository.lowercased()),
                          !Self.entry(entry, names: repository) {
                    problem = "is \(repository), a general-purpose library, not this paper's code: link the paper's own repository"
                } else {
                    return nil
                }
                return finding("The code link of \(entry.label) \(problem).",
                               at: entry.range(of: link, in: document.source) ?? entry.range(in: document.source))
            }
        }
    }

    /// Whether the entry's title or name names the repository (a paper about the library itself).
    private static func entry(_ entry: Entry, names repository: String) -> Bool {
        func letters(_ text: String) -> String { text.lowercased().filter { $0.isLetter || $0.isNumber } }
        let name = letters(String(repository.split(separator: "/").last ?? ""))
        return !name.isEmpty && [entry.title, entry.name].compactMap { $0 }.contains { letters($0).containsBytes(name) }
    }
}
