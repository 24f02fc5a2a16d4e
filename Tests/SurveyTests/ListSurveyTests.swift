import Engine
import Foundation
import Lists
import Markdown
import Rules
import Settings
@testable import Survey
import Testing

/// What `vlmbot init` reads in a list and writes: on a seed and on small lists made for one
/// fact each, and always a configuration that reads back.
@Suite struct ListSurveyTests {
    static let configuration: Configuration = {
        do { return try Configuration.builtIn() } catch { fatalError("the built-in rules do not load: \(error)") }
    }()

    static func survey(_ text: String, path: String = "README.md", configuration: Configuration = configuration)
        -> (survey: ListSurvey, findings: [Finding]) {
        let document = ListParser.parse(SourceText(text))
        let findings = Linter(configuration: configuration).lint(document, path: path)
        return (ListSurvey(document: document, path: path, findings: findings, configuration: configuration, profile: .none),
                findings)
    }

    /// The configuration a survey writes, read as `vlmbot check` reads it.
    static func readBack(_ survey: ListSurvey) throws -> Configuration {
        try Configuration.parse(survey.configurationText(), file: ".vlmbot.yml")
    }

    @Test func aSeedIsReadAsItsOwnShape() throws {
        let seed = CLIRoot.seeds.appendingPathComponent("001_cc10a04a1c6bde63.txt")
        let (survey, findings) = Self.survey(try String(contentsOf: seed, encoding: .utf8))
        #expect(survey.entries == 66)
        #expect(survey.layouts == [ListSurvey.Tally(name: "table rows", count: 66)])
        #expect(survey.columns.contains { $0.header == "Natrual\\Medical" && $0.fact == "category" })
        #expect(survey.columns.contains { $0.header == "Paper Names" && $0.fact == "title" })
        // Its misspelt header and labels still fit the set vlmbot knows: nothing new is written.
        #expect(survey.knownCategorySet == ["Natural", "Medical"])
        #expect(survey.proposedCategorySet == nil)
        #expect(survey.findings.reduce(0) { $0 + $1.count } == findings.count)
        #expect(survey.findings.map(\.count) == survey.findings.map(\.count).sorted(by: >))
        let read = try Self.readBack(survey)
        #expect(read.lists == ["README.md"])
        #expect(read.rules.isEmpty, "every rule line is a comment")
        for rule in survey.findings {
            #expect(survey.configurationText().contains("#   \(rule.rule): false"))
        }
    }

    static let tasks = """
    | Title | Category |
    |---|---|
    | [Alpha Networks for Seeing](https://arxiv.org/abs/2301.00001) | Vision |
    | [Beta Models of Language](https://arxiv.org/abs/2301.00002) | Language |
    | [Gamma Nets for Images](https://arxiv.org/abs/2301.00003) | Vision |
    | [Delta Parsers for Text](https://arxiv.org/abs/2301.00004) | Language |
    | [Epsilon Speech Recognisers](https://arxiv.org/abs/2301.00005) | Speech |
    | [Zeta Detectors for Scenes](https://arxiv.org/abs/2301.00006) | Vision |
    | [Eta Taggers for Sentences](https://arxiv.org/abs/2301.00007) | Langauge |

    """

    @Test func aListsOwnLabelsBecomeItsCategorySetWithoutTheirSlips() throws {
        let (survey, _) = Self.survey(Self.tasks)
        #expect(survey.knownCategorySet == nil)
        // Speech is used once but is no slip of another label; Langauge is.
        #expect(survey.proposedCategorySet == ["Vision", "Language", "Speech"])
        let text = survey.configurationText()
        #expect(text.contains("    - [\"Vision\", \"Language\", \"Speech\"]\n"))
        #expect(text.replacingOccurrences(of: "\n# ", with: " ").contains("left out as slips of another label: Langauge."))
        // Checked with what init wrote, the slip is reported and nothing else is new.
        let written = Self.configuration.merged(with: try Self.readBack(survey))
        let (_, after) = Self.survey(Self.tasks, configuration: written)
        let vocabulary = after.filter { $0.rule == "vocabulary" }
        #expect(vocabulary.map(\.range.start.line) == [9])
        #expect(vocabulary.first?.message.contains("did you mean 'Language'") == true)
    }

