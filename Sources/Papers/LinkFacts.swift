import Foundation
import Markdown

/// Words that label a link by what it points to (`[code]`, `[PDF]`, `[Project Page]`).
public enum LinkLabel {
    private static let kindsByWord: [String: LinkKind] = {
        var table: [String: LinkKind] = [:]
        for word in ["code", "github", "gitlab", "repo", "repository", "source code", "implementation",
                     "official code", "official", "pytorch", "tensorflow", "jax", "codes", "keras", "caffe", "matlab",
                     "code & data", "code and data", "colab", "notebook", "代码", "github repo", "official implementation",
                     "unofficial code", "third-party code", "star", "stars", "github stars"] {
            table[word] = .code
        }
        for word in ["paper", "pdf", "arxiv", "doi", "abs", "abstract", "publication", "article",
                     "ieee", "acm", "springer", "openreview", "preprint", "proceedings", "html", "full text",
                     "paper link", "pdf link", "medrxiv", "biorxiv", "pubmed", "journal", "conference", "论文",
                     "supp", "supplementary", "appendix", "arxiv paper", "paper (arxiv)", "acl anthology", "ssrn", "nature",
                     "springer link", "sciencedirect", "pmc", "europepmc", "researchgate", "cvf", "thecvf"] {
            table[word] = .paper
        }
        for word in ["project", "project page", "page", "homepage", "home page", "website", "web", "site",
                     "demo", "blog", "presentation", "video", "slides", "poster", "model", "models",
                     "huggingface", "hugging face", "weights", "checkpoint", "checkpoints", "talk", "youtube",
                     "video pitch", "twitter", "tweet", "zhihu", "知乎", "项目", "主页", "project website", "leaderboard",
                     "model card", "hf", "🤗", "api", "docs", "documentation", "tldr", "slide", "ppt"] {
            table[word] = .project
        }
        for word in ["dataset", "data", "datasets", "benchmark", "download", "数据", "数据集", "data link", "dataset link"] {
            table[word] = .dataset
        }
        // Labels of links about a paper that are not the paper: a search, a citation.
        for word in ["scholar", "google scholar", "semantic scholar", "bibtex", "bib", "bibtext", "citation", "cite",
                     "citations", "reference", "references", "papers with code", "paperswithcode"] {
            table[word] = .other
        }
        return table
    }()

    /// Labels that say only "a link": the column or the URL tells the kind.
    private static let weakLabels: Set<String> = ["link", "links", "url", "here", "web link", "click here", "链接", "link1",
                                                  "link2", "more", "details", "read more"]

    /// The link text with surrounding brackets, emphasis leftovers and spaces removed.
    public static func normalize(_ text: String) -> String {
        text.trimming(labelEdges)
    }

    private static let labelEdges = ScalarSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "[]()*_|:"))

    /// The kind a label names, if it is one of the generic labels (`PyTorch(Author)` is `pytorch`).
    public static func kind(of label: String) -> LinkKind? {
        // Labels are a few words; a longer text names something.
        guard label.utf8.count <= 48 else { return nil }
        let key = normalize(label).lowercased()
        if let kind = kindsByWord[key] ?? kindsByWord[key.replacingOccurrences(of: "-", with: " ")] { return kind }
        if let open = key.firstIndex(of: "("), open > key.startIndex {
            return kindsByWord[String(key[..<open]).trimming(.whitespaces)]
        }
        return nil
    }

    /// What kind of entry a link label says the entry is: a blog post, documentation.
    public static func entryKind(of label: String) -> EntryKind? {
        switch normalize(label).lowercased() {
        case "blog", "blog post", "post", "article", "news", "博客", "知乎", "zhihu": .blog
        case "docs", "documentation", "doc", "api", "website": .tool
        default: nil
        }
    }

    /// Whether a link's visible text is a label rather than a name: a generic label, or text
    /// the list wraps in brackets or parentheses (`[[JNM]](…)`, `[(code)](…)`).
    public static func isLabel(_ visible: String) -> Bool {
        let trimmed = visible.trimming(.whitespaces)
        if let first = trimmed.first, let last = trimmed.last, trimmed.count >= 2,
           (first == "[" && last == "]") || (first == "(" && last == ")") {
            return true
        }
        return isGeneric(trimmed)
    }

    /// Whether the label only says what the link is (`paper`, `code`, `link`), rather than naming the paper.
    public static func isGeneric(_ label: String) -> Bool {
        guard label.utf8.count <= 48 else { return false }
        let key = normalize(label)
        return key.isEmpty || key == "-" || kind(of: key) != nil || weakLabels.contains(key.lowercased())
    }
}

