import Foundation
import Markdown
import Papers

/// The facts read from an entry's inline content, each with the line it came from.
struct EntryFacts {
    /// Where a title was found.
    enum Origin { case quoted, link, strong, bracketed, plain, citation }

    var title: String?
    var titleLine: Int?
    var titleOrigin: Origin?
    /// The link whose text is the title, if the title is a link.
    var titleLink: NodeID?
    var name: String?
    var nameLine: Int?
    var authors: [String]?
    var authorsLine: Int?
    var date: EntryDate?
    var dateLine: Int?
    var venue: String?
    var venueLine: Int?
    var links: [FoundLink] = []

    /// Takes the facts `other` has and this one lacks (a continuation line, a sub-bullet).
    mutating func fill(from other: EntryFacts) {
        if authors == nil, let found = other.authors { authors = found; authorsLine = other.authorsLine }
        if venue == nil, let found = other.venue { venue = found; venueLine = other.venueLine }
        if let found = other.date, date.map({ $0.precision < found.precision }) ?? true {
            date = found
            dateLine = other.dateLine
        }
        if name == nil, let found = other.name { name = found; nameLine = other.nameLine }
    }

    /// Fills the entry's fields (not its links).
    func apply(to entry: inout Entry) {
        entry.title = title
        entry.name = entry.name ?? name
        entry.authors = entry.authors ?? authors
        if entry.date == nil || (date != nil && entry.date!.precision < date!.precision && entry.dateText == entry.date?.text) {
            if let date {
                entry.date = date
                entry.dateText = date.text
                entry.fieldLines.date = dateLine
            }
        }
        entry.venue = entry.venue ?? venue
        entry.fieldLines.title = titleLine
        if entry.fieldLines.name == nil { entry.fieldLines.name = name == nil ? nil : nameLine }
        if entry.fieldLines.authors == nil { entry.fieldLines.authors = authors == nil ? nil : authorsLine }
        if entry.fieldLines.venue == nil { entry.fieldLines.venue = venue == nil ? nil : venueLine }
    }

    /// A new entry of these facts: its fields, its links (the title's own link judged by where
    /// it goes, the others by their labels too) and the identifiers they name.
    func entry(shape: EntryShape, section: [String], lines: ClosedRange<Int>) -> Entry {
        var entry = Entry(shape: shape, section: section, lines: lines)
        apply(to: &entry)
        entry.links = links.map { link in
            EntryLink(label: LinkLabel.normalize(link.text),
                      kind: link.node == titleLink ? LinkKind(titleLinkTo: link.url) : LinkKind(label: link.text, url: link.url),
                      url: link.url, line: link.line)
        }
        entry.ids = PaperIDs(links: entry.links)
        return entry
    }
}

/// A run of text around the title, with the line it stands on.
private struct Segment {
    enum Kind { case plain, emphasis, strong, code, label, lineBreak }
    var kind: Kind
    var text: String
    var line: Int
}

/// Finds an entry's title among the pieces of its first lines, and its name, authors, venue
/// and date around it, in any of the layouts lists use:
///
///     [2023/07] **Title** *Authors et al. arXiv.* [[paper](…)]
///     20190405 IJCNN-19 [Title](…)
///     <u>T5</u>: **"Title"**. *Authors et al.* JMLR 2019. [[Paper](…)]
///     **[59]** Surname, A., et al. "**Title**." Venue (2016). [[pdf]](…)
///     Surname, F., Other, C. L.,  ⏎ *[Title](…)*,  ⏎ Venue (ICCV), 2015. [PDF](…)
///     [Title] [[scholar]](…) [[MICCAI2018]](…)
///     Title (NIPS) [[paper](…)]
///     🔥[**ShortName**] Full Title(@org)
///     [ShortName](…): Rest of the title
///
/// The title is the first quoted text, bold text or link that reads as a title (not a label,
/// a tag, an index or a URL); failing those, a bracketed text; failing that, the leading text.
enum EntryReader {
    /// Reads an entry's facts from the pieces of its first block. With `authorsFollow` (a
    /// "Title & Authors" column), the line after the title names the authors.
    static func read(_ pieces: [Piece], authorsFollow: Bool = false) -> EntryFacts {
        var facts = EntryFacts(links: pieces.compactMap(\.link))
        guard let span = titleSpan(in: pieces) else {
            facts.fill(from: fields(pieces))
            // `<u>JAX</u>: [[Source](…)]`: a name alone names the entry.
            if let name = nameTag(before: Position(piece: pieces.count, offset: 0), in: pieces) {
                facts.title = name
                facts.name = name
                facts.titleLine = pieces.first?.line
                facts.nameLine = facts.titleLine
                facts.titleOrigin = .plain
            }
            return facts
        }
        facts.title = span.title
        facts.titleLine = span.line
        facts.titleLink = span.link
        facts.titleOrigin = switch span.origin {
        case .quoted: .quoted
        case .link: .link
        case .strong: .strong
        case .bracketed: .bracketed
        case .plain: span.citation == nil ? .plain : .citation
        }
        if let authors = span.trailingAuthors, !authors.isEmpty {
            facts.authors = authors
            facts.authorsLine = span.line
        }
        if let citation = span.citation {
            facts.authors = citation.authors
            facts.authorsLine = span.line
            if let (date, range) = DateText.locate(in: citation.rest) {
                let before = String(decoding: Array(citation.rest.utf8)[..<range.lowerBound], as: UTF8.self)
                take(date, venue: venueBefore(before), line: span.line, into: &facts)
            } else if let venue = citation.rest.split(separator: ".").first.flatMap({ shortVenue(String($0)) }) {
                facts.venue = venue
                facts.venueLine = span.line
            }
            take(citation.date, venue: nil, line: span.line, into: &facts)
        }
        facts.name = span.name
        facts.nameLine = span.name == nil ? nil : span.line

        let lead = segments(pieces[..<span.start.piece], from: pieces, prefix: span.start)
        let tail = segments(pieces[span.end.piece...], from: pieces, suffix: span.end)
        readLead(lead, into: &facts)
        if let tags = span.lead { take(tags.date, venue: tags.venue, line: span.line, into: &facts) }
        readTail(tail, authorsFollow: authorsFollow, into: &facts)
        if facts.venue == nil, let venue = span.trailingVenue {
            facts.venue = venue
            facts.venueLine = span.line
        }
        return facts
    }

