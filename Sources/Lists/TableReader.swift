import Foundation
import Markdown
import Papers

/// Headers of a table's index column (`#`, `No.`, `序号`), lower-cased: the one list the
/// parser and the rules read.
public enum IndexColumn {
    public static let headers = ["#", "no", "no.", "index", "id", "idx", "num", "number", "sr", "sr.", "s/n", "s.no", "s.no.", "序号"]
}

/// What a table column holds, decided from its header text.
enum ColumnRole: Equatable {
    case index, title, year, venue, authors, category
    /// A column of names: model, method or dataset names (`Model`, `Dataset name`).
    case name(EntryKind?)
    /// A column of links, with the kind its header suggests (`Code`, `PDF`), if any.
    case links(LinkKind?)
    case other

    /// The role a header names. Order matters: `Paper Link` is links, `Paper Names` is a
    /// title, `Dataset name` is a name.
    init(header: String) {
        let key = header.lowercased().trimming(Self.headerEdges)
        let words = Set(key.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
        func has(_ candidates: String...) -> Bool {
            candidates.contains { candidate in
                candidate.allSatisfy(\.isASCII) ? words.contains(candidate) : key.contains(candidate)
            }
        }
        let datasetNoun = has("dataset", "datasets", "benchmark", "benchmarks", "corpus", "数据集")
        if key.isEmpty {
            self = .other
        } else if IndexColumn.headers.contains(key) {
            self = .index
        } else if has("code", "github", "repo", "repository", "implementation", "代码") {
            self = .links(.code)
        } else if has("name", "names", "名称") && !has("title", "paper", "标题", "论文") {
            self = .name(datasetNoun ? .dataset : nil)
        } else if has("pdf", "link", "links", "url", "urls", "arxiv", "doi", "链接", "地址", "下载") {
            self = .links(has("paper", "pdf", "arxiv", "doi", "论文") ? .paper : datasetNoun ? .dataset : nil)
        } else if has("project", "homepage", "website", "demo", "page", "主页") {
            self = .links(.project)
        } else if has("title", "paper", "papers", "article", "publication", "work", "标题", "论文", "题目") {
            self = .title
        } else if datasetNoun {
            self = .name(.dataset)
        } else if has("model", "models", "method", "methods", "abbreviation", "acronym", "模型", "方法") {
            self = .name(has("model", "models", "模型") ? .model : nil)
        } else if has("data", "download") {
            self = .links(.dataset)
        } else if has("year", "date", "month", "time", "published", "release", "released", "年份", "日期", "时间") {
            self = .year
        } else if has("venue", "conference", "journal", "conf", "source", "publisher", "会议", "期刊", "出处")
                    || ["j/c", "c/j"].contains(key) {
            self = .venue
        } else if has("author", "authors", "作者") {
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
            return word.count >= 3 && word.allSatisfy(\.isLetter)
        }
    }

    var isName: Bool { if case .name = self { true } else { false } }

    /// Whether a title column's header says its rows are papers (`Paper Title`, `论文`).
    static func namesPapers(_ header: String) -> Bool {
        let key = header.lowercased()
        return ["paper", "article", "publication", "论文"].contains { key.contains($0) }
    }
}

/// A table of the list, Markdown or HTML, as header texts and rows of cells.
struct TableGrid {
    struct Cell {
        /// The cell's inline content in reading order.
        var pieces: [Piece]
        /// The text a reader sees, without images.
        var text: String
        var line: Int
        /// The title attributes of the cell's links (`[MedCLIP]` defined as `[MedCLIP]: ## "Full title"`).
        var linkTitles: [String] = []
    }

    struct Row {
        var cells: [Cell]
        var lines: ClosedRange<Int>
    }

    var header: [String]
    var rows: [Row]
    var shape: EntryShape
}

/// Reads the entries of a table: one per body row when a column holds titles or names.
struct TableReader {
    let grid: TableGrid
    private let roles: [ColumnRole]

    init(grid: TableGrid, profile: ListProfile = .none) {
        self.grid = grid
        let named = grid.header.map { profile.role(ofHeader: $0) ?? ColumnRole(header: $0) }
        roles = Self.refine(named, headers: grid.header, rows: grid.rows)
    }

