import Lists

/// Runs rules over parsed lists and orders what they find.
public struct Linter: Sendable {
    /// Every rule vlmbot has, in the order `vlmbot rules` lists them.
    public static let allRules: [any Rule] = [
        EntrySchemaRule(),
    ]

    public let rules: [any Rule]

    public init(rules: [any Rule] = Linter.allRules) {
        self.rules = rules
    }

    /// The findings of every rule in one document, stamped with its path, in report order.
    public func lint(_ document: ListDocument, path: String) -> [Finding] {
        rules.flatMap { $0.check(document) }
            .map { finding in
                var stamped = finding
                stamped.path = path
                return stamped
            }
            .sorted(by: Finding.reportOrder)
    }
}