    /// Reads authors, venue and date from a line that holds no title (a sub-bullet
    /// `Authors. Venue, 2021.`, an indented `*Authors.* ICLR'24`, a bold block's third line).
    static func fields(_ pieces: [Piece]) -> EntryFacts {
        var facts = EntryFacts(links: pieces.compactMap(\.link))
        readTail(segments(pieces[...], from: pieces), into: &facts)
        return facts
    }

    // MARK: - The title

    /// A position inside the pieces: a piece and a UTF-8 offset in its text.
    fileprivate struct Position {
        var piece: Int
        var offset: Int
    }

    private struct TitleSpan {
        enum Origin: Int { case quoted, link, strong, bracketed, plain }
        var origin: Origin
        var title: String
        var start: Position
        /// Just after the title.
        var end: Position
        var line: Int
        var link: NodeID?
        var name: String?
        var trailingVenue: String?
        /// Tags read off the front of a plain title (`[2023/07] Title`).
        var lead: LeadText?
        /// Authors written after a plain title (`Title, A. Author et al. 2019`).
        var trailingAuthors: [String]?
        /// A plain reference's authors, what follows its title, and its year.
        var citation: (authors: [String], rest: String, date: EntryDate?)?
    }

    private static func titleSpan(in pieces: [Piece]) -> TitleSpan? {
        var candidates: [TitleSpan] = []
        var index = 0
        while index < pieces.count {
            let piece = pieces[index]
            if piece.kind == .link, let link = piece.link {
                if isTitleLink(piece, in: pieces, at: index) {
                    candidates.append(TitleSpan(origin: .link, title: link.text, start: Position(piece: index, offset: 0),
                                                end: Position(piece: index + 1, offset: 0), line: piece.line, link: link.node))
                }
                index += 1
                continue
            }
            if piece.strong, piece.kind == .text || piece.kind == .code {
                var next = index
                while next < pieces.count, pieces[next].strong,
                      pieces[next].kind == .text || pieces[next].kind == .code || pieces[next].kind == .softBreak {
                    next += 1
                }
                let text = pieces[index..<next].map(\.text).joined()
                let start = Position(piece: index, offset: 0)
                let end = Position(piece: next, offset: 0)
                if let quoted = quotedSpans(in: text).first {
                    candidates.append(TitleSpan(origin: .quoted, title: quoted.text, start: start, end: end, line: piece.line))
                } else if isStrongTitle(text, in: pieces, from: index, to: next) {
                    candidates.append(TitleSpan(origin: .strong, title: text, start: start, end: end, line: piece.line))
                }
                index = next
                continue
            }
            if piece.kind == .text {
                for quoted in quotedSpans(in: piece.text) {
                    candidates.append(TitleSpan(origin: .quoted, title: quoted.text, start: Position(piece: index, offset: quoted.range.lowerBound),
                                                end: Position(piece: index, offset: quoted.range.upperBound), line: piece.line))
                }
                for bracketed in bracketSpans(in: piece.text) where isBracketedTitle(bracketed.text) {
                    candidates.append(TitleSpan(origin: .bracketed, title: bracketed.text,
                                                start: Position(piece: index, offset: bracketed.range.lowerBound),
                                                end: Position(piece: index, offset: bracketed.range.upperBound), line: piece.line))
                }
            }
            index += 1
        }
        let strongest = candidates.filter { $0.origin.rawValue <= TitleSpan.Origin.strong.rawValue }
        var chosen = strongest.first ?? candidates.first ?? plainSpan(in: pieces)
        guard var span = chosen else { return nil }
        // A one-word bold name before a title link: `**CLIP** [Learning …](…)`.
        if span.origin == .strong, !span.title.contains(" "),
           let link = strongest.first(where: { $0.origin == .link && $0.start.piece > span.start.piece }),
           link.title.split(separator: " ").count >= 3 {
            var named = link
            named.name = span.title
            chosen = named
            span = named
        }
        extendWithSubtitle(&span, in: pieces)
        if span.name == nil { span.name = nameTag(before: span.start, in: pieces) }
        guard let title = TextFacts.cleanTitle(span.title) else { return nil }
        span.title = title
        return span
    }

