import Foundation
import Markdown
import Papers

/// Reads an HTML `<table>` written in a list (GitHub shows HTML blocks as HTML): its rows,
/// cells (with `rowspan` carried down) and the links, emphasis and line breaks in them.
///
/// Only what tables of paper lists hold is understood: `tr`, `th`, `td`, `a href`, `b`,
/// `strong`, `em`, `i`, `br`, `img alt`, and character references; other tags are dropped.
enum HTMLTable {
    /// The grids of the tables in an HTML text that starts on line `firstLine`.
    static func grids(in html: String, firstLine: Int) -> [TableGrid] {
        var scanner = Scanner(html: html, firstLine: firstLine)
        return scanner.tables()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var line: Int

        init(html: String, firstLine: Int) {
            bytes = Array(html.utf8)
            line = firstLine
        }

        private struct OpenRow {
            var cells: [TableGrid.Cell] = []
            /// Rows each own cell spans (`rowspan`).
            var spans: [Int] = []
            var isHeader = true
            var firstLine: Int
            var lastLine: Int
        }

        mutating func tables() -> [TableGrid] {
            var grids: [TableGrid] = []
            var header: [String]?
            var rows: [TableGrid.Row] = []
            var row: OpenRow?
            var cell: CellBuilder?
            var carried: [Int: (cell: TableGrid.Cell, remaining: Int)] = [:]

            func finishCell() {
                guard var built = cell, row != nil else { return }
                let (made, span) = built.finish()
                row!.cells.append(made)
                row!.spans.append(span)
                row!.lastLine = max(row!.lastLine, made.line)
                cell = nil
            }
            func finishRow() {
                finishCell()
                guard var open = row else { return }
                row = nil
                // Cells spanning rows from above take their columns.
                var cells: [TableGrid.Cell] = []
                var newSpans: [Int: Int] = [:]
                var column = 0
                var own = zip(open.cells, open.spans).makeIterator()
                while true {
                    if let above = carried[column] {
                        // A cell spanning rows holds for each of them (a category down a column).
                        cells.append(TableGrid.Cell(pieces: above.cell.pieces.filter { $0.kind != .link }, text: above.cell.text,
                                                    line: open.firstLine))
                        carried[column] = above.remaining > 1 ? (above.cell, above.remaining - 1) : nil
                        column += 1
                        continue
                    }
                    guard let (next, span) = own.next() else { break }
                    cells.append(next)
                    if span > 1 { newSpans[column] = span - 1 }
                    column += 1
                }
                for (spanned, remaining) in newSpans { carried[spanned] = (cells[spanned], remaining) }
                let ownCells = open.cells.count
                open.cells = cells
                if ownCells == 0 { return }
                if header == nil, !open.cells.isEmpty {
                    header = open.cells.map { $0.text.trimming(.whitespacesAndNewlines) }
                } else if !open.cells.isEmpty {
                    rows.append(TableGrid.Row(cells: open.cells, lines: open.firstLine...open.lastLine))
                }
            }
            func finishTable() {
                finishRow()
                if let header { grids.append(TableGrid(header: header, rows: rows, shape: .htmlRow)) }
                header = nil
                rows = []
                carried = [:]
            }

            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\n") { line += 1 }
                guard byte == UInt8(ascii: "<"), let tag = readTag() else {
                    if cell != nil { cell!.addText(byte: byte, line: line) }
                    index += 1
                    continue
                }
                switch (tag.name, tag.closing) {
                case ("table", false): finishTable()
                case ("table", true): finishTable()
                case ("tr", false): finishRow(); row = OpenRow(firstLine: line, lastLine: line)
                case ("tr", true):
                    row?.lastLine = line
                    finishRow()
                case ("td", false), ("th", false):
                    finishCell()
                    if row == nil { row = OpenRow(firstLine: line, lastLine: line) }
                    if tag.name == "td" { row!.isHeader = false }
                    cell = CellBuilder(line: line, rowSpan: Int(tag.attribute("rowspan") ?? "") ?? 1)
                case ("td", true), ("th", true): finishCell()
                default:
                    cell?.add(tag, line: line)
                }
            }
            finishTable()
            return grids
        }

