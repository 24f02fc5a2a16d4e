import Markdown
import Papers

/// Decides an entry's kind from what the list says: its section's heading, its table's name
/// column (set by the table reader), and its links.
enum EntryKinds {
    /// The kind of an entry read under a section of role `section` (the nearest heading
    /// naming a kind), when no table column has decided it.
    static func kind(of entry: Entry, section: SectionRole.KindHint?) -> EntryKind {
        // A table's name column says dataset or model: that holds.
        if entry.kind == .dataset || entry.kind == .model { return entry.kind }
        if let venue = entry.venue?.lowercased(), ["blog", "blog post", "website", "news"].contains(venue) { return .blog }
        let paperLink = entry.links.contains { $0.kind == .paper } || entry.ids.arxiv != nil || entry.ids.doi != nil
        // Authors and a venue make a paper, wherever its title links (a blog post about it).
        if !paperLink, entry.authors == nil || entry.venue == nil, let kind = resourceKind(of: entry) { return kind }
        let paperEvidence = paperLink || entry.venue != nil
        if let section {
            switch section.kind {
            case .dataset, .paper, .other:
                return section.kind
            case .model, .tool, .blog:
                if section.isResourceHeading || !paperEvidence { return section.kind }
                return .paper
            }
        }
        if paperEvidence || entry.kind == .paper || entry.authors != nil { return .paper }
        // Links labelled only as a blog post or documentation.
        let labelled = Set(entry.links.compactMap { LinkLabel.entryKind(of: $0.label) })
        if labelled.count == 1, let kind = labelled.first,
           entry.links.allSatisfy({ LinkLabel.entryKind(of: $0.label) != nil || $0.kind == .code }) {
            return kind
        }
        if !entry.links.isEmpty, entry.links.allSatisfy({ $0.kind == .code }) { return .tool }
        return .other
    }

    /// What the entry's links serve when they say it: its title's link, or every link, at a
    /// blog, a model hub or a dataset host.
    private static func resourceKind(of entry: Entry) -> EntryKind? {
        if let titleLink = entry.links.first(where: { entry.fieldLines.title == $0.line && $0.label == entry.title }),
           let kind = LinkURL.resourceKind(of: titleLink.url) {
            return kind
        }
        let resources = Set(entry.links.map { LinkURL.resourceKind(of: $0.url) })
        if resources.count == 1, let only = resources.first, let kind = only { return kind }
        return nil
    }
}
