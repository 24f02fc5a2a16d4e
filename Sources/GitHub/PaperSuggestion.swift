import Foundation
import Reporters

/// A paper suggested through the issue form `.github/ISSUE_TEMPLATE/add-paper.yml`, read from
/// an `issues` event. The issue's text is untrusted: each field is one line of bounded length
/// without control characters, the code link an http(s) URL; nothing of it reaches a shell.
public struct PaperSuggestion: Sendable, Equatable {
    /// The issue's number.
    public let issue: Int
    /// The paper's arXiv id or URL, or DOI, as typed.
    public let paper: String
    public let code: String?
    public let section: String?

    /// The form's fields, by the first word of their labels: `### Paper (arXiv id…)` is `paper`.
    static let fieldNames = ["paper", "code", "section", "note"]
    /// The longest value a one-line field may hold.
    static let fieldLimit = 300

    public init(issue: Int, paper: String, code: String?, section: String?) {
        self.issue = issue
        self.paper = paper
        self.code = code
        self.section = section
    }

    /// The suggestion an `issues` event's payload holds.
    public static func read(event data: Data, path: String) throws(GitHubError) -> PaperSuggestion {
        guard let event = JSONValue.parse(data), let issue = event["issue"], let number = issue["number"]?.intValue else {
            throw .unreadableEvent(path: path, reason: "not an issues event (no issue.number)")
        }
        if issue["pull_request"] != nil {
            throw .invalidEnvironment(variable: "GITHUB_EVENT_PATH", reason: "#\(number) is a pull request, not a suggestion")
        }
        return try parse(body: issue["body"]?.stringValue ?? "", issue: number)
    }

    /// The fields of an issue form's body (`### Label`, a blank line, the value; `_No response_`
    /// for an empty optional field).
    public static func parse(body: String, issue: Int) throws(GitHubError) -> PaperSuggestion {
        var fields: [String: String] = [:]
        var current: String?
        var lines: [String] = []
        func close() {
            guard let name = current, fields[name] == nil else { return }
            let value = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            fields[name] = value == "_No response_" ? "" : value
        }
        for line in body.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("### ") {
                close()
                let label = line.dropFirst(4).lowercased()
                current = fieldNames.first { label.hasPrefix($0) }
                lines = []
            } else {
                lines.append(String(line))
            }
        }
        close()
        func oneLine(_ name: String) throws(GitHubError) -> String? {
            guard let value = fields[name], !value.isEmpty else { return nil }
            guard value.count <= fieldLimit, !value.unicodeScalars.contains(where: ControlCharacters.contains) else {
                throw .invalidEnvironment(variable: "issue #\(issue)",
                                          reason: "the \(name) field must be one line of at most \(fieldLimit) characters")
            }
            return value
        }
        guard let paper = try oneLine("paper") else {
            throw .invalidEnvironment(variable: "issue #\(issue)", reason: "the paper field is empty: give an arXiv id or URL, or a DOI")
        }
        let code = try oneLine("code")
        if let code {
            guard let url = URL(string: code), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil,
                  !code.contains(where: \.isWhitespace) else {
                throw .invalidEnvironment(variable: "issue #\(issue)", reason: "the code field is not an http(s) URL")
            }
        }
        return PaperSuggestion(issue: issue, paper: paper, code: code, section: try oneLine("section"))
    }
}
