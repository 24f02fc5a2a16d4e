import Engine
import Lists
import Markdown
import Rules

/// Whether formatting kept every entry. "The same entries" means: as many entries, in the
/// same order, and for each pair of an entry before and after:
/// - each fact (title, name, authors, year, venue, category, each link's label and URL, arXiv
///   id, DOI) is the same, or its difference is written on lines the fixes edited: the old
///   value on an edited line before, the new value on an edited line after (a spelling fix
///   in a title, in a table row or in the reference definition a row's title comes from);
/// - an entry whose own lines a fix edited may show other edits, but loses nothing: a
///   title, name or category it had is still there, each arXiv id or DOI it had is
///   unchanged, and it has no fewer links.
/// - an entry's title, authors and link destinations stay byte for byte the same, unless a fix
///   applied on its lines declares it repairs that fact (`Fix.repairs`: a broken link's syntax
///   gives the entry its link; an emphasis fix changes how its authors read).
/// Sections are not compared: a heading fix (`##Title` → `## Title`) moves entries under it.
public enum FormatLosslessness {
    /// Why the entries of `after` are not those of `before`, naming the entry; nil when they
    /// are. `keptLines` maps the lines of `before`'s text that `after`'s keeps unchanged;
    /// `applied` are the fixes behind the change, on `before`'s lines.
    public static func loss(from before: ListDocument, to after: ListDocument, keptLines: [Int: Int],
                            applied: [AppliedFix] = []) -> String? {
        let old = before.entries, new = after.entries
        guard old.count == new.count else {
            let index = zip(old, new).enumerated().first { $0.element.0.title != $0.element.1.title }?.offset
                ?? min(old.count, new.count)
            let named = index < old.count ? "entry \(old[index].label)" : "the end of the list"
            return "the list would have \(new.count) entries instead of \(old.count), from \(named) on"
        }
        let keptNew = Set(keptLines.values)
        let editedBefore = edited(before.source) { keptLines[$0] == nil }
        let editedAfter = edited(after.source) { !keptNew.contains($0) }
        let repairing = applied.filter { !$0.repairs.isEmpty }
        for (oldEntry, newEntry) in zip(old, new) {
            // Fixes on the entry's lines, or on a line that writes its title (a table row's
            // title may come from a reference definition elsewhere).
            let repaired = repairing.filter { fix in
                fix.lines.overlaps(oldEntry.lines)
                    || oldEntry.title.map { title in fix.lines.contains { before.source.line($0).contains(title) } } ?? false
            }.reduce(into: RepairedFacts()) { $0.formUnion($1.repairs) }
            if let fact = unrepairedChange(oldEntry, newEntry, repaired: repaired) {
                return "entry \(oldEntry.label) would change its \(fact), which no fix applied there repairs"
            }
            for (fact, oldValue, newValue) in differences(oldEntry, newEntry)
            where !(contains(editedBefore, oldValue) && contains(editedAfter, newValue)) {
                return "entry \(oldEntry.label) would change its \(fact) although no fix edits it"
            }
            if !oldEntry.lines.allSatisfy({ keptLines[$0] != nil }), let fact = lostFact(oldEntry, newEntry) {
                return "entry \(oldEntry.label) would lose its \(fact)"
            }
        }
        return nil
    }

    /// The first of the entry's title, authors and link destinations that changed although no
    /// fix applied on its lines repairs it.
    static func unrepairedChange(_ old: Entry, _ new: Entry, repaired: RepairedFacts) -> String? {
        if !repaired.contains(.title), old.title != new.title { return "title" }
        if !repaired.contains(.authors), old.authors != new.authors { return "authors" }
        if !repaired.contains(.links), old.links.map(\.url) != new.links.map(\.url) { return "link destinations" }
        return nil
    }

    /// The text of the lines `isEdited` picks, one line each.
    private static func edited(_ source: SourceText, _ isEdited: (Int) -> Bool) -> [String] {
        guard source.lineCount > 0 else { return [] }
        return (1...source.lineCount).filter(isEdited).map(source.line)
    }

    /// Whether one of `lines` holds `value`; an absent value counts as held.
    private static func contains(_ lines: [String], _ value: String?) -> Bool {
        guard let value, !value.isEmpty else { return true }
        return lines.contains { $0.contains(value) }
    }

    /// The facts that differ between two readings of an entry: name, value before, after.
    static func differences(_ old: Entry, _ new: Entry) -> [(String, String?, String?)] {
        var facts: [(String, String?, String?)] = [
            ("shape", old.shape.rawValue, new.shape.rawValue), ("title", old.title, new.title), ("name", old.name, new.name),
            ("year", old.dateText, new.dateText), ("venue", old.venue, new.venue), ("category", old.category, new.category),
            ("arXiv id", old.ids.arxiv, new.ids.arxiv), ("DOI", old.ids.doi, new.ids.doi),
        ]
        let oldAuthors = old.authors ?? [], newAuthors = new.authors ?? []
        facts.append(("author count", String(oldAuthors.count), String(newAuthors.count)))
        facts += zip(oldAuthors, newAuthors).map { ("authors", $0, $1) }
        facts.append(("link count", String(old.links.count), String(new.links.count)))
        for (oldLink, newLink) in zip(old.links, new.links) {
            facts += [("link label", oldLink.label, newLink.label), ("link", oldLink.url, newLink.url)]
        }
        return facts.filter { $0.1 != $0.2 }
    }

    /// The first fact an edited entry had and no longer has.
    static func lostFact(_ old: Entry, _ new: Entry) -> String? {
        if old.title != nil, new.title?.isEmpty ?? true { return "title" }
        if old.name != nil, new.name?.isEmpty ?? true { return "name" }
        if old.category != nil, new.category?.isEmpty ?? true { return "category" }
        if let arxiv = old.ids.arxiv, new.ids.arxiv != arxiv { return "arXiv id \(arxiv)" }
        if let doi = old.ids.doi, new.ids.doi != doi { return "DOI \(doi)" }
        if new.links.count < old.links.count { return "links (\(old.links.count) before, \(new.links.count) after)" }
        return nil
    }
}