    @Test func freeTextIsNoCategorySet() throws {
        let rows = (1...14).map { "| [Paper Number \($0) on Things](https://arxiv.org/abs/2301.000\(10 + $0)) | Topic\($0) |\n" }
        let (many, _) = Self.survey("| Title | Category |\n|---|---|\n" + rows.joined() + rows.joined())
        #expect(many.categories.count == 14)
        #expect(many.proposedCategorySet == nil, "fourteen labels are not a closed set")
        #expect(!many.configurationText().contains("vocabulary:"))
        let (single, _) = Self.survey("| Title | Category |\n|---|---|\n| [A Paper on Things](https://arxiv.org/abs/2301.00001) | CV |\n"
                                      + "| [Another Paper on Things](https://arxiv.org/abs/2301.00002) | NLP |\n")
        #expect(single.proposedCategorySet == nil, "no label is used twice")
        // One cell that is not a label (a shifted row, a remark) makes the column no closed set.
        let remark = Self.tasks + "| [Theta Models for Video](https://arxiv.org/abs/2301.00008) | Vision (30 fps) |\n"
        let (noisy, _) = Self.survey(remark)
        #expect(noisy.categories.map(\.name) == ["Vision", "Language", "Speech", "Langauge"])
        #expect(noisy.proposedCategorySet == nil)
        #expect(!noisy.configurationText().contains("vocabulary:"))
    }

    @Test func sectionsSharingPapersAreNamedWhenTheyShareTwo() throws {
        func entry(_ id: Int) -> String { "- [Paper \(id) of Some Length](https://arxiv.org/abs/2301.\(String(format: "%05d", id)))\n" }
        let list = "## Segmentation\n" + entry(1) + entry(2) + entry(3) + "\n## Medical\n" + entry(1) + entry(2) + entry(4)
            + "\n## Detection\n" + entry(3) + entry(5)
        let (survey, _) = Self.survey(list)
        #expect(survey.sharedSections == [ListSurvey.SharedSections(first: "Medical", second: "Segmentation", papers: 2)])
        #expect(survey.configurationText().contains("#   'Medical' and 'Segmentation': 2 papers\n"))
        #expect(survey.summary.contains("sections sharing papers: 'Medical' and 'Segmentation' (2)"))
    }

    @Test func textFromTheListCannotBreakOutOfTheConfiguration() throws {
        // A heading with a line separator and a bidirectional override, labels with quotes and
        // backslashes: the comments stay comments and the labels stay strings.
        let hostile = "## Evil\u{2028}lists: [x]\u{202E}\n" + """
        | Title | Kind |
        |---|---|
        | [Alpha Networks for Seeing](https://arxiv.org/abs/2301.00001) | A"B |
        | [Beta Models of Language](https://arxiv.org/abs/2301.00002) | C\\D |
        | [Gamma Nets for Images](https://arxiv.org/abs/2301.00003) | A"B |
        | [Delta Parsers for Text](https://arxiv.org/abs/2301.00004) | C\\D |

        """
        let (survey, _) = Self.survey(hostile, path: "we\"ird.md")
        let text = survey.configurationText()
        #expect(!text.unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{202E}" })
        let read = try Self.readBack(survey)
        #expect(read.lists == ["we\"ird.md"])
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.isEmpty {
            #expect(["version:", "lists:", "vocabulary:", "  categories:", "    - ["].contains { line.hasPrefix($0) }, "\(line)")
        }
    }
}

/// The checkout's folders the tests read.
enum CLIRoot {
    static let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("seeds")
}
