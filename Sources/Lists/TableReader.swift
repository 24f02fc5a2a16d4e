import Foundation
import Markdown

/// What a table column holds, decided from its header text.
enum ColumnRole: Equatable {
    case index, title, name, year, venue, authors, category
    /// A column of links, with the kind its header suggests (`Code`, `PDF`), if any.
    case links(LinkKind?)
    case other

    /// The role a header names. Order matters: `Paper Link` is links, `Paper Names` is a title.
    init(header: String) {
        let key = header.lowercased().trimming(Self.headerEdges)
        let words = Set(key.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
        func has(_ candidates: String...) -> Bool { candidates.contains { words.contains($0) } }
        if key.isEmpty {
            self = .other
        } else if ["#", "no", "no.", "index", "id", "num", "number", "sr", "s/n", "idx"].contains(key) {
            self = .index
        } else if has("code", "github", "repo", "repository", "implementation") {
            self = .links(.code)
        } else if has("pdf", "link", "links", "url", "urls", "arxiv", "doi") {
            self = .links(has("paper", "pdf", "arxiv", "doi") ? .paper : nil)
        } else if has("project", "homepage", "website", "demo", "page") {
            self = .links(.project)
        } else if has("dataset", "datasets", "data", "download") {
            self = .links(.dataset)
        } else if has("title", "paper", "papers", "article", "publication", "work") {
            self = .title
        } else if has("model", "models", "name", "names", "method", "methods", "abbreviation", "acronym") {
            self = .name
        } else if has("year", "date", "month", "time", "published", "release", "released") {
            self = .year
        } else if has("venue", "conference", "journal", "conf", "source") {
            self = .venue
        } else if has("author", "authors") {
            self = .authors
        } else if has("category", "type", "domain", "class", "field", "kind") || Self.isAlternatives(key) {
            self = .category
        } else {
            self = .other
        }
    }

    /// What is trimmed off a header: spaces and the marks of bold, italic and code.
    private static let headerEdges = ScalarSet.whitespaces.union(CharacterSet(charactersIn: "*_:`"))

    /// A header that names alternatives, such as `Natural\Medical` or `Natural/Medical`.
    private static func isAlternatives(_ key: String) -> Bool {
        let parts = key.split(whereSeparator: { $0 == "\\" || $0 == "/" })
        return parts.count >= 2 && parts.allSatisfy { part in
            let word = part.trimming(.whitespaces)
            return !word.isEmpty && word.allSatisfy(\.isLetter)
        }
    }
}

/// Reads a table: the raw cell counts of its rows and, when it has a title or name column,
/// one entry per body row.
struct TableReader {
    let tree: MarkdownTree
    let table: NodeID
    private let rows: [NodeID]
    private let roles: [ColumnRole]

    init(tree: MarkdownTree, table: NodeID, profile: ListProfile = .none) {
        self.tree = tree
        self.table = table
        rows = tree.children(of: table)
        let headers = (rows.first.map { tree.children(of: $0) } ?? []).map { tree.plainText(of: $0) }
        let named = headers.map { profile.role(ofHeader: $0) ?? ColumnRole(header: $0) }
        roles = Self.refine(named, headers: headers, rows: rows.dropFirst(), tree: tree)
    }

    /// Settles what headers leave open, by the cells: a "Paper" column whose cells are only
    /// `[PDF](…)`-style links holds links, not titles; of several title columns the one
    /// headed "Title" wins.
    private static func refine(_ roles: [ColumnRole], headers: [String], rows: ArraySlice<NodeID>,
                               tree: MarkdownTree) -> [ColumnRole] {
        let inline = InlineFacts(tree: tree)
        var refined = roles.enumerated().map { column, role -> ColumnRole in
            guard role == .title, !rows.isEmpty else { return role }
            let onlyLabels = rows.allSatisfy { row in
                guard let cell = tree.children(of: row).dropFirst(column).first else { return true }
                let text = tree.plainText(of: cell).trimming(.whitespacesAndNewlines)
                return text.isEmpty || text == "-" || (LinkLabel.isGeneric(text) && !inline.links(under: cell).isEmpty)
            }
            return onlyLabels ? .links(.paper) : role
        }
        let titleColumns = refined.indices.filter { refined[$0] == .title }
        if titleColumns.count > 1 {
            let preferred = titleColumns.first { headers[$0].lowercased().contains("title") } ?? titleColumns[0]
            for column in titleColumns where column != preferred { refined[column] = .other }
        }
        return refined
    }

