import Engine
import Foundation
import Lists
import Markdown
import Rules
import Settings

/// The canonical forms a list's profile asks `vlmbot format` for, as findings with fixes:
/// arXiv `abs` links, `https`, `| a | b |` table cells and the list's own link style. They
/// are not lint rules, a list that does not ask for them is not wrong; each is described as a
/// `CanonicalForm`.
public enum FormatCanonicalForms {
    /// The ids the canonical forms report under, in summaries.
    public static let arxivAbsID = "format-arxiv-abs"
    public static let httpsID = "format-https"
    public static let tableSpacingID = "format-table-spacing"

    /// The findings the switches ask for in a document, on changed lines only when given.
    public static func findings(in document: ListDocument, switches: FormatSwitches, changedLines: ChangedLines?) -> [Finding] {
        var findings: [Finding] = []
        if switches.arxivAbs || switches.https {
            for entry in document.entries {
                for url in Set(entry.links.map(\.url)).sorted() {
                    findings += linkFindings(url, in: entry.lines, source: document.source, switches: switches)
                }
            }
        }
        if switches.tableSpacing {
            for table in document.tables {
                findings += tableSpacingFindings(table, source: document.source)
            }
        }
        if switches.linkStyle {
            findings += FormatLinkStyle.findings(in: document)
        }
        return findings.filter { changedLines?.intersects($0.range.lines) ?? true }
    }

    /// `http://` → `https://` and arXiv `/pdf/ID[.pdf]` → `/abs/ID` where `url` is a link
    /// destination (right after `(` or `<`) in `lines`.
    static func linkFindings(_ url: String, in lines: ClosedRange<Int>, source: SourceText, switches: FormatSwitches) -> [Finding] {
        let arxivPDF = switches.arxivAbs ? arxivPDFPath(url) : nil
        let insecure = switches.https && url.lowercased().hasPrefix("http://")
        guard arxivPDF != nil || insecure else { return [] }
        var findings: [Finding] = []
        for line in lines {
            var column = 1
            while let range = source.range(of: url, onLine: line, from: column) {
                column = range.end.column + 1
                let before = range.start.column > 1 ? source.lineBytes(line).dropFirst(range.start.column - 2).first : nil
                guard before == UInt8(ascii: "(") || before == UInt8(ascii: "<") else { continue }
                let start = range.start.column
                if insecure {
                    let scheme = SourceRange(start: SourcePosition(line: line, column: start),
                                             end: SourcePosition(line: line, column: start + 3))
                    findings.append(Finding(rule: httpsID, severity: .note, message: "use https for '\(url.snippet)'",
                                            range: scheme, fix: Fix(replacements: [Replacement(range: scheme, text: "https")], repairs: .links)))
                }
                if let arxivPDF {
                    var replacements = [Replacement(range: span(line, start + arxivPDF.pdf.lowerBound, arxivPDF.pdf.count), text: "abs")]
                    if let suffix = arxivPDF.suffix {
                        replacements.append(Replacement(range: span(line, start + suffix.lowerBound, suffix.count), text: ""))
                    }
                    findings.append(Finding(rule: arxivAbsID, severity: .note, message: "link the arXiv abstract page, not the PDF: '\(url.snippet)'",
                                            range: SourceRange(start: range.start, end: range.end), fix: Fix(replacements: replacements, repairs: .links)))
                }
            }
        }
        return findings
    }

    /// Where an arXiv PDF URL's `pdf` path segment and its `.pdf` ending (if any) are, as
    /// byte offsets into the URL; nil for any other URL.
    static func arxivPDFPath(_ url: String) -> (pdf: Range<Int>, suffix: Range<Int>?)? {
        guard url.lowercased().contains("arxiv.org/pdf/") else { return nil }
        let pattern = #"^https?://(?:www\.|export\.)?arxiv\.org/(pdf)/(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?(\.pdf)?$"#
        guard let expression = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]),
              let match = expression.firstMatch(in: url, range: NSRange(url.startIndex..., in: url)) else { return nil }
        func utf8Range(_ group: Int) -> Range<Int>? {
            guard let range = Range(match.range(at: group), in: url) else { return nil }
            let start = url.utf8.distance(from: url.utf8.startIndex, to: range.lowerBound)
            return start..<(start + url[range].utf8.count)
        }
        guard let pdf = utf8Range(1) else { return nil }
        return (pdf, utf8Range(2))
    }

    /// Findings that rewrite a table's rows as `| a | b |`, unless its pipes line up in
    /// columns in at least half of its rows (an alignment a maintainer chose, maybe with a
    /// few rows that overflow it).
    static func tableSpacingFindings(_ table: ListTable, source: SourceText) -> [Finding] {
        let lines = [table.headerLine, table.headerLine + 1] + table.rows.map(\.line)
        let aligned = Dictionary(grouping: lines) { WrittenTableRow(Array(source.lineBytes($0))).pipes }.values.map(\.count).max() ?? 0
        if lines.count > 2, aligned * 2 >= lines.count { return [] }
        let rows = lines.filter { $0 != table.headerLine + 1 }.map { (line: $0, text: Array(source.lineBytes($0))) }
        return rows.compactMap { row in
            guard let cells = TableCells(row.text), cells.canonical != cells.written else { return nil }
            let range = span(row.line, cells.offset + 1, cells.written.count)
            return Finding(rule: tableSpacingID, severity: .note, message: "write this row's cells as '| a | b |'",
                           range: range, fix: Fix(replacements: [Replacement(range: range, text: String(decoding: cells.canonical, as: UTF8.self))]))
        }
    }

    /// A range of `count` bytes on `line` from `column` (1-based).
    private static func span(_ line: Int, _ column: Int, _ count: Int) -> SourceRange {
        SourceRange(start: SourcePosition(line: line, column: column), end: SourcePosition(line: line, column: column + count - 1))
    }
}

/// A table row's cells as written, between its first and last non-blank bytes.
struct TableCells {
    /// The 0-based offset of the row's first non-blank byte.
    let offset: Int
    /// The row from its first to its last non-blank byte.
    let written: [UInt8]
    /// The same row with one space each side of every cell.
    let canonical: [UInt8]

    init?(_ row: [UInt8]) {
        let cells = WrittenTableRow(row)
        guard !cells.pipes.isEmpty, let first = row.firstIndex(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }),
              let last = row.lastIndex(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) else { return nil }
        offset = first
        written = Array(row[first...last])
        var text: [UInt8] = cells.opensWithPipe ? Array("| ".utf8) : []
        for (index, cell) in cells.cells.enumerated() {
            if index > 0 { text += Array(" | ".utf8) }
            text += row[cell]
        }
        if cells.closesWithPipe { text += Array(" |".utf8) }
        canonical = text
    }
}
