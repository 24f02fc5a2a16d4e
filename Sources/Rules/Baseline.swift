import Lists
import Markdown

/// What a change brings: the findings of the list after the change that the list before it
/// did not already have. A finding is the same on both sides when its rule, what it is about
/// (the entry holding it, else its line's text) and its message (numbers aside) are; so moving
/// entries, reformatting a block or renaming a heading raises nothing already there, while a
/// third copy of a paper listed twice is still new.
public enum Baseline {
    /// The head's findings about changed lines (their own or related lines) that are new: for
    /// each kind of finding, as many as the head has more of than the base, those on changed
    /// lines first.
    public static func newFindings(head: [Finding], in headDocument: ListDocument, base: [Finding],
                                   in baseDocument: ListDocument?, changedLines: ChangedLines) -> [Finding] {
        var baseCounts: [String: Int] = [:]
        if let baseDocument {
            let anchors = Anchors(baseDocument)
            for finding in base { baseCounts[anchors.identity(of: finding), default: 0] += 1 }
        }
        let anchors = Anchors(headDocument)
        let keyed = head.map { (finding: $0, key: anchors.identity(of: $0)) }
        var headCounts: [String: Int] = [:]
        for (_, key) in keyed { headCounts[key, default: 0] += 1 }
        // Of each kind, the findings beyond the base's count are new, the changed ones first.
        var newLeft = headCounts.mapValues { $0 }
        for (key, count) in baseCounts { newLeft[key] = max(0, (newLeft[key] ?? 0) - count) }
        var kept: [Finding] = []
        for (finding, key) in keyed where concerns(finding, changedLines) {
            guard let left = newLeft[key], left > 0 else { continue }
            newLeft[key] = left - 1
            kept.append(finding)
        }
        return kept
    }

    /// Whether a finding is about changed lines: its own or the other side of a duplicate.
    public static func concerns(_ finding: Finding, _ changedLines: ChangedLines) -> Bool {
        ([finding.range] + finding.related).contains { changedLines.intersects($0.lines) }
    }

    /// What findings are about, in one document.
    private struct Anchors {
        let document: ListDocument
        /// The entries' line ranges, in order, for a binary search.
        let starts: [Int]

        init(_ document: ListDocument) {
            self.document = document
            starts = document.entries.map(\.lines.lowerBound)
        }

        func identity(of finding: Finding) -> String {
            let line = finding.range.start.line
            let anchor: String
            if let entry = entry(holding: line) {
                anchor = entry.identity
            } else {
                anchor = "line:" + document.source.line(line).trimming(.whitespaces)
            }
            return finding.rule + "\u{1}" + anchor + "\u{1}" + Self.numbersMasked(finding.message)
        }

        private func entry(holding line: Int) -> Entry? {
            var low = 0
            var high = starts.count
            while low < high {
                let middle = (low + high) / 2
                if starts[middle] <= line { low = middle + 1 } else { high = middle }
            }
            guard low > 0 else { return nil }
            let entry = document.entries[low - 1]
            return entry.lines.contains(line) ? entry : nil
        }

        /// A message with its numbers (lines, counts) masked.
        static func numbersMasked(_ message: String) -> String {
            var result = ""
            var inNumber = false
            for character in message {
                if character.isASCII, character.isNumber {
                    if !inNumber { result.append("#") }
                    inNumber = true
                } else {
                    result.append(character)
                    inNumber = false
                }
            }
            return result
        }
    }
}

extension Entry {
    /// What makes an entry the same paper across versions of a list: its arXiv id, DOI, title
    /// or name.
    public var identity: String {
        if let arxiv = ids.arxiv { return "arxiv:" + arxiv.lowercased() }
        if let doi = ids.doi { return "doi:" + doi.lowercased() }
        let words = (title ?? name ?? "").lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        return "title:" + words.joined(separator: " ")
    }
}
