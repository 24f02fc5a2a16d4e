import Foundation

extension UInt8 {
    /// The byte with an ASCII capital letter lowered; any other byte as it is.
    public var asciiLowercased: UInt8 { self >= 0x41 && self <= 0x5A ? self | 0x20 : self }
    public var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
    public var isASCIILetter: Bool { (self | 0x20) >= 0x61 && (self | 0x20) <= 0x7A }
    public var isASCIIAlphanumeric: Bool { isASCIIDigit || isASCIILetter }
}

/// A set of Unicode scalars with the ASCII part held as bits, for trimming and splitting short
/// texts without bridging to Foundation's string functions: only non-ASCII scalars consult
/// the `CharacterSet`.
public struct ScalarSet: Sendable {
    private let low: UInt64
    private let high: UInt64
    private let others: CharacterSet

    public init(_ set: CharacterSet) {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for value in 0..<128 where set.contains(Unicode.Scalar(UInt8(value))) {
            if value < 64 { low |= 1 << UInt64(value) } else { high |= 1 << UInt64(value - 64) }
        }
        (self.low, self.high, others) = (low, high, set)
    }

    /// The set of these characters, given as a string of ASCII characters.
    public init(charactersIn characters: String) {
        self.init(CharacterSet(charactersIn: characters))
    }

    public func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 64 { return low & (1 << UInt64(value)) != 0 }
        if value < 128 { return high & (1 << UInt64(value - 64)) != 0 }
        return others.contains(scalar)
    }

    public static let whitespaces = ScalarSet(.whitespaces)
    public static let whitespacesAndNewlines = ScalarSet(.whitespacesAndNewlines)

    /// These scalars and another set's.
    public func union(_ other: CharacterSet) -> ScalarSet {
        ScalarSet(others.union(other))
    }

    /// These scalars but the characters of a string.
    public func subtracting(_ characters: String) -> ScalarSet {
        ScalarSet(others.subtracting(CharacterSet(charactersIn: characters)))
    }
}

extension StringProtocol {
    /// The text without the scalars of `set` at either end: `trimmingCharacters(in:)`
    /// without the round trip through `NSString`.
    public func trimming(_ set: ScalarSet) -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, set.contains(scalars[start]) { start = scalars.index(after: start) }
        while end > start {
            let before = scalars.index(before: end)
            guard set.contains(scalars[before]) else { break }
            end = before
        }
        return String(self[start..<end])
    }

    /// Whether every byte of the text is ASCII.
    public var isASCII: Bool {
        utf8.allSatisfy { $0 < 0x80 }
    }
}

/// A word or phrase to look for in many short texts, prepared once: with or without regard to
/// ASCII case. Texts or needles outside ASCII are searched with Foundation's case folding,
/// which alone knows Unicode's case rules.
public struct TextNeedle: Sendable {
    public let text: String
    public let ignoresCase: Bool
    private let bytes: [UInt8]
    private let isASCII: Bool
    /// Whether the needle holds a scalar that no ASCII text can match: one outside ASCII that
    /// no case folding turns into ASCII (`项`, `é`; not the Kelvin sign, which folds to `k`).
    private let neverInASCII: Bool

    public init(_ text: String, ignoresCase: Bool) {
        self.text = text
        self.ignoresCase = ignoresCase
        isASCII = text.isASCII
        neverInASCII = text.unicodeScalars.contains { !$0.isASCII && !(ignoresCase && $0.properties.changesWhenCaseFolded) }
        bytes = Array((ignoresCase && isASCII ? text.lowercased() : text).utf8)
    }

