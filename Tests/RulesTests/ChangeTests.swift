import Engine
import Lists
import Markdown
import Rules
import Testing

@Suite struct ChangedLinesTests {
    @Test func mergesLinesIntoRanges() {
        let changed = ChangedLines(lines: [7, 3, 4, 5, 9, 4])
        #expect(changed.ranges == [3...5, 7...7, 9...9])
        #expect(changed.intersects(1...3) && changed.intersects(6...7) && changed.intersects(9...20))
        #expect(!changed.intersects(1...2) && !changed.intersects(6...6) && !changed.intersects(8...8) && !changed.intersects(10...12))
        #expect(ChangedLines(lines: []).ranges.isEmpty && !ChangedLines(lines: []).intersects(1...100))
    }

    @Test func linterKeepsOnlyFindingsOnChangedLines() {
        let text = "| T | C |\n|---|---|\n| a |\n| b | c |\n| d |\n"
        let linter = Linter(configuration: DefaultRules.configuration)
        #expect(linter.lint(ListParser.parse(text), path: "a").map(\.range.start.line) == [3, 5])
        #expect(linter.lint(ListParser.parse(text), path: "a", changedLines: ChangedLines(lines: [5])).map(\.range.start.line) == [5])
        #expect(linter.lint(ListParser.parse(text), path: "a", changedLines: ChangedLines(lines: [4])).isEmpty)
    }
}

@Suite struct EntryChangesTests {
    static let base = """
    - [First Paper Title](https://arxiv.org/abs/2301.00001)
    - [Second Paper Title](https://arxiv.org/abs/2301.00002)
    - [Third Paper Title](https://e.org/third)
    """

    @Test func countsAddedChangedAndRemovedEntries() {
        let head = """
        - [First Paper Title](https://arxiv.org/abs/2301.00001)
        - [Second Paper Title, Revised](https://arxiv.org/abs/2301.00002) [[code]](https://github.com/a/b)
        - [A New Paper Title](https://arxiv.org/abs/2301.00004)
        """
        let changes = EntryChanges(base: ListParser.parse(Self.base).entries, head: ListParser.parse(head).entries,
                                   changedLines: ChangedLines(lines: [2, 3]))
        #expect(changes == EntryChanges(added: 1, changed: 1, removed: 1))
    }

    @Test func anUnchangedListHasNoChanges() {
        let entries = ListParser.parse(Self.base).entries
        #expect(EntryChanges(base: entries, head: entries, changedLines: ChangedLines(lines: [])) == EntryChanges())
    }
}