    /// `[MedCLIP](…): Contrastive Learning …`, `**BioGPT** - Generative …`: a short name whose
    /// title goes on after a colon or dash; the title is the whole sentence, the name the link.
    private static func extendWithSubtitle(_ span: inout TitleSpan, in pieces: [Piece]) {
        guard span.origin == .link || span.origin == .strong, span.end.offset == 0, span.end.piece < pieces.count,
              span.title.split(separator: " ").count <= 3 else { return }
        let next = pieces[span.end.piece]
        guard next.kind == .text, !next.strong else { return }
        let text = next.text
        let separators = [":", "：", " - ", " – ", " — "]
        guard let separator = separators.first(where: { text.hasPrefix($0) }) else { return }
        let afterSeparator = String(text.dropFirst(separator.count))
        var rest = afterSeparator
        if let bar = rest.range(of: " | ") { rest = String(rest[..<bar.lowerBound]) }
        rest = rest.trimming(.whitespaces)
        guard rest.split(separator: " ").count >= 2, rest.contains(where: \.isLetter),
              let restRange = afterSeparator.range(of: rest) else { return }
        // After a dash, a subtitle is written in title case; a description is not.
        if separator != ":", separator != "：", !isTitleCase(rest) { return }
        span.name = TextFacts.cleanTitle(span.title)
        span.title = span.title + separator + afterSeparator[..<restRange.upperBound]
        span.end = Position(piece: span.end.piece,
                            offset: separator.utf8.count + afterSeparator[..<restRange.upperBound].utf8.count)
    }

    /// Most longer words capitalised: `Generative Pre-trained Transformer for Text`.
    private static func isTitleCase(_ text: String) -> Bool {
        let words = text.split(separator: " ").filter { $0.count >= 4 }
        guard !words.isEmpty else { return false }
        return Double(words.filter { $0.first?.isUppercase == true }.count) >= 0.6 * Double(words.count)
    }

    /// A link that names the paper: not a badge, a label (`[[my-code](…)]`), a tag or a URL
    /// shown as text.
    private static func isTitleLink(_ piece: Piece, in pieces: [Piece], at index: Int) -> Bool {
        guard let link = piece.link, !link.isBadge else { return false }
        let before = index > 0 && pieces[index - 1].kind == .text ? pieces[index - 1].text : ""
        let after = index + 1 < pieces.count && pieces[index + 1].kind == .text ? pieces[index + 1].text : ""
        if before.hasSuffix("[") && after.hasPrefix("]") { return false }
        let text = link.text.trimming(.whitespaces)
        if text == link.url || text.hasPrefix("http://") || text.hasPrefix("https://") || text.hasPrefix("www.") { return false }
        if LinkLabel.isLabel(text) { return false }
        return TextFacts.isTitleLike(text)
    }

    /// Bold text that is a title: not an index (`[59]`), a field label (`Authors:`), a tag, or
    /// a short name in brackets (`[**MMInference**]`).
    private static func isStrongTitle(_ text: String, in pieces: [Piece], from start: Int, to end: Int) -> Bool {
        let trimmed = text.trimming(.whitespaces)
        guard TextFacts.isTitleLike(trimmed), !isIndex(trimmed) else { return false }
        if let first = trimmed.first, let last = trimmed.last, (first == "[" && last == "]") || (first == "(" && last == ")") {
            return false
        }
        let before = start > 0 && pieces[start - 1].kind == .text ? pieces[start - 1].text : ""
        let after = end < pieces.count && pieces[end].kind == .text ? pieces[end].text : ""
        if before.hasSuffix("[") && after.hasPrefix("]") { return false }
        if FieldLabel.named(trimmed) != nil && (after.hasPrefix(":") || trimmed.hasSuffix(":")) { return false }
        if trimmed.hasSuffix(":") { return false }
        // Bold inside a word (`**M**edical`) or in the middle of a sentence is emphasis.
        if let next = after.first, next.isLetter || next.isNumber { return false }
        if end < pieces.count, pieces[end].kind == .link, pieces[end].strong { return false }
        let lineStart = pieces[..<start].lastIndex(where: \.isBreak).map { $0 + 1 } ?? 0
        let lead = pieces[lineStart..<start].filter { $0.kind == .text || $0.kind == .code }.map(\.readingText).joined()
        if let last = lead.last, last.isLetter || last.isNumber { return false }
        let rest = LeadText(lead).rest.trimming(TextFacts.leadEdges)
        if rest.contains(where: \.isLetter), !rest.hasSuffix(":"), !rest.hasSuffix("："), LeadText.authors(before: lead) == nil {
            return false
        }
        return true
    }

    private static func isBracketedTitle(_ text: String) -> Bool {
        TextFacts.isTitleLike(text) && !isIndex(text) && text.split(separator: " ").count >= 2
    }

    /// `[12]`, `[1a]`, `12.`, `#3`: a reference number.
    static func isIndex(_ text: String) -> Bool {
        let core = text.trimming(TextFacts.indexEdges)
        guard !core.isEmpty, core.count <= 5 else { return false }
        return core.first!.isNumber && core.allSatisfy { $0.isNumber || $0.isLetter } && core.filter(\.isLetter).count <= 1
    }

