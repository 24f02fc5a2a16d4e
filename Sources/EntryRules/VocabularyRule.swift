import Engine
import Evidence
import Foundation
import Lists
import Markdown
import Settings

/// A category label outside the list's closed set of categories, in a category column's
/// cells or in a header that names the alternatives (`Natrual\Medical`).
public struct VocabularyRule: Rule {
    public static let description = RuleDescription(
        id: "vocabulary",
        summary: "A category column's value or a header naming the categories uses a term outside the category vocabulary.",
        rationale: """
        A category column sorts a list: readers filter by its values and tools count them, so a \
        misspelt or stray label ('Natrual' beside 'Natural') splits a category in two. The \
        vocabulary's closed sets (rules/vocabulary.yml, 'categories') say which labels exist. The set \
        that most of a table's values belong to, allowing for small misspellings, is the table's \
        set when the table uses two or more of its terms or its header names them; a table whose \
        values fit no set is left alone. A value close to exactly one term \
        of the set is fixed to that term; add a new label to the vocabulary when it is meant.
        """,
        severity: .error,
        triggering: [
            RuleExample("""
            | Model | Paper | ↓Natrual\\Medical |
            |---|---|---|
            | CLIP | Learning Transferable Visual Models | ↓Natrual |
            | MedCLIP | Contrastive Learning from Unpaired Medical Images | Medical |
            | BLIP | Bootstrapping Language-Image Pre-training | Natural |
            """),
            RuleExample("""
            | Title | Category |
            |---|---|
            | First paper | Medical |
            | Second paper | ↓medcial |
            | Third paper | Natural |
            | Fourth paper | ↓Robotics |
            | Fifth paper | Natural/↓Medicla |
            """),
        ],
        nonTriggering: [
            RuleExample("""
            | Model | Paper | Natural/Medical |
            |---|---|---|
            | CLIP | Learning Transferable Visual Models | Natural |
            | MedCLIP | Contrastive Learning from Unpaired Medical Images | medical |
            | Both | A paper on both | Natural & Medical |
            """),
            RuleExample("""
            | Title | Type |
            |---|---|
            | First paper | Human |
            | Second paper | Animal |
            | Third paper | Natrual |
            """),
            RuleExample("""
            | Title | Domain |
            |---|---|
            | First paper | Medical |
            | Second paper | Medical |
            | Third paper | Medical |
            | Fourth paper | General |
            """),
            RuleExample("""
            | Title | Input/Output |
            |---|---|
            | First paper | Image |
            """),
        ],
        corrections: [
            RuleCorrection("""
            | Model | Paper | Natrual\\Medical |
            |---|---|---|
            | CLIP | Learning Transferable Visual Models | Natrual |
            | MedCLIP | Contrastive Learning from Unpaired Medical Images | Medical |
            """, """
            | Model | Paper | Natural\\Medical |
            |---|---|---|
            | CLIP | Learning Transferable Visual Models | Natural |
            | MedCLIP | Contrastive Learning from Unpaired Medical Images | Medical |
            """),
        ]
    )

    public init() {}

    public func check(_ document: ListDocument, in context: RuleContext) -> [Finding] {
        let sets = context.vocabulary.categories.filter { !$0.isEmpty }
        guard !sets.isEmpty else { return [] }
        return context.shared.tables(of: document).flatMap { table -> [Finding] in
            guard let (values, alternatives) = CategoryTerm.labels(of: table) else { return [] }
            guard let set = CategoryTerm.bestSet(sets, values: values.map(\.text), header: alternatives.map(\.text)) else { return [] }
            return (alternatives + values).compactMap { term in
                term.text.isCategory(in: set) ? nil : finding(for: term, set: set, inHeader: alternatives.contains(term))
            }
        }
    }

    private func finding(for term: CategoryTerm, set: [String], inHeader: Bool) -> Finding {
        let problem = (inHeader ? "The header names '\(term.text)', which is not" : "'\(term.text)' is not")
            + " a category of this list (\(set.joined(separator: ", ")))"
        guard let nearest = term.text.nearestCategory(in: set) else {
            return finding(problem + ": use one of them, or add it to the vocabulary's categories.", at: term.range)
        }
        return finding(problem + ": did you mean '\(nearest)'?", at: term.range,
                       fix: Fix(replacements: [Replacement(range: term.range, text: nearest)]))
    }
}
