import Foundation
import Lists
import Markdown
import Testing

/// Lists written in the common styles of paper lists, none of them a seed, each with the
/// entries a careful reader expects (`Fixtures/styles/*.expected.json`).
@Suite struct StyleFixtureTests {
    static let folder = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/styles")

    static var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".md") && $0 != "README.md" }.map { String($0.dropLast(3)) }.sorted()
    }

    @Test func everyStyleHasAFixture() {
        #expect(Self.names.count >= 12)
    }

    @Test(arguments: names)
    func entriesMatchExpectations(name: String) throws {
        let source = try SourceText(Array(Data(contentsOf: Self.folder.appendingPathComponent(name + ".md"))))
        let expected = try ExpectedEntries(contentsOf: Self.folder.appendingPathComponent(name + ".expected.json"))
        expected.compare(with: ListParser.parse(source).entries, name: name)
    }
}
