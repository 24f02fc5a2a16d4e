import Engine
import Markdown
import Settings

/// The JSON body of GitHub's "create a review for a pull request"
/// (`POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews`).
///
/// Inline comments go only on lines inside the file's diff hunks (GitHub rejects the whole
/// review for one comment outside them): a finding whose lines lie in one hunk gets a comment
/// over those lines; one that only starts (or ends) in a hunk gets a single-line comment there.
/// At most 30 comments, the most severe first; every other finding is listed in the review
/// body. A fixable finding's comment carries a `suggestion` block when its fix lies within the
/// commented lines. Each comment ends with a hidden fingerprint (`Fingerprint`), so a later run
/// can skip what is already posted. Bodies stay under GitHub's 65,536 characters.
public struct ReviewReporter: Reporter {
    /// Inline comments in one review, as reviewdog posts at most.
    public static let commentLimit = 30
    /// GitHub's limit for a review or comment body, in characters (kept in UTF-8 bytes here,
    /// which are never fewer).
    public static let bodyLimit = 65_536

    public let commentLimit: Int

    public init(commentLimit: Int = ReviewReporter.commentLimit) {
        self.commentLimit = commentLimit
    }

    /// The hidden marker a comment carries.
    public static func marker(fingerprint: String) -> String {
        "<!-- \(Report.toolName):fingerprint=\(fingerprint) -->"
    }

    /// The hidden marker of the review body.
    public static let reviewMarker = "<!-- \(Report.toolName):review -->"

    public func render(_ report: Report) -> String {
        payload(report).serialized() + "\n"
    }

    /// The review request's body: `body`, `event`, `comments` and, when known, `commit_id`.
    public func payload(_ report: Report) -> JSONValue {
        let findings = report.reportedFindings
        var hunks: [String: [ClosedRange<Int>]] = [:]
        for file in report.files { if let fileHunks = file.diffHunks { hunks[file.path] = fileHunks } }
        var comments: [JSONValue] = []
        var listed: [ReportedFinding] = []
        var overLimit = 0
        for item in findings.mostSevereFirst() {
            guard let fileHunks = hunks[item.finding.path], let lines = Self.commentLines(item, hunks: fileHunks) else {
                listed.append(item)
                continue
            }
            guard comments.count < commentLimit else {
                listed.append(item)
                overLimit += 1
                continue
            }
            comments.append(Self.comment(item, lines: lines, links: report.links))
        }
        var members: [(String, JSONValue)] = []
        if let commit = report.links?.commit { members.append(("commit_id", .string(commit))) }
        members += [("event", .string("COMMENT")),
                    ("body", .string(Self.body(report, findings, commented: comments.count, listed: listed,
                                                      overLimit: overLimit))),
                    ("comments", .array(comments))]
        return .object(members)
    }

    /// The lines to comment on: the finding's lines when one hunk holds them all, else the
    /// one of its first and last lines that a hunk holds; nil when neither is in a hunk.
    static func commentLines(_ item: ReportedFinding, hunks: [ClosedRange<Int>]) -> ClosedRange<Int>? {
        let region = item.locator.displayRegion(of: item.finding.range)
        let first = region.startLine, last = region.endLine
        if hunks.contains(where: { $0.contains(first) && $0.contains(last) }) { return first...last }
        if hunks.contains(where: { $0.contains(first) }) { return first...first }
        if hunks.contains(where: { $0.contains(last) }) { return last...last }
        return nil
    }

    static func comment(_ item: ReportedFinding, lines: ClosedRange<Int>, links: SourceLinks?) -> JSONValue {
        var members: [(String, JSONValue)] = [("path", .string(item.finding.path)), ("line", .int(lines.upperBound)),
                                              ("side", .string("RIGHT"))]
        if lines.count > 1 {
            members += [("start_line", .int(lines.lowerBound)), ("start_side", .string("RIGHT"))]
        }
        members.append(("body", .string(commentBody(item, lines: lines, links: links))))
        return .object(members)
    }

    /// The most bytes of a message a comment quotes. The message is cut before it is escaped
    /// (never inside an escape or a code span), and escaping at most quintuples it, so it fits.
    static let messageLimit = (bodyLimit - 1024) / 5

