/// The changes to one file between two versions, copied out of libgit2.
public struct FileDiff: Sendable, Equatable {
    /// How the file changed.
    public enum Status: String, Sendable, Equatable {
        /// New on the new side (including an untracked file in the working tree).
        case added
        /// Gone from the new side.
        case deleted
        /// Same path, different content or mode.
        case modified
        /// Moved to `newPath` from `oldPath`, possibly with edits (rename detection is on).
        case renamed
        /// Copied to `newPath` from `oldPath`.
        case copied
        /// Changed kind, e.g. from a regular file to a symbolic link.
        case typeChange
        /// Unmerged in the index (a merge or rebase stopped on a conflict).
        case conflicted
    }

    /// How the file changed.
    public let status: Status
    /// Repository-relative path on the old side; `nil` when the file was added.
    public let oldPath: String?
    /// Repository-relative path on the new side; `nil` when the file was deleted.
    public let newPath: String?
    /// Whether either side is binary (libgit2's check: a NUL byte near the start,
    /// or `.gitattributes`); a binary file's diff has no hunks.
    public let isBinary: Bool
    /// The changed regions, each with 3 lines of context as `git diff` and GitHub show them.
    public let hunks: [Hunk]
    /// Whether either side is a submodule (a gitlink, mode 160000): the change moves which
    /// commit of another repository is checked out there, and has no lines.
    public let isSubmodule: Bool

    /// Creates a file diff from its parts.
    public init(status: Status, oldPath: String?, newPath: String?, isBinary: Bool, hunks: [Hunk], isSubmodule: Bool = false) {
        self.status = status
        self.oldPath = oldPath
        self.newPath = newPath
        self.isBinary = isBinary
        self.hunks = hunks
        self.isSubmodule = isSubmodule
    }

    /// New-side line numbers (1-based, ascending) of the added lines; context lines are not included.
    public var addedLines: [Int] {
        hunks.flatMap { hunk in
            hunk.lines.compactMap { $0.kind == .added ? $0.newLine : nil }
        }
    }

    /// New-side line ranges the hunks cover, context included: the lines a
    /// pull-request review comment may be placed on (`side: RIGHT`). A hunk
    /// without new-side lines (a file emptied or deleted) covers none.
    public var hunkRanges: [ClosedRange<Int>] {
        hunks.compactMap { hunk in
            hunk.newCount > 0 ? hunk.newStart...(hunk.newStart + hunk.newCount - 1) : nil
        }
    }

    /// Old-side line ranges the hunks cover, context included; a hunk that only adds lines
    /// covers none.
    public var oldHunkRanges: [ClosedRange<Int>] {
        hunks.compactMap { hunk in
            hunk.oldCount > 0 ? hunk.oldStart...(hunk.oldStart + hunk.oldCount - 1) : nil
        }
    }
}

/// One changed region of a file: the `@@ -oldStart,oldCount +newStart,newCount @@` header and its lines.
public struct Hunk: Sendable, Equatable {
    /// First old-side line of the hunk (the line before it when `oldCount` is 0).
    public let oldStart: Int
    /// Number of old-side lines (context and removed).
    public let oldCount: Int
    /// First new-side line of the hunk (the line before it when `newCount` is 0).
    public let newStart: Int
    /// Number of new-side lines (context and added).
    public let newCount: Int
    /// The hunk's lines in order.
    public let lines: [DiffLine]

    /// Creates a hunk from its parts.
    public init(oldStart: Int, oldCount: Int, newStart: Int, newCount: Int, lines: [DiffLine]) {
        self.oldStart = oldStart
        self.oldCount = oldCount
        self.newStart = newStart
        self.newCount = newCount
        self.lines = lines
    }

    /// The hunk of a diff of two texts' tails: its line numbers moved down by the `lines`
    /// both texts shared before.
    func shifted(by lines: Int) -> Hunk {
        guard lines > 0 else { return self }
        return Hunk(oldStart: oldStart + lines, oldCount: oldCount, newStart: newStart + lines, newCount: newCount,
                    lines: self.lines.map { line in
                        DiffLine(kind: line.kind, oldLine: line.oldLine.map { $0 + lines },
                                 newLine: line.newLine.map { $0 + lines }, text: line.text)
                    })
    }
}

/// One line of a hunk.
public struct DiffLine: Sendable, Equatable {
    /// Whether the line is unchanged, added or removed.
    public enum Kind: String, Sendable, Equatable {
        /// On both sides, shown around changes.
        case context
        /// Only on the new side.
        case added
        /// Only on the old side.
        case removed
    }

    /// Whether the line is unchanged, added or removed.
    public let kind: Kind
    /// 1-based line number on the old side; `nil` for an added line.
    public let oldLine: Int?
    /// 1-based line number on the new side; `nil` for a removed line.
    public let newLine: Int?
    /// The line's text without its `\n` or `\r\n` ending; invalid UTF-8 is replaced with U+FFFD.
    public let text: String

    /// Creates a diff line from its parts.
    public init(kind: Kind, oldLine: Int?, newLine: Int?, text: String) {
        self.kind = kind
        self.oldLine = oldLine
        self.newLine = newLine
        self.text = text
    }
}
