import Engine
import Evidence
import Foundation
import Lists
import Markdown
import Settings

/// A misspelt word in a heading or a paper title: a word no English word list, vocabulary
/// word or repeated word of the list knows, one typo (an edit, or two letters swapped) away
/// from one that is known.
public struct SpellingRule: Rule {
    /// The `dictionary` option.
    public static let dictionary = OptionKey<String>("dictionary", default: "",
        "A word list to use instead of the bundled English one (rules/english-words.txt, from SCOWL), one word a line; empty for the bundled list.")

    public static let description = RuleDescription(
        id: "spelling",
        summary: "A word of a heading or title looks misspelt: it is unknown but one typo away from a known word.",
        rationale: """
        Headings and titles are what readers scan and search; a misspelt word hides an entry from \
        search and looks careless. Words are checked against an English word list (bundled, or the file \
        the `dictionary` option names), rules/words.txt, the configuration's `words`, and the words the list itself writes \
        twice or more, and forms built from those (plurals, prefixes, British spellings). An unknown \
        word one typo (an edit, or two neighbouring letters swapped) from a known word is reported; \
        the fix writes that word when it is the only one. Model names (inner capitals, digits), a \
        title's leading name before a colon, code spans and URLs are not checked. Correct the word, \
        or add it to `vocabulary.words` in .vlmbot.yml if it is right. A word one typo from a known \
        one is as often a name or a term of art (Criss-Cross, Hankel, Atrous), so a finding is a \
        note; it is a warning when the list itself confirms the slip: the word is seven letters or \
        more, wrong inside rather than at its end (endings differ between a word's forms and \
        languages: Endoscope, Institut), and the list writes the one suggested word elsewhere \
        (measured on the development corpus: one in four notes was a real typo, every warning). \
        A rare link label, one typo from a label the list writes ten times or more and five times \
        as often, and not a word (`[[paf]]` where the list writes `[[pdf]]`), is reported too, a warning on the same \
        terms as a word; so is a venue word of five letters or more, not an acronym (`ICCVW` is a \
        venue of its own beside `ICCV`), wrong inside (`NeirIPS` where the list writes `NeurIPS`).
        """,
        severity: .warning,
        options: [
            Self.dictionary.declaration,
        ],
        triggering: [
            RuleExample("""
            ## Medical Image ↓Segmentaton
            - [Some paper](https://arxiv.org/abs/2301.00001)
            """),
            RuleExample("""
            | Title | Code |
            |---|---|
            ↓| Vision models are utilzed for diagnosis | - |
            """),
            RuleExample("""
            ## Medical Vision
            ↓- Robust retrieval for medical vison. [[paper]](https://arxiv.org/abs/2301.00002)
            """),
            RuleExample("""
            # Lists

            ↓## Traditonal Vision Models
            ↓- Medical image segmentaiton with text prompts. [[paper]](https://arxiv.org/abs/2301.00006)
            """),
            RuleExample(tenPDFLabels + """
            ↓- Paper ten. [[paf]](https://arxiv.org/abs/2301.00020)
            """),
            RuleExample(tenVenues + """
            - **"Mastering Text-to-Image Generation via Transformers"**. *Ming Ding et al*. ↓NeirIPS 2021. [[paper]](https://arxiv.org/abs/2105.13290)
            """),
        ],
        nonTriggering: [
            RuleExample("""
            ## Vision-Language Pretraining for Histopathology
            | Title | Code |
            |---|---|
            | Kiut: Knowledge-injected u-transformer for radiology report generation | - |
            | BiomedCLIP: a multimodal biomedical foundation model pretrained from image-text pairs | - |
            | LLaVA-Med and Med-Flamingo: finetuning on specialised tumour modelling | - |
            """),
            RuleExample("""
            # <p align=center>`Awesome Medical Vision-Language`</p>
            - Using `segmentaton_utils` with Medsam. [[paper]](https://arxiv.org/abs/2301.00003) [[code]](https://github.com/a/segmentaton)
            - Medsam: adapting models in medical images. [[paper]](https://arxiv.org/abs/2301.00004)
            """),
            RuleExample("""
            ## Segmentation of CT scans with Merlyn
            - Medical segmentation by Merlyn. [[paper]](https://arxiv.org/abs/2301.00005)
            - Syncretic fusion of modalities. [[paper]](https://arxiv.org/abs/2301.00007)
            """),
            RuleExample(tenPDFLabels + """
            - Paper ten. [[pdfs]](https://arxiv.org/abs/2301.00020) [[pdf2]](https://arxiv.org/abs/2301.00021)
            - Paper eleven. [[paper]](https://arxiv.org/abs/2301.00022) [[ppt]](https://arxiv.org/abs/2301.00023)
            """),
            RuleExample(tenVenues + """
            - **"A survey of vision transformers"**. *Ann Lee et al*. ICCVW 2021. [[paper]](https://arxiv.org/abs/2105.13291)
            """),
        ],
        corrections: [
            RuleCorrection("""
            ## Medical Image Segmentaton
            - Seg paper. [[paper]](https://arxiv.org/abs/2301.00001)
            """, """
            ## Medical Image Segmentation
            - Seg paper. [[paper]](https://arxiv.org/abs/2301.00001)
            """),
            RuleCorrection("""
            | Title | Code |
            |---|---|
            | Vision models are utilzed for diagnosis | [code](https://github.com/a/b) |
            """, """
            | Title | Code |
            |---|---|
            | Vision models are utilized for diagnosis | [code](https://github.com/a/b) |
            """),
        ],
        fixesAreGuesses: true
    )

