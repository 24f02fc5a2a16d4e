import Foundation
import Testing

/// Every input the fuzzer (`scripts/fuzz`) or a probe found a defect with, and the bundled
/// seeds, replayed through the fuzzer's own checks: no crash, valid JSON and SARIF, a format
/// that keeps every entry and its facts, settles, and keeps line endings and byte order mark.
@Suite struct FuzzRegressionTests {
    static let regressions = CLIRunner.packageRoot.appendingPathComponent("Tests/Fuzz/regressions")

    @Test func everyPastFindingAndSeedKeepsTheFuzzersProperties() throws {
        let folders = [Self.regressions, CLIRunner.packageRoot.appendingPathComponent("seeds")]
        let inputs = try folders.flatMap { folder in
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { folder.appendingPathComponent($0).path }
        }
        #expect(inputs.count > 8)
        let result = try CLIRunner.run(inputs, executable: CLIRunner.fuzzReplayer)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    /// An input the replayer cannot read is an error naming it, never a silent pass.
    @Test func anUnreadableInputIsAnError() throws {
        let result = try CLIRunner.run(["/nonexistent/input.md"], executable: CLIRunner.fuzzReplayer)
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/input.md"))
    }
}
