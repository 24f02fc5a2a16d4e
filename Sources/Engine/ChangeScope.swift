import Evidence
import Lists
import Markdown

/// What a check of a change parses of a list. A list of up to `wholeListBytes` is parsed whole,
/// so that a change is judged exactly as the whole file is. A larger one is parsed only in the
/// sections the change touched (the sections `ListOutline` cuts the list into), so that a pull
/// request adding one entry to a list of 100,000 costs about what the entry costs; duplicates
/// of the changed entries are still looked for in the whole list (`ListSections`). It is parsed
/// whole too when sections cannot stand alone or would save little: a list that may hold setext
/// headings, a change reaching over half the list, or changed sections that an enabled rule
/// can only judge against the whole list (`Rule.needsWholeList`: links to the list's own
/// headings, which are checked against every heading).
extension Linter {
    /// The size up to which a list is parsed whole in a check of a change: a few thousand entries.
    public static let wholeListBytes = 2 << 20

    /// The part of a list a check of a change needs: the sections holding `lines`, or the whole
    /// list when it is at most `wholeListBytes` or the sections would not do.
    public func document(_ source: SourceText, around lines: [ClosedRange<Int>], profile: ListProfile,
                         wholeListBytes: Int = Linter.wholeListBytes) -> ListDocument {
        guard source.bytes.count > wholeListBytes else { return ListParser.parse(source, profile: profile) }
        let outline = ListOutline(source)
        let touched = lines.flatMap { $0 }
        guard outline.isCuttable, !touched.isEmpty else { return ListParser.parse(source, profile: profile) }
        let document = ListParser.parse(outline, sectionsHolding: touched, profile: profile)
        guard case .sections(let sections, _) = document.scope,
              sections.reduce(0, { $0 + $1.count }) * 2 <= source.lineCount,
              !enabledRules.contains(where: { type(of: $0).needsWholeList(document) })
        else { return ListParser.parse(source, profile: profile) }
        return document
    }
}
