
/// A run of `*` or `_` written in the source that cmark-gfm left as text: it opened or closed
/// no emphasis. Flanking follows CommonMark, from the characters around the whole run.
public struct LiteralRun {
    public let character: UInt8
    /// The bytes shown literally, and the line they are on.
    public let bytes: Range<Int>
    public let line: Int
    /// The character before the whole run and after it; nil at a line's start or end.
    public let before: Unicode.Scalar?
    public let after: Unicode.Scalar?
    /// Whether only spaces, or a backslash line break, follow the run on its line.
    public let endsLine: Bool

    public var spaceBefore: Bool { before.map(Self.isWhitespace) ?? true }
    public var spaceAfter: Bool { after.map(Self.isWhitespace) ?? true }
    public var punctuationBefore: Bool { before.map(Self.isPunctuation) ?? false }
    public var punctuationAfter: Bool { after.map(Self.isPunctuation) ?? false }

    public var leftFlanking: Bool { !spaceAfter && (!punctuationAfter || spaceBefore || punctuationBefore) }
    public var rightFlanking: Bool { !spaceBefore && (!punctuationBefore || spaceAfter || punctuationAfter) }

    /// Whether the run could open emphasis (`_` inside a word cannot).
    public var canOpen: Bool {
        character == UInt8(ascii: "*") ? leftFlanking : leftFlanking && (!rightFlanking || punctuationBefore)
    }

    /// Whether the run starts a word: a space or punctuation comes before it (`2**10` does not).
    public var startsWord: Bool { spaceBefore || punctuationBefore }

    /// Whether the run could close emphasis.
    public var canClose: Bool {
        character == UInt8(ascii: "*") ? rightFlanking : rightFlanking && (!leftFlanking || punctuationAfter)
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace
    }

    /// ASCII punctuation or a Unicode punctuation category, as cmark-gfm counts it.
    private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return isASCIIPunctuation(UInt8(scalar.value)) }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }
}

/// Emphasis its writer meant and GitHub shows as literal asterisks or underscores.
public struct UnclosedEmphasis {
    public enum Cause {
        /// `*Authors *`: the closer follows a space.
        case spaceBeforeCloser
        /// `** Title**`: the bold opener is followed by a space.
        case spaceAfterOpener
        /// `**Title:**Next`: the closer follows punctuation and precedes a letter.
        case punctuationBeforeCloser
        /// `**Title`: a bold opener nothing closes.
        case neverClosed
    }

    public let opener: LiteralRun
    public let closer: LiteralRun?
    public let cause: Cause
}

extension InlineLayout {
    /// The `*` and `_` runs of the block that cmark-gfm left as text, in source order: not
    /// escaped, not in code, HTML, autolinks or `$…$` math.
    public func literalRuns(in source: SourceText) -> [LiteralRun] {
        var runs: [LiteralRun] = []
        var dollarsByLine: [Int: [Int]] = [:]
        var index = 0
        while index < glyphs.count {
            let glyph = glyphs[index]
            guard glyph.byte == UInt8(ascii: "*") || glyph.byte == UInt8(ascii: "_"), !glyph.escaped,
                  let start = glyph.origin, !(glyph.link.map(autolinks.contains) ?? false) else {
                index += 1
                continue
            }
            var end = start + 1
            index += 1
            while index < glyphs.count, glyphs[index].byte == glyph.byte, glyphs[index].origin == end, !glyphs[index].escaped {
                end += 1
                index += 1
            }
            if !source.isInsideMath(start, dollarsByLine: &dollarsByLine) {
                runs.append(source.literalRun(of: glyph.byte, shown: start..<end))
            }
        }
        return runs
    }

    /// Pairs of literal runs that were meant as emphasis, and bold openers never closed.
    public func unclosedEmphasis(in source: SourceText) -> [UnclosedEmphasis] {
        let runs = literalRuns(in: source).filter { $0.bytes.count <= 3 }
        return [UInt8(ascii: "*"), UInt8(ascii: "_")].flatMap { character in
            let sameKind = runs.filter { $0.character == character }
            var found: [UnclosedEmphasis] = []
            var index = 0
            while index < sameKind.count {
                let opener = sameKind[index]
                if index + 1 < sameKind.count, let cause = Self.cause(opener, sameKind[index + 1]) {
                    found.append(UnclosedEmphasis(opener: opener, closer: sameKind[index + 1], cause: cause))
                    index += 2
                    continue
                }
                if opener.bytes.count >= 2, opener.canOpen, opener.startsWord {
                    found.append(UnclosedEmphasis(opener: opener, closer: nil, cause: .neverClosed))
                }
                index += 1
            }
            return found
        }.sorted { $0.opener.bytes.lowerBound < $1.opener.bytes.lowerBound }
    }

