import Foundation
import Markdown

/// Words that label a link by what it points to (`[code]`, `[PDF]`, `[Project Page]`).
enum LinkLabel {
    private static let kindsByWord: [String: LinkKind] = {
        var table: [String: LinkKind] = [:]
        for word in ["code", "github", "gitlab", "repo", "repository", "source", "source code", "implementation",
                     "official code", "official", "pytorch", "tensorflow", "jax", "codes"] {
            table[word] = .code
        }
        for word in ["paper", "pdf", "arxiv", "doi", "abs", "abstract", "publication", "article",
                     "ieee", "acm", "springer", "openreview", "preprint", "proceedings", "html", "full text",
                     "paper link", "pdf link", "medrxiv", "biorxiv", "pubmed", "journal", "conference"] {
            table[word] = .paper
        }
        for word in ["project", "project page", "page", "homepage", "home page", "website", "web", "site",
                     "demo", "blog", "presentation", "video", "slides", "poster", "model", "models",
                     "huggingface", "hugging face", "weights", "checkpoint", "checkpoints", "talk"] {
            table[word] = .project
        }
        for word in ["dataset", "data", "datasets", "benchmark", "download"] {
            table[word] = .dataset
        }
        return table
    }()

    /// Labels that say only "a link": the column or the URL tells the kind.
    private static let weakLabels: Set<String> = ["link", "links", "url", "here", "web link", "click here"]

    /// The link text with surrounding brackets, emphasis leftovers and spaces removed.
    static func normalize(_ text: String) -> String {
        text.trimming(labelEdges)
    }

    private static let labelEdges = ScalarSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "[]()*_|:"))

    /// The kind a label names, if it is one of the generic labels.
    static func kind(of label: String) -> LinkKind? {
        let key = normalize(label).lowercased()
        return kindsByWord[key] ?? kindsByWord[key.replacingOccurrences(of: "-", with: " ")]
    }

    /// Whether the label only says what the link is (`paper`, `code`, `link`), rather than naming the paper.
    static func isGeneric(_ label: String) -> Bool {
        let key = normalize(label)
        return key.isEmpty || key == "-" || kind(of: key) != nil || weakLabels.contains(key.lowercased())
    }
}

/// Classifies URLs and pulls paper identifiers out of them.
public enum LinkURL {
    private static let codeHosts = ["github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "gitee.com"]
    private static let paperHosts = [
        "arxiv.org", "doi.org", "openaccess.thecvf.com", "ieeexplore.ieee.org", "link.springer.com",
        "sciencedirect.com", "nature.com", "dl.acm.org", "aclanthology.org", "openreview.net",
        "papers.nips.cc", "proceedings.neurips.cc", "proceedings.mlr.press", "ojs.aaai.org",
        "ncbi.nlm.nih.gov", "pubmed", "medrxiv.org", "biorxiv.org", "onlinelibrary.wiley.com",
        "academic.oup.com", "jamanetwork.com", "thelancet.com", "nejm.org", "mdpi.com",
        "frontiersin.org", "papers.miccai.org", "semanticscholar.org", "researchgate.net",
        "ecva.net", "ijcai.org", "aaai.org", "cell.com", "science.org", "pnas.org", "jmir.org",
    ]

    /// The host of a URL, lower-cased, without `www.`; nil for relative links.
    static func host(of url: String) -> String? {
        guard let components = URLComponents(string: url.trimming(.whitespaces)),
              let host = components.host?.lowercased(), !host.isEmpty else { return nil }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }

    /// The kind a URL suggests on its own: a repository host is code, a publisher is a paper.
    static func kind(of url: String) -> LinkKind {
        guard let host = host(of: url) else { return .other }
        if codeHosts.contains(where: { host == $0 || host.hasSuffix("." + $0) }) {
            let path = url.split(separator: "/", omittingEmptySubsequences: true)
            return path.count >= 4 ? .code : .other
        }
        if paperHosts.contains(where: { host == $0 || host.hasSuffix("." + $0) || host.contains($0) }) {
            return .paper
        }
        let lower = url.lowercased()
        if lower.hasSuffix(".pdf") || lower.contains(".pdf?") { return .paper }
        return .other
    }

    /// Whether a destination leaves the document (not an in-page `#anchor`).
    static func isExternal(_ url: String) -> Bool {
        !url.hasPrefix("#")
    }

    /// The arXiv identifier a URL names, without its version.
    public static func arxivID(in url: String) -> String? {
        let lower = url.lowercased()
        guard lower.contains("arxiv") || lower.contains("huggingface.co/papers") else { return nil }
        if let match = url.firstMatch(of: newStyleArxiv) {
            return String(match.1)
        }
        if let match = url.firstMatch(of: oldStyleArxiv) {
            return String(match.1)
        }
        return nil
    }

    /// The DOI written in a URL (`doi.org/10.…`, or a publisher path holding `10.NNNN/…`).
    public static func doi(in url: String) -> String? {
        guard url.contains("10.") else { return nil }
        let decoded = url.removingPercentEncoding ?? url
        guard let match = decoded.firstMatch(of: doiPattern) else { return nil }
        var doi = String(match.1)
        for suffix in [".pdf", ".html", "/full", "/abstract", "/pdf", "/epdf", "/meta"] where doi.lowercased().hasSuffix(suffix) {
            doi.removeLast(suffix.count)
        }
        while let last = doi.last, ".,;)".contains(last) { doi.removeLast() }
        return doi
    }

    nonisolated(unsafe) private static let newStyleArxiv = /(?i:arxiv\.org|arxiv|huggingface\.co\/papers)[^0-9]{0,20}?((?:0[7-9]|[1-9][0-9])(?:0[1-9]|1[0-2])\.[0-9]{4,5})(?:v[0-9]+)?/
    nonisolated(unsafe) private static let oldStyleArxiv = /arxiv\.org\/(?:abs|pdf)\/([a-z\-]+(?:\.[A-Z]{2})?\/[0-9]{7})/
    nonisolated(unsafe) private static let doiPattern = /(10\.[0-9]{4,9}\/[^\s?#&"<>]+)/
}

extension PaperIDs {
    /// The identifiers named by an entry's links: paper links first, code links never.
    init(links: [EntryLink]) {
        self.init()
        let ordered = links.filter { $0.kind == .paper } + links.filter { $0.kind != .paper && $0.kind != .code }
        for link in ordered {
            if arxiv == nil { arxiv = LinkURL.arxivID(in: link.url) }
            if doi == nil { doi = LinkURL.doi(in: link.url) }
        }
        if arxiv == nil, let doi, doi.lowercased().hasPrefix("10.48550/arxiv.") {
            arxiv = String(doi.dropFirst("10.48550/arxiv.".count))
        }
    }
}

extension LinkKind {
    /// The kind of a link from its label, else the hint of its table column, else its URL.
    init(label: String, url: String, columnHint: LinkKind? = nil) {
        self = LinkLabel.kind(of: label) ?? columnHint ?? LinkURL.kind(of: url)
    }
}