    /// Where the needle next occurs in `haystack` at or after `from`; with `wholeWord`, only
    /// where no letter or digit touches it on either side.
    public func range(in haystack: String, from: String.Index? = nil, wholeWord: Bool = false) -> Range<String.Index>? {
        guard !bytes.isEmpty else { return nil }
        if haystack.isASCII {
            if neverInASCII { return nil }
            if isASCII { return asciiRange(in: haystack, from: from ?? haystack.startIndex, wholeWord: wholeWord) }
        }
        var searchRange = (from ?? haystack.startIndex)..<haystack.endIndex
        while let found = haystack.range(of: text, options: ignoresCase ? .caseInsensitive : [], range: searchRange) {
            let before = found.lowerBound > haystack.startIndex ? haystack[haystack.index(before: found.lowerBound)] : nil
            let after = found.upperBound < haystack.endIndex ? haystack[found.upperBound] : nil
            if !wholeWord || !Self.isWordCharacter(before) && !Self.isWordCharacter(after) { return found }
            searchRange = found.upperBound..<haystack.endIndex
        }
        return nil
    }

    /// Whether `candidate` is the needle and nothing else.
    public func isWhole(_ candidate: String) -> Bool {
        if candidate.isASCII {
            if neverInASCII { return false }
            if isASCII {
                return candidate.utf8.count == bytes.count && zip(candidate.utf8, bytes).allSatisfy { fold($0) == $1 }
            }
        }
        return candidate.compare(text, options: ignoresCase ? .caseInsensitive : []) == .orderedSame
    }

    private func asciiRange(in haystack: String, from: String.Index, wholeWord: Bool) -> Range<String.Index>? {
        var contiguous = haystack
        contiguous.makeContiguousUTF8()
        let start = haystack.utf8.distance(from: haystack.utf8.startIndex, to: from)
        let found = contiguous.utf8.withContiguousStorageIfAvailable { buffer -> Int? in
            var offset = start
            while offset <= buffer.count - bytes.count {
                if matches(buffer, at: offset),
                   !wholeWord || (offset == 0 || !buffer[offset - 1].isASCIIAlphanumeric)
                   && (offset + bytes.count == buffer.count || !buffer[offset + bytes.count].isASCIIAlphanumeric) {
                    return offset
                }
                offset += 1
            }
            return nil
        } ?? nil
        guard let found else { return nil }
        let lower = haystack.utf8.index(haystack.utf8.startIndex, offsetBy: found)
        return lower..<haystack.utf8.index(lower, offsetBy: bytes.count)
    }

    private func matches(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        for index in 0..<bytes.count where fold(buffer[offset + index]) != bytes[index] { return false }
        return true
    }

    private func fold(_ byte: UInt8) -> UInt8 {
        ignoresCase ? byte.asciiLowercased : byte
    }

    private static func isWordCharacter(_ character: Character?) -> Bool {
        character.map { $0.isLetter || $0.isNumber } ?? false
    }
}

extension String {
    /// The text with each run of white space (Unicode's White_Space, as `\s` in a regular
    /// expression) written as one space.
    public func collapsingWhitespace() -> String {
        var needed = false
        var previousWasSpace = false
        for byte in utf8 {
            if byte >= 0x80 || byte >= 0x09 && byte <= 0x0D || byte == 0x20 && previousWasSpace {
                needed = true
                break
            }
            previousWasSpace = byte == 0x20
        }
        guard needed else { return self }
        var result = String.UnicodeScalarView()
        var inRun = false
        for scalar in unicodeScalars {
            if scalar.properties.isWhitespace {
                if !inRun { result.append(" ") }
                inRun = true
            } else {
                result.append(scalar)
                inRun = false
            }
        }
        return String(result)
    }
}

extension StringProtocol {
    /// Whether the text holds `needle`, compared byte for byte in UTF-8: for the ASCII words and
    /// marks vlmbot looks for, what `contains(_:)` finds, without Foundation's Unicode-aware
    /// search behind it.
    public func containsBytes(_ needle: String) -> Bool {
        var text = String(self)
        var needle = needle
        text.makeContiguousUTF8()
        needle.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { haystack in
            needle.utf8.withContiguousStorageIfAvailable { pattern in
                ByteSearch.firstOffset(of: pattern, in: haystack) != nil
            } ?? false
        } ?? false
    }
}

