import Markdown
import Settings

extension ListSurvey {
    /// A commented `.vlmbot.yml` recording what vlmbot read in the list: the list to check,
    /// the category set it found when vlmbot knows none that fits, and as comments how it reads
    /// the list, the sections that repeat each other's papers and the rules that raise findings
    /// today, each ready to be turned off by removing a `#`.
    public func configurationText() -> String {
        var text = """
        # vlmbot's settings for this repository, written by `vlmbot init` from what it read in
        # \(Self.oneLine(path)). Every key is optional: `vlmbot rules` lists the rules and their options.
        version: 1

        # The lists vlmbot checks: files or folders, relative to this file.
        lists: [\(Self.quoted(path))]

        # Whether `vlmbot check` also asks whether each link works (the dead-link rule), as
        # --online does; results are cached in .vlmbot/ (add it to .gitignore).
        # online: true


        """ + Self.comment("How vlmbot reads \(Self.oneLine(path)): \(entrySentence).")
        if !columns.isEmpty {
            text += Self.comment("Table columns: " + columns.map { "'\($0.header)' holds \($0.fact)" }.joined(separator: "; ") + ".")
        }
        text += categoryText
        if !sharedSections.isEmpty {
            text += """

            # Sections that list some of the same papers (a paper filed under several topics):
            # duplicate-entry reports a paper repeated across sections as a note only.

            """
            for pair in sharedSections {
                text += "#   '\(pair.first)' and '\(pair.second)': \(pair.papers) papers\n"
            }
        }
        text += "\n"
        if findings.isEmpty {
            text += "# vlmbot finds nothing on this list today. To change a rule:\n# rules:\n#   spelling: false\n"
        } else {
            text += "# Findings per rule today (`vlmbot check` lists them): fix them, or turn a rule off by\n"
            text += "# removing the '#' before `rules:` and before its line.\n# rules:\n"
            let width = findings.map(\.rule.count).max() ?? 0
            for rule in findings {
                let padding = String(repeating: " ", count: width - rule.rule.count)
                text += "#   \(rule.rule): false\(padding)  # \(Counted.phrase(rule.count, "finding")) (\(severityText(rule)))\n"
            }
        }
        return text
    }

    /// A few lines saying how vlmbot reads the list, for the terminal.
    public var summary: String {
        var lines = ["\(Self.oneLine(path)): \(entrySentence)."]
        if !columns.isEmpty {
            lines.append("columns: " + columns.map { "\($0.header) (\($0.fact))" }.joined(separator: ", "))
        }
        if !categories.isEmpty {
            let labels = categories.prefix(Self.setSize).map { "\($0.name) \($0.count)" }.joined(separator: ", ")
            let set = knownCategorySet.map { "a set vlmbot knows: \($0.joined(separator: ", "))" }
                ?? proposedCategorySet.map { _ in "written to the vocabulary as this list's set" }
                ?? "not a closed set: left out"
            lines.append("categories: \(labels) (\(set))")
        }
        if let pair = sharedSections.first {
            lines.append("sections sharing papers: '\(pair.first)' and '\(pair.second)' (\(pair.papers))"
                         + (sharedSections.count > 1 ? " and \(sharedSections.count - 1) more pairs" : ""))
        }
        let total = findings.reduce(0) { $0 + $1.count }
        lines.append(total == 0 ? "findings today: none"
                     : "findings today: \(total) (" + findings.prefix(5).map { "\($0.rule) \($0.count)" }.joined(separator: ", ")
                        + (findings.count > 5 ? ", …" : "") + ")")
        return lines.map { $0 + "\n" }.joined()
    }

    /// `812 entries (790 paper, 22 dataset) in 14 sections, as table rows (612) and bullets (200)`.
    private var entrySentence: String {
        let kindText = kinds.map { Counted.phrase($0.count, $0.name) }.joined(separator: ", ")
        let layoutText = layouts.map { "\($0.name) (\($0.count))" }.joined(separator: " and ")
        return Counted.phrase(entries, "entry", "entries") + (kinds.isEmpty ? "" : " (\(kindText))")
            + " in " + Counted.phrase(sections.count, "section") + (layouts.isEmpty ? "" : ", as \(layoutText)")
    }

    private var categoryText: String {
        guard !categories.isEmpty else { return "" }
        let labels = categories.map { "\($0.name) (\($0.count))" }.joined(separator: ", ")
        if let set = knownCategorySet {
            return Self.comment("Category labels: \(labels): a set vlmbot knows (\(set.joined(separator: ", "))).")
        }
        guard let set = proposedCategorySet else {
            return Self.comment("Category labels: \(labels): not a closed set (too many, too rare, or cells that are not labels), so none is written.")
        }
        let left = categories.map(\.name).filter { !set.contains($0) }
        return "\n" + Self.comment("The list's category labels (\(labels)), as a closed set: the vocabulary rule reports a label "
                                   + "outside it (remove these lines to stop that)"
                                   + (left.isEmpty ? "." : "; left out as slips of another label: \(left.joined(separator: ", ")).")) + """
        vocabulary:
          categories:
            - [\(set.map(Self.quoted).joined(separator: ", "))]

        """
    }

    private func severityText(_ rule: RuleFindings) -> String {
        rule.severities.map { Counted.phrase($0.count, $0.name) }.joined(separator: ", ")
    }

    /// Text as YAML comment lines of at most about 96 characters, broken at spaces.
    static func comment(_ text: String) -> String {
        var lines: [String] = []
        var line = "#"
        for word in text.split(separator: " ") {
            if line.count > 1, line.count + 1 + word.count > 96 {
                lines.append(line)
                line = "#"
            }
            line += " " + word
        }
        return (lines + [line]).map { $0 + "\n" }.joined()
    }

    /// A YAML double-quoted scalar of text from the list.
    static func quoted(_ text: String) -> String {
        "\"" + oneLine(text).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