    /// The leading text, when no quoted, bold, linked or bracketed title is written:
    /// `Title (NIPS) [[paper](…)]`, `🔥[**Name**] Title(@org)`, a plain table cell.
    private static func plainSpan(in pieces: [Piece]) -> TitleSpan? {
        var text = ""
        var start: Position?
        var end = Position(piece: pieces.count, offset: 0)
        var line = pieces.first?.line ?? 0
        for (index, piece) in pieces.enumerated() {
            switch piece.kind {
            case .text, .code, .softBreak:
                if start == nil, piece.kind == .text, piece.text.trimming(.whitespaces).isEmpty { continue }
                if start == nil {
                    start = Position(piece: index, offset: 0)
                    line = piece.line
                }
                // A bold date or venue (`**202308** Title`) is a tag like a bracketed one.
                let isTag = piece.strong && TextFacts.venueTag(piece.text) != nil && !text.hasSuffix("[")
                text += isTag ? "[" + piece.text.trimming(TextFacts.brackets) + "]" : piece.readingText
                continue
            case .html, .image:
                if start == nil { continue }
            case .link:
                if start == nil, piece.link?.isBadge == true { continue }
            case .hardBreak:
                if start == nil || text.trimming(.whitespaces).isEmpty {
                    start = nil
                    text = ""
                    continue
                }
            }
            end = Position(piece: index, offset: 0)
            break
        }
        guard let start else { return nil }
        var lead = LeadText(FieldLabel.strippingLabel(text), bareWords: .venuesOnly)
        if let citation = TextFacts.splitCitation(lead.rest), let title = TextFacts.cleanTitle(citation.title) {
            return TitleSpan(origin: .plain, title: title, start: start, end: end, line: line, lead: lead,
                             citation: (citation.authors, citation.rest, citation.date))
        }
        guard var title = TextFacts.cleanTitle(LeadText.withoutReferenceMarks(lead.rest)), TextFacts.isTitleLike(title) else { return nil }
        var venue: String?
        var authors: [String]?
        if let trailing = trailingVenue(of: title) {
            title = trailing.title
            venue = trailing.venue.isEmpty ? nil : trailing.venue
            if lead.date == nil { lead.date = trailing.date }
            authors = trailing.authors
        }
        return TitleSpan(origin: .plain, title: title, start: start, end: end, line: line, name: lead.name, trailingVenue: venue,
                         lead: lead, trailingAuthors: authors)
    }

    /// A short name written before the title: `<u>T5</u>:`, `[**MMInference**]`, `` `Name`: ``.
    private static func nameTag(before start: Position, in pieces: [Piece]) -> String? {
        let lead = pieces[..<start.piece]
        for (index, piece) in zip(lead.indices, lead) {
            switch piece.kind {
            case .html where piece.text.lowercased() == "<u>" || piece.text.lowercased() == "<b>":
                let inner = pieces[(index + 1)...].prefix { $0.kind != .html }
                let text = inner.map(\.text).joined()
                if let name = TextFacts.cleanTitle(text), !isIndex(name), TextFacts.venueTag(name) == nil { return name }
            case .text where piece.strong || piece.kind == .code:
                let before = index > 0 ? pieces[index - 1].text : ""
                let after = index + 1 < pieces.count ? pieces[index + 1].text : ""
                if before.hasSuffix("[") && after.hasPrefix("]"), let name = TextFacts.cleanTitle(piece.text),
                   !isIndex(name), TextFacts.venueTag(name) == nil {
                    return name
                }
            default:
                continue
            }
        }
        return nil
    }