    /// The table's header texts and each row's cell count as written.
    var rawTable: ListTable {
        let header = rows.first.map { tree.children(of: $0).map { tree.plainText(of: $0) } } ?? []
        let headerLine = rows.first.map { tree[$0].range.start.line } ?? tree[table].range.start.line
        let body = rows.dropFirst().map { row in
            let line = tree[row].range.start.line
            return ListTable.Row(line: line, cellCount: Self.cellCount(tree.source.lineBytes(line)))
        }
        return ListTable(header: header, headerLine: headerLine, rows: Array(body))
    }

    /// One entry per body row, when a column holds titles or names.
    func entries(section: [String]) -> [Entry] {
        guard roles.contains(.title) || roles.contains(.name) else { return [] }
        return rows.dropFirst().map { entry(row: $0, section: section) }
    }

    private func entry(row: NodeID, section: [String]) -> Entry {
        let line = tree[row].range.start.line
        var entry = Entry(shape: .tableRow, section: section, lines: line...line)
        let inline = InlineFacts(tree: tree)
        var referenceTitle: String?
        for (column, cell) in tree.children(of: row).enumerated() where column < roles.count {
            let text = tree.plainText(of: cell).trimming(.whitespacesAndNewlines)
            let cellLinks = inline.links(under: cell)
            switch roles[column] {
            case .title:
                let titleLink = cellLinks.first { !LinkLabel.isGeneric($0.text) && !$0.isBadge }
                entry.title = TextFacts.cleanTitle(titleLink?.text ?? text)
                for link in cellLinks {
                    let isTitle = link.node == titleLink?.node
                    entry.links.append(EntryLink(label: LinkLabel.normalize(link.text),
                                                 kind: isTitle ? .paper : LinkKind(label: link.text, url: link.url),
                                                 url: link.url))
                }
                continue
            case .name:
                entry.name = TextFacts.cleanTitle(text)
                referenceTitle = referenceTitle ?? tree.descendants(of: cell).lazy
                    .compactMap { tree[$0].kind == .link ? tree[$0].title : nil }
                    .first { !$0.isEmpty }
            case .year:
                if !text.isEmpty, text != "-" {
                    entry.yearText = text
                    entry.year = TextFacts.year(in: text)
                }
            case .venue:
                if let parsed = TextFacts.venueAndYear(text) {
                    entry.venue = parsed.venue
                    if entry.year == nil {
                        entry.year = parsed.year
                        entry.yearText = text
                    }
                } else {
                    entry.venue = TextFacts.cleanTitle(text)
                }
            case .authors:
                let names = TextFacts.authors(in: text)
                entry.authors = names.isEmpty ? nil : names
            case .category:
                entry.category = text.isEmpty || text == "-" ? nil : text
            case .index, .links, .other:
                break
            }
            let hint: LinkKind? = if case .links(let kind) = roles[column] { kind } else { nil }
            for link in cellLinks {
                entry.links.append(EntryLink(label: LinkLabel.normalize(link.text),
                                             kind: LinkKind(label: link.text, url: link.url, columnHint: hint),
                                             url: link.url))
            }
        }
        if !roles.contains(.title) {
            entry.title = referenceTitle.flatMap(TextFacts.cleanTitle) ?? entry.name
        }
        entry.ids = PaperIDs(links: entry.links)
        return entry
    }

    /// Counts the cells of a table row as written: unescaped pipes split cells (GFM splits
    /// inside code spans too); a leading and a trailing pipe are borders.
    static func cellCount(_ line: ArraySlice<UInt8>) -> Int {
        let blank: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "\t")]
        guard let first = line.firstIndex(where: { !blank.contains($0) }),
              let last = line.lastIndex(where: { !blank.contains($0) }) else { return 0 }
        var separators: [Int] = []
        var index = first
        while index <= last {
            if line[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if line[index] == UInt8(ascii: "|") { separators.append(index) }
            index += 1
        }
        var cells = separators.count + 1
        if separators.first == first { cells -= 1 }
        if separators.last == last, last != first { cells -= 1 }
        return max(cells, 1)
    }
}
