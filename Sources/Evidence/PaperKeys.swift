import Foundation
import Lists
import Markdown
import Papers
import Settings

/// A paper or code link of an entry, reduced to a key that is the same however the URL is
/// written: arXiv abs, pdf and html forms and DOI resolvers give the identifier; otherwise
/// host, path and query without scheme, `www.`, trailing slash or `.git`.
public struct LinkKey: Sendable {
    public enum Role: Sendable { case paper, code }

    public let link: EntryLink
    public let role: Role
    public let key: String

    /// The link's key and role, or nil for links that name no one paper or repository: other
    /// kinds, placeholders, bare hosts, and a code host's owner pages. `arxiv` is the entry's
    /// arXiv id, which spares parsing the URL again when it holds it.
    public init?(_ link: EntryLink, address: HostURL, arxiv: String?, terms: PaperTerms) {
        guard link.kind == .paper || link.kind == .code, !terms.isPlaceholder(address) else { return nil }
        let onCodeHost = address.isOn(anyOf: terms.codeHosts)
        let lowercasedURL = link.url.lowercased()
        let linkedArxiv = arxiv.flatMap { lowercasedURL.containsBytes("arxiv") && lowercasedURL.containsBytes($0) ? $0 : nil }
        if link.kind == .paper, let arxiv = linkedArxiv ?? LinkURL.arxivID(in: link.url)?.lowercased() {
            (role, key) = (.paper, "arxiv:" + arxiv)
        } else if link.kind == .paper, !onCodeHost, let doi = LinkURL.doi(in: link.url) {
            (role, key) = (.paper, "doi:" + doi.lowercased())
        } else {
            var path = address.pathSegments
            guard !path.isEmpty, !onCodeHost || path.count >= 2 else { return nil }
            if onCodeHost { path = path.map { $0.lowercased() } }
            if let last = path.last, last.hasSuffix(".git") { path[path.count - 1] = String(last.dropLast(4)) }
            let location = ([address.host] + path).joined(separator: "/")
            let query = address.queryItems.map { $0.value.isEmpty ? $0.name : $0.name + "=" + $0.value }
            (role, key) = (link.kind == .code || onCodeHost ? .code : .paper,
                           query.isEmpty ? location : location + "?" + query.joined(separator: "&"))
        }
        self.link = link
    }
}

/// The vocabulary's placeholder and code-host terms, read once for every entry.
public struct PaperTerms: Sendable {
    /// Each placeholder text as title words (`TODO`, `coming soon`, `项目A`).
    private let placeholderTexts: [[String]]
    /// Placeholder hosts; a trailing `/` in the vocabulary (`google.com/`) means its home page only.
    private let placeholderHosts: [(host: String, homePageOnly: Bool)]
    public let codeHosts: [String]

    public init(_ vocabulary: Vocabulary) {
        placeholderTexts = vocabulary.placeholderTexts.map { PaperTitle($0).words }.filter { !$0.isEmpty }
        placeholderHosts = vocabulary.placeholderHosts.map { host in
            (host.trimmingCharacters(in: CharacterSet(charactersIn: "/")), host.hasSuffix("/"))
        }
        codeHosts = vocabulary.codeHosts
    }

    /// Whether a title holds a placeholder text as whole words (`TODO: add paper`).
    public func isPlaceholder(_ title: PaperTitle) -> Bool {
        placeholderTexts.contains { text in
            title.words.count >= text.count
                && (0...(title.words.count - text.count)).contains { title.words[$0..<$0 + text.count].elementsEqual(text) }
        }
    }

    /// Whether a link goes to a placeholder: any page of a placeholder host or its subdomains,
    /// or the bare home page of a home-page-only one.
    public func isPlaceholder(_ address: HostURL) -> Bool {
        placeholderHosts.contains { address.isOn($0.host) && (!$0.homePageOnly || address.isHomePage) }
    }
}

/// One entry with the keys that identify its paper: arXiv id, DOI, paper links and title.
public struct Paper: Sendable {
    /// Why two entries are taken for the same paper, for messages.
    public enum Evidence: Equatable, Sendable {
        case arxiv(String), doi(String), paperLink, title, nearTitle
        /// One long title on two entries whose arXiv ids differ: the same paper under two ids,
        /// or a title copied onto another paper's entry. (Two DOIs under one title are often
        /// a conference paper and its journal version.)
        case titleWithOtherArxivId

        public var phrase: String {
            switch self {
            case .arxiv(let id): "same arXiv id \(id)"
            case .doi(let doi): "same DOI \(doi)"
            case .paperLink: "same paper link"
            case .title: "same title"
            case .nearTitle: "nearly the same title"
            case .titleWithOtherArxivId: "same title, another arXiv id"
            }
        }

