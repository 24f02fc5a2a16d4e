/// A setting's value as written in YAML configuration.
public enum ConfigValue: Hashable, Sendable {
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([String])

    public var boolValue: Bool? { if case .bool(let value) = self { value } else { nil } }
    public var intValue: Int? { if case .int(let value) = self { value } else { nil } }
    public var stringValue: String? { if case .string(let value) = self { value } else { nil } }
    public var listValue: [String]? { if case .list(let value) = self { value } else { nil } }

    /// A number, from an integer or a decimal.
    public var doubleValue: Double? {
        switch self {
        case .double(let value): value
        case .int(let value): Double(value)
        default: nil
        }
    }

    /// The type's name, for error messages.
    var typeName: String {
        switch self {
        case .bool: "true or false"
        case .int: "a whole number"
        case .double: "a number"
        case .string: "a string"
        case .list: "a list of strings"
        }
    }

    /// Whether a value read from YAML may stand where this default stands.
    func accepts(_ other: ConfigValue) -> Bool {
        switch (self, other) {
        case (.bool, .bool), (.int, .int), (.string, .string), (.list, .list), (.double, .double), (.double, .int):
            true
        default:
            false
        }
    }
}