    /// Ten entries at the venue `NeurIPS`, for the examples.
    private static let tenVenues = (0..<10).map {
        "- **\"Paper \($0) on learning\"**. *Ann Lee et al*. NeurIPS 2021. [[paper]](https://arxiv.org/abs/2105.1330\($0))\n"
    }.joined()

    /// Ten entries whose paper links the list labels `pdf`, for the examples.
    private static let tenPDFLabels = (0..<10).map { "- Paper \($0). [[pdf]](https://arxiv.org/abs/2301.0001\($0))\n" }.joined()

    public init() {}

    /// The file the command line reads the English word list from in place of the bundled
    /// one: the rule's `dictionary` option; nil when it is empty or the rule is turned off.
    public static func dictionaryPath(in configuration: Configuration) -> String? {
        let setting = configuration.rules[description.id]
        guard setting?.enabled ?? true else { return nil }
        let path = RuleContext(vocabulary: configuration.vocabulary, options: setting?.options ?? [:])[Self.dictionary]
        return path.isEmpty ? nil : path
    }

    public func check(_ document: ListDocument, in context: RuleContext) -> [Finding] {
        guard !context.vocabulary.dictionary.isEmpty else { return [] }
        let speller = WordSpeller(dictionary: context.vocabulary.dictionary, extraWords: context.vocabulary.words,
                                  tree: document.tree, wholeList: context.shared.wholeList(of: document))
        return headingFindings(document, speller: speller) + titleFindings(document, speller: speller)
            + labelFindings(document, speller: speller) + venueFindings(document, speller: speller)
    }

    /// A link label or venue word the list writes this many times is one of its own terms.
    private static let knownTermUses = 10

    /// Rare link labels, one typo from a label the list writes at least `knownTermUses` times
    /// and far more often, and not a word (`[[paf]]` where the list writes `[[pdf]]`).
    private func labelFindings(_ document: ListDocument, speller: WordSpeller) -> [Finding] {
        let tree = document.tree
        var locator = InlineLocator(tree: tree)
        let labels = tree.nodes.indices.filter { tree[$0].kind == .link }.compactMap { link -> Term? in
            let label = tree.plainText(of: link).trimming(ScalarSet.whitespaces.union(CharacterSet(charactersIn: "[]")))
            guard label.count >= 2, label.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
            return Term(text: label) { locator.range(of: link) }
        }
        return termFindings(labels, speller: speller, kind: "link label")
    }

    /// Rare venue words, on the same terms as labels (`Arxiiv` where the list writes `Arxiv`):
    /// words of five letters or more that are not acronyms (`ICCVW` is a venue of its own,
    /// next to `ICCV`), wrong inside rather than at their end.
    private func venueFindings(_ document: ListDocument, speller: WordSpeller) -> [Finding] {
        let source = document.source
        let words = document.entries.flatMap { entry -> [Term] in
            (entry.venue ?? "").split(whereSeparator: { !$0.isLetter }).map(String.init).filter { word in
                word.count >= 5 && word.allSatisfy(\.isASCII) && word.dropFirst().contains(where: \.isLowercase)
            }.map { word in Term(text: word) { source.range(of: word, inLines: entry.lines) } }
        }
        return termFindings(words, speller: speller, kind: "venue", onlyInside: true)
    }

    /// A list's own term (a link label, a venue word) and where it is written.
    private struct Term {
        let text: String
        let range: () -> SourceRange?
    }

