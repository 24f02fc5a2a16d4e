import Foundation
import Lists
import Testing

/// Expected entries stored as JSON in the `vlmbot entries` shape; only the keys present in
/// an expected entry are compared, so fixtures assert just what their author was sure of.
struct ExpectedEntries {
    let entries: [[String: Any]]

    init(contentsOf url: URL) throws {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        let root = try #require(object as? [String: Any], "\(url.lastPathComponent): not a JSON object")
        entries = try #require(root["entries"] as? [[String: Any]], "\(url.lastPathComponent): no entries array")
    }

    /// Records an issue for every fact of `actual` that differs from the expected one.
    func compare(with actual: [Entry], name: String) {
        #expect(actual.count == entries.count, "\(name): \(actual.count) entries, expected \(entries.count)")
        for (index, (expected, entry)) in zip(entries, actual).enumerated() {
            let place = "\(name) entry \(index + 1) (line \(entry.lines.lowerBound))"
            for (key, value) in expected {
                let actualValue = Self.value(of: key, in: entry)
                #expect(Self.same(actualValue, value), "\(place): \(key) is \(String(describing: actualValue)), expected \(value)")
            }
        }
    }

    /// The fact named by a key of the entries JSON, as a JSON-like value.
    static func value(of key: String, in entry: Entry) -> Any {
        switch key {
        case "line": return entry.lines.lowerBound
        case "endLine": return entry.lines.upperBound
        case "section": return entry.section
        case "title": return json(entry.title)
        case "authors": return json(entry.authors)
        case "year": return json(entry.year)
        case "venue": return json(entry.venue)
        case "category": return json(entry.category)
        case "links": return entry.links.map { ["label": $0.label, "kind": $0.kind.rawValue, "url": $0.url, "line": $0.line] }
        case "ids": return ["arxiv": json(entry.ids.arxiv), "doi": json(entry.ids.doi)]
        case "kind": return entry.kind.rawValue
        case "name": return json(entry.name)
        case "date":
            guard let date = entry.date else { return NSNull() }
            return ["year": date.year, "month": json(date.month), "day": json(date.day), "precision": date.precision.rawValue,
                    "text": date.text, "line": json(entry.fieldLines.date)]
        case "fields":
            let lines = entry.fieldLines
            return ["title": json(lines.title), "name": json(lines.name), "authors": json(lines.authors),
                    "date": json(lines.date), "venue": json(lines.venue), "category": json(lines.category)]
        default: return "unknown key \(key)"
        }
    }

    private static func json(_ value: (some Any)?) -> Any {
        value.map { $0 as Any } ?? NSNull()
    }

    /// JSON-style equality; in expected link objects and id objects only present keys count.
    static func same(_ actual: Any, _ expected: Any) -> Bool {
        if expected is NSNull { return actual is NSNull }
        if actual is NSNull { return false }
        switch (actual, expected) {
        case let (actual as String, expected as String): return actual == expected
        case let (actual as Int, expected as NSNumber): return actual == expected.intValue
        case let (actual as [Any], expected as [Any]):
            return actual.count == expected.count && zip(actual, expected).allSatisfy { same($0, $1) }
        case let (actual as [String: Any], expected as [String: Any]):
            return expected.allSatisfy { key, value in actual[key].map { same($0, value) } ?? false }
        default: return false
        }
    }
}