    /// Why two consecutive literal runs failed to make the emphasis they look meant for, if
    /// they do: footnote marks (`Alice*, Bob*`) and arithmetic (`(*note) 5 * 3`) do not, as a
    /// spaced closer counts only where emphasis ends (the line's end, before punctuation).
    private static func cause(_ opener: LiteralRun, _ closer: LiteralRun) -> UnclosedEmphasis.Cause? {
        guard opener.startsWord else { return nil }
        if opener.canOpen, closer.spaceBefore, closer.endsLine || closer.punctuationAfter {
            return .spaceBeforeCloser
        }
        if opener.canOpen, !closer.spaceBefore, closer.punctuationBefore, !closer.rightFlanking {
            return .punctuationBeforeCloser
        }
        // `** Title**` on one line; a lone spaced `*` is arithmetic (`x * y … Smith*`).
        if opener.bytes.count >= 2, opener.spaceAfter, closer.canClose, opener.line == closer.line {
            return .spaceAfterOpener
        }
        return nil
    }
}

extension SourceText {
    /// A literal run with the characters around the whole run it belongs to (`***a**` leaves
    /// one `*` shown of a run of three).
    fileprivate func literalRun(of character: UInt8, shown: Range<Int>) -> LiteralRun {
        var start = shown.lowerBound
        var end = shown.upperBound
        while start > 0, bytes[start - 1] == character, start < 2 || bytes[start - 2] != UInt8(ascii: "\\") { start -= 1 }
        while end < bytes.count, bytes[end] == character { end += 1 }
        var rest = end
        while rest < bytes.count, bytes[rest] == UInt8(ascii: " ") || bytes[rest] == UInt8(ascii: "\t") { rest += 1 }
        if rest < bytes.count, bytes[rest] == UInt8(ascii: "\\") { rest += 1 }
        let endsLine = rest == bytes.count || bytes[rest] == UInt8(ascii: "\n") || bytes[rest] == UInt8(ascii: "\r")
        return LiteralRun(character: character, bytes: shown, line: position(ofOffset: shown.lowerBound).line,
                          before: scalar(endingAt: start), after: scalar(startingAt: end), endsLine: endsLine)
    }

    /// The character whose last byte is just before `offset`; nil at a line's start.
    private func scalar(endingAt offset: Int) -> Unicode.Scalar? {
        var start = offset - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        guard start >= 0, bytes[start] != UInt8(ascii: "\n"), bytes[start] != UInt8(ascii: "\r") else { return nil }
        return String(decoding: bytes[start..<offset], as: UTF8.self).unicodeScalars.first
    }

    /// The character starting at `offset`; nil at a line's end.
    private func scalar(startingAt offset: Int) -> Unicode.Scalar? {
        guard offset < bytes.count, bytes[offset] != UInt8(ascii: "\n"), bytes[offset] != UInt8(ascii: "\r") else { return nil }
        var end = offset + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: bytes[offset..<end], as: UTF8.self).unicodeScalars.first
    }

    /// Whether an offset lies between two unescaped `$` of its line (inline math).
    /// `dollarsByLine` keeps each line's `$` offsets, so a long line is read once, not per run.
    fileprivate func isInsideMath(_ offset: Int, dollarsByLine: inout [Int: [Int]]) -> Bool {
        let line = position(ofOffset: offset).line
        let dollars = dollarsByLine[line] ?? unescapedDollars(onLine: line)
        dollarsByLine[line] = dollars
        let before = dollars.partitionPoint { $0 < offset }
        return before % 2 == 1 && dollars.count > before
    }

    /// The offsets of a line's unescaped `$`, in order.
    private func unescapedDollars(onLine line: Int) -> [Int] {
        let lineStart = self.offset(of: SourcePosition(line: line, column: 1))
        return (lineStart..<lineStart + lineLength(line)).filter { index in
            bytes[index] == UInt8(ascii: "$") && (index == lineStart || bytes[index - 1] != UInt8(ascii: "\\"))
        }
    }
}
