import Foundation
@testable import Git
import Testing

/// `Repository.lineDiff` sets aside the lines two texts share at their ends before libgit2
/// diffs the rest: its hunks must be the ones libgit2 gives for the whole files.
@Suite struct LineDiffTests {
    /// A list-like text of `count` lines, some repeated, as real lists repeat separators.
    static func lines(_ count: Int, seed: UInt64) -> [String] {
        var generator = SplitMix(seed)
        return (0..<count).map { number in
            switch generator.next() % 10 {
            case 0: ""
            case 1: "|---|---|"
            default: "| \(number) | Paper \(generator.next() % 500) | [PDF](https://arxiv.org/abs/2301.\(number)) |"
            }
        }
    }

    /// A few random edits: lines inserted, removed and changed, at the ends as well.
    static func edited(_ lines: [String], seed: UInt64) -> [String] {
        var generator = SplitMix(seed)
        var result = lines
        for _ in 0..<(1 + generator.next() % 4) {
            let place = Int(generator.next() % UInt64(result.count + 1))
            switch generator.next() % 4 {
            case 0: result.insert("| new | Added paper \(generator.next() % 50) | - |", at: place)
            case 1 where place < result.count: result.remove(at: place)
            case 2 where place < result.count: result[place] += " (edited)"
            default: result.insert(contentsOf: ["", "|---|---|", ""], at: place)
            }
        }
        return result
    }

    @Test(arguments: 0..<24)
    func hunksAreTheWholeDiffs(seed: Int) throws {
        let old = Self.lines(seed % 3 == 0 ? 40 : 400, seed: UInt64(seed))
        let new = Self.edited(old, seed: UInt64(seed) &* 7919)
        let ending = seed % 5 == 4 ? "" : "\n"
        let oldText = old.joined(separator: "\n") + ending
        let newText = new.joined(separator: "\n") + ending
        let scratch = try Scratch(["list.md": oldText])
        try scratch.write(newText, to: "list.md")
        let head = try scratch.commit("edit")
        let repository = try scratch.open()
        let whole = try repository.diff(from: try repository.resolve(scratch.base), to: try repository.resolve(head))
        let trimmed = try Repository.lineDiff(from: Array(oldText.utf8), to: Array(newText.utf8))
        #expect(!trimmed.isBinary)
        #expect(trimmed.hunks == (whole.first?.hunks ?? []), "seed \(seed)")
    }

    @Test func binarySidesAreSaid() throws {
        let result = try Repository.lineDiff(from: Array("a\n".utf8), to: [0x61, 0x00, 0x0A])
        #expect(result.isBinary)
        #expect(result.hunks.isEmpty)
    }

    @Test func identicalTextsHaveNoHunks() throws {
        let text = Array(Self.lines(300, seed: 9).joined(separator: "\n").utf8)
        #expect(try Repository.lineDiff(from: text, to: text).hunks.isEmpty)
    }
}

/// A small deterministic random number generator for test inputs.
struct SplitMix {
    private var state: UInt64

    init(_ seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
