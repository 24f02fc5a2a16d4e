import Foundation
@testable import GitHub
import Testing

/// The issue form's fields, read from an `issues` event's body: untrusted text, validated field by field.
@Suite struct PaperSuggestionTests {
    static func body(paper: String, code: String = "_No response_", section: String = "_No response_") -> String {
        "### Paper (arXiv id or URL, or DOI)\n\n\(paper)\n\n### Code (repository URL)\n\n\(code)\n\n### Section\n\n\(section)\n\n"
            + "### Note\n\nPlease add it.\nIt is good."
    }

    @Test func theFieldsAreReadByTheirLabelsFirstWords() throws {
        let suggestion = try PaperSuggestion.parse(body: Self.body(paper: "2401.12345", code: "https://github.com/a/b",
                                                                   section: "Report Generation"), issue: 7)
        #expect(suggestion == PaperSuggestion(issue: 7, paper: "2401.12345", code: "https://github.com/a/b", section: "Report Generation"))
    }

    @Test func emptyOptionalFieldsAreNil() throws {
        let suggestion = try PaperSuggestion.parse(body: Self.body(paper: "10.1038/s41591-023-02448-8").replacingOccurrences(of: "\n", with: "\r\n"),
                                                   issue: 2)
        #expect(suggestion.code == nil)
        #expect(suggestion.section == nil)
        #expect(suggestion.paper == "10.1038/s41591-023-02448-8")
    }

    @Test func aMissingPaperIsRefused() {
        #expect(throws: GitHubError.self) { try PaperSuggestion.parse(body: Self.body(paper: "_No response_"), issue: 1) }
        #expect(throws: GitHubError.self) { try PaperSuggestion.parse(body: "Please add 2401.12345", issue: 1) }
    }

    @Test func hostileFieldsAreRefused() {
        let hostile = [
            Self.body(paper: "2401.12345\nrm -rf /"),
            Self.body(paper: "2401.12345\u{202E}"),
            Self.body(paper: String(repeating: "1", count: 400)),
            Self.body(paper: "2401.12345", code: "javascript:alert(1)"),
            Self.body(paper: "2401.12345", code: "https://github.com/a/b c"),
            Self.body(paper: "2401.12345", section: "A\u{0007}B"),
        ]
        for body in hostile {
            #expect(throws: GitHubError.self) { try PaperSuggestion.parse(body: body, issue: 3) }
        }
    }

    @Test func anEventAboutAPullRequestIsNotASuggestion() throws {
        let event = ####"{"issue": {"number": 4, "body": "### Paper\n\n2401.12345", "pull_request": {}}}"####
        #expect(throws: GitHubError.self) { try PaperSuggestion.read(event: Data(event.utf8), path: "event.json") }
        let good = ####"{"issue": {"number": 4, "body": "### Paper\n\n2401.12345"}}"####
        #expect(try PaperSuggestion.read(event: Data(good.utf8), path: "event.json").paper == "2401.12345")
    }
}
