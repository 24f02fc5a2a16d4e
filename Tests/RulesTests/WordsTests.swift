@testable import Engine
@testable import EntryRules
@testable import Evidence
import Format
import Foundation
import Lists
import Markdown
import Rules
import Settings
import Testing

/// The word rules (category-mismatch, section-placement, spelling) on the bundled seeds, where
/// the expected findings are known line by line, and on small lists made for their traps.
@Suite struct WordsTests {
    static func findings(_ rule: some Rule, in document: ListDocument, context: RuleContext? = nil) -> [Finding] {
        rule.check(document, in: context ?? DefaultRules.context(for: type(of: rule).description))
            .sorted(by: Finding.reportOrder)
    }

    static func findings(_ rule: some Rule, in text: String) -> [Finding] {
        findings(rule, in: ListParser.parse(text))
    }

    /// The text each finding's fix puts in, by the line it is on.
    static func fixes(_ findings: [Finding]) -> [Int: String] {
        Dictionary(uniqueKeysWithValues: findings.compactMap { finding in
            finding.fix.map { (finding.range.start.line, $0.replacements.map(\.text).joined()) }
        })
    }

    // MARK: The seeds

    @Test func categoryMismatchOnTheSeeds() throws {
        let document = try DefaultRules.seed("001")
        let findings = Self.findings(CategoryMismatchRule(), in: document)
        #expect(findings.map(\.range.start.line) == [25, 27])
        #expect(findings.first?.message == "SAT is labelled Natural, but its title says 'Medical Images': label it Medical.")
        #expect(findings.last?.message.contains("'Chest X-ray'") == true)
        #expect(Self.fixes(findings) == [25: "Medical", 27: "Medical"])
        let fixed = String(decoding: FixApplier.apply(findings.compactMap(\.fix), to: document.source), as: UTF8.self)
        let lines = fixed.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[24].hasSuffix("| Medical       |[PDF](https://arxiv.org/pdf/2312.17183)  |"))
        for other in ["000", "002", "003", "004"] {
            #expect(Self.findings(CategoryMismatchRule(), in: try DefaultRules.seed(other)).isEmpty, "seed \(other)")
        }
    }

    @Test func sectionPlacementOnTheSeeds() throws {
        let findings = Self.findings(SectionPlacementRule(), in: try DefaultRules.seed("002"))
        #expect(findings.map(\.range.start.line) == [23, 49])
        #expect(findings.allSatisfy { $0.message.contains("'VLM in Medical image detection' (line 117)") })
        #expect(findings.allSatisfy { $0.related.map(\.start.line) == [117] })
        for other in ["000", "001", "003", "004"] {
            #expect(Self.findings(SectionPlacementRule(), in: try DefaultRules.seed(other)).isEmpty, "seed \(other)")
        }
    }

    @Test func spellingOnTheSeeds() throws {
        let expected: [(seed: String, line: Int, word: String, fix: String)] = [
            ("000", 60, "Trasitional", "Traditional"), ("001", 4, "utilzed", "utilized"),
            ("003", 70, "Segmentatio", "Segmentation"), ("004", 1, "Vison", "Vision"),
        ]
        for seed in ["000", "001", "002", "003", "004"] {
            let document = try DefaultRules.seed(seed)
            let findings = Self.findings(SpellingRule(), in: document)
            let wanted = expected.filter { $0.seed == seed }
            #expect(findings.map(\.range.start.line) == wanted.map(\.line), "seed \(seed)")
            for (finding, want) in zip(findings, wanted) {
                #expect(finding.message.hasPrefix("'\(want.word)' looks misspelt"))
                let range = finding.range
                let written = document.source.lineBytes(range.start.line).dropFirst(range.start.column - 1)
                    .prefix(range.end.column - range.start.column + 1)
                #expect(String(decoding: written, as: UTF8.self) == want.word)
                #expect(Self.fixes([finding]) == [want.line: want.fix])
            }
        }
    }

    // MARK: category-mismatch

    @Test func categoryLabelsAreReadThroughTypos() {
        let sets = [["Natural", "Medical"]]
        #expect(CategoryMismatchRule.label(of: "Natrual", in: sets)?.label == "Natural")
        #expect(CategoryMismatchRule.label(of: "medical", in: sets)?.label == "Medical")
        #expect(CategoryMismatchRule.label(of: "Survey", in: sets) == nil)
        #expect(CategoryMismatchRule.label(of: "Medicl", in: sets)?.set == ["Natural", "Medical"])
    }

    @Test func evidenceForTheOwnLabelOrNoneLeavesTheEntryAlone() {
        var context = DefaultRules.context(for: CategoryMismatchRule.description)
        context.vocabulary.evidence["Natural"] = ["natural images"]
        let list = """
        | Model | Title | Category |
        |---|---|---|
        | A | From natural images to chest X-rays | Natural |
        | B | Object detection in the wild | Medical |
        | C | Segment anything in medical images | Natural |
        """
        let findings = Self.findings(CategoryMismatchRule(), in: ListParser.parse(list), context: context)
        #expect(findings.map(\.range.start.line) == [5])
        #expect(findings.first?.fix?.replacements.first?.range.start.column == 44)
    }

    @Test func acronymsMatchOnlyAsWholeCapitalWords() {
        let matcher = TermMatcher(["Medical": ["CT", "PET", "x-ray", "chest x-ray"]])
        #expect(matcher.matches(in: "ObjeCT and PETal detection, a ct scan, Pet photos").isEmpty)
        #expect(matcher.matches(in: "CT-CLIP on PET and CTs").map(\.text) == ["CT", "PET", "CTs"])
        #expect(matcher.matches(in: "Chest X-rays and x-ray").map(\.text) == ["Chest X-rays", "x-ray"])
    }

    // MARK: section-placement

    @Test func longestTaskPhraseWins() {
        let matcher = TermMatcher(["report generation": ["report generation"], "image generation": ["image generation"],
                                   "classification": ["diagnosis"]])
        #expect(matcher.matches(in: "Medical image report generation").map(\.key) == ["report generation"])
        #expect(matcher.matches(in: "Radiograph Diagnosis and Reports Generation").map(\.key)
            == ["classification", "report generation"])
        #expect(matcher.matches(in: "Chest X-ray image generation").map(\.key) == ["image generation"])
    }

    @Test func aTaskTwoSiblingsShareIsNotReported() {
        let list = """
        ## Segmentation
        - Lesion detection with prompts. [[paper]](https://arxiv.org/abs/2301.00001)
        ## Detection in CT
        - A CT detection model. [[paper]](https://arxiv.org/abs/2301.00002)
        ## Detection in MRI
        - An MRI detection model. [[paper]](https://arxiv.org/abs/2301.00003)
        """
        #expect(Self.findings(SectionPlacementRule(), in: list).isEmpty)
        let single = list.replacingOccurrences(of: "## Detection in MRI\n- An MRI detection model.", with: "## MRI\n- An MRI model.")
        #expect(Self.findings(SectionPlacementRule(), in: single).map(\.range.start.line) == [2])
    }

    // MARK: spelling

    @Test func tiesWithoutAListWordGetNoFix() {
        let findings = Self.findings(SpellingRule(), in: "## Trasitional Vision Models\n")
        #expect(findings.count == 1)
        #expect(findings.first?.fix == nil)
        #expect(findings.first?.message.contains("'Traditional' or 'Transitional'") == true)
        let inList = Self.findings(SpellingRule(), in: "## Trasitional Vision Models\n\nTransitional text.\n")
        #expect(Self.fixes(inList) == [1: "Transitional"])
    }

    @Test func oneTypoIsAnEditOrASwapNeverTwoUnrelatedEdits() {
        let swapped = Self.findings(SpellingRule(), in: "## Medical Image Segmentaiton\n")
        #expect(Self.fixes(swapped) == [1: "Segmentation"])
        #expect(Self.findings(SpellingRule(), in: "## Syncretic Fusion of Modalities\n").isEmpty)
    }

    /// A typo is a note, unless the list confirms it: a long word, wrong inside, whose one
    /// suggestion the list writes elsewhere. An ending (Endoscope, Institut) confirms nothing.
    @Test(arguments: [
        ("Event-based reconstruciton of video", "warning"),
        ("Event-based reconstructio of video", "note"),
        ("Event-based recon of video with Criss attention", "note"),
    ])
    func aTypoTheListConfirmsIsAWarning(title: String, severity: String) {
        let list = """
        ## Reconstruction
        - \(title). [[paper]](https://arxiv.org/abs/2301.00001)
        - Video reconstruction from events. [[paper]](https://arxiv.org/abs/2301.00002)
        - Cross-modal attention. [[paper]](https://arxiv.org/abs/2301.00003)
        """
        #expect(Self.findings(SpellingRule(), in: list).map(\.severity.rawValue) == [severity])
    }

    @Test func aRepeatedMisspellingIsKnownButNeverSuggested() {
        let list = """
        ## Lesion detction
        - Lesion detction with prompts. [[paper]](https://arxiv.org/abs/2301.00001)
        - Tumour dtection with prompts. [[paper]](https://arxiv.org/abs/2301.00002)
        """
        #expect(Self.fixes(Self.findings(SpellingRule(), in: list)) == [3: "detection"])
    }

    @Test func namesCodeAndURLsAreNotChecked() {
        let list = """
        ## Segmentation with Medsan and friends
        | Title | Code |
        |---|---|
        | Segmentaton: a leading name | - |
        | Using `classifcation` in code with LLaVA-Detecton and Retreival3D | [x](https://a.org/generaton) |
        """
        #expect(Self.findings(SpellingRule(), in: list).isEmpty)
        let unmasked = list.replacingOccurrences(of: "Medsan and", with: "medsan and")
            .replacingOccurrences(of: "Segmentaton: a leading name", with: "Leading names and segmentaton")
            .replacingOccurrences(of: "`classifcation`", with: "classifcation")
        #expect(Self.findings(SpellingRule(), in: unmasked).map(\.range.start.line) == [1, 4, 5])
    }

    @Test func aMissingDictionaryMakesTheRuleSilent() {
        var context = DefaultRules.context(for: SpellingRule.description)
        #expect(!Self.findings(SpellingRule(), in: ListParser.parse("## Medical Image Segmentaton\n"), context: context).isEmpty)
        context.vocabulary.dictionary = WordList()
        #expect(Self.findings(SpellingRule(), in: ListParser.parse("## Medical Image Segmentaton\n"), context: context).isEmpty)
    }

    @Test func formsOfKnownWordsAndBritishSpellingsAreKnown() {
        let bases = WordForms.bases(of: "specialised") + WordForms.bases(of: "unannotated") + WordForms.bases(of: "bootstrapping")
        #expect(bases.contains("specialized") && bases.contains("annotate") && bases.contains("bootstrap"))
        #expect(Self.findings(SpellingRule(), in: "## Specialised tumour modelling of unannotated colour images\n").isEmpty)
    }

    @Test func wordListFindsNearWordsByLength() {
        let list = WordList(["Vision", "bison", "visor", "television", "vase"])
        #expect(list.contains("VISION"))
        #expect(Set(list.words(near: "vison", within: 1).map(\.word)) == ["vision", "bison", "visor"])
        #expect(list.words(near: "vison", within: 0).isEmpty)
        #expect(list.words(near: "viison", within: 1).map(\.word) == ["vision"])
    }

    @Test func aLinkLabelOneTypoFromALabelTheListWritesOftenIsReported() {
        let rows = (0..<10).map { "- Paper \($0). [[pdf]](https://arxiv.org/abs/2301.000\($0 + 10))" }
        let odd = ["- Paper ten. [[paf]](https://arxiv.org/abs/2301.00020)",
                   "- Paper eleven. [[pdg]](https://arxiv.org/abs/2301.00021) [[pdg]](https://arxiv.org/abs/2301.00022)",
                   "- Paper twelve. [[pdg]](https://arxiv.org/abs/2301.00023)"]
        // 'pdg', written three times, is not rare enough beside ten 'pdf' to be a slip.
        let findings = Self.findings(SpellingRule(), in: (rows + odd).joined(separator: "\n") + "\n")
        #expect(findings.map(\.range.start.line) == [11])
        #expect(findings.map(\.severity) == [.note])
        #expect(findings.first?.message.contains("did you mean 'pdf'?") == true)
        // Nine uses do not make a label the list's own.
        let fewer = (rows.dropFirst() + odd.prefix(1)).joined(separator: "\n") + "\n"
        #expect(Self.findings(SpellingRule(), in: fewer).isEmpty)
        // A long label wrong inside is a warning, as a long word is.
        let projects = (0..<10).map { "- Paper \($0). [[project]](https://github.com/a/b\($0))" }
        let long = Self.findings(SpellingRule(), in: (projects + ["- Paper ten. [[porject]](https://github.com/a/c)"]).joined(separator: "\n") + "\n")
        #expect(long.map(\.range.start.line) == [11])
        #expect(long.map(\.severity) == [.warning])
    }
}