/// Byte-string search over UTF-8 buffers: the C library's `memchr` finds each candidate first
/// byte, `memcmp` checks the rest.
public enum ByteSearch {
    /// The offset of the first occurrence of `pattern` in `haystack` at or after `from`.
    public static func firstOffset(of pattern: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>,
                                   from: Int = 0) -> Int? {
        guard !pattern.isEmpty, from >= 0, let base = haystack.baseAddress, let needle = pattern.baseAddress else { return nil }
        let last = haystack.count - pattern.count
        var offset = from
        while offset <= last {
            guard let found = memchr(base + offset, Int32(needle.pointee), last - offset + 1) else { return nil }
            offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + offset, needle, pattern.count) == 0 { return offset }
            offset += 1
        }
        return nil
    }

    /// The offset of the first occurrence of `pattern` in `bytes[range]`.
    public static func firstOffset(of pattern: [UInt8], in bytes: [UInt8], range: Range<Int>) -> Int? {
        bytes.withUnsafeBufferPointer { haystack in
            pattern.withUnsafeBufferPointer { pattern in
                firstOffset(of: pattern, in: UnsafeBufferPointer(rebasing: haystack[..<range.upperBound]), from: range.lowerBound)
            }
        }
    }

    /// The offsets of the occurrences of `pattern` (lower-case ASCII) in `bytes`, without
    /// regard to ASCII case, at most `limit` of them. Each case of the pattern's rarest letter
    /// is found with `memchr`, so common letters do not stop the scan at every other byte.
    public static func offsets(ofIgnoringCase pattern: [UInt8], in bytes: [UInt8], limit: Int = .max) -> [Int] {
        guard !pattern.isEmpty, limit > 0 else { return [] }
        let anchor = pattern.indices.min { rarity(pattern[$0]) < rarity(pattern[$1]) } ?? 0
        let lower = pattern[anchor]
        let upper = lower.isASCIILetter ? lower - 0x20 : lower
        var found: [Int] = []
        bytes.withUnsafeBufferPointer { haystack in
            guard let base = haystack.baseAddress, haystack.count >= pattern.count else { return }
            // The anchor's place in the haystack runs from `anchor` to `last`.
            let last = haystack.count - pattern.count + anchor
            func next(_ byte: UInt8, from offset: Int) -> Int {
                guard offset <= last, let hit = memchr(base + offset, Int32(byte), last - offset + 1) else { return Int.max }
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            var small = next(lower, from: anchor)
            var capital = upper == lower ? Int.max : next(upper, from: anchor)
            while min(small, capital) != Int.max, found.count < limit {
                let hit = min(small, capital)
                let start = hit - anchor
                if pattern.indices.allSatisfy({ index in
                    let byte = haystack[start + index]
                    return byte.asciiLowercased == pattern[index]
                }) {
                    found.append(start)
                }
                if hit == small { small = next(lower, from: hit + 1) } else { capital = next(upper, from: hit + 1) }
            }
        }
        return found
    }

    /// How common a byte is in English text and URLs, lower is rarer.
    private static func rarity(_ byte: UInt8) -> Int {
        let order = Array("zqxjkvbpygfwmucldrhsnioate".utf8)
        return order.firstIndex(of: byte).map { $0 + 10 } ?? (byte >= 0x30 && byte <= 0x39 ? 5 : 30)
    }
}

extension String {
    /// The text without surrounding spaces, cut to 58 characters (57 and an ellipsis) when it
    /// has over 60, for quoting in a one-line message.
    public var snippet: String {
        let trimmed = trimming(.whitespaces)
        return trimmed.count > 60 ? String(trimmed.prefix(57)) + "…" : trimmed
    }
}

/// FNV-1a over bytes: the one 64-bit hash vlmbot's word tables, text searches and caches use.
public enum FNV1a {
    public static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325

    /// The hash after one more byte.
    @inline(__always)
    public static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x100_0000_01B3
    }

    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = offsetBasis
        for byte in bytes { hash = step(hash, byte) }
        return hash
    }

    public static func hash(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBufferPointer(hash)
    }
}

/// How vlmbot's messages and reports count things: `1 entry`, `2 entries`.
public enum Counted {
    /// The count and the noun in its number; the plural is `singular + "s"` unless given.
    public static func phrase(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }
}
