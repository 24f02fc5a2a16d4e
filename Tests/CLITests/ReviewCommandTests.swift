import Foundation
import Testing

@Suite struct ReviewCommandTests {
    @Test func printsAReviewPayloadWithInlineCommentsOnTheChange() throws {
        let repository = try TemporaryRepository()
        try repository.commit(["list.md": ChangeReviewTests.table], message: "base")
        try repository.git("checkout", "-q", "-b", "feature")
        try repository.commit(["list.md": ChangeReviewTests.table + "| A Ragged @octocat Row |\n"], message: "feature")
        let result = try CLIRunner.run(["review", "--base", "main", "--head", "feature"], in: repository.url)
        #expect(result.status == 0, "\(result.stderr)")
        let payload = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(payload["event"] as? String == "COMMENT")
        let comments = try #require(payload["comments"] as? [[String: Any]])
        #expect(comments.count == 1)
        #expect(comments.first?["path"] as? String == "list.md")
        #expect(comments.first?["line"] as? Int == 7)
        #expect(comments.first?["side"] as? String == "RIGHT")
        #expect((comments.first?["body"] as? String)?.contains("vlmbot:fingerprint=") == true)
    }

    @Test func reviewNeedsABase() throws {
        let result = try CLIRunner.run(["review"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("review needs --base"))
    }

    @Test func postingWithoutATokenFailsInOneLineWithoutSecrets() throws {
        let repository = try TemporaryRepository()
        try repository.commit(["list.md": ChangeReviewTests.table], message: "base")
        let result = try CLIRunner.run(["review", "--base", "HEAD", "--post", "--pr", "1"], in: repository.url,
                                       environment: ["GITHUB_TOKEN": "", "GITHUB_REPOSITORY": "o/r"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("vlmbot: review: "))
        #expect(result.stderr.contains("GITHUB_TOKEN"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