    /// Settles what headers leave open, by the cells: a "Paper" column whose cells are only
    /// `[PDF](…)`-style links holds links, not titles; of several title columns the one
    /// headed "Title" wins; a table with neither takes a column of unlinked names when its
    /// header says nothing else.
    private static func refine(_ roles: [ColumnRole], headers: [String], rows: [TableGrid.Row]) -> [ColumnRole] {
        var refined = roles.enumerated().map { column, role -> ColumnRole in
            guard role == .title || role.isName, !rows.isEmpty else { return role }
            let onlyLabels = rows.allSatisfy { row in
                guard column < row.cells.count else { return true }
                let cell = row.cells[column]
                let text = cell.text.trimming(.whitespacesAndNewlines)
                let links = cell.pieces.compactMap(\.link)
                return text.isEmpty || text == "-" || (!links.isEmpty && links.allSatisfy { LinkLabel.isLabel($0.text) || $0.isBadge }
                                                        && links.map(\.text).joined().count >= text.count - 4)
            }
            if onlyLabels {
                if case .name(.dataset) = role { return .links(.dataset) }
                return .links(.paper)
            }
            return role
        }
        let titleColumns = refined.indices.filter { refined[$0] == .title }
        if titleColumns.count > 1 {
            let preferred = titleColumns.first { headers[$0].lowercased().contains("title") } ?? titleColumns[0]
            for column in titleColumns where column != preferred { refined[column] = .other }
        }
        return refined
    }

    /// One entry per body row, when a column holds titles or names.
    func entries(section: [String]) -> [Entry] {
        guard roles.contains(where: { $0 == .title || $0.isName }) else { return [] }
        return grid.rows.filter { !isDivider($0) }.compactMap { entry(row: $0, section: section) }
    }

    /// A row that names a group of the rows below it (`| **Quantization** | | |`): one cell of
    /// bold text without a link, every other cell empty, in a table of three or more columns.
    private func isDivider(_ row: TableGrid.Row) -> Bool {
        let filled = row.cells.filter { !$0.text.trimming(.whitespacesAndNewlines).isEmpty }
        guard grid.header.count >= 3, filled.count == 1, let cell = filled.first,
              !cell.pieces.contains(where: { $0.link != nil }) else { return false }
        let words = cell.pieces.filter { !$0.isBlank }
        return cell.text.count <= 60 && !words.isEmpty && words.allSatisfy { $0.strong }
    }

