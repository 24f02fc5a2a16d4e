import Evidence
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
    /// lines first. Rules in `rulesReachingUnchangedLines` (a change can raise their findings
    /// on lines it did not touch: removing a heading leaves the links to it pointing nowhere)
    /// have their new findings kept wherever they are.
    public static func newFindings(head: [Finding], in headDocument: ListDocument, base: [Finding],
                                   in baseDocument: ListDocument?, changedLines: ChangedLines,
                                   rulesReachingUnchangedLines: Set<String> = []) -> [Finding] {
        var left: [String: Int] = [:]
        var placesLeft: [String: Int] = [:]
        if let baseDocument {
            let anchors = Anchors(baseDocument)
            for finding in base {
                left[anchors.identity(of: finding), default: 0] += 1
                placesLeft[anchors.place(of: finding), default: 0] += 1
            }
        }
        let anchors = Anchors(headDocument)
        let keyed = head.map { (finding: $0, key: anchors.identity(of: $0)) }
        let aboutChange = keyed.map { concerns($0.finding, changedLines) }
        // A base finding stands for a head finding of its kind: first for those on unchanged
        // lines, then for those on changed lines from the last, so the first are reported; the
        // head's findings left over are new. On an unchanged line, a finding of a rule reaching
        // such lines is new only when the base had none of its rule there at all (its wording
        // may change with the list: "did you mean" another heading).
        var kept = Set<Int>()
        for index in keyed.indices.filter({ !aboutChange[$0] }) + keyed.indices.filter({ aboutChange[$0] }).reversed() {
            let (finding, key) = keyed[index]
            let wasThere = take(key, from: &left)
            if aboutChange[index] {
                if !wasThere { kept.insert(index) }
            } else if rulesReachingUnchangedLines.contains(finding.rule) {
                let wasThereInOtherWords = take(anchors.place(of: finding), from: &placesLeft)
                if !wasThere, !wasThereInOtherWords { kept.insert(index) }
            }
        }
        return keyed.indices.filter(kept.contains).map { keyed[$0].finding }
    }

    /// Whether `counts` had one of `key` left, taking it.
    private static func take(_ key: String, from counts: inout [String: Int]) -> Bool {
        guard let count = counts[key], count > 0 else { return false }
        counts[key] = count - 1
        return true
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

        /// Identities more than one entry has: a link copied onto another paper.
        let sharedIdentities: Set<String>

        init(_ document: ListDocument) {
            self.document = document
            starts = document.entries.map(\.lines.lowerBound)
            var counts: [String: Int] = [:]
            for entry in document.entries { counts[entry.identity, default: 0] += 1 }
            sharedIdentities = Set(counts.filter { $0.value > 1 }.keys)
        }

        /// The finding's rule, what it is about and its message, numbers masked.
        func identity(of finding: Finding) -> String {
            place(of: finding) + "\u{1}" + Self.numbersMasked(finding.message)
        }

        /// The finding's rule and what it is about: the entry holding it (its paper, and its
        /// title when entries share the paper's identifier, so that a link copied onto another
        /// paper does not make two entries one), else its line's text.
        func place(of finding: Finding) -> String {
            let line = finding.range.start.line
            let anchor: String
            if let entry = entry(holding: line) {
                let identity = entry.identity
                anchor = sharedIdentities.contains(identity) ? identity + "\u{1}" + entry.namedIdentity : identity
            } else {
                anchor = "line:" + document.source.line(line).trimming(.whitespaces)
            }
            return finding.rule + "\u{1}" + anchor
        }

        private func entry(holding line: Int) -> Entry? {
            let low = starts.partitionPoint { $0 <= line }
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
        return namedIdentity
    }

    /// The entry's title or name, its words lowercased.
    public var namedIdentity: String {
        let words = (title ?? name ?? "").lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        return "title:" + words.joined(separator: " ")
    }
}
