import Evidence
import Foundation
import Lists

/// Facts about one document that several rules read, worked out once on first use and then
/// shared: the Linter gives every rule of a document the same instance. Safe to use from
/// rules that run at the same time.
public final class SharedFacts: @unchecked Sendable {
    private let lock = NSLock()
    private var papers: [Paper]?
    private var tables: [SchemaTable]?
    private var search: WholeListSearch?

    public init() {}

    /// The papers of a document's entries, with the keys that identify them. For some sections
    /// of a list, the papers of the sections elsewhere that may hold another copy of a changed
    /// entry's paper come too, in document order: duplicates are found in the whole list.
    public func papers(in document: ListDocument, context: RuleContext) -> [Paper] {
        lock.lock()
        defer { lock.unlock() }
        if let papers { return papers }
        let terms = PaperTerms(context.vocabulary)
        var made = document.entries.map { Paper($0, terms: terms) }
        if case .sections(let parsed, let sections) = document.scope {
            let changed = made.filter { context.isChanged($0.entry.lines) }
            let lines = searchLocked(document).lines(mayRepeat: changed)
            let others = sections.entries(inSectionsHolding: lines, except: parsed).map { Paper($0, terms: terms) }
            made = (made + others).sorted { $0.entry.lines.lowerBound < $1.entry.lines.lowerBound }
        }
        papers = made
        return made
    }

    /// The document's tables with their cells as written.
    public func tables(of document: ListDocument) -> [SchemaTable] {
        lock.lock()
        defer { lock.unlock() }
        if let tables { return tables }
        let made = SchemaTable.tables(of: document)
        tables = made
        return made
    }

    /// The whole list's text for searching, when the document holds only some sections of it.
    public func wholeList(of document: ListDocument) -> WholeListSearch? {
        guard case .sections = document.scope else { return nil }
        lock.lock()
        defer { lock.unlock() }
        return searchLocked(document)
    }

    private func searchLocked(_ document: ListDocument) -> WholeListSearch {
        if let search { return search }
        let made = WholeListSearch(document.source)
        search = made
        return made
    }
}