        /// Whether an identifier (arXiv id, DOI) says it, rather than titles or a link.
        public var isIdentifier: Bool {
            switch self {
            case .arxiv, .doi: true
            default: false
            }
        }
    }

    public let entry: Entry
    public let arxiv: String?
    public let doi: String?
    public let title: PaperTitle
    public let links: [LinkKey]
    /// Whether the entry says too little to compare (no title, no identifier), or stands in
    /// for a real one (a placeholder title, or links only to placeholder hosts).
    public let isUnidentifiable: Bool

    public init(_ entry: Entry, terms: PaperTerms) {
        self.entry = entry
        let arxiv = entry.ids.arxiv?.lowercased()
        // An arXiv DOI (10.48550/arXiv.ID) is the arXiv id, which the parser already took.
        let doi = entry.ids.doi.map(Self.normalizedDOI).flatMap { $0.hasPrefix("10.48550/arxiv.") ? nil : $0 }
        let title = PaperTitle(entry.title ?? "")
        let addresses = entry.links.map { HostURL($0.url) }
        (self.arxiv, self.doi, self.title) = (arxiv, doi, title)
        links = zip(entry.links, addresses).compactMap { link, address in
            address.flatMap { LinkKey(link, address: $0, arxiv: arxiv, terms: terms) }
        }
        isUnidentifiable = title.isEmpty && arxiv == nil && doi == nil || terms.isPlaceholder(title)
            || !addresses.isEmpty && addresses.allSatisfy { $0.map(terms.isPlaceholder) ?? false }
    }

    /// A DOI in lower case without a resolver or `doi:` prefix.
    public static func normalizedDOI(_ text: String) -> String {
        let lower = text.trimming(.whitespaces).lowercased()
        return lower.range(of: "10.").map { String(lower[$0.lowerBound...]) } ?? lower
    }

    /// Keys that name the paper exactly, as written in an `allow` option (`arxiv:ID`,
    /// `doi:DOI`, `title:…` compacted).
    public var exactKeys: [String] {
        [arxiv.map { "arxiv:" + $0 }, doi.map { "doi:" + $0 },
         title.isEmpty ? nil : "title:" + title.compact].compactMap { $0 }
    }

    /// Lookup keys shared by any two entries that may be the same paper: its identifiers,
    /// paper links, title and near-title keys.
    public var lookupKeys: [Int] {
        let exact = exactKeys + links.filter { $0.role == .paper }.map { "link:" + $0.key }
        return exact.map(\.hashValue) + title.fuzzyKeys
    }

    /// Why this entry and another are the same paper, or nil when they are different papers:
    /// a shared arXiv id or DOI with titles that do not contradict it (a title may change
    /// between versions), else (nearly) the same title with no identifier that contradicts
    /// it, else a shared paper link where a title is missing.
    public func evidence(ofSamePaperAs other: Paper) -> Evidence? {
        // One title twice is one paper whatever the author lines say (one was copied wrong).
        guard title.compact == other.title.compact || !hasOtherAuthors(than: other) else { return nil }
        if let arxiv, arxiv == other.arxiv { return titlesAgree(with: other) ? .arxiv(arxiv) : nil }
        if let doi, doi == other.doi { return titlesAgree(with: other) ? .doi(doi) : nil }
        guard !(arxiv != nil && other.arxiv != nil || doi != nil && other.doi != nil) else {
            // Different preprints rarely share a long title word for word.
            let oneLongTitle = title.compact == other.title.compact && title.words.count >= 6
            return arxiv != nil && other.arxiv != nil && oneLongTitle ? .titleWithOtherArxivId : nil
        }
        if title.isNearDuplicate(of: other.title) { return title.compact == other.title.compact ? .title : .nearTitle }
        let myPaperLinks = Set(links.filter { $0.role == .paper }.map(\.key))
        let sharesPaperLink = other.links.contains { $0.role == .paper && myPaperLinks.contains($0.key) }
        return sharesPaperLink && (title.isEmpty || other.title.isEmpty) ? .paperLink : nil
    }

    /// Whether both entries carry a short name (a Name or Model cell) and the names differ:
    /// two datasets or models of one paper (`CLEVR-ATVC`, `Fruit-ATVC`).
    public func hasOtherName(than other: Paper) -> Bool {
        guard let mine = ownName, let theirs = other.ownName else { return false }
        return mine.compact != theirs.compact
    }

    /// The entry's short name, unless it is only its title's opening words (`Fusion of Domain…`).
    private var ownName: PaperTitle? {
        guard let name = entry.name.map(PaperTitle.init), !name.isEmpty else { return nil }
        return title.words.starts(with: name.words) ? nil : name
    }

    /// Whether both entries name their authors and no name is shared: two papers, whatever
    /// their links say (a link copied onto the wrong paper).
    public func hasOtherAuthors(than other: Paper) -> Bool {
        guard let (mine, theirs) = authorNames(and: other) else { return false }
        return mine.isDisjoint(with: theirs)
    }

