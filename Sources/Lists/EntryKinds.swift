import Markdown

/// Decides an entry's kind from what the list says: its section's heading, its table's name
/// column (set by the table reader), and its links.
enum EntryKinds {
    /// The kind of an entry read under a section of role `section` (the nearest heading
    /// naming a kind), when no table column has decided it.
    static func kind(of entry: Entry, section: SectionRole.KindHint?) -> EntryKind {
        if entry.kind != .other { return entry.kind }
        if let venue = entry.venue?.lowercased(), ["blog", "blog post", "website", "news"].contains(venue) { return .blog }
        let paperEvidence = entry.links.contains { $0.kind == .paper } || entry.ids.arxiv != nil || entry.ids.doi != nil
            || entry.venue != nil
        if let section {
            switch section.kind {
            case .dataset, .paper, .other:
                return section.kind
            case .model, .tool, .blog:
                if section.isResourceHeading || !paperEvidence { return section.kind }
                return .paper
            }
        }
        if paperEvidence { return .paper }
        // The title's link says what the entry is: a blog post, a model card, a dataset page.
        if let titleLink = entry.links.first(where: { entry.fieldLines.title == $0.line && $0.label == entry.title }),
           let kind = LinkURL.resourceKind(of: titleLink.url) {
            return kind
        }
        if entry.authors != nil { return .paper }
        let kinds = Set(entry.links.map { LinkURL.resourceKind(of: $0.url) ?? (LinkLabel.kind(of: $0.label) == .dataset ? .dataset : nil) })
        for kind in [EntryKind.dataset, .model, .blog] where kinds.contains(kind) { return kind }
        if !entry.links.isEmpty, entry.links.allSatisfy({ $0.kind == .code }) { return .tool }
        return .other
    }
}
