import Foundation

/// Facts about one list that its shape leaves ambiguous, from `rules/profiles/*.yml` or a
/// repository's configuration: which columns hold what, when their headers do not say.
public struct ListProfile: Hashable, Sendable {
    /// Header texts (compared case-insensitively) of columns that hold category labels.
    public var categoryColumns: [String]
    /// Header texts of columns that hold paper titles.
    public var titleColumns: [String]

    public init(categoryColumns: [String] = [], titleColumns: [String] = []) {
        self.categoryColumns = categoryColumns
        self.titleColumns = titleColumns
    }

    /// The profile of a list with no profile: every column is judged by its header and cells.
    public static let none = ListProfile()

    /// The role this profile gives a column header, if any.
    func role(ofHeader header: String) -> ColumnRole? {
        let key = header.trimmingCharacters(in: .whitespaces).lowercased()
        if categoryColumns.contains(where: { $0.lowercased() == key }) { return .category }
        if titleColumns.contains(where: { $0.lowercased() == key }) { return .title }
        return nil
    }
}
