import Markdown

extension SourceText {
    /// The first occurrence of `word` on a line at or after a byte column that stands as a
    /// whole word (no letter or digit touches it) outside code spans and URLs; occurrences
    /// inside code spans count when `inCode` is set.
    public func wordRange(of word: String, onLine line: Int, from column: Int = 1, inCode: Bool = false) -> SourceRange? {
        let bytes = Array(lineBytes(line))
        var start = column
        while let found = range(of: word, onLine: line, from: start) {
            let before = found.start.column - 2
            let after = found.end.column
            let isWhole = (before < 0 || !Self.isWordByte(bytes[before])) && (after >= bytes.count || !Self.isWordByte(bytes[after]))
            if isWhole, inCode || !Self.isInCodeSpan(bytes, at: before + 1), !Self.isInURL(bytes, at: before + 1) {
                return found
            }
            start = found.start.column + 1
        }
        return nil
    }

    /// The first whole-word occurrence of `word` from a position to the end of a span of lines.
    public func wordRange(of word: String, from position: SourcePosition, through lastLine: Int,
                   inCode: Bool = false) -> SourceRange? {
        (position.line...max(position.line, lastLine)).lazy.compactMap { line in
            self.wordRange(of: word, onLine: line, from: line == position.line ? position.column : 1, inCode: inCode)
        }.first
    }

    /// Letters, digits and every byte of a multi-byte character (accented letters).
    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
    }

    /// Whether an odd number of backticks stands before a byte offset of the line.
    private static func isInCodeSpan(_ bytes: [UInt8], at offset: Int) -> Bool {
        bytes[..<offset].count { $0 == UInt8(ascii: "`") } % 2 == 1
    }

    /// Whether the run of non-space bytes around an offset is a URL.
    private static func isInURL(_ bytes: [UInt8], at offset: Int) -> Bool {
        let separators: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "|"), UInt8(ascii: "<"),
                                      UInt8(ascii: ">"), UInt8(ascii: "\"")]
        let start = bytes[..<offset].lastIndex { separators.contains($0) }.map { $0 + 1 } ?? 0
        let end = bytes[offset...].firstIndex { separators.contains($0) } ?? bytes.count
        let run = bytes[start..<end]
        return run.indices.contains { run[$0...].starts(with: "://".utf8) || run[$0...].starts(with: "www.".utf8) }
    }
}
