import ArgumentParser
import Foundation
import GitHub
import Reporters
import Settings

/// `vlmbot review`: the pull-request review of a change, printed or posted to GitHub.
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review a change as a GitHub pull-request review: print its payload, or post it.",
        discussion: """
        Without --post, prints the JSON body of GitHub's "create a review" request. With --post, \
        reads GITHUB_TOKEN, GITHUB_API_URL, GITHUB_REPOSITORY and the pull request from \
        GITHUB_EVENT_PATH (or --pr), skips the findings its own earlier comments carry, posts one \
        review and keeps one summary comment of its own up to date (another author's comment is \
        never trusted nor edited). A read-only token (a pull request from a fork) falls back to \
        annotations and the job summary without failing the run.
        """
    )

    /// GitHub's limit on a comment body is 65,536 characters; the summary stays well under it.
    static let summaryByteLimit = 60_000

    @OptionGroup var lists: ListOptions
    @OptionGroup var change: ChangeOptions
    @OptionGroup var online: OnlineOptions

    @Flag(help: "Post the review to the pull request instead of printing it.")
    var post = false

    @Option(help: "The pull request's number (default: from GITHUB_EVENT_PATH).")
    var pr: Int?

    func validate() throws {
        if change.selection == nil { throw ValidationError("review needs --base REF (and --head REF for a pull request)") }
    }

    func run() async throws {
        let (report, choice) = try await CheckRun.report(lists: lists, change: change, online: online, baseConfiguration: true)
        choice.notice.map(Terminal.error)
        guard post else {
            Terminal.output(ReviewReporter().render(report))
            return
        }
        do {
            let client = GitHubClient(configuration: try GitHubClient.Configuration.fromEnvironment(pullRequest: pr))
            let outcome = try await client.postReview(ReviewReporter().payload(report))
            _ = try await client.updateSummary(MarkdownReporter(byteLimit: Self.summaryByteLimit).render(report))
            Terminal.error("review: \(outcome.description)")
        } catch GitHubError.readOnlyToken {
            Terminal.error("review: the token cannot write to this pull request (a fork?); reporting through annotations and the job summary instead")
            Terminal.output(GitHubReporter().render(report))
            try writeJobSummary(MarkdownReporter().render(report))
        } catch {
            throw VlmbotError.gitHub(error.description)
        }
    }

    /// Appends to the file GitHub Actions shows as the job summary, when there is one.
    private func writeJobSummary(_ text: String) throws {
        guard let path = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else { return }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw VlmbotError.environment(variable: "GITHUB_STEP_SUMMARY", value: path, "cannot write the job summary")
        }
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }
}
