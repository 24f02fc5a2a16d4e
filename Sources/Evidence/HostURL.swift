import Foundation
import Markdown

/// An http(s) link split into what rules judge it by: its host, its path and its query.
/// A small parser of its own, so that odd links (spaces, unencoded characters) still split
/// the way a reader sees them.
public struct HostURL: Sendable, Equatable {
    /// One `name=value` pair of the query, as written (not percent-decoded).
    public struct QueryItem: Sendable, Equatable {
        public let name: String
        public let value: String
    }

    /// The host, lower-cased, without `www.`, a port or user information.
    public let host: String
    /// The non-empty segments of the path (`/a//b/` gives `a`, `b`).
    public let pathSegments: [String]
    public let queryItems: [QueryItem]

    /// Splits an `http://` or `https://` link; nil for anything else (relative links, `mailto:`).
    public init?(_ url: String) {
        let bytes = url.utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start] == UInt8(ascii: " ") { start = bytes.index(after: start) }
        while end > start, bytes[bytes.index(before: end)] == UInt8(ascii: " ") { end = bytes.index(before: end) }
        var rest = bytes[start..<end]
        guard let scheme = Self.schemes.first(where: { scheme in
            rest.count >= scheme.count && zip(rest, scheme).allSatisfy { $0.asciiLowercased == $1 }
        }) else { return nil }
        rest = rest.dropFirst(scheme.count)
        let beforeFragment = rest.prefix { $0 != UInt8(ascii: "#") }
        let authority = beforeFragment.prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") }
        let hostAndPort = authority.lastIndex(of: UInt8(ascii: "@")).map { authority[authority.index(after: $0)...] } ?? authority
        var host = String(Substring(hostAndPort)).lowercased()
        if let colon = host.utf8.lastIndex(of: UInt8(ascii: ":")), host.utf8.last != UInt8(ascii: "]"),
           host.utf8[host.utf8.index(after: colon)...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            host = String(host[..<colon])
        }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        guard !host.isEmpty else { return nil }
        self.host = host
        let afterAuthority = beforeFragment[authority.endIndex...]
        let path = afterAuthority.prefix { $0 != UInt8(ascii: "?") }
        pathSegments = path.split(separator: UInt8(ascii: "/")).map { String(Substring($0)) }
        let query = afterAuthority[path.endIndex...].dropFirst()
        queryItems = query.split(separator: UInt8(ascii: "&")).map { pair in
            let name = pair.prefix { $0 != UInt8(ascii: "=") }
            let value = pair[name.endIndex...].dropFirst()
            return QueryItem(name: String(Substring(name)), value: String(Substring(value)))
        }
    }

    private static let schemes = [Array("https://".utf8), Array("http://".utf8)]

    /// `owner/name` of a repository link (its first two path segments), without a `.git`
    /// suffix; nil when the path has fewer.
    public var repositoryPath: String? {
        guard pathSegments.count >= 2 else { return nil }
        let name = pathSegments[1]
        return pathSegments[0] + "/" + (name.lowercased().hasSuffix(".git") ? String(name.dropLast(4)) : name)
    }

    /// Whether the host is `pattern` or a subdomain of it; a pattern `gitlab.*` matches any host
    /// whose first label is `gitlab` (self-hosted instances).
    public func isOn(_ pattern: String) -> Bool {
        let host = self.host.utf8
        let pattern = pattern.utf8[...]
        if pattern.count >= 2, pattern.suffix(2).elementsEqual(".*".utf8) {
            let labels = host.drop { $0 == UInt8(ascii: ".") }
            guard let dot = labels.firstIndex(of: UInt8(ascii: ".")) else { return false }
            return Self.equalIgnoringCase(labels[..<dot], pattern.dropLast(2))
        }
        if Self.equalIgnoringCase(host, pattern) { return true }
        guard host.count > pattern.count else { return false }
        let start = host.index(host.endIndex, offsetBy: -pattern.count)
        return host[host.index(before: start)] == UInt8(ascii: ".") && Self.equalIgnoringCase(host[start...], pattern)
    }

    /// Whether lower-case `text` equals `pattern` without regard to ASCII case.
    private static func equalIgnoringCase(_ text: some Collection<UInt8>, _ pattern: some Collection<UInt8>) -> Bool {
        text.count == pattern.count && zip(text, pattern).allSatisfy { $0 == $1.asciiLowercased }
    }

    /// Whether the host is on one of `patterns` (see `isOn`).
    public func isOn(anyOf patterns: [String]) -> Bool {
        patterns.contains(where: isOn)
    }

    /// Whether the link is a site's home page: no path and no query.
    public var isHomePage: Bool { pathSegments.isEmpty && queryItems.isEmpty }

    /// The value of a query parameter, its name matched without regard to case.
    public func value(of name: String) -> String? {
        queryItems.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
