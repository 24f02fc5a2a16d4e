import Engine
import Lists
import Markdown
import Rules

/// A fix `vlmbot format` applied: the rule that offered it and the lines of the original
/// text it edits (for a fix of a later pass, the original lines its lines came from).
public struct AppliedFix: Hashable, Sendable {
    public var rule: String
    public var lines: ClosedRange<Int>
    /// The entry facts the fix repairs on purpose (`Fix.repairs`).
    public var repairs: RepairedFacts

    public init(rule: String, lines: ClosedRange<Int>, repairs: RepairedFacts = []) {
        self.rule = rule
        self.lines = lines
        self.repairs = repairs
    }
}

/// What formatting one list would do: the new bytes, the fixes behind them, and the entry
/// that would be lost or altered, which forbids writing them.
public struct FormatOutcome: Sendable {
    public var original: SourceText
    public var formatted: [UInt8]
    public var applied: [AppliedFix]
    /// Why the formatted list may not be written, naming the entry; nil when it may.
    public var loss: String?

    /// Whether formatting changes the list.
    public var changes: Bool { formatted != original.bytes }
}

/// `vlmbot format`'s core: applies the certain fixes rules and canonical forms offer (a guess
/// is never applied), pass after pass (fixes that overlap one already taken wait for the next
/// pass), until nothing changes, then checks that every entry survived. A list whose fixes do not settle within
/// `maximumPasses` is not formatted.
public enum Format {
    /// Passes after which formatting stops even if fixes still change the text.
    public static let maximumPasses = 8

    /// Formats one list. With `changedLines`, only findings on those lines are fixed (and the
    /// lines are followed through each pass).
    public static func format(_ source: SourceText, path: String, linter: Linter, profile: ListProfile,
                              changedLines: ChangedLines? = nil) -> FormatOutcome {
        var current = source
        var changed = changedLines
        // For each line of `current`, the line of `source` it came from (or follows).
        var originalLine = Array(0...source.lineCount)
        var applied: [AppliedFix] = []
        var settled = false
        func original(_ line: Int) -> Int { originalLine[max(0, min(line, originalLine.count - 1))] }
        // Only rules whose fixes may be applied run: the others cannot change the text.
        let fixing = Linter(configuration: linter.configuration, rules: linter.rules.filter { type(of: $0).description.formats })
        let originalDocument = ListParser.parse(source, profile: profile)
        var document = originalDocument
        for _ in 1...maximumPasses {
            let findings = (fixing.lint(document, path: path, changedLines: changed)
                + FormatCanonicalForms.findings(in: document, switches: profile.format, changedLines: changed))
                .filter { $0.fix.map { $0.isCertain && changesText($0, in: current) } ?? false }
            let chosen = FixApplier.compatible(findings.compactMap(\.fix), in: current)
            var next = 0
            for finding in findings where next < chosen.count && finding.fix == chosen[next] {
                let replaced = chosen[next].replacements.map(\.range)
                let first = original(replaced.map(\.start.line).min() ?? finding.range.start.line)
                let last = original(replaced.map(\.end.line).max() ?? finding.range.end.line)
                applied.append(AppliedFix(rule: finding.rule, lines: first...max(first, last), repairs: chosen[next].repairs))
                next += 1
            }
            let bytes = FixApplier.apply(chosen, to: current)
            if bytes == current.bytes {
                settled = true
                break
            }
            let moves = LineMoves(from: current.bytes, to: bytes, originalLine: originalLine)
            originalLine = moves.originalLine
            changed = changed.map { lines in
                ChangedLines(lines: lines.ranges.flatMap { $0 }.compactMap { moves.kept[$0] } + moves.added)
            }
            current = SourceText(bytes)
            document = ListParser.parse(current, profile: profile)
        }
        guard settled else {
            let last = Set(applied.suffix(3).map(\.rule)).sorted().joined(separator: ", ")
            return FormatOutcome(original: source, formatted: current.bytes, applied: applied,
                                 loss: "its fixes still change it after \(maximumPasses) passes (last: \(last))")
        }
        let loss = FormatLosslessness.loss(from: originalDocument, to: document,
                                           keptLines: FormatDiff.keptLines(from: source.bytes, to: current.bytes),
                                           applied: applied)
        return FormatOutcome(original: source, formatted: current.bytes, applied: applied, loss: loss)
    }

    /// Whether a fix changes anything: a replacement by the same text does not.
    private static func changesText(_ fix: Fix, in source: SourceText) -> Bool {
        FixApplier.spans(of: fix, in: source).contains { span in
            let end = min(source.bytes.count, max(span.start, span.end))
            return !source.bytes[span.start..<end].elementsEqual(span.text.utf8)
        }
    }
}

/// Where the lines of one pass's text went in the next: kept lines, added lines, and for
/// each new line the original line it came from (or follows).
private struct LineMoves {
    /// 1-based old line → 1-based new line, for lines kept byte for byte.
    var kept: [Int: Int] = [:]
    /// 1-based new lines that the old text does not have.
    var added: [Int] = []
    /// For each new line (index 0 unused), its line in the original text.
    var originalLine = [0]

    init(from old: [UInt8], to new: [UInt8], originalLine oldOriginal: [Int]) {
        var lastOriginal = 0
        for operation in FormatDiff.operations(FormatDiff.lines(old), FormatDiff.lines(new)) {
            switch operation {
            case .kept(let oldIndex, let newIndex):
                kept[oldIndex + 1] = newIndex + 1
                lastOriginal = oldOriginal[min(oldIndex + 1, oldOriginal.count - 1)]
                originalLine.append(lastOriginal)
            case .added(let newIndex):
                added.append(newIndex + 1)
                originalLine.append(lastOriginal)
            case .removed(let oldIndex):
                lastOriginal = oldOriginal[min(oldIndex + 1, oldOriginal.count - 1)]
            }
        }
    }
}
