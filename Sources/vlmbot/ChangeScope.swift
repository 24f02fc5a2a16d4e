import Foundation
import Lists
import Markdown
import Rules

/// What a check of a change parses of a list. A list of up to `wholeListBytes` is parsed whole,
/// so that a change is judged exactly as the whole file is. A larger one is parsed only in the
/// sections the change touched (the sections `ListOutline` cuts the list into), so that a pull
/// request adding one entry to a list of 100,000 costs about what the entry costs; duplicates
/// of the changed entries are still looked for in the whole list (`ListSections`). It is parsed
/// whole too when sections cannot stand alone or would save little: a list that may hold setext
/// headings, a change reaching over half the list, or changed sections that link to the list's
/// own headings (anchors are checked against every heading).
enum ChangeScope {
    /// Lists up to this size (a few thousand entries) are parsed whole in a check of a change;
    /// `VLMBOT_WHOLE_LIST_BYTES` sets another size (0 parses every list by sections).
    static let wholeListBytes: Int = {
        let setting = ProcessInfo.processInfo.environment["VLMBOT_WHOLE_LIST_BYTES"].flatMap { Int($0) }
        return max(0, setting ?? 2 << 20)
    }()

    static func document(_ source: SourceText, around lines: [ClosedRange<Int>], profile: ListProfile) -> ListDocument {
        guard source.bytes.count > wholeListBytes else { return ListParser.parse(source, profile: profile) }
        let outline = ListOutline(source)
        let touched = lines.flatMap { $0 }
        guard outline.isCuttable, !touched.isEmpty else { return ListParser.parse(source, profile: profile) }
        let document = ListParser.parse(outline, sectionsHolding: touched, profile: profile)
        guard case .sections(let sections, _) = document.scope,
              sections.reduce(0, { $0 + $1.count }) * 2 <= source.lineCount,
              !document.tree.nodes.contains(where: { $0.kind == .link && TocAnchorRule.fragment(of: $0.destination) != nil })
        else { return ListParser.parse(source, profile: profile) }
        return document
    }
}
