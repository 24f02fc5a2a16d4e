import Engine
import Evidence
import Lists
import Markdown
import Settings

/// An entry that belongs to a sibling section: its title names another section's task and
/// not its own section's, as a detection paper filed under segmentation beside a detection section.
public struct SectionPlacementRule: Rule {
    public static let description = RuleDescription(
        id: "section-placement",
        summary: "An entry's title names the task of another section of the list, not its own section's.",
        rationale: """
        Lists sorted by task are read one section at a time; a paper filed under the wrong task is \
        missed by the readers of the right one. Tasks and the words that name them come from the \
        vocabulary's `tasks`. An entry is reported only when its section's heading (or the heading \
        above it, for sections split by year) names a task, its title names none of them, and exactly \
        one sibling section names the task its title names. \
        Move the entry there, or leave it if it truly belongs to both.
        """,
        severity: .note,
        triggering: [
            RuleExample("""
            # Papers
            ## Segmentation
            - Text-guided medical image segmentation. [[paper]](https://arxiv.org/abs/2301.00001)
            ↓- Boosting Cancer Detection via Text-guided Supervision from Reports. [[paper]](https://arxiv.org/abs/2405.14230)
            ## Detection
            - Zero-shot lesion detection with prompts. [[paper]](https://arxiv.org/abs/2301.00002)
            """),
            RuleExample("""
            ## Segmentation
            ### 2024
            - Text-guided medical image segmentation. [[paper]](https://arxiv.org/abs/2301.00001)
            ↓- Zero-shot lesion detection with prompts. [[paper]](https://arxiv.org/abs/2301.00002)
            ## Detection
            ### 2024
            - Cancer detection. [[paper]](https://arxiv.org/abs/2301.00003)
            """),
            RuleExample("""
            ## Report generation
            | Paper | Code |
            |---|---|
            ↓| Surgical visual question answering with transformers | - |
            ## VQA
            | Paper | Code |
            |---|---|
            | Medical VQA with prefix tuning | - |
            """),
        ],
        nonTriggering: [
            RuleExample("""
            ## Segmentation
            - Universal models for organ segmentation and tumor detection. [[paper]](https://arxiv.org/abs/2301.00003)
            - Image-report generation for segmentation data. [[paper]](https://arxiv.org/abs/2301.00004)
            ## Detection
            - Lesion detection. [[paper]](https://arxiv.org/abs/2301.00005)
            """),
            RuleExample("""
            ## Large models
            - Cancer detection with a large model. [[paper]](https://arxiv.org/abs/2301.00006)
            ## Detection
            - Lesion detection. [[paper]](https://arxiv.org/abs/2301.00007)
            """),
            RuleExample("""
            ## Medical image report generation
            - Radiology reports generation with memory networks. [[paper]](https://arxiv.org/abs/2301.00008)
            ## Medical image generation
            - Text-to-image synthesis. [[paper]](https://arxiv.org/abs/2301.00009)
            """),
            RuleExample("""
            # Methods
            ## Segmentation
            - Cancer detection via reports. [[paper]](https://arxiv.org/abs/2301.00010)
            # Benchmarks
            ## Detection
            - A lesion detection benchmark. [[paper]](https://arxiv.org/abs/2301.00011)
            """),
        ]
    )

    public init() {}

    public func check(_ document: ListDocument, in context: RuleContext) -> [Finding] {
        let matcher = TermMatcher(context.vocabulary.tasks)
        guard !matcher.isEmpty, !document.headings.isEmpty else { return [] }
        let sections = Sections(document.headings, matcher: matcher)
        return document.entries.compactMap { entry -> Finding? in
            guard let title = entry.title, let own = sections.taskHeading(above: entry.lines.lowerBound) else { return nil }
            let ownTasks = sections.tasks[own]
            let named = matcher.matches(in: title)
            let namedTasks = Set(named.map(\.key))
            guard !namedTasks.isEmpty, ownTasks.isDisjoint(with: namedTasks) else { return nil }
            let targets = Set(namedTasks.map { sections.siblings(of: own, naming: $0) })
            guard targets.count == 1, let target = targets.first, target.count == 1 else { return nil }
            let better = document.headings[target[0]]
            let words = named.map { "'\($0.text.snippet)'" }.joined(separator: ", ")
            let message = "This entry's title names \(namedTasks.sorted().joined(separator: " and ")) (\(words)) but not "
                + "\(ownTasks.sorted().joined(separator: " or ")), the task of its section '\(document.headings[own].text.snippet)': "
                + "move it to '\(better.text.snippet)' (line \(better.line)) unless it belongs here too."
            return finding(message, at: entry.range(in: document.source),
                           related: [SourceRange(lines: better.line, better.line, in: document.source)])
        }
    }
}

/// A document's headings with the tasks each names, grouped under their parent heading.
private struct Sections {
    let headings: [Heading]
    /// The tasks each heading names, by heading index.
    let tasks: [Set<String>]
    /// For each heading, the index of the nearest heading above it of a higher level.
    private let parents: [Int?]
    /// For a parent (nil: the top) and a task, the headings under it naming the task.
    private let byParentAndTask: [ParentTask: [Int]]

    private struct ParentTask: Hashable {
        let parent: Int?
        let task: String
    }

    init(_ headings: [Heading], matcher: TermMatcher) {
        self.headings = headings
        tasks = headings.map { Set(matcher.matches(in: $0.text).map(\.key)) }
        var parents: [Int?] = []
        var open: [Int] = []
        for (index, heading) in headings.enumerated() {
            while let last = open.last, headings[last].level >= heading.level { open.removeLast() }
            parents.append(open.last)
            open.append(index)
        }
        self.parents = parents
        var byParentAndTask: [ParentTask: [Int]] = [:]
        for (index, named) in tasks.enumerated() {
            for task in named { byParentAndTask[ParentTask(parent: parents[index], task: task), default: []].append(index) }
        }
        self.byParentAndTask = byParentAndTask
    }

    /// The index of the nearest heading above a line, or above that heading, that names a
    /// task: entries under `## Segmentation` › `### 2023` belong to the segmentation section.
    func taskHeading(above line: Int) -> Int? {
        let low = headings.partitionPoint { $0.line < line }
        var heading = low == 0 ? nil : low - 1
        while let current = heading, tasks[current].isEmpty { heading = parents[current] }
        return heading
    }

    /// The other headings under the same parent that name a task.
    func siblings(of heading: Int, naming task: String) -> [Int] {
        (byParentAndTask[ParentTask(parent: parents[heading], task: task)] ?? []).filter { $0 != heading }
    }
}