    /// `Title (MICCAI)`, `Title (IEEE Transactions on Medical Imaging)`, `Title(@org)`,
    /// `Title (Y-Net) (MICCAI)`: trailing parenthesised venues, affiliations and short names
    /// taken off a plain title; (title, venue or "").
    private static func trailingVenue(of title: String) -> (title: String, venue: String, date: EntryDate?, authors: [String]?)? {
        var rest = title
        var venue: String?
        var date: EntryDate?
        var authors: [String]?
        // `Title (LiTS), Patrick Bilic et al. 201901`: the authors follow the title.
        if let etAl = rest.range(of: " et al"), let comma = rest[..<etAl.lowerBound].range(of: ", ", options: .backwards),
           rest[..<comma.lowerBound].split(separator: " ").count >= 3 {
            date = DateText.field(String(rest[etAl.upperBound...]).trimming(TextFacts.tagEdges))
                ?? DateText.find(in: String(rest[etAl.upperBound...]))
            authors = TextFacts.authors(in: String(rest[comma.upperBound..<etAl.lowerBound]))
            rest = String(rest[..<comma.lowerBound])
        }
        for _ in 0..<3 {
            // `Title, NeurIPS 2025`
            if !rest.hasSuffix(")"), let comma = rest.range(of: ", ", options: .backwards),
               let tag = TextFacts.venueTag(String(rest[comma.upperBound...])), tag.venue != nil,
               rest[..<comma.lowerBound].split(separator: " ").count >= 2 {
                venue = venue ?? tag.venue
                date = date ?? tag.date
                rest = String(rest[..<comma.lowerBound])
                continue
            }
            guard rest.hasSuffix(")"), let open = rest.lastIndex(of: "(") else { break }
            let inner = String(rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]).trimming(.whitespaces)
            let before = rest[..<open].trimming(.whitespaces)
            guard before.split(separator: " ").count >= (inner.hasPrefix("@") ? 1 : 3), TextFacts.isTitleLike(before) else { break }
            let words = inner.split(separator: " ")
            if let tag = TextFacts.venueTag(inner) {
                venue = venue ?? tag.venue
                date = date ?? tag.date
                rest = before
                continue
            }
            if inner.hasPrefix("@") || inner.hasSuffix(" et al.") || inner.hasSuffix(" et al") {
                // An affiliation (`@microsoft`) or the authors (`Dani Kiyasseh et al.`).
                rest = before
                continue
            }
            // Without a year, only an acronym in capitals (`MICCAI`) or a venue's long name reads
            // as a venue: `(LiTS)`, `(SurgVLP)` name the work itself.
            let isAcronym = words.count == 1 && inner.count >= 3 && inner.allSatisfy { $0.isUppercase || $0.isNumber }
            guard TextFacts.isVenueName(inner), isAcronym || words.count >= 3 else { break }
            venue = venue ?? inner
            rest = before
        }
        return rest == title ? nil : (rest, venue ?? "", date, authors)
    }

    // MARK: - Around the title

    private static func segments(_ slice: ArraySlice<Piece>, from pieces: [Piece], prefix end: Position? = nil,
                                 suffix start: Position? = nil) -> [Segment] {
        var result: [Segment] = []
        for (index, piece) in zip(slice.indices, slice) {
            var text = piece.text
            if let start, index == start.piece, start.offset > 0 {
                text = String(decoding: Array(text.utf8)[min(start.offset, text.utf8.count)...], as: UTF8.self)
            }
            let kind: Segment.Kind
            switch piece.kind {
            case .text: kind = piece.emphasis && !piece.strong ? .emphasis : piece.strong ? .strong : .plain
            case .code:
                kind = .code
                text = "`" + text + "`"
            case .link, .image:
                // A badge that names a venue (`Conference-ICML'23`) is a tag.
                if let badge = piece.badgeText, TextFacts.venueTag(badge) != nil {
                    result.append(Segment(kind: .code, text: "[" + badge + "] ", line: piece.line))
                    continue
                }
                guard piece.kind == .link, let link = piece.link, !link.isBadge else { continue }
                kind = .label
            case .softBreak, .hardBreak: kind = .lineBreak
            case .html: continue
            }
            result.append(Segment(kind: kind, text: text, line: piece.line))
        }
        if let end, end.offset > 0, end.piece < pieces.count {
            let piece = pieces[end.piece]
            let text = String(decoding: Array(piece.text.utf8)[..<min(end.offset, piece.text.utf8.count)], as: UTF8.self)
            result.append(Segment(kind: piece.emphasis ? .emphasis : .plain, text: text, line: piece.line))
        }
        return result
    }

    /// Before the title: date and venue tags, an index, and in reference styles the authors.
    private static func readLead(_ lead: [Segment], into facts: inout EntryFacts) {
        let text = lead.filter { $0.kind != .label }.map(\.text).joined()
        let line = lead.first?.line
        let parsed = LeadText(text)
        take(parsed.date, venue: parsed.venue, line: line, into: &facts)
        // `Surname, A. (2015). "Title"`, `CoRR abs/1610.04420 (2016) [Title](…)`: a year in parentheses.
        for group in parenSpans(in: parsed.rest) {
            if let date = DateText.field(group.text) { take(date, venue: nil, line: line, into: &facts) }
        }
        var fresh = 0
        let rest = removingGroups(parsed.rest, depth: &fresh)
            .trimming(TextFacts.nameEdges)
        if rest.split(separator: " ").count <= 5, let tag = TextFacts.venueTag(rest) {
            // `IEEE TNNLS-22 [Title](…)`, `WSDM-23 and IJCAI-22 [Title](…)`.
            take(tag.date, venue: tag.venue, line: line, into: &facts)
            return
        }
        if parsed.date != nil, facts.venue == nil, let venue = shortVenue(rest) {
            // `20180724 arXiv [Title](…)`.
            facts.venue = venue
            facts.venueLine = line
            return
        }
        if facts.authors == nil, TextFacts.looksLikeAuthors(rest) {
            facts.authors = TextFacts.authors(in: rest)
            facts.authorsLine = lead.first { TextFacts.looksLikeAuthors($0.text.trimming(TextFacts.tagEdges)) }?.line ?? line
        } else if facts.authors == nil {
            // `Gallego et al., TPAMI 2020, [Title](…)`: authors, then the venue.
            let (authors, after) = splitAuthors(rest, italic: false)
            if let authors, let tag = TextFacts.venueTag(after) {
                facts.authors = authors
                facts.authorsLine = line
                take(tag.date, venue: tag.venue, line: line, into: &facts)
            }
        }
    }

    /// After the title: authors, then venue and date, in text, tags and link labels.
    private static func readTail(_ tail: [Segment], authorsFollow: Bool = false, into facts: inout EntryFacts) {
        // Tags anywhere: `(Apr., 2025)`, `[CVPR 2023]`, `` `arXiv 2023` ``, `[[MICCAI2018]](…)`.
        for segment in tail {
            let groups: [String] = switch segment.kind {
            case .code, .label: [segment.text]
            default: bracketSpans(in: segment.text).map(\.text) + parenSpans(in: segment.text).map(\.text)
            }
            for group in groups.flatMap({ $0.split(separator: "|").map(String.init) }) {
                if let tag = TextFacts.venueTag(group) { take(tag.date, venue: tag.venue, line: segment.line, into: &facts) }
            }
        }
        // Running text up to the first link: `*Authors et al.* JMLR 2019.`, `, Author et al., ECCV 2020 |`.
        var clauses: [Segment] = []
        for segment in tail {
            if segment.kind == .label { if !clauses.isEmpty { break } else { continue } }
            if segment.kind == .code { continue }
            clauses.append(segment)
        }
        // A date written after the links (`[@google](…), 2022`) is still the entry's.
        if facts.date == nil, let later = tail.dropFirst(clauses.count).filter({ $0.kind == .plain || $0.kind == .emphasis })
            .lazy.compactMap({ segment in DateText.find(in: segment.text).map { (segment, $0) } }).first {
            take(later.1, venue: nil, line: later.0.line, into: &facts)
        }
        var depth = 0
        var afterBreak = false
        for segment in clauses {
            let opened = depth
            var text = segment.text
            let outside = removingGroups(text, depth: &depth)
            if segment.kind == .lineBreak {
                afterBreak = true
                continue
            }
            guard !outside.trimming(TextFacts.tagEdges).isEmpty else { continue }
            if facts.authors == nil, opened == 0 {
                let (authors, rest) = splitAuthors(text, italic: segment.kind == .emphasis || (authorsFollow && afterBreak))
                if let authors {
                    facts.authors = authors
                    facts.authorsLine = segment.line
                    text = rest
                }
            }
            // The date with the venue written before it: `JMLR 2019.`, `Advances in … Systems (2016).`
            if let (date, range) = DateText.locate(in: text) {
                let before = String(decoding: Array(text.utf8)[..<range.lowerBound], as: UTF8.self)
                take(date, venue: venueBefore(before), line: segment.line, into: &facts)
            } else if facts.venue == nil {
                var fresh = 0
                if let venue = shortVenue(removingGroups(text, depth: &fresh)) {
                    facts.venue = venue
                    facts.venueLine = segment.line
                }
            }
        }
    }

    private static func take(_ date: EntryDate?, venue: String?, line: Int?, into facts: inout EntryFacts) {
        if let date, facts.date.map({ $0.precision < date.precision }) ?? true {
            facts.date = date
            facts.dateLine = line
        }
        if facts.venue == nil, let venue, !venue.isEmpty {
            facts.venue = venue
            facts.venueLine = line
        }
    }

    /// Splits leading author names off running text: `Lei Ma et al. arXiv.`,
    /// `, Mildenhall et al., ECCV 2020`, `A. Author, B. Author, and C. Author. NeurIPS, 2021.`
    private static func splitAuthors(_ text: String, italic: Bool) -> ([String]?, String) {
        let trimmed = text.trimming(TextFacts.authorListEdges)
        guard !trimmed.isEmpty else { return (nil, text) }
        if let etAl = trimmed.range(of: "et al") {
            var end = etAl.upperBound
            if end < trimmed.endIndex, trimmed[end] == "." { end = trimmed.index(after: end) }
            let names = String(trimmed[..<end])
            if TextFacts.looksLikeAuthors(names) { return (TextFacts.authors(in: names), String(trimmed[end...])) }
        }
        // Names alone; names followed by a dated venue (`… and Simon S. Du. ICLR, 2023.`) are
        // split below.
        if TextFacts.looksLikeAuthors(trimmed), DateText.find(in: trimmed) == nil { return (TextFacts.authors(in: trimmed), "") }
        // The longest prefix ending at a sentence end (not an initial) that reads as names; a
        // prefix with a name that is not one ends the search, as every longer one holds it too.
        var best: String.Index?
        var index = trimmed.startIndex
        let limit = trimmed.index(trimmed.startIndex, offsetBy: 1_500, limitedBy: trimmed.endIndex) ?? trimmed.endIndex
        while let dot = trimmed[index..<limit].firstIndex(where: { $0 == "." || $0 == "," }) {
            let prefix = String(trimmed[..<dot])
            guard let names = TextFacts.wellFormedNames(prefix) else { break }
            let word = prefix.split(separator: " ").last.map(String.init) ?? ""
            // `S`, `J-P`; `Du`, `Li` and `Xu` are surnames.
            let isInitial = word.first?.isUppercase == true && (word.count == 1 || word.count <= 3 && word.contains("-"))
            if !isInitial, names.count >= 2 || prefix.containsBytes("et al") { best = dot }
            index = trimmed.index(after: dot)
        }
        // `Marcus Lee. ACM Computing Surveys, 2024.`: one name, then a dated venue.
        if best == nil, let end = trimmed.firstIndex(where: { $0 == "." || $0 == "," }) {
            let name = String(trimmed[..<end])
            let words = name.split(separator: " ")
            let rest = String(trimmed[trimmed.index(after: end)...])
            if (2...4).contains(words.count), words.allSatisfy({ $0.first?.isUppercase == true && $0.count > 1 }),
               !name.contains(where: \.isNumber), DateText.find(in: rest) != nil {
                best = end
            }
        }
        if let best {
            let names = String(trimmed[..<best])
            return (TextFacts.authors(in: names), String(trimmed[trimmed.index(after: best)...]))
        }
        if italic, trimmed.split(separator: ",").count >= 2, !trimmed.contains(where: \.isNumber) {
            return (TextFacts.authors(in: trimmed), "")
        }
        // `*Yuki Sato*`: one name in italics.
        let words = trimmed.split(separator: " ")
        if italic, (2...4).contains(words.count), !trimmed.contains(where: { $0.isNumber || $0 == ":" }),
           words.allSatisfy({ $0.first?.isUppercase == true || TextFacts.nameParticles.contains($0.lowercased()) }) {
            return (TextFacts.authors(in: trimmed), "")
        }
        return (nil, text)
    }

    /// The venue written just before a date: `IEEE Int. Conf. Computer Vision (ICCV), 2015`,
    /// `arXiv preprint arXiv:1606.04671 (2016)`, `Science 350.6266 (2015)`.
    private static func venueBefore(_ text: String) -> String? {
        var words: [Substring] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            if word.contains(where: \.isNumber) { break }
            words.append(word)
        }
        var venue = words.joined(separator: " ")
        if let bar = venue.range(of: "|", options: .backwards) { venue = String(venue[bar.upperBound...]) }
        venue = venue.trimming(TextFacts.runningVenueEdges)
        if venue.hasSuffix(")") == false, venue.contains("("), !venue.contains(")") { venue += ")" }
        if venue.contains("("), !venue.hasSuffix(")"), venue.filter({ $0 == "(" }).count > venue.filter({ $0 == ")" }).count {
            venue += ")"
        }
        return venue.contains(where: \.isLetter) && venue.count <= 120 ? venue : nil
    }

    /// A short venue with no year: `arXiv.`, `NeurIPS`.
    private static func shortVenue(_ text: String) -> String? {
        let trimmed = text.trimming(TextFacts.runningVenueEdges)
        guard !trimmed.isEmpty, trimmed.split(separator: " ").count <= 4, TextFacts.isVenueName(trimmed),
              trimmed.contains(where: \.isUppercase), LinkLabel.kind(of: trimmed).map({ $0 == .paper }) ?? true else { return nil }
        return trimmed
    }

    // MARK: - Text spans

    private struct TextSpan {
        var text: String
        /// UTF-8 offsets of the span with its delimiters.
        var range: Range<Int>
    }

    /// `"…"` and `“…”` spans of at least two words.
    private static func quotedSpans(in text: String) -> [TextSpan] {
        delimited(in: text, pairs: [("\"", "\""), ("“", "”")]).filter { $0.text.split(separator: " ").count >= 2 }
    }

    private static func bracketSpans(in text: String) -> [TextSpan] {
        delimited(in: text, pairs: [("[", "]")])
    }

    private static func parenSpans(in text: String) -> [TextSpan] {
        delimited(in: text, pairs: [("(", ")")])
    }

    private static func delimited(in text: String, pairs: [(Character, Character)]) -> [TextSpan] {
        var spans: [TextSpan] = []
        var offset = 0
        var open: (character: Character, closing: Character, offset: Int, index: String.Index)?
        for index in text.indices {
            let character = text[index]
            if let current = open, character == current.closing {
                let inner = String(text[text.index(after: current.index)..<index])
                spans.append(TextSpan(text: inner, range: current.offset..<offset + character.utf8.count))
                open = nil
            } else if open == nil, let pair = pairs.first(where: { $0.0 == character }) {
                open = (character, pair.1, offset, index)
            }
            offset += character.utf8.count
        }
        return spans
    }

    /// Text with its bracketed and parenthesised groups removed; `depth` carries an open group
    /// over to the next piece of text.
    static func removingGroups(_ text: String, depth: inout Int) -> String {
        var result = ""
        for character in text {
            if character == "[" || character == "(" { depth += 1; continue }
            if character == "]" || character == ")" { depth = max(0, depth - 1); continue }
            if depth == 0 { result.append(character) }
        }
        return result
    }
}