    /// The rare terms one typo from a term the list writes at least `knownTermUses` times and
    /// far more often, and not words: a note, a warning when the term is long and wrong inside,
    /// as for words; `onlyInside` drops those wrong at their end.
    private func termFindings(_ terms: [Term], speller: WordSpeller, kind: String, onlyInside: Bool = false) -> [Finding] {
        let uses = Dictionary(terms.map { ($0.text.lowercased(), 1) }, uniquingKeysWith: +)
        guard uses.values.contains(where: { $0 >= Self.knownTermUses }) else { return [] }
        return terms.compactMap { term -> Finding? in
            let lowercased = term.text.lowercased()
            guard !speller.isWord(lowercased),
                  let meant = EditDistance.commonNeighbour(of: lowercased, uses: uses, minimumUses: Self.knownTermUses)
            else { return nil }
            let inside = WordSpeller.commonSuffixLength(lowercased, meant) >= 2
            guard inside || !onlyInside, let range = term.range() else { return nil }
            let found = finding("The \(kind) '\(term.text)' looks misspelt: the list writes '\(meant)' \(uses[meant]!) times "
                                + "to its \(uses[lowercased]!); did you mean '\(meant)'?", at: range)
            return inside && lowercased.count >= 7 ? found : found.with(severity: .note)
        }
    }

    private func headingFindings(_ document: ListDocument, speller: WordSpeller) -> [Finding] {
        let tree = document.tree
        return tree.children(of: tree.root).filter {
            if case .heading = tree[$0].kind { true } else { false }
        }.flatMap { heading in
            let (text, isCode) = Self.headingText(heading, in: tree)
            let lines = tree[heading].range.lines
            return findings(for: text, speller: speller, document: document) {
                (SourcePosition(line: lines.lowerBound, column: 1), lines.upperBound, isCode)
            }
        }
    }

    private func titleFindings(_ document: ListDocument, speller: WordSpeller) -> [Finding] {
        document.entries.flatMap { entry -> [Finding] in
            guard let title = entry.title else { return [] }
            return findings(for: CheckableWords.withoutLeadingName(title), speller: speller, document: document) {
                let start = Self.titleStart(of: entry, title: title, in: document.source)
                return (start, entry.lines.contains(start.line) ? entry.lines.upperBound : start.line, false)
            }
        }
    }

    /// The findings for one heading's or title's text; `place` tells where the text is
    /// written (from a position through a line, in code or not), asked only when a word is
    /// misspelt. A word found only in code spans or URLs there is not reported.
    private func findings(for text: String, speller: WordSpeller, document: ListDocument,
                          place: () -> (start: SourcePosition, lastLine: Int, inCode: Bool)) -> [Finding] {
        let misspellings = CheckableWords.words(in: text).compactMap(speller.misspelling(of:))
        guard !misspellings.isEmpty else { return [] }
        let (start, lastLine, inCode) = place()
        var searchFrom: [String: SourcePosition] = [:]
        return misspellings.compactMap { misspelling in
            guard let range = document.source.wordRange(of: misspelling.word, from: searchFrom[misspelling.word] ?? start,
                                                        through: lastLine, inCode: inCode) else { return nil }
            searchFrom[misspelling.word] = SourcePosition(line: range.end.line, column: range.end.column + 1)
            // A guess about a word: offered, never applied by `format`.
            let fix = misspelling.replacement.map { Fix(replacements: [Replacement(range: range, text: $0)], isCertain: false) }
            let found = finding(Self.message(for: misspelling), at: range, fix: fix)
            return misspelling.isConfirmedByList ? found : found.with(severity: .note)
        }
    }

    private static func message(for misspelling: Misspelling) -> String {
        let quoted = misspelling.suggestions.prefix(4).map { "'\($0)'" }
        let options = quoted.count <= 2 ? quoted.joined(separator: " or ")
            : quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
        return "'\(misspelling.word)' looks misspelt: did you mean \(options)? If the word is right, add it to `vocabulary.words` in .vlmbot.yml."
    }

    /// A heading's words outside code spans, or its code's words when the heading is nothing
    /// but code (a title styled as code, such as `` # `Awesome Lists` ``).
    private static func headingText(_ heading: NodeID, in tree: MarkdownTree) -> (text: String, isCode: Bool) {
        var prose = ""
        var code = ""
        for id in tree.descendants(of: heading) {
            let node = tree[id]
            switch node.kind {
            case .text: prose += node.literal ?? ""
            case .code: code += " " + (node.literal ?? ""); prose += " "
            case .softBreak, .lineBreak, .htmlInline: prose += " "
            default: continue
            }
        }
        let hasProse = prose.contains { $0.isLetter }
        return hasProse || code.isEmpty ? (prose, false) : (code, true)
    }

    /// Where a title is written: its opening words within the entry's lines, else anywhere in
    /// the list (a title given by a link reference definition), else the entry's first line.
    private static func titleStart(of entry: Entry, title: String, in source: SourceText) -> SourcePosition {
        let opening = String(title.prefix(24))
        let found = source.range(of: opening, inLines: entry.lines)
            ?? source.range(of: opening, inLines: 1...max(1, source.lineCount))
        return found?.start ?? SourcePosition(line: entry.lines.lowerBound, column: 1)
    }
}
