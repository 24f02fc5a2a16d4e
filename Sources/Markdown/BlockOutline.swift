/// The top-level shape of a document read line by line, without parsing inlines: where it can
/// be cut into sections that parse the same alone as in the whole, its ATX headings, and the
/// lines that may define link references (which every section needs).
///
/// A cut goes before an ATX heading written at column 1 after a blank line, outside fenced
/// code, HTML blocks and `<details>` elements: nothing before such a line can change how it
/// and what follows parse, except reference definitions, which `definitionBlocks` gives.
/// Setext headings (a paragraph underlined with `===` or `---`) are not read here: a document
/// that may hold one says so in `mayHaveSetextHeadings`, and callers parse it whole.
public struct BlockOutline: Sendable {
    /// The lines where a section starts, ascending; the first is always line 1.
    public let sectionStarts: [Int]
    /// The lines of top-level ATX headings, ascending.
    public let headingLines: [Int]
    /// Runs of lines that begin with what may be a link reference definition, outside code
    /// and raw-HTML blocks, each to its paragraph's end.
    public let definitionBlocks: [ClosedRange<Int>]
    /// Whether a top-level paragraph line is followed by a line of `=` or `-` only.
    public let mayHaveSetextHeadings: Bool

    public init(_ source: SourceText) {
        var scanner = OutlineScanner(source: source)
        scanner.scan()
        sectionStarts = scanner.sectionStarts
        headingLines = scanner.headingLines
        definitionBlocks = scanner.definitionBlocks
        mayHaveSetextHeadings = scanner.mayHaveSetext
    }

    /// The sections holding any of `lines`, as line ranges, merged where they touch.
    public func sections(holding lines: some Sequence<Int>, lineCount: Int) -> [ClosedRange<Int>] {
        var picked = Set<Int>()
        for line in lines {
            picked.insert(sectionStarts.lastIndex { $0 <= line })
        }
        var ranges: [ClosedRange<Int>] = []
        for index in picked.sorted() {
            let start = sectionStarts[index]
            let end = index + 1 < sectionStarts.count ? sectionStarts[index + 1] - 1 : max(start, lineCount)
            if let last = ranges.last, last.upperBound + 1 >= start {
                ranges[ranges.count - 1] = last.lowerBound...end
            } else {
                ranges.append(start...end)
            }
        }
        return ranges
    }
}

/// The state of a line-by-line pass over top-level blocks.
private struct OutlineScanner {
    /// A raw-HTML block and what ends it (CommonMark's seven kinds).
    enum HTMLBlock {
        /// Types 1 to 5: ended by a line holding this marker (lower-cased).
        case untilMarker([UInt8])
        /// Types 6 and 7: ended by a blank line.
        case untilBlankLine
    }

    let source: SourceText
    var sectionStarts: [Int] = [1]
    var headingLines: [Int] = []
    var definitionBlocks: [ClosedRange<Int>] = []
    var mayHaveSetext = false

    private var fence: (marker: UInt8, length: Int)?
    private var html: HTMLBlock?
    /// The content column of the open top-level list item: deeper lines belong to it.
    private var itemIndent: Int?
    /// Whether the previous line was top-level paragraph text (or a list item's text that a
    /// lazy line may continue).
    private var inParagraph = false
    private var previousBlank = true
    /// How deep `<details>` elements are open in top-level HTML.
    private var detailsDepth = 0
    private var definitionStart: Int?

    init(source: SourceText) {
        self.source = source
    }

    mutating func scan() {
        guard source.lineCount > 0 else { return }
        for number in 1...source.lineCount {
            read(number, source.lineBytes(number))
        }
        closeDefinition(before: source.lineCount + 1)
    }

