import Engine
import Markdown
import Settings

/// A finding with what every structured reporter needs beside it.
struct ReportedFinding {
    let finding: Finding
    /// The position in report order.
    let index: Int
    let fingerprint: String
    let locator: Locator

    var severity: Severity { finding.severity }
}

extension Report {
    /// The findings in report order, each with its fingerprint and source.
    var reportedFindings: [ReportedFinding] {
        let fingerprints = Fingerprint.all(in: self)
        var locators: [String: Locator] = [:]
        return findings.enumerated().map { index, finding in
            let locator = locators[finding.path] ?? Locator(source(of: finding.path))
            locators[finding.path] = locator
            return ReportedFinding(finding: finding, index: index, fingerprint: fingerprints[index], locator: locator)
        }
    }
}

extension Sequence<ReportedFinding> {
    /// Errors, then warnings, then notes; report order within each.
    func mostSevereFirst() -> [ReportedFinding] {
        sorted { ($0.severity, $1.index) > ($1.severity, $0.index) }
    }
}

extension Severity {
    /// The severities from the most serious down.
    static let mostSevereFirst: [Severity] = [.error, .warning, .note]
}

/// The words reports count things with.
enum Wording {
    /// `1 error, 2 warnings and 0 notes`: findings counted by severity, the most serious first.
    static func severities(_ findings: some Sequence<ReportedFinding>, includingZero: Bool = true) -> String {
        var counts: [Severity: Int] = [:]
        for finding in findings { counts[finding.severity, default: 0] += 1 }
        let parts = Severity.mostSevereFirst.compactMap { severity -> String? in
            let number = counts[severity] ?? 0
            return number > 0 || includingZero ? Counted.phrase(number, severity.rawValue) : nil
        }
        return list(parts)
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ parts: [String]) -> String {
        guard let last = parts.last else { return "" }
        return parts.count == 1 ? last : parts.dropLast().joined(separator: ", ") + " and " + last
    }
}

/// Text that grows up to a byte limit, keeping room for a closing note.
struct BoundedText {
    let limit: Int
    let reserve: Int
    private(set) var text = ""
    private(set) var byteCount = 0

    init(limit: Int, reserve: Int) {
        self.limit = limit
        self.reserve = reserve
    }

    /// Appends the chunk when it fits below the limit less the reserve; says whether it did.
    mutating func append(_ chunk: String) -> Bool {
        let size = chunk.utf8.count
        guard byteCount + size + reserve <= limit else { return false }
        text += chunk
        byteCount += size
        return true
    }

    /// Appends a chunk the output cannot do without (headings, the closing note).
    mutating func appendAlways(_ chunk: String) {
        text += chunk
        byteCount += chunk.utf8.count
    }
}
