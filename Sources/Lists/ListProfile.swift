import Foundation
import Markdown
import Papers

/// Facts about one list that its shape leaves ambiguous, from `rules/profiles/*.yml` or a
/// repository's configuration: which columns hold what, when their headers do not say.
public struct ListProfile: Hashable, Sendable {
    /// Header texts (compared case-insensitively) of columns that hold category labels.
    public var categoryColumns: [String]
    /// Header texts of columns that hold paper titles.
    public var titleColumns: [String]
    /// The canonical forms `vlmbot format` writes in this list; none unless the profile asks.
    public var format: FormatSwitches

    public init(categoryColumns: [String] = [], titleColumns: [String] = [], format: FormatSwitches = FormatSwitches()) {
        self.categoryColumns = categoryColumns
        self.titleColumns = titleColumns
        self.format = format
    }

    /// The profile of a list with no profile: every column is judged by its header and cells.
    public static let none = ListProfile()

    /// The role this profile gives a column header, if any.
    func role(ofHeader header: String) -> ColumnRole? {
        let key = header.trimming(.whitespaces).lowercased()
        if categoryColumns.contains(where: { $0.lowercased() == key }) { return .category }
        if titleColumns.contains(where: { $0.lowercased() == key }) { return .title }
        return nil
    }
}

/// The canonical forms a list's profile asks `vlmbot format` to write (`format:` in a profile).
public struct FormatSwitches: Hashable, Sendable {
    /// arXiv `pdf` links become `abs` links (`arxiv-abs`).
    public var arxivAbs: Bool
    /// `http://` links become `https://` (`https`).
    public var https: Bool
    /// Table cells are written `| a | b |`, one space each side (`table-spacing`).
    public var tableSpacing: Bool
    /// Links outside tables take the list's dominant bracket style (`link-style`).
    public var linkStyle: Bool

    public init(arxivAbs: Bool = false, https: Bool = false, tableSpacing: Bool = false, linkStyle: Bool = false) {
        self.arxivAbs = arxivAbs
        self.https = https
        self.tableSpacing = tableSpacing
        self.linkStyle = linkStyle
    }
}