/// Classifies URLs and pulls paper identifiers out of them.
public enum LinkURL {
    /// Hosts of git repositories: a link there, deep enough to name a repository, is code.
    /// The vocabulary's `code.hosts` adds where else a paper's code may live.
    public static let repositoryHosts = ["github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "gitee.com"]
    private static let paperHosts = [
        "arxiv.org", "doi.org", "openaccess.thecvf.com", "ieeexplore.ieee.org", "link.springer.com",
        "sciencedirect.com", "nature.com", "dl.acm.org", "aclanthology.org", "openreview.net",
        "papers.nips.cc", "proceedings.neurips.cc", "proceedings.mlr.press", "ojs.aaai.org",
        "ncbi.nlm.nih.gov", "pubmed", "medrxiv.org", "biorxiv.org", "onlinelibrary.wiley.com",
        "academic.oup.com", "jamanetwork.com", "thelancet.com", "nejm.org", "mdpi.com",
        "frontiersin.org", "papers.miccai.org", "semanticscholar.org", "researchgate.net",
        "ecva.net", "ijcai.org", "aaai.org", "cell.com", "science.org", "pnas.org", "jmir.org",
        "papers.ssrn.com", "tandfonline.com", "spiedigitallibrary.org", "plos.org", "biomedcentral.com", "bmj.com",
        "iopscience.iop.org", "europepmc.org", "cv-foundation.org", "jmlr.org", "mlsys.org", "usenix.org", "aclweb.org",
        "isca-speech.org", "hindawi.com", "karger.com", "ahajournals.org", "pubs.rsna.org", "ashpublications.org",
        "annualreviews.org", "royalsocietypublishing.org", "cambridge.org", "sagepub.com", "emerald.com",
        "worldscientific.com", "iclr.cc", "bmva.org", "citeseerx.ist.psu.edu", "scholar.archive.org", "hdl.handle.net",
    ]

    /// Hosts of project pages: a title linked there names the paper but is not its page.
    private static let projectHostSuffixes = ["github.io", "gitlab.io", "sites.google.com", "notion.site", "netlify.app",
                                              "vercel.app", "pages.dev", "readthedocs.io", "readthedocs.org"]

    /// The host of a URL, lower-cased, without `www.`; nil for relative links.
    public static func host(of url: String) -> String? {
        guard let components = URLComponents(string: url.trimming(.whitespaces)),
              let host = components.host?.lowercased(), !host.isEmpty else { return nil }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }

    /// Whether a URL is a paper's page by its own shape: a publisher, a preprint server or a PDF.
    public static func isPaperPage(_ url: String) -> Bool { kind(of: url) == .paper }

    /// The kind a URL suggests on its own: a repository host is code, a publisher is a paper.
    public static func kind(of url: String) -> LinkKind {
        guard let host = host(of: url) else { return .other }
        if repositoryHosts.contains(where: { host == $0 || host.hasSuffix("." + $0) }) {
            let path = url.split(separator: "/", omittingEmptySubsequences: true)
            return path.count >= 4 ? .code : .other
        }
        if paperHosts.contains(where: { host == $0 || host.hasSuffix("." + $0) || host.contains($0) }) {
            return .paper
        }
        let lower = url.lowercased()
        if lower.hasSuffix(".pdf") || lower.containsBytes(".pdf?") { return .paper }
        // A publisher vlmbot does not know shows a paper at a path that says so.
        if !isProjectHost(host), resourceKind(of: url) == nil,
           let path = lower.range(of: host).map({ lower[$0.upperBound...] }),
           paperPaths.contains(where: { path.contains($0) }) {
            return .paper
        }
        return .other
    }

    private static let paperPaths = ["/abs/", "/pdf/", "/article/", "/articles/", "/paper/", "/papers/", "/doi/",
                                     "/publication/", "/publications/", "/chapter/", "/proceedings/", "/fulltext", "/content/"]

    private static func isProjectHost(_ host: String) -> Bool {
        projectHostSuffixes.contains { host == $0 || host.hasSuffix("." + $0) }
    }

    /// The kind of a title link: its URL's kind, else what its host serves (a dataset, a
    /// model card, a blog post), else the project's page.
    public static func titleKind(of url: String) -> LinkKind {
        let kind = kind(of: url)
        guard kind == .other else { return kind }
        switch resourceKind(of: url) {
        case .dataset: return .dataset
        case .model: return .project
        case .blog: return .other
        default: return host(of: url) == nil ? .other : .project
        }
    }

    /// What kind of resource a URL's host serves on its own, when it says: a dataset
    /// repository, a model hub page, a blog.
    public static func resourceKind(of url: String) -> EntryKind? {
        guard let host = host(of: url) else { return nil }
        let path = url.lowercased()
        // A PDF is a paper wherever it is kept.
        if path.hasSuffix(".pdf") || path.contains(".pdf?") { return nil }
        if host == "huggingface.co" || host == "hf.co" {
            if path.contains("/datasets/") { return .dataset }
            if path.contains("/papers/") || path.contains("/spaces/") || path.contains("/blog/") { return nil }
            return .model
        }
        if host == "kaggle.com" { return path.contains("/datasets/") ? .dataset : nil }
        if ["zenodo.org", "physionet.org", "grand-challenge.org", "figshare.com", "synapse.org",
            "cancerimagingarchive.net", "datadryad.org", "openneuro.org"].contains(where: { host == $0 || host.hasSuffix("." + $0) }) {
            return .dataset
        }
        if ["medium.com", "substack.com", "towardsdatascience.com", "zhuanlan.zhihu.com", "wordpress.com", "blogspot.com",
            "openai.com", "anthropic.com"].contains(where: { host == $0 || host.hasSuffix("." + $0) })
            || host.hasPrefix("blog.") || host.contains("blog") || path.contains("/blog/") || path.contains("/blogs/") {
            return .blog
        }
        return nil
    }

    /// Whether a destination leaves the list: not an in-page `#anchor`, nor another Markdown page
    /// of the list's repository (`pruning.md`, `docs/`), which is the list's own navigation.
    public static func isExternal(_ url: String) -> Bool {
        if url.hasPrefix("#") { return false }
        guard host(of: url) == nil, !url.contains(":") else { return true }
        let path = url.split(separator: "#").first.map(String.init)?.lowercased() ?? ""
        return !(path.hasSuffix(".md") || path.hasSuffix(".markdown") || path.hasSuffix("/"))
    }

    /// The arXiv identifier a URL names, without its version: a new-style id (`2303.08774`)
    /// up to 20 characters after `arxiv` (`arxiv.org/abs/`, `arXiv:`) or `huggingface.co/papers`,
    /// else an old-style one after `arxiv.org/abs/` or `/pdf/` (`cs/0112017`, `math.GT/0309136`).
    public static func arxivID(in url: String) -> String? {
        let bytes = Array(url.utf8)
        let markers = ["arxiv.org", "arxiv", "huggingface.co/papers", "xxx.lanl.gov", "xxx.itp.ac.cn"].map { Array($0.utf8) }
        for start in bytes.indices where [UInt8(ascii: "a"), UInt8(ascii: "h"), UInt8(ascii: "x")].contains(bytes[start] | 0x20) {
            guard let marker = markers.first(where: { bytes.hasPrefix($0, at: start, ignoringCase: true) }) else { continue }
            var index = start + marker.count
            // Up to 20 characters (not bytes) that are not digits, then the id; an `ftp` path
            // (`/ftp/arxiv/papers/2303/2303.14070.pdf`) names the month before the id.
            var skipped = 0
            while index < bytes.count, skipped < 20, !bytes[index].isASCIIDigit {
                index += 1
                if bytes[index - 1] & 0xC0 != 0x80 { skipped += 1 }
                while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
            }
            if let id = newStyleArxivID(in: bytes, at: index) { return id }
            if index + 5 < bytes.count, bytes[index + 4] == UInt8(ascii: "/"), let id = newStyleArxivID(in: bytes, at: index + 5) {
                return id
            }
        }
        let oldStyle = ["arxiv.org/abs/", "arxiv.org/pdf/"].map { Array($0.utf8) }
        for start in bytes.indices where oldStyle.contains(where: { bytes.hasPrefix($0, at: start) }) {
            if let id = oldStyleArxivID(in: bytes, at: start + 14) { return id }
        }
        return nil
    }

    /// `YYMM.NNNNN` at `index`: a year from 07, a month 01 to 12, four or five digits.
    private static func newStyleArxivID(in bytes: [UInt8], at index: Int) -> String? {
        func digit(_ offset: Int) -> UInt8? {
            index + offset < bytes.count && bytes[index + offset].isASCIIDigit ? bytes[index + offset] - 0x30 : nil
        }
        guard let y1 = digit(0), let y2 = digit(1), let m1 = digit(2), let m2 = digit(3),
              y1 * 10 + y2 >= 7, (1...12).contains(m1 * 10 + m2),
              index + 4 < bytes.count, bytes[index + 4] == UInt8(ascii: "."),
              digit(5) != nil, digit(6) != nil, digit(7) != nil, digit(8) != nil else { return nil }
        return String(decoding: bytes[index..<index + (digit(9) != nil ? 10 : 9)], as: UTF8.self)
    }

    /// `archive/NNNNNNN` or `archive.XX/NNNNNNN` at `start` (lower-case archive, upper-case class).
    private static func oldStyleArxivID(in bytes: [UInt8], at start: Int) -> String? {
        var index = start
        while index < bytes.count, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[index]) || bytes[index] == UInt8(ascii: "-") {
            index += 1
        }
        guard index > start else { return nil }
        let capitals = UInt8(ascii: "A")...UInt8(ascii: "Z")
        if index + 2 < bytes.count, bytes[index] == UInt8(ascii: "."), capitals.contains(bytes[index + 1]),
           capitals.contains(bytes[index + 2]) {
            index += 3
        }
        guard index + 7 < bytes.count, bytes[index] == UInt8(ascii: "/"),
              (1...7).allSatisfy({ bytes[index + $0].isASCIIDigit }) else { return nil }
        return String(decoding: bytes[start...index + 7], as: UTF8.self)
    }

