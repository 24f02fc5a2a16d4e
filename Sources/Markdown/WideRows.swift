/// Lines with more table-cell separators than any real table has, made harmless for
/// cmark-gfm before it reads them.
///
/// Debian 12's cmark-gfm (0.29.0.gfm.6) appends each cell of a table row to the end of a
/// linked list, so one row of n cells costs n² (GHSA-w4qg-3vf7-m9x5, fixed upstream in
/// 0.29.0.gfm.12): one line of 32,000 `|` took seconds. GitHub shows no cell beyond its
/// header's, and md4c caps tables at 128 columns; so past `separatorLimit` pipes on a line,
/// each further pipe is fed as a stand-in byte that nothing in Markdown reads, and turned
/// back into a pipe in the tree's text. Columns and lengths are unchanged.
struct WideRows {
    /// The pipes a line keeps: a table of up to this many columns reads as written.
    static let separatorLimit = 128
    /// The bytes to feed, or nil when no line is too wide (or no stand-in is free).
    let bytes: [UInt8]?
    /// The byte fed for each pipe past the limit: a control byte absent from the text.
    let standIn: UInt8?

    init(_ text: UnsafeBufferPointer<UInt8>) {
        var present = [Bool](repeating: false, count: 256)
        var tooWide = false
        var pipes = 0
        for byte in text {
            present[Int(byte)] = true
            if byte == UInt8(ascii: "|") {
                pipes += 1
                if pipes > Self.separatorLimit { tooWide = true }
            } else if byte == 0x0A || byte == 0x0D {
                pipes = 0
            }
        }
        guard tooWide, let standIn = ([0x1A, 0x1C, 0x1D, 0x1E, 0x1F] as [UInt8]).first(where: { !present[Int($0)] }) else {
            (bytes, self.standIn) = (nil, nil)
            return
        }
        var bytes = Array(text)
        pipes = 0
        for index in bytes.indices {
            switch bytes[index] {
            case UInt8(ascii: "|"):
                pipes += 1
                if pipes > Self.separatorLimit { bytes[index] = standIn }
            case 0x0A, 0x0D:
                pipes = 0
            default:
                break
            }
        }
        (self.bytes, self.standIn) = (bytes, standIn)
    }

    /// Text cmark gave back, with the stand-ins turned back into pipes.
    func restored(_ text: String) -> String {
        guard let standIn, text.utf8.contains(standIn) else { return text }
        return String(decoding: text.utf8.map { $0 == standIn ? UInt8(ascii: "|") : $0 }, as: UTF8.self)
    }
}
