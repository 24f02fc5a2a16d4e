import Foundation
import Testing

/// `vlmbot check seeds --format json` compared with its reviewed golden output
/// (`Golden/check-seeds.json`, rewritten by `scripts/update-goldens`).
@Suite struct GoldenCheckTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/check-seeds.json")

    @Test func checkOfTheSeedsMatchesTheGolden() throws {
        let result = try CLIRunner.run(["check", "seeds", "--format", "json"])
        #expect(result.status == 1, "\(result.stderr)")
        let actual = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.golden)) as? [String: Any])
        #expect(NSDictionary(dictionary: actual["summary"] as? [String: Any] ?? [:])
            .isEqual(to: expected["summary"] as? [String: Any] ?? [:]))
        let actualFindings = actual["findings"] as? [[String: Any]] ?? []
        let expectedFindings = expected["findings"] as? [[String: Any]] ?? []
        #expect(actualFindings.count == expectedFindings.count)
        for (index, (found, wanted)) in zip(actualFindings, expectedFindings).enumerated() {
            #expect(NSDictionary(dictionary: found).isEqual(to: wanted), "finding \(index + 1): \(found) expected \(wanted)")
        }
        let wantedKeys = Set(expectedFindings.map { "\($0["path"] ?? ""):\($0["line"] ?? ""):\($0["rule"] ?? "")" })
        let foundKeys = Set(actualFindings.map { "\($0["path"] ?? ""):\($0["line"] ?? ""):\($0["rule"] ?? "")" })
        #expect(foundKeys.subtracting(wantedKeys).isEmpty, "new findings: \(foundKeys.subtracting(wantedKeys).sorted())")
        #expect(wantedKeys.subtracting(foundKeys).isEmpty, "lost findings: \(wantedKeys.subtracting(foundKeys).sorted())")
    }
}