/// The text before a title: date and venue tags (`[2023/07]`, `` `CVPR 2023` ``,
/// `20190405 IJCNN-19`), indexes, emoji and shortcodes, which are taken off, and what is left.
struct LeadText {
    var date: EntryDate?
    var venue: String?
    /// A short name tag (`[**Name**]` already flattened to `[Name]` is not read here).
    var name: String?
    var rest: String

    /// Which words before a title are read as tags when not in brackets.
    enum BareWords {
        /// Dates and venues (`20190405 IJCNN-19 [Title](…)`).
        case all
        /// Venues with a year only (`NeurIPS'23 Title`): a plain title may start with a year.
        case venuesOnly
    }

    /// Reads the tags off the front of `text`: bracketed, parenthesised and code groups, and
    /// first words as `bareWords` says.
    init(_ text: String, bareWords: BareWords = .all) {
        var rest = TextFacts.strippingSymbols(text)
        var date: EntryDate?
        var venue: String?
        // Leading groups and words that are tags.
        while true {
            let trimmed = rest.trimming(.whitespaces)
            if let group = Self.leadingGroup(trimmed) {
                if let tag = TextFacts.venueTag(group.inner) {
                    if date.map({ $0.precision < tag.date.precision }) ?? true { date = tag.date }
                    venue = venue ?? tag.venue
                    rest = String(trimmed.dropFirst(group.length))
                    continue
                }
                if EntryReader.isIndex(group.inner) || group.inner.trimming(.whitespaces).isEmpty {
                    rest = String(trimmed.dropFirst(group.length))
                    continue
                }
                let afterGroup = String(trimmed.dropFirst(group.length))
                if group.isBracket, group.inner.count <= 40, group.inner.split(separator: " ").count <= 5,
                   afterGroup.split(separator: " ").count >= 2, TextFacts.isTitleLike(afterGroup) {
                    // A short bracketed name before the title: `[MMInference] MMInference: …`.
                    name = name ?? TextFacts.cleanTitle(group.inner)
                    rest = String(trimmed.dropFirst(group.length))
                    continue
                }
            }
            // A leading word that is a date or a venue tag: `20190405`, `IJCNN-19`, `NeurIPS'23`.
            if !trimmed.isEmpty {
                let space = trimmed.firstIndex(of: " ") ?? trimmed.endIndex
                let word = String(trimmed[..<space])
                let after = Self.withoutReferenceMarks(String(trimmed[space...]))
                // `WSDM-23 and IJCAI-22 Title`: tags joined by a conjunction.
                if date != nil, ["and", "&", "/"].contains(word.lowercased()), let next = after.split(separator: " ").first,
                   TextFacts.venueTag(String(next)) != nil {
                    rest = after
                    continue
                }
                if !word.hasSuffix(":"), let tag = TextFacts.venueTag(word), word.contains(where: \.isNumber),
                   bareWords == .all || (tag.venue != nil && TextFacts.isTitleLike(after)) {
                    if date.map({ $0.precision < tag.date.precision }) ?? true { date = tag.date }
                    venue = venue ?? tag.venue
                    rest = String(trimmed[space...])
                    continue
                }
                if (word.hasSuffix(".") || word.hasPrefix("#")) && EntryReader.isIndex(word), !after.isEmpty {
                    rest = String(trimmed[space...])
                    continue
                }
            }
            rest = trimmed
            break
        }
        self.date = date
        self.venue = venue
        self.rest = rest
    }