        /// Reads a tag at `index` (which holds `<`), moving past it; nil when it is not one.
        mutating func readTag() -> Tag? {
            var end = index + 1
            var quote: UInt8?
            while end < bytes.count {
                let byte = bytes[end]
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    break
                } else if byte == UInt8(ascii: "<") {
                    return nil
                }
                end += 1
            }
            guard end < bytes.count else { return nil }
            let inner = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
            guard let tag = Tag(inner) else { return nil }
            for byte in bytes[index...end] where byte == UInt8(ascii: "\n") { line += 1 }
            index = end + 1
            return tag
        }
    }

    /// An HTML tag: its lower-cased name, whether it closes, and its attributes as written.
    struct Tag {
        let name: String
        let closing: Bool
        let attributes: String

        init?(_ inner: String) {
            var text = Substring(inner)
            closing = text.hasPrefix("/")
            if closing { text = text.dropFirst() }
            let name = text.prefix { $0.isLetter || $0.isNumber }
            guard !name.isEmpty else { return nil }
            self.name = name.lowercased()
            attributes = String(text.dropFirst(name.count))
        }

        /// The value of an attribute (`href="…"`, `alt=…`), entities decoded.
        func attribute(_ key: String) -> String? {
            let lower = attributes.lowercased()
            var search = lower.startIndex
            while let found = lower.range(of: key, range: search..<lower.endIndex) {
                search = found.upperBound
                let before = found.lowerBound == lower.startIndex ? " " : lower[lower.index(before: found.lowerBound)]
                guard before.isWhitespace else { continue }
                var position = found.upperBound
                while position < lower.endIndex, lower[position].isWhitespace { position = lower.index(after: position) }
                guard position < lower.endIndex, lower[position] == "=" else { continue }
                position = lower.index(after: position)
                while position < lower.endIndex, lower[position].isWhitespace { position = lower.index(after: position) }
                let original = attributes[position...]
                if let quote = original.first, quote == "\"" || quote == "'" {
                    let value = original.dropFirst().prefix { $0 != quote }
                    return HTMLText.decode(String(value))
                }
                return HTMLText.decode(String(original.prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" }))
            }
            return nil
        }
    }

    /// Builds one cell's pieces from its text and tags.
    private struct CellBuilder {
        var pieces: [Piece] = []
        var text: [UInt8] = []
        var textLine: Int
        let line: Int
        let rowSpan: Int
        var strong = 0
        var emphasis = 0
        var link: (url: String, text: [UInt8], line: Int, images: [String])?

        init(line: Int, rowSpan: Int) {
            self.line = line
            textLine = line
            self.rowSpan = max(1, min(rowSpan, 1000))
        }

        mutating func addText(byte: UInt8, line: Int) {
            if link != nil {
                link!.text.append(byte)
                return
            }
            if text.isEmpty { textLine = line }
            text.append(byte)
        }

        mutating func flushText() {
            guard !text.isEmpty else { return }
            let decoded = HTMLText.decode(String(decoding: text, as: UTF8.self)).replacingOccurrences(of: "\n", with: " ")
            pieces.append(Piece(kind: .text, text: decoded, node: -1, line: textLine, strong: strong > 0, emphasis: emphasis > 0))
            text = []
        }

        mutating func add(_ tag: Tag, line: Int) {
            switch (tag.name, tag.closing) {
            case ("b", _), ("strong", _):
                flushText()
                strong = max(0, strong + (tag.closing ? -1 : 1))
            case ("i", _), ("em", _):
                flushText()
                emphasis = max(0, emphasis + (tag.closing ? -1 : 1))
            case ("br", _):
                flushText()
                pieces.append(Piece(kind: .hardBreak, text: " ", node: -1, line: line))
            case ("img", false):
                if link != nil { link!.images.append(tag.attribute("alt") ?? "") }
            case ("a", false):
                flushText()
                if let href = tag.attribute("href"), !href.hasPrefix("#") { link = (href, [], line, []) }
            case ("a", true):
                guard let open = link else { return }
                link = nil
                let visible = HTMLText.decode(String(decoding: open.text, as: UTF8.self)).trimming(.whitespacesAndNewlines)
                let isBadge = visible.isEmpty && !open.images.isEmpty
                let found = FoundLink(node: -(pieces.count + 1) - open.line * 1000, text: isBadge ? open.images.joined(separator: " ") : visible,
                                      url: open.url, title: nil, isBadge: isBadge, line: open.line)
                pieces.append(Piece(kind: .link, text: found.text, node: found.node, line: open.line, strong: strong > 0,
                                    emphasis: emphasis > 0, link: found))
            default:
                return
            }
        }

        mutating func finish() -> (TableGrid.Cell, Int) {
            flushText()
            let text = pieces.filter { $0.kind != .link || $0.link?.isBadge == false }.map(\.text).joined()
            return (TableGrid.Cell(pieces: pieces, text: text.collapsingWhitespace().trimming(.whitespaces), line: line), rowSpan)
        }
    }
}

/// Character references in HTML text (`&amp;`, `&#39;`, `&#x2F;`).
enum HTMLText {
    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semicolon = after.prefix(10).firstIndex(of: ";") else {
                result += "&"
                rest = after
                continue
            }
            let name = String(after[..<semicolon])
            if let character = decode(reference: name) {
                result.append(character)
                rest = after[after.index(after: semicolon)...]
            } else {
                result += "&"
                rest = after
            }
        }
        return result + rest
    }

    private static func decode(reference name: String) -> Character? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map(Character.init)
        }
        if name.hasPrefix("#") {
            return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map(Character.init)
        }
        return named[name]
    }

    private static let named: [String: Character] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–", "mdash": "—",
        "hellip": "…", "rsquo": "’", "lsquo": "‘", "ldquo": "“", "rdquo": "”", "copy": "©", "reg": "®", "trade": "™",
    ]
}