    private func entry(row: TableGrid.Row, section: [String]) -> Entry? {
        var entry = Entry(shape: grid.shape, section: section, lines: row.lines)
        var referenceTitle: String?
        var titleFacts: EntryFacts?
        var kindFromColumn: EntryKind?
        for (column, cell) in row.cells.enumerated() where column < roles.count {
            let text = cell.text.trimming(.whitespacesAndNewlines)
            let cellLinks = cell.pieces.compactMap(\.link)
            var hint: LinkKind?
            switch roles[column] {
            case .title:
                var facts = EntryReader.read(cell.pieces, authorsFollow: grid.header[column].lowercased().contains("author"))
                if facts.title == nil, let text = TextFacts.cleanTitle(text) {
                    // A title column's text is a title, however short.
                    facts.title = text
                    facts.titleLine = cell.line
                }
                titleFacts = facts
                for link in cellLinks {
                    entry.links.append(EntryLink(label: LinkLabel.normalize(link.text),
                                                 kind: link.node == facts.titleLink ? LinkKind(titleLinkTo: link.url)
                                                     : LinkKind(label: link.text, url: link.url),
                                                 url: link.url, line: link.line))
                }
                continue
            case .name(let kind):
                if kind != nil { kindFromColumn = kind }
                let facts = EntryReader.read(cell.pieces)
                entry.name = facts.title ?? TextFacts.cleanTitle(LeadText.withoutReferenceMarks(text))
                entry.fieldLines.name = entry.name == nil ? nil : cell.line
                referenceTitle = referenceTitle ?? cell.linkTitles.first { !$0.isEmpty }
                for link in cellLinks {
                    entry.links.append(EntryLink(label: LinkLabel.normalize(link.text),
                                                 kind: link.node == facts.titleLink ? LinkKind(label: "", url: link.url, columnHint: kind == .dataset ? .dataset : nil)
                                                     : LinkKind(label: link.text, url: link.url),
                                                 url: link.url, line: link.line))
                }
                continue
            case .year:
                if !text.isEmpty, text != "-", entry.date == nil {
                    entry.dateText = text
                    entry.date = DateText.field(text) ?? DateText.find(in: text)
                    entry.fieldLines.date = cell.line
                }
            case .venue:
                if let tag = TextFacts.venueTag(text) {
                    entry.venue = tag.venue
                    if entry.date == nil {
                        entry.date = tag.date
                        entry.dateText = tag.date.text
                        entry.fieldLines.date = cell.line
                    }
                } else if let (date, range) = DateText.locate(in: text), range.upperBound >= text.utf8.count - 1 {
                    // A venue column names a venue however it is called: `Surgical Endoscopy 2020`.
                    entry.venue = TextFacts.cleanTitle(String(decoding: Array(text.utf8)[..<range.lowerBound], as: UTF8.self))
                    if entry.date == nil {
                        entry.date = date
                        entry.dateText = date.text
                        entry.fieldLines.date = cell.line
                    }
                } else {
                    entry.venue = TextFacts.cleanTitle(text)
                }
                entry.fieldLines.venue = entry.venue == nil ? nil : cell.line
            case .authors:
                let names = TextFacts.authors(in: text)
                entry.authors = names.isEmpty ? nil : names
                entry.fieldLines.authors = entry.authors == nil ? nil : cell.line
            case .category:
                entry.category = text.isEmpty || text == "-" ? nil : text
                entry.fieldLines.category = entry.category == nil ? nil : cell.line
            case .links(let kind):
                hint = kind
            case .index, .other:
                break
            }
            for link in cellLinks {
                entry.links.append(EntryLink(label: LinkLabel.normalize(link.text),
                                             kind: LinkKind(label: link.text, url: link.url, columnHint: hint),
                                             url: link.url, line: link.line))
            }
        }
        if let titleFacts {
            let date = entry.date
            let dateText = entry.dateText
            titleFacts.apply(to: &entry)
            if let date {
                // A date column wins over a date read in the title cell.
                entry.date = date
                entry.dateText = dateText
            }
        }
        if titleFacts == nil {
            // No title column: a short name's reference title, else the name, is the title.
            entry.title = referenceTitle.flatMap(TextFacts.cleanTitle) ?? entry.name
            if entry.title != nil { entry.fieldLines.title = entry.fieldLines.name }
        }
        guard entry.title != nil || entry.name != nil || !entry.links.isEmpty else { return nil }
        if let kindFromColumn, kindFromColumn == .dataset || titleFacts == nil {
            // A model column names a model unless the row is a paper's (it has a title column).
            entry.kind = kindFromColumn
        } else if let column = roles.firstIndex(of: .title), ColumnRole.namesPapers(grid.header[column]) {
            entry.kind = .paper
        }
        entry.ids = PaperIDs(links: entry.links)
        return entry
    }
}

extension TableGrid {
    /// A Markdown table's grid.
    init(markdownTable table: NodeID, in tree: MarkdownTree) {
        let inline = InlineFacts(tree: tree)
        let rowNodes = tree.children(of: table)
        // A header names its column in words; a link in it (`Author et al. [(paper)](…)`) names a paper.
        header = (rowNodes.first.map { tree.children(of: $0) } ?? []).map { cell in
            inline.pieces(of: tree.children(of: cell)).filter { $0.kind != .link }.map(\.text).joined()
        }
        rows = rowNodes.dropFirst().map { row in
            let line = tree[row].range.start.line
            return Row(cells: tree.children(of: row).map { cell in
                Cell(pieces: inline.pieces(of: tree.children(of: cell)), text: tree.plainText(of: cell), line: line,
                     linkTitles: tree.descendants(of: cell).compactMap { tree[$0].kind == .link ? tree[$0].title : nil })
            }, lines: line...line)
        }
        shape = .tableRow
    }

    /// A Markdown table's header texts and each row's cell count as written (cmark-gfm pads
    /// short rows and drops extra cells, so the counts come from the raw lines).
    static func rawTable(_ table: NodeID, in tree: MarkdownTree) -> ListTable {
        let rows = tree.children(of: table)
        let header = rows.first.map { tree.children(of: $0).map { tree.plainText(of: $0) } } ?? []
        let headerLine = rows.first.map { tree[$0].range.start.line } ?? tree[table].range.start.line
        let body = rows.dropFirst().map { row in
            let line = tree[row].range.start.line
            return ListTable.Row(line: line, cellCount: cellCount(tree.source.lineBytes(line)))
        }
        return ListTable(header: header, headerLine: headerLine, rows: Array(body))
    }

    /// Counts the cells of a table row as written (`WrittenTableRow`), at least one.
    static func cellCount(_ line: ArraySlice<UInt8>) -> Int {
        let row = WrittenTableRow(Array(line))
        return row.cells.isEmpty ? 0 : row.cells.count
    }
}

extension ListProfile {
    /// What a table column holds, as vlmbot reads its header under this profile: `index`,
    /// `title`, `name`, `date`, `venue`, `authors`, `category` or `links`; nil for another.
    public func columnFact(ofHeader header: String) -> String? {
        switch role(ofHeader: header) ?? ColumnRole(header: header) {
        case .index: "index"
        case .title: "title"
        case .name: "name"
        case .year: "date"
        case .venue: "venue"
        case .authors: "authors"
        case .category: "category"
        case .links: "links"
        case .other: nil
        }
    }
}