    /// The authors a reference names before its title (`**[12]** Surname, A., et al. (2016). "`),
    /// when the text before the title is only those (with an index, tags and a year).
    static func authors(before title: String) -> [String]? {
        var depth = 0
        let rest = EntryReader.removingGroups(LeadText(title).rest, depth: &depth)
            .trimming(TextFacts.nameEdges)
        return TextFacts.looksLikeAuthors(rest) ? TextFacts.authors(in: rest) : nil
    }

    /// A text without trailing reference marks: `ACDC-LungHP [1a], [1b]` is `ACDC-LungHP`.
    static func withoutReferenceMarks(_ text: String) -> String {
        var rest = text.trimming(.whitespaces)
        while rest.hasSuffix("]"), let open = rest.lastIndex(of: "[") {
            let inner = String(rest[rest.index(after: open)..<rest.index(before: rest.endIndex)])
            guard inner.isEmpty || EntryReader.isIndex(inner) else { break }
            rest = String(rest[..<open]).trimming(.whitespaces)
            while rest.hasSuffix(",") { rest.removeLast(); rest = rest.trimming(.whitespaces) }
        }
        return rest
    }

    /// The group a text starts with: `[…]`, `(…)` or `` `…` ``.
    private static func leadingGroup(_ text: String) -> (inner: String, length: Int, isBracket: Bool)? {
        guard let first = text.first, let closing: Character = ["[": "]", "(": ")", "`": "`"][first] else { return nil }
        guard let close = text.dropFirst().firstIndex(of: closing) else { return nil }
        let inner = String(text[text.index(after: text.startIndex)..<close])
        return (inner, text.distance(from: text.startIndex, to: close) + 1, first == "[")
    }
}

