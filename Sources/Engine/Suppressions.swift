import Evidence
import Markdown

/// Findings silenced by HTML comments in the list, which GitHub does not render:
///
///     <!-- vlmbot-disable-next-line duplicate-entry -->   the next line
///     | a row | … <!-- vlmbot-disable-line spelling --> |  this line
///     <!-- vlmbot-disable placeholder -->                  from here …
///     <!-- vlmbot-enable placeholder -->                   … to here
///
/// Rule ids are separated by spaces or commas; no id means every rule.
struct Suppressions {
    /// For each line, the rules silenced there; an empty set means every rule.
    private var silenced: [Int: Set<String>] = [:]

    init(_ source: SourceText) {
        var open: [String: Int] = [:]
        let allRules = "*"
        for line in source.lines(containing: "vlmbot-") {
            let text = source.line(line)
            for match in text.matches(of: Self.directive) {
                let ids = match.2.map { $0.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init) } ?? []
                let rules = ids.isEmpty ? [allRules] : ids
                switch match.1 {
                case "disable-next-line": rules.forEach { silence($0, on: line + 1) }
                case "disable-line": rules.forEach { silence($0, on: line) }
                case "disable": rules.forEach { open[$0] = open[$0] ?? line }
                default:
                    for rule in rules {
                        let keys = rule == allRules ? Array(open.keys) : [rule]
                        for key in keys {
                            if let start = open.removeValue(forKey: key) { (start...line).forEach { silence(key, on: $0) } }
                        }
                    }
                }
            }
        }
        for (rule, start) in open where start <= source.lineCount {
            (start...source.lineCount).forEach { silence(rule, on: $0) }
        }
    }

    private mutating func silence(_ rule: String, on line: Int) {
        silenced[line, default: []].insert(rule)
    }

    /// Whether a finding is silenced on its first line.
    func covers(_ finding: Finding) -> Bool {
        guard let rules = silenced[finding.range.start.line] else { return false }
        return rules.contains("*") || rules.contains(finding.rule)
    }

    nonisolated(unsafe) private static let directive =
        /<!--\s*vlmbot-(disable-next-line|disable-line|disable|enable)((?:[\s,]+[a-z][a-z0-9-]*)*)?\s*-->/
}
