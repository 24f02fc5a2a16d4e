import Engine
import Evidence
import Lists
import Markdown
import Settings

/// An entry whose category label is contradicted by its own words: a row labelled `Natural`
/// whose title says `chest X-ray`.
public struct CategoryMismatchRule: Rule {
    public static let description = RuleDescription(
        id: "category-mismatch",
        summary: "An entry's category label is contradicted by its own title or name.",
        rationale: """
        Readers filter a list by its category column; an entry filed under the wrong label is lost \
        to them. The words that show a label (vocabulary `evidence`) are looked for in the entry's \
        title and name; when they show another label of the same category set and none show the \
        entry's own, the label is reported, and the fix writes the label they show. A misspelt label \
        (`Natrual`) is read as the nearest label of the set.
        """,
        severity: .warning,
        triggering: [
            RuleExample("""
            | Model | Title | Natural\\Medical |
            |---|---|---|
            | CLIP | Learning Transferable Visual Models From Natural Language Supervision | Natural |
            ↓| SAT | Towards Universal Segmentation for Medical Images with Text Prompts | Natrual |
            ↓| Chexagent | A Foundation Model to Enhance Efficiency of Chest X-ray Interpretation | natural |
            """),
            RuleExample("""
            | Title | Domain |
            |---|---|
            ↓| Lesion detection in CT scans with language prompts | Natural |
            """),
        ],
        nonTriggering: [
            RuleExample("""
            | Model | Title | Natural\\Medical |
            |---|---|---|
            | GPT 4o | Gpt-4o system card | Natural |
            | BiomedCLIP | A multimodal biomedical foundation model pretrained from image-text pairs | Medical |
            | Grounding DINO | Marrying DINO with Grounded Pre-Training for Open-Set Object Detection | Natural |
            | ObjeCT | Petal and object detectors for scenes | Natural |
            | Dreamlike | - | Natrual |
            """),
            RuleExample("""
            | Title | Type |
            |---|---|
            | Chest X-ray classification with transformers | Survey |
            """),
        ],
        corrections: [
            RuleCorrection("""
            | Model | Title | Natural\\Medical |
            |---|---|---|
            | SAT | Towards Universal Segmentation for Medical Images with Text Prompts | Natrual |
            """, """
            | Model | Title | Natural\\Medical |
            |---|---|---|
            | SAT | Towards Universal Segmentation for Medical Images with Text Prompts | Medical |
            """),
        ],
        fixesAreGuesses: true
    )

    public init() {}

    public func check(_ document: ListDocument, in context: RuleContext) -> [Finding] {
        let matcher = TermMatcher(context.vocabulary.evidence)
        guard !matcher.isEmpty else { return [] }
        return document.entries.compactMap { entry -> Finding? in
            guard let written = entry.category,
                  let (label, set) = Self.label(of: written, in: context.vocabulary.categories) else { return nil }
            let evidence = [("title", entry.title), ("name", entry.name)].flatMap { place, text in
                matcher.matches(in: text ?? "").filter { set.contains($0.key) }.map { (place: place, match: $0) }
            }
            let shown = Set(evidence.map(\.match.key))
            guard !shown.contains(label), shown.count == 1, let first = evidence.first else { return nil }
            let other = first.match.key
            let who = entry.name ?? entry.label
            let message = "\(who) is labelled \(label), but its \(first.place) says '\(first.match.text.snippet)': "
                + "label it \(other)."
            let fix = Self.categoryCell(written, of: entry, in: document.source).map {
                // A judgement from the entry's words: offered, never applied by `format`.
                Fix(replacements: [Replacement(range: $0, text: other)], isCertain: false)
            }
            return finding(message, at: entry.range(in: document.source), fix: fix)
        }
    }

    /// The label a written category stands for, and its set: the label itself in any case, or
    /// the one label of all sets nearest to a misspelling (`Natrual` is `Natural`).
    static func label(of written: String, in sets: [[String]]) -> (label: String, set: [String])? {
        let labels = sets.flatMap { set in set.map { (label: $0, set: set) } }
        if let exact = labels.first(where: { $0.label.lowercased() == written.lowercased() }) { return exact }
        let near = labels.compactMap { candidate -> (label: String, set: [String], distance: Int)? in
            let limit = max(1, candidate.label.count / 3)
            return EditDistance.distance(written.lowercased(), candidate.label.lowercased(), limit: limit)
                .map { (candidate.label, candidate.set, $0) }
        }
        guard let best = near.map(\.distance).min() else { return nil }
        let nearest = near.filter { $0.distance == best }
        return nearest.count == 1 ? (nearest[0].label, nearest[0].set) : nil
    }

    /// The category as written in its table cell (a cell holding nothing else) on the entry's line.
    private static func categoryCell(_ written: String, of entry: Entry, in source: SourceText) -> SourceRange? {
        let line = entry.lines.lowerBound
        let bytes = Array(source.lineBytes(line))
        func isCellEdge(_ index: Int, step: Int) -> Bool {
            var index = index
            while bytes.indices.contains(index), bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
                index += step
            }
            return !bytes.indices.contains(index) || bytes[index] == UInt8(ascii: "|")
        }
        var column = 1
        while let found = source.range(of: written, onLine: line, from: column) {
            if isCellEdge(found.start.column - 2, step: -1), isCellEdge(found.end.column, step: 1) { return found }
            column = found.start.column + 1
        }
        return nil
    }
}