    /// What a comment says: severity, rule, message, related places, the suggestion, the
    /// fingerprint.
    static func commentBody(_ item: ReportedFinding, lines: ClosedRange<Int>, links: SourceLinks?) -> String {
        let finding = item.finding
        let marker = "\n" + Self.marker(fingerprint: item.fingerprint) + "\n"
        var text = "\(MarkdownText.severity(finding.severity)) \(MarkdownText.code(finding.rule)): "
            + MarkdownText.escape(truncated(finding.message, to: messageLimit, ending: "…"))
        if !finding.related.isEmpty {
            text += " (see also " + finding.related.map { MarkdownText.place(finding.path, lines: $0.lines, links: links) }
                .joined(separator: ", ") + ")"
        }
        text += "\n"
        text = Self.truncated(text, to: bodyLimit - 1024)
        if let suggestion = suggestion(item, lines: lines), (text + "\n" + suggestion + marker).utf8.count < bodyLimit {
            text += "\n" + suggestion
        }
        return text + marker
    }

    /// The `suggestion` block that makes the commented lines read as the fix leaves them; nil
    /// without a fix, when the fix reaches outside the lines, or when a line holds a control
    /// character a suggestion cannot carry.
    static func suggestion(_ item: ReportedFinding, lines: ClosedRange<Int>) -> String? {
        guard let fix = item.finding.fix, !fix.replacements.isEmpty, let source = item.locator.source,
              let fixed = source.fixedLines(fix, lines: lines),
              fixed.allSatisfy({ MarkdownText.scrubbed($0) == $0 }) else { return nil }
        return MarkdownText.codeBlock(fixed, info: "suggestion")
    }

    /// The review body: counts, the changed lists, and the findings not commented inline.
    static func body(_ report: Report, _ findings: [ReportedFinding], commented: Int, listed: [ReportedFinding],
                     overLimit: Int) -> String {
        var output = BoundedText(limit: bodyLimit - 1, reserve: 512)
        output.appendAlways("### \(Report.toolName)\n\n" + MarkdownReporter.summarySentence(report, findings) + "\n")
        var complete = true
        if let table = MarkdownReporter.changesTable(report, findings) {
            complete = output.append("\n" + table.joined())
        }
        if commented > 0, complete {
            complete = output.append("\n\(Counted.phrase(commented, "finding")) \(commented == 1 ? "is" : "are") commented on "
                + "the lines of this change.\n")
        }
        var shown = 0
        if !listed.isEmpty, complete {
            var reasons: [String] = []
            if listed.count > overLimit { reasons.append("\(listed.count - overLimit) outside the changed lines") }
            if overLimit > 0 { reasons.append("\(overLimit) over the limit of \(commented) inline comments") }
            let reviewed = report.files.contains { $0.diffHunks != nil }
            complete = output.append(reviewed
                ? "\n\(Counted.phrase(listed.count, "finding")) \(listed.count == 1 ? "is" : "are") not "
                    + "commented inline (\(Wording.list(reasons))):\n\n"
                : "\nNo change was reviewed, so no finding is commented inline:\n\n")
            for item in listed where complete {
                let region = item.locator.displayRegion(of: item.finding.range)
                complete = output.append("- " + MarkdownText.findingLine(item.finding, links: report.links,
                                                                         lines: region.startLine...region.endLine) + "\n")
                if complete { shown += 1 }
            }
        }
        if shown < listed.count {
            let rest = listed.dropFirst(shown)
            output.appendAlways("- … and \(Counted.phrase(rest.count, "more finding")) "
                + "(\(Wording.severities(rest, includingZero: false))); the job summary lists them all.\n")
        }
        output.appendAlways("\n" + reviewMarker + "\n")
        return output.text
    }

    /// A text cut to at most `limit` UTF-8 bytes, on a character boundary, with an ellipsis
    /// and a line break (or `ending`).
    static func truncated(_ text: String, to limit: Int, ending: String = "…\n") -> String {
        guard text.utf8.count > limit else { return text }
        var result = ""
        var size = 0
        for character in text {
            let length = String(character).utf8.count
            guard size + length <= limit - ending.utf8.count else { break }
            result.append(character)
            size += length
        }
        return result + ending
    }
}