    /// Whether both entries name the same authors (most of their name words shared): one paper
    /// under two titles (a preprint renamed on publication), when their identifier is one. One
    /// name in common is not enough: a lab's papers share their senior authors.
    public func sharesAuthors(with other: Paper) -> Bool {
        guard let (mine, theirs) = authorNames(and: other) else { return false }
        let shared = mine.intersection(theirs).count
        return Double(shared) >= 0.6 * Double(mine.count + theirs.count - shared)
    }

    /// The words of both entries' author names, when both name theirs.
    private func authorNames(and other: Paper) -> (Set<String>, Set<String>)? {
        guard let mine = entry.authors, let theirs = other.entry.authors else { return nil }
        let names = { (authors: [String]) in
            Set(authors.flatMap { PaperTitle($0).words }.filter { $0.count >= 2 && $0 != "et" && $0 != "al" })
        }
        let (first, second) = (names(mine), names(theirs))
        return first.isEmpty || second.isEmpty ? nil : (first, second)
    }

    /// Whether the titles can name one paper: one is missing, the authors are the same (a title
    /// may change between versions), half their words together are shared, or half the words of
    /// the shorter one of four or more, or one leads with the name the other starts with.
    private func titlesAgree(with other: Paper) -> Bool {
        let overlap = title.overlap(with: other.title)
        let shorter = min(title.contentWords.count, other.title.contentWords.count)
        return title.isEmpty || other.title.isEmpty || title.isNearDuplicate(of: other.title) || sharesAuthors(with: other)
            || overlap.similarity >= 0.5 || overlap.ratio >= 0.5 && shorter >= 4
            || leadingName.map { $0 == other.title.words.first } ?? false
            || other.leadingName.map { $0 == title.words.first } ?? false
    }

    /// The name a title leads with (`medclip` of `MedCLIP: Contrastive …`), or its only word.
    private var leadingName: String? {
        guard let first = title.words.first, let text = entry.title else { return nil }
        let opening = text.prefix { $0 != ":" && $0 != " " }
        return title.words.count == 1 || text.dropFirst(opening.count).first == ":" ? first : nil
    }

    /// Whether the entry names its paper only by a short name (no title of its own).
    public var isNamedOnly: Bool { title.isEmpty || entry.title == entry.name && title.words.count <= 3 }

    /// Whether this entry's short name is a word of the other's title (`MT-NLG` and
    /// `… Megatron-Turing NLG 530B …`, `GLaM` and `GLaM: Efficient Scaling …`).
    public func namesInTitle(of other: Paper) -> Bool {
        guard let name = entry.name, !other.title.isEmpty else { return false }
        let words = PaperTitle(name).words
        return !words.isEmpty && words.allSatisfy(other.title.words.contains)
    }

    /// Whether the entry links a paper.
    public var hasPaperLinks: Bool { links.contains { $0.role == .paper } }

    /// Whether the two entries link one paper page.
    public func sharesPaperLink(with other: Paper) -> Bool {
        let mine = Set(links.filter { $0.role == .paper }.map(\.key))
        return other.links.contains { $0.role == .paper && mine.contains($0.key) }
    }

    /// Whether the titles are clearly related, as a paper and its extended version are: half
    /// their words together are shared (papers of one topic share a few: 'diffusion', 'models').
    public func hasRelatedTitle(to other: Paper) -> Bool {
        title.isEmpty || other.title.isEmpty || title.overlap(with: other.title).similarity >= 0.5
    }
}

/// Earlier entries by lookup key, for finding an entry's matches without comparing every pair.
public struct PaperIndex {
    /// Entries kept per key: enough for real lists, bounded for pathological ones.
    private static let limit = 8
    /// The first entry filed under each key: most keys name one entry, and a list of 100,000
    /// has some two million keys, so no array is made for them.
    private var first: [Int: Int32] = [:]
    /// The later entries under keys that hold more than one.
    private var more: [Int: [Int32]] = [:]

    /// An index with no entry yet.
    public init() {}

    /// The positions filed under any of the keys, in ascending order.
    public func candidates(_ keys: [Int]) -> [Int] {
        Set(keys.flatMap { key in (first[key].map { [$0] } ?? []) + (more[key] ?? []) }).sorted().map(Int.init)
    }

    public mutating func add(_ position: Int, under keys: [Int]) {
        for key in Set(keys) {
            if first[key] == nil {
                first[key] = Int32(position)
            } else if more[key, default: []].count < Self.limit - 1 {
                more[key, default: []].append(Int32(position))
            }
        }
    }
}

extension Entry {
    /// How a message names the entry's section: its nearest heading.
    public var sectionName: String {
        guard let name = section.last else { return "the top of the list" }
        return "'" + name.snippet + "'"
    }
}
