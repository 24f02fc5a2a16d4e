import Foundation
import Lists
import Markdown
import Testing

/// Sections cut by `BlockOutline` parse alone as they do in the whole list: the same entries,
/// with the same sections, and the outline's headings are the whole parse's.
@Suite struct SectionParseTests {
    /// Lists whose cuts are easy to get wrong: code, comments and `<details>` across headings,
    /// fences inside list items, block quotes, and references defined far from their use.
    static let tricky: [String: String] = [
        "fence-across-headings": """
            # List

            ## Code

            ```markdown

            # Not a heading

            - [Not an entry](https://arxiv.org/abs/2301.00001)
            ```

            ## Papers

            - [A Real Entry](https://arxiv.org/abs/2301.00002)

            ~~~~
            ```

            # Still code
            ~~~~

            ## After

            - [Another Entry](https://arxiv.org/abs/2301.00003)
            """,
        "comment-and-details": """
            # List

            <!--

            # Hidden heading

            - [Hidden Entry](https://arxiv.org/abs/2301.00004)

            -->

            ## Open details

            <details>
            <summary>Papers (2023)</summary>

            - [Inside Details](https://arxiv.org/abs/2301.00005)

            # A heading inside the details element

            - [Also Inside](https://arxiv.org/abs/2301.00006)
            </details>

            ## Plain

            - [Plain Entry](https://arxiv.org/abs/2301.00007)
            """,
        "list-items-and-quotes": """
            # List

            - [Item With Code](https://arxiv.org/abs/2301.00008)

              ```
            # heading that closes the item, so the fence ends too

            ## Next

            > quoted
            > ```
            # after the quote

            - [Entry After Quote](https://arxiv.org/abs/2301.00009)
            """,
        "references-far-away": """
            # List

            ## Table

            | ID | Short name | Links |
            |---|---|---|
            | 1 | [MedCLIP] | [paper](https://arxiv.org/abs/2210.10163) |
            | 2 | [PathNet] | [paper](https://arxiv.org/abs/2301.00010) |

            ## Bullets

            - [PathNet] is also [here][paper link]

            ## References

            [MedCLIP]: ## "MedCLIP: Contrastive Learning from Unpaired Medical Images and Text"
            [PathNet]: ## "PathNet: Text-Guided Pathology Image Segmentation"
            [paper link]: https://arxiv.org/abs/2301.00011
            """,
        "html-blocks": """
            # List

            <div align="center">
            <img src="x.png">
            </div>

            ## One

            - [Entry One](https://arxiv.org/abs/2301.00012)
            <script>

            # inside a script

            </script>

            ## Two

            - [Entry Two](https://arxiv.org/abs/2301.00013)
            """,
    ]

    static func documents() throws -> [(name: String, source: SourceText)] {
        var documents = tricky.sorted { $0.key < $1.key }.map { ($0.key, SourceText($0.value)) }
        for name in SeedTests.expectedCounts.keys.sorted() {
            documents.append((name, SourceText(Array(try Data(contentsOf: SeedTests.seedsFolder.appendingPathComponent(name + ".txt"))))))
        }
        let styles = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/styles")
        for name in try FileManager.default.contentsOfDirectory(atPath: styles.path).sorted() where name.hasSuffix(".md") {
            documents.append((name, SourceText(Array(try Data(contentsOf: styles.appendingPathComponent(name))))))
        }
        return documents
    }

    @Test func everyCutIsBeforeATopLevelHeadingOfTheWholeParse() throws {
        for (name, source) in try Self.documents() {
            let whole = ListParser.parse(source)
            let headingStarts = Set(whole.tree.children(of: whole.tree.root).compactMap { id -> Int? in
                if case .heading = whole.tree[id].kind { whole.tree[id].range.start.line } else { nil }
            })
            let outline = ListOutline(source)
            #expect(Set(outline.blocks.sectionStarts.dropFirst()).isSubset(of: headingStarts), "\(name)")
            if outline.isCuttable {
                #expect(outline.headings == whole.headings, "\(name)")
            }
        }
    }

    @Test func eachSectionAloneHasTheWholeParsesEntries() throws {
        var cutDocuments = 0
        for (name, source) in try Self.documents() {
            let outline = ListOutline(source)
            guard outline.isCuttable else { continue }
            let whole = ListParser.parse(source)
            let sections = outline.blocks.sections(holding: outline.blocks.sectionStarts, lineCount: source.lineCount)
            if outline.blocks.sectionStarts.count > 1 { cutDocuments += 1 }
            for start in outline.blocks.sectionStarts {
                let section = try #require(outline.blocks.sections(holding: [start], lineCount: source.lineCount).first)
                let alone = ListParser.parse(outline, sectionsHolding: [start])
                let expected = whole.entries.filter { section.contains($0.lines.lowerBound) }
                #expect(alone.entries == expected, "\(name), section at line \(start)")
            }
            #expect(sections.count == 1, "\(name): the sections cover the list without gaps")
        }
        #expect(cutDocuments >= 8, "most lists are cut into sections")
    }

    @Test func cutsFollowTheBlocks() {
        let outline = ListOutline(SourceText(Self.tricky["fence-across-headings"]!))
        #expect(outline.blocks.sectionStarts == [1, 3, 12, 22])
        #expect(outline.headings.map(\.text) == ["List", "Code", "Papers", "After"])
        let comment = ListOutline(SourceText(Self.tricky["comment-and-details"]!))
        #expect(comment.blocks.sectionStarts == [1, 11, 23])
        let references = ListOutline(SourceText(Self.tricky["references-far-away"]!))
        #expect(references.blocks.definitionBlocks == [16...18])
    }
}
