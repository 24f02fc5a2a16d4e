import Authoring
import Foundation
import Placement
import Reporters

/// What `vlmbot add` says: one paragraph a paper in text, or one JSON object.
enum AddReport {
    static func text(_ results: [AddResult], path: String, diff: String?, written: Bool) -> String {
        var text = ""
        for result in results {
            let title = "\"\(plain(result.record.title))\""
            switch result.outcome {
            case .added(let addition):
                let verb = written ? "added" : "would add"
                let model = addition.draft.template.title ?? addition.draft.template.name ?? ""
                text += "\(verb) \(title) to \(section(addition.section)) at line \(addition.lines.lowerBound), "
                    + "in the form of the entry \"\(plain(String(model.prefix(80))))\"\n"
                if let best = addition.candidates.first {
                    text += "  chosen by the title's words: \(candidate(best))"
                    let others = addition.candidates.dropFirst().map(candidate)
                    text += others.isEmpty ? "\n" : "; then \(others.joined(separator: "; "))\n"
                }
                for note in addition.draft.notes { text += "  note: \(plain(note))\n" }
                for similar in addition.similar {
                    text += "  similar: line \(similar.entry.lines.lowerBound) (\(section(similar.entry.section))): \(similar.evidence.phrase)\n"
                }
            case .listed(let listed):
                for entry in listed {
                    text += "\(title) is listed already at line \(entry.entry.lines.lowerBound) (\(section(entry.entry.section))): "
                        + "\(entry.evidence.phrase)\n"
                }
            case .noClearSection(let candidates):
                text += "no section is clearly \(title)'s; choose one with --section"
                text += candidates.isEmpty ? "\n" : ": \(candidates.map(candidate).joined(separator: "; "))\n"
            case .unknownSection(let heading, let sections):
                text += "--section \"\(plain(heading))\" names no section of \(plain(path)) (or more than one); its sections: "
                    + sections.prefix(30).map(section).joined(separator: "; ") + (sections.count > 30 ? "; …" : "") + "\n"
            case .unwritable(let path, let reasons):
                text += "no entry of \(section(path)) could be followed to write \(title):\n"
                for reason in reasons { text += "  \(plain(reason))\n" }
            }
        }
        if !results.allSatisfy(\.isAdded) { text += "nothing was written\n" }
        return text + (diff ?? "")
    }

    static func json(_ results: [AddResult], path: String, diff: String, written: Bool) -> String {
        let papers = results.map { result -> JSONValue in
            var members: [(String, JSONValue)] = [("source", .string(result.source)), ("title", .string(result.record.title)),
                                                  ("arxiv", .string(result.record.arxiv)), ("doi", .string(result.record.doi))]
            switch result.outcome {
            case .added(let addition):
                members += [("status", .string("added")), ("section", strings(addition.section)),
                            ("line", .int(addition.lines.lowerBound)), ("endLine", .int(addition.lines.upperBound)),
                            ("entry", .string(addition.entry.joined(separator: "\n"))),
                            // The neighbour whose form was followed, by its line before the addition.
                            ("template", .object([("line", .int(addition.draft.template.lines.lowerBound)),
                                                  ("title", .string(addition.draft.template.title))])),
                            ("evidence", .array(addition.candidates.map(candidateJSON))),
                            ("notes", strings(addition.draft.notes)),
                            ("similar", .array(addition.similar.map(listedJSON)))]
            case .listed(let listed):
                members += [("status", .string("listed")), ("listed", .array(listed.map(listedJSON)))]
            case .noClearSection(let candidates):
                members += [("status", .string("no-clear-section")), ("evidence", .array(candidates.map(candidateJSON)))]
            case .unknownSection(_, let sections):
                members += [("status", .string("unknown-section")), ("sections", .array(sections.map(strings)))]
            case .unwritable(let section, let reasons):
                members += [("status", .string("unwritable")), ("section", strings(section)), ("reasons", strings(reasons))]
            }
            return .object(members)
        }
        return JSONValue.object([("version", .int(1)), ("path", .string(path)), ("written", .bool(written)),
                                 ("papers", .array(papers)), ("diff", .string(diff))]).serialized() + "\n"
    }

    private static func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }

    private static func candidateJSON(_ candidate: SectionChooser.Candidate) -> JSONValue {
        .object([("section", strings(candidate.path)), ("score", .double((candidate.score * 10).rounded() / 10)),
                 ("words", strings(candidate.evidence))])
    }

    private static func listedJSON(_ listed: ListedPaper) -> JSONValue {
        .object([("line", .int(listed.entry.lines.lowerBound)), ("section", strings(listed.entry.section)),
                 ("evidence", .string(listed.evidence.phrase)), ("certain", .bool(listed.isCertain))])
    }

    private static func candidate(_ candidate: SectionChooser.Candidate) -> String {
        let words = candidate.evidence.isEmpty ? "" : ": " + candidate.evidence.map(plain).joined(separator: ", ")
        return "\(section(candidate.path)) (\(String(format: "%.1f", candidate.score))\(words))"
    }

    private static func section(_ path: [String]) -> String {
        path.isEmpty ? "the top of the list" : path.map(plain).joined(separator: " › ")
    }

    /// Text from a list or a source, safe for a terminal.
    private static func plain(_ text: String) -> String { ControlCharacters.escaped(text) }
}
