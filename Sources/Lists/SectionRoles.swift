import Foundation
import Markdown
import Papers

/// Lines a list holds that are not entries, and why vlmbot read them so.
public struct SkippedBlock: Hashable, Sendable {
    /// The classes of non-entry content.
    public enum Reason: String, Sendable, CaseIterable {
        /// News and update items (`## 🔥 News`, `## Updates`).
        case news
        /// A table of contents.
        case contents
        /// A "cite us" block, BibTeX.
        case citation
        /// How to contribute, contributors.
        case contributing
        /// Acknowledgements and thanks.
        case acknowledgements
        /// Badge, shield and star-history lines.
        case badges
        /// The list's own introduction before its first section (its own survey, its authors).
        case intro
        /// Licence, contact and other sections about the list rather than its papers.
        case other
    }

    public var lines: ClosedRange<Int>
    public var reason: Reason

    public init(lines: ClosedRange<Int>, reason: Reason) {
        self.lines = lines
        self.reason = reason
    }
}

/// What a heading says about the section under it: that it holds no entries (news, a table
/// of contents, how to cite, contributing…), or what kind of entries it holds.
enum SectionRole: Equatable {
    case skip(SkippedBlock.Reason)
    case kind(KindHint)
    case plain

    /// The kind of entries a heading names.
    struct KindHint: Equatable {
        var kind: EntryKind
        /// Whether the heading is about the resources themselves ("Models", "Open-source
        /// Tools", "Publicly Available Models") rather than a research topic ("Diffusion
        /// Models"): then even entries with a paper are of this kind.
        var isResourceHeading: Bool
    }

    init(heading: String) {
        let words = Self.words(of: heading)
        let joined = words.joined(separator: " ")
        if words.isEmpty {
            self = .plain
            return
        }
        for (reason, phrases) in Self.skipPhrases where phrases.contains(where: { Self.matches(joined, words: words, phrase: $0) }) {
            self = .skip(reason)
            return
        }
        // A kind is named by the heading's last word, or by a short heading that holds it:
        // "Datasets", "Public Dataset", "Datasets and Benchmarks", but not "Dataset Distillation".
        let last = words.last!
        // "Models", "Tools": a plural noun alone names the resources; so does a qualifier.
        // A heading naming two kinds ("Toolboxes and Foundation Models") says neither for sure.
        let named = Set(Self.kindNouns.filter { _, nouns in words.contains(where: nouns.contains) }.map(\.0))
        let resource = named.count <= 1
            && ((words.count == 1 && last.hasSuffix("s")) || words.contains(where: Self.resourceQualifiers.contains))
        for (kind, nouns) in Self.kindNouns {
            let alwaysThisKind = named.count <= 1 && (kind == .dataset || kind == .other || Self.resourceNouns.contains(last))
            if nouns.contains(last) {
                self = .kind(KindHint(kind: kind, isResourceHeading: alwaysThisKind || resource))
                return
            }
            if nouns.contains(where: { !$0.allSatisfy(\.isASCII) && joined.contains($0) }) {
                self = .kind(KindHint(kind: kind, isResourceHeading: kind == .dataset))
                return
            }
        }
        if Self.paperNouns.contains(last) {
            self = .kind(KindHint(kind: .paper, isResourceHeading: true))
            return
        }
        self = .plain
    }

    /// Lower-cased words of a heading, emoji, numbering and parenthesised asides removed.
    static func words(of heading: String) -> [String] {
        var text = heading.lowercased()
        // "Datasets (数据集)", "Papers (2023)": the aside does not change the role.
        while let open = text.firstIndex(where: { $0 == "(" || $0 == "（" }),
              let close = text[open...].firstIndex(where: { $0 == ")" || $0 == "）" }), open > text.startIndex {
            text.removeSubrange(open...close)
        }
        return text.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "'" && $0 != "’" })
            .map { String($0).replacingOccurrences(of: "’", with: "'") }
            .filter { !$0.allSatisfy(\.isNumber) }
    }

    private static func matches(_ joined: String, words: [String], phrase: String) -> Bool {
        if !phrase.allSatisfy(\.isASCII) { return joined.contains(phrase) }
        if !phrase.contains(" ") { return words.contains(phrase) && words.count <= 4 }
        return joined == phrase || joined.hasPrefix(phrase + " ") || joined.hasSuffix(" " + phrase)
            || (joined.contains(" " + phrase + " ") && words.count <= 6)
    }

    private static let skipPhrases: [(SkippedBlock.Reason, [String])] = [
        (.news, ["news", "updates", "update", "what's new", "whats new", "changelog", "change log", "release notes",
                 "recent updates", "latest updates", "announcements", "新闻", "动态", "更新", "最新"]),
        (.contents, ["contents", "table of contents", "toc", "outline", "目录", "catalog", "catalogue", "navigation"]),
        (.citation, ["citation", "citations", "cite", "cite us", "how to cite", "citing", "bibtex", "reference this",
                     "引用"]),
        (.contributing, ["contributing", "contribute", "contributors", "contributor", "how to contribute",
                         "contribution guide", "contribution guidelines", "how to add", "submit", "pull request",
                         "pull requests", "贡献", "贡献者"]),
        (.acknowledgements, ["acknowledgement", "acknowledgements", "acknowledgment", "acknowledgments", "thanks",
                             "credits", "致谢", "感谢"]),
        (.badges, ["star history", "stargazers", "star chart", "stars"]),
        (.other, ["license", "licence", "contact", "contact us", "contacts", "about", "about us", "disclaimer",
                  "other awesome lists", "related awesome lists", "awesome lists", "related lists", "related repos",
                  "related repositories", "other lists", "other resources lists", "related repo", "other awesome list",
                  "awesome list", "related awesome list", "other awesome repos", "联系", "许可", "team", "maintainers",
                  "join us", "community", "sponsors", "friend links", "friendly links"]),
    ]

    private static let kindNouns: [(EntryKind, Set<String>)] = [
        (.dataset, ["dataset", "datasets", "benchmark", "benchmarks", "corpus", "corpora", "databases", "数据集", "基准"]),
        (.blog, ["blog", "blogs", "post", "posts", "press", "博客"]),
        (.tool, ["tool", "tools", "toolkit", "toolkits", "toolbox", "toolboxes", "library", "libraries", "software", "platform",
                 "platforms", "package", "packages", "implementation", "implementations", "codebase", "codebases",
                 "framework", "frameworks", "product", "products", "apps", "工具", "框架"]),
        (.model, ["model", "models", "llm", "llms", "checkpoint", "checkpoints", "weights", "模型"]),
        (.other, ["talks", "videos", "podcasts", "podcast", "workshops", "lectures", "courses", "seminars", "webinars"]),
    ]

    /// Nouns that name software whatever its paper: a "Libraries" section lists libraries.
    private static let resourceNouns: Set<String> = ["tools", "toolkits", "toolbox", "toolboxes", "libraries", "software",
                                                     "packages", "implementations", "codebases", "blog", "blogs", "posts",
                                                     "press", "products", "apps", "工具"]

    /// Words that make a heading about resources rather than a topic.
    private static let resourceQualifiers: Set<String> = ["open", "source", "opensource", "public", "publicly", "available",
                                                          "released", "pretrained", "closed", "popular", "list", "commercial",
                                                          "proprietary", "awesome", "useful", "recommended"]

    private static let paperNouns: Set<String> = ["paper", "papers", "survey", "surveys", "publication", "publications",
                                                  "reviews", "论文", "综述"]
}