    /// The DOI written in a URL (`doi.org/10.…`, or a publisher path holding `10.NNNN/…`):
    /// `10.`, four to nine digits, `/`, and what follows up to a space, `?`, `#`, `&`, a quote
    /// or an angle bracket, without a file ending or a page name (`.pdf`, `/full`).
    public static func doi(in url: String) -> String? {
        guard url.containsBytes("10.") else { return nil }
        let decoded = url.containsBytes("%") ? url.removingPercentEncoding ?? url : url
        let bytes = Array(decoded.utf8)
        let prefix = Array("10.".utf8)
        for start in bytes.indices where bytes.hasPrefix(prefix, at: start) {
            var index = start + 3
            while index < bytes.count, bytes[index].isASCIIDigit { index += 1 }
            guard (4...9).contains(index - start - 3), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "/") else { continue }
            let rest = decoded.utf8.index(decoded.utf8.startIndex, offsetBy: index + 1)
            let run = decoded.unicodeScalars[rest...].prefix { !endsDOI($0) }
            guard !run.isEmpty else { continue }
            var doi = String(decoded.unicodeScalars[decoded.utf8.index(decoded.utf8.startIndex, offsetBy: start)..<run.endIndex])
            var trimmed = true
            while trimmed {
                trimmed = false
                for suffix in [".pdf", ".html", "/full", "/abstract", "/pdf", "/epdf", "/meta", ".short", ".full", ".full-text",
                               ".abstract", "/html", "/summary", "/references"] where doi.lowercased().hasSuffix(suffix) {
                    doi.removeLast(suffix.count)
                    trimmed = true
                }
            }
            // bioRxiv and medRxiv pages add the version to the DOI (`…23297629v3`).
            if doi.hasPrefix("10.1101/"), let v = doi.lastIndex(of: "v"), doi.index(after: v) < doi.endIndex,
               doi[doi.index(after: v)...].allSatisfy(\.isNumber), doi[..<v].last?.isNumber == true {
                doi = String(doi[..<v])
            }
            while let last = doi.last, ".,;)".contains(last) { doi.removeLast() }
            return doi
        }
        return nil
    }

    private static func endsDOI(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || "?#&\"<>".unicodeScalars.contains(scalar)
    }
}

extension [UInt8] {
    /// Whether `prefix` is written at `index`, optionally without regard to ASCII case.
    public func hasPrefix(_ prefix: [UInt8], at index: Int, ignoringCase: Bool = false) -> Bool {
        guard index + prefix.count <= count else { return false }
        for offset in prefix.indices {
            let written = self[index + offset]
            let folded = ignoringCase ? written.asciiLowercased : written
            if folded != prefix[offset] { return false }
        }
        return true
    }
}

extension PaperIDs {
    /// The identifiers named by an entry's links: paper links first, code links never.
    public init(links: [EntryLink]) {
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
    /// The kind of a link from its label, else the hint of its table column, else its URL; a
    /// blog post is no paper whatever its label (`[html](…googleblog…)`).
    public init(label: String, url: String, columnHint: LinkKind? = nil) {
        let kind = LinkLabel.kind(of: label) ?? columnHint ?? LinkURL.kind(of: url)
        self = kind == .paper && LinkURL.resourceKind(of: url) == .blog ? .other : kind
    }

    /// The kind of the link an entry's title is written as.
    public init(titleLinkTo url: String) {
        self = LinkURL.titleKind(of: url)
    }
}
