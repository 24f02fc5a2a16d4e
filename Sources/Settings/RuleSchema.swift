/// What the configuration may say of one rule: its id and the options it reads. The rules
/// themselves live in `Rules`; settings are checked against their schemas.
public struct RuleSchema: Sendable {
    public let id: String
    public let options: [RuleOption]

    public init(id: String, options: [RuleOption]) {
        self.id = id
        self.options = options
    }
}

/// A setting a rule reads from `rules.<id>.options` in the configuration.
public struct RuleOption: Sendable {
    public let name: String
    public let defaultValue: ConfigValue
    public let summary: String

    public init(_ name: String, default defaultValue: ConfigValue, _ summary: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.summary = summary
    }
}

/// How serious a finding is; `error` fails a check by default.
public enum Severity: String, Sendable, Comparable, CaseIterable, Codable {
    case note, warning, error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
