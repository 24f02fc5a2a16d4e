import Foundation

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
        var text = Substring(url)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        guard let scheme = ["https://", "http://"].first(where: { text.prefix($0.count).lowercased() == $0 }) else { return nil }
        let rest = text.dropFirst(scheme.count)
        let beforeFragment = rest.prefix { $0 != "#" }
        let authority = beforeFragment.prefix { $0 != "/" && $0 != "?" }
        let hostAndPort = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
        var host = hostAndPort.lowercased()
        if let colon = host.lastIndex(of: ":"), !host.hasSuffix("]"), host[host.index(after: colon)...].allSatisfy(\.isNumber) {
            host = String(host[..<colon])
        }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        guard !host.isEmpty else { return nil }
        self.host = host
        let afterAuthority = beforeFragment.dropFirst(authority.count)
        let path = afterAuthority.prefix { $0 != "?" }
        pathSegments = path.split(separator: "/").map(String.init)
        let query = afterAuthority.dropFirst(path.count).dropFirst()
        queryItems = query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return QueryItem(name: String(parts[0]), value: parts.count > 1 ? String(parts[1]) : "")
        }
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
        text.count == pattern.count && zip(text, pattern).allSatisfy { $0 == ($1 >= 0x41 && $1 <= 0x5A ? $1 | 0x20 : $1) }
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