/// Words that name an entry's field in `Label: value` lines (`- Paper: …`, `**Authors**: …`).
enum FieldLabel: String, CaseIterable {
    case title, authors, venue, date, paper, code, project, dataset, other

    /// The field a label names, if it is one.
    static func named(_ label: String) -> FieldLabel? {
        var key = label.trimming(TextFacts.labelEdges).lowercased()
        // `Paper(Oral)`, `Code (official)`: the aside does not change the field.
        if let open = key.firstIndex(where: { $0 == "(" || $0 == "（" }), open > key.startIndex {
            key = String(key[..<open]).trimming(.whitespaces)
        }
        return words[key]
    }

    /// The value of a `Label: value` text.
    static func value(of text: String) -> String {
        guard let colon = text.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return text }
        return String(text[text.index(after: colon)...]).trimming(.whitespaces)
    }

    /// A text without a leading label of a note (`Summary: The … Benchmark` is `The … Benchmark`).
    static func strippingLabel(_ text: String) -> String {
        let trimmed = text.trimming(.whitespaces)
        guard let colon = trimmed.firstIndex(where: { $0 == ":" || $0 == "：" }), named(String(trimmed[..<colon])) == .other
        else { return text }
        return String(trimmed[trimmed.index(after: colon)...])
    }

    private static let words: [String: FieldLabel] = {
        var table: [String: FieldLabel] = [:]
        let groups: [(FieldLabel, [String])] = [
            (.title, ["title", "paper title", "name", "标题", "题目"]),
            (.authors, ["author", "authors", "by", "作者"]),
            (.venue, ["venue", "conference", "journal", "publication", "published in", "publisher", "会议", "期刊", "source"]),
            (.date, ["date", "year", "published", "release", "released", "time", "日期", "时间", "年份", "发布时间"]),
            (.paper, ["paper", "pdf", "arxiv", "doi", "link", "url", "论文", "paper link", "paper url"]),
            (.code, ["code", "github", "repo", "repository", "implementation", "代码", "source code"]),
            (.project, ["project", "project page", "homepage", "website", "demo", "page", "主页", "项目", "blog", "video"]),
            (.dataset, ["dataset", "data", "datasets", "数据集", "数据"]),
            (.other, ["abstract", "keywords", "keyword", "tldr", "tl;dr", "summary", "note", "notes", "remark", "comment",
                      "contribution", "contributions", "highlights", "task", "tasks", "modality", "institution", "affiliation",
                      "摘要", "简介", "备注", "摘要翻译"]),
        ]
        for (field, names) in groups {
            for name in names { table[name] = field }
        }
        return table
    }()
}
