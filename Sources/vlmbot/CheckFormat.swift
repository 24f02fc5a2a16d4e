import ArgumentParser
import Reporters

/// The output formats of `vlmbot check`.
enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, github, sarif, rdjsonl, markdown, review

    func reporter() -> any Reporter {
        switch self {
        case .text: TextReporter(useColor: Terminal.colorsOutput)
        case .json: JSONReporter()
        case .github: GitHubReporter()
        case .sarif: SARIFReporter()
        case .rdjsonl: RDJSONLReporter()
        case .markdown: MarkdownReporter()
        case .review: ReviewReporter()
        }
    }
}