    private mutating func read(_ number: Int, _ line: ArraySlice<UInt8>) {
        let blank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 }
        if blank { closeDefinition(before: number) }
        defer { previousBlank = blank }
        if let open = fence {
            if Self.closesFence(line, marker: open.marker, length: open.length) { fence = nil }
            return
        }
        if let block = html {
            countDetails(line)
            switch block {
            case .untilMarker(let marker):
                if Self.contains(marker, in: line) { html = nil }
            case .untilBlankLine:
                if blank { html = nil }
            }
            return
        }
        if blank {
            inParagraph = false
            return
        }
        let (indent, start) = Self.indentation(line)
        if let itemIndent, indent >= itemIndent || (!previousBlank && inParagraph && Self.isLazyText(line, from: start)) {
            if indent >= itemIndent, Self.startsDefinition(line, from: start) { openDefinition(number) }
            return
        }
        itemIndent = nil
        guard indent < 4 else {
            if inParagraph { return }
            inParagraph = false
            return
        }
        if line[start] == UInt8(ascii: ">") {
            inParagraph = true
            return
        }
        if let opened = Self.fenceOpening(line, from: start) {
            fence = opened
            inParagraph = false
            return
        }
        if let block = Self.htmlBlockStart(line, from: start, interruptsParagraph: inParagraph) {
            countDetails(line)
            if case .untilMarker(let marker) = block, Self.contains(marker, in: line[(start + 1)...]) {
                inParagraph = false
                return
            }
            html = block
            inParagraph = false
            return
        }
        if Self.isATXHeading(line, from: start) {
            headingLines.append(number)
            if indent == 0, previousBlank, detailsDepth == 0, number > 1 { sectionStarts.append(number) }
            inParagraph = false
            return
        }
        if inParagraph, Self.isSetextUnderline(line, from: start) {
            mayHaveSetext = true
        }
        if let content = Self.listItemContent(line, from: start, indent: indent) {
            itemIndent = content
            inParagraph = true
            if Self.startsDefinition(line, from: Self.firstNonBlank(line, from: line.startIndex + content) ?? line.endIndex) {
                openDefinition(number)
            }
            return
        }
        if !inParagraph, Self.startsDefinition(line, from: start) { openDefinition(number) }
        inParagraph = !Self.isThematicBreak(line, from: start)
    }

    // MARK: Reference definitions

    private mutating func openDefinition(_ number: Int) {
        if definitionStart == nil { definitionStart = number }
    }

    private mutating func closeDefinition(before number: Int) {
        if let start = definitionStart, start < number { definitionBlocks.append(start...(number - 1)) }
        definitionStart = nil
    }

    /// `[label]:` at `start`, the shape of a reference definition.
    private static func startsDefinition(_ line: ArraySlice<UInt8>, from start: Int) -> Bool {
        guard start < line.endIndex, line[start] == UInt8(ascii: "[") else { return false }
        var index = start + 1
        while index < line.endIndex, line[index] != UInt8(ascii: "]") {
            if line[index] == UInt8(ascii: "\\") { index += 1 }
            index += 1
        }
        return index + 1 < line.endIndex && index > start + 1 && line[index + 1] == UInt8(ascii: ":")
    }

    // MARK: Line shapes

    private mutating func countDetails(_ line: ArraySlice<UInt8>) {
        guard line.contains(UInt8(ascii: "<")) else { return }
        detailsDepth = max(0, detailsDepth + Self.count(Self.detailsOpener, in: line) - Self.count(Self.detailsCloser, in: line))
    }

    private static let detailsOpener = Array("<details".utf8)
    private static let detailsCloser = Array("</details".utf8)

    /// The column of the first non-blank character (tabs to the next multiple of 4) and its index.
    private static func indentation(_ line: ArraySlice<UInt8>) -> (column: Int, index: Int) {
        var column = 0
        var index = line.startIndex
        while index < line.endIndex {
            if line[index] == 0x20 { column += 1 } else if line[index] == 0x09 { column += 4 - column % 4 } else { break }
            index += 1
        }
        return (column, index)
    }

    private static func firstNonBlank(_ line: ArraySlice<UInt8>, from start: Int) -> Int? {
        line[min(start, line.endIndex)...].firstIndex { $0 != 0x20 && $0 != 0x09 }
    }

    /// Text that continues a paragraph lazily: not a line that starts another block.
    private static func isLazyText(_ line: ArraySlice<UInt8>, from start: Int) -> Bool {
        fenceOpening(line, from: start) == nil && htmlBlockStart(line, from: start, interruptsParagraph: true) == nil
            && !isATXHeading(line, from: start) && !isThematicBreak(line, from: start)
            && line[start] != UInt8(ascii: ">") && listItemContent(line, from: start, indent: 0) == nil
    }

    private static func fenceOpening(_ line: ArraySlice<UInt8>, from start: Int) -> (marker: UInt8, length: Int)? {
        let marker = line[start]
        guard marker == UInt8(ascii: "`") || marker == UInt8(ascii: "~") else { return nil }
        let length = line[start...].prefix { $0 == marker }.count
        guard length >= 3 else { return nil }
        if marker == UInt8(ascii: "`"), line[(start + length)...].contains(UInt8(ascii: "`")) { return nil }
        return (marker, length)
    }

    private static func closesFence(_ line: ArraySlice<UInt8>, marker: UInt8, length: Int) -> Bool {
        let (indent, start) = indentation(line)
        guard indent < 4, start < line.endIndex else { return false }
        let run = line[start...].prefix { $0 == marker }.count
        return run >= length && line[(start + run)...].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    private static func isATXHeading(_ line: ArraySlice<UInt8>, from start: Int) -> Bool {
        let marks = line[start...].prefix { $0 == UInt8(ascii: "#") }.count
        let after = start + marks
        return (1...6).contains(marks) && (after == line.endIndex || line[after] == 0x20 || line[after] == 0x09)
    }

    private static func isSetextUnderline(_ line: ArraySlice<UInt8>, from start: Int) -> Bool {
        let marker = line[start]
        guard marker == UInt8(ascii: "=") || marker == UInt8(ascii: "-") else { return false }
        let body = line[start...].prefix { $0 == marker }
        return line[(start + body.count)...].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    private static func isThematicBreak(_ line: ArraySlice<UInt8>, from start: Int) -> Bool {
        let marker = line[start]
        guard marker == UInt8(ascii: "-") || marker == UInt8(ascii: "*") || marker == UInt8(ascii: "_") else { return false }
        let rest = line[start...]
        return rest.filter { $0 == marker }.count >= 3 && rest.allSatisfy { $0 == marker || $0 == 0x20 || $0 == 0x09 }
    }

    /// The content column of a list item that starts here (`- `, `* `, `+ `, `1. `, `1) `).
    private static func listItemContent(_ line: ArraySlice<UInt8>, from start: Int, indent: Int) -> Int? {
        var index = start
        if line[index] == UInt8(ascii: "-") || line[index] == UInt8(ascii: "*") || line[index] == UInt8(ascii: "+") {
            index += 1
        } else {
            let digits = line[start...].prefix { $0 >= 0x30 && $0 <= 0x39 }.count
            guard (1...9).contains(digits), start + digits < line.endIndex,
                  line[start + digits] == UInt8(ascii: ".") || line[start + digits] == UInt8(ascii: ")") else { return nil }
            index = start + digits + 1
        }
        let markerWidth = index - start
        guard index == line.endIndex || line[index] == 0x20 || line[index] == 0x09 else { return nil }
        let spaces = line[index...].prefix { $0 == 0x20 }.count
        let blankAfter = index + spaces == line.endIndex
        return indent + markerWidth + (blankAfter || spaces > 4 || spaces == 0 ? 1 : spaces)
    }

    /// The raw-HTML block a line starts, if any (CommonMark's start conditions 1 to 7).
    private static func htmlBlockStart(_ line: ArraySlice<UInt8>, from start: Int, interruptsParagraph: Bool) -> HTMLBlock? {
        guard line[start] == UInt8(ascii: "<") else { return nil }
        let rest = line[start...]
        func byte(_ offset: Int) -> UInt8? {
            start + offset < line.endIndex ? line[start + offset].asciiLowercased : nil
        }
        func opens(_ text: [UInt8]) -> Bool { hasPrefix(text, in: rest) }
        for (opener, closer) in rawTextTags where opens(opener) {
            let next = byte(opener.count)
            if next == nil || next == 0x20 || next == 0x09 || next == UInt8(ascii: ">") { return .untilMarker(closer) }
        }
        for (opener, closer) in markedOpeners where opens(opener) { return .untilMarker(closer) }
        if byte(1) == UInt8(ascii: "!"), let letter = byte(2), letter.isASCIILetter { return .untilMarker(Array(">".utf8)) }
        var index = byte(1) == UInt8(ascii: "/") ? 2 : 1
        let nameStart = index
        var name: [UInt8] = []
        while let next = byte(index), next.isASCIIAlphanumeric, name.count < 12 {
            name.append(next)
            index += 1
        }
        guard !name.isEmpty, name[0].isASCIILetter else { return nil }
        let after = byte(index)
        let ends = after == nil || after == 0x20 || after == 0x09 || after == UInt8(ascii: ">")
            || after == UInt8(ascii: "/") && byte(index + 1) == UInt8(ascii: ">")
        if index > nameStart, blockTagNames.contains(name), ends { return .untilBlankLine }
        // Type 7 (any other tag alone on its line) cannot interrupt a paragraph.
        return interruptsParagraph ? nil : .untilBlankLine
    }

    /// Type 1: tags whose content is raw text, ended by their closing tag.
    private static let rawTextTags = [("<script", "</script>"), ("<pre", "</pre>"), ("<style", "</style>"),
                                      ("<textarea", "</textarea>")].map { (Array($0.utf8), Array($1.utf8)) }
    /// Types 2, 3 and 5: comments, processing instructions and CDATA.
    private static let markedOpeners = [("<!--", "-->"), ("<?", "?>"), ("<![cdata[", "]]>")]
        .map { (Array($0.utf8), Array($1.utf8)) }

    /// Whether `text` starts with `prefix` (lower case) without regard to ASCII case.
    private static func hasPrefix(_ prefix: [UInt8], in text: ArraySlice<UInt8>) -> Bool {
        text.count >= prefix.count && zip(text, prefix).allSatisfy { $0.asciiLowercased == $1 }
    }

    private static func contains(_ marker: [UInt8], in line: ArraySlice<UInt8>) -> Bool {
        count(marker, in: line) > 0
    }

    /// How often `needle` (lower case) occurs in `haystack` without regard to ASCII case.
    private static func count(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int {
        guard let first = needle.first, haystack.count >= needle.count else { return 0 }
        var found = 0
        var index = haystack.startIndex
        while index + needle.count <= haystack.endIndex {
            if haystack[index].asciiLowercased == first, hasPrefix(needle, in: haystack[index...]) {
                found += 1
                index += needle.count
            } else {
                index += 1
            }
        }
        return found
    }

    /// CommonMark's block-level tag names (HTML block type 6).
    private static let blockTagNames: Set<[UInt8]> = Set([
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col",
        "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
        "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol",
        "optgroup", "option", "p", "param", "search", "section", "summary", "table", "tbody", "td", "tfoot",
        "th", "thead", "title", "tr", "track", "ul",
    ].map { Array($0.utf8) })
}
