import CGit2
import Foundation

/// Diffs between commits, the index and the working tree, copied into `FileDiff` values.
///
/// Every diff detects renames (`git_diff_find_similar` with `GIT_DIFF_FIND_RENAMES`,
/// git's default 50% similarity), uses the indent heuristic and 3 lines of context
/// like `git diff` and GitHub, so `FileDiff.hunkRanges` are the ranges a pull-request
/// review can comment on; `FileDiff.addedLines` does not depend on the context.
///
/// `paths` restricts a diff to repository-relative, `/`-separated paths, taken
/// literally (no glob patterns): a file, or a folder for everything below it.
/// An empty list, `""` or `"."` means the whole repository. A file renamed from
/// outside the given paths shows as added.
extension Repository {
    /// The changes from the tree of `base` to the tree of `head` (commits, tags
    /// or trees), as `git diff base head` shows them. With `lines: false`, only which files
    /// changed and how: no hunks, and no file is read (`lineDiff` diffs contents read once).
    public func diff(from base: ObjectID, to head: ObjectID, paths: [String] = [],
                     lines: Bool = true) throws(GitError) -> [FileDiff] {
        try withTree(base) { (old) throws(GitError) -> [FileDiff] in
            try withTree(head) { (new) throws(GitError) -> [FileDiff] in
                try makeDiff(paths: paths, workingTree: false, lines: lines, "git_diff_tree_to_tree") { diff, options in
                    git_diff_tree_to_tree(&diff, pointer, old, new, options)
                }
            }
        }
    }

    /// The hunks that turn `old` into `new`, with the options of every diff here (3 lines of
    /// context, the indent heuristic), and whether either side is binary (a NUL byte in its
    /// first 8,000, as git decides). Lines both sides share at their start and end are set
    /// aside before libgit2 diffs the rest, so a one-line change to a file of a million lines
    /// costs a comparison of bytes, not a diff of the whole; a margin of shared lines stays so
    /// the hunks are the ones a whole diff gives.
    public static func lineDiff(from old: [UInt8], to new: [UInt8]) throws(GitError) -> (hunks: [Hunk], isBinary: Bool) {
        try LibGit2.ensureInitialized()
        let isBinary = [old, new].contains { $0.prefix(8000).contains(0) }
        guard !isBinary else { return ([], true) }
        let (prefixLines, prefixBytes, suffixBytes) = sharedEnds(old, new, margin: 50)
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        options.flags = GIT_DIFF_INDENT_HEURISTIC.rawValue
        options.context_lines = 3
        options.interhunk_lines = 0
        var patch: OpaquePointer?
        let status = old.withUnsafeBytes { oldBytes in
            new.withUnsafeBytes { newBytes in
                let oldPart = UnsafeRawBufferPointer(rebasing: oldBytes[prefixBytes..<(old.count - suffixBytes)])
                let newPart = UnsafeRawBufferPointer(rebasing: newBytes[prefixBytes..<(new.count - suffixBytes)])
                return git_patch_from_buffers(&patch, oldPart.baseAddress, oldPart.count, nil,
                                              newPart.baseAddress, newPart.count, nil, &options)
            }
        }
        try check(status, "git_patch_from_buffers")
        defer { git_patch_free(patch) }
        guard let patch else { return ([], false) }
        var hunks: [Hunk] = []
        for index in 0..<git_patch_num_hunks(patch) {
            hunks.append(try hunk(patch, index).shifted(by: prefixLines))
        }
        return (hunks, false)
    }

    /// How many whole lines both sides start with, less `margin`, and the bytes of those
    /// lines; and the bytes of the whole lines, less `margin`, both end with (never reaching
    /// into the lines counted at the start).
    private static func sharedEnds(_ old: [UInt8], _ new: [UInt8], margin: Int) -> (lines: Int, prefix: Int, suffix: Int) {
        old.withUnsafeBufferPointer { a in
            new.withUnsafeBufferPointer { b in
                guard let oldBase = a.baseAddress, let newBase = b.baseAddress else { return (0, 0, 0) }
                let shorter = min(a.count, b.count)
                let chunk = 4096
                var common = 0
                while common + chunk <= shorter, memcmp(oldBase + common, newBase + common, chunk) == 0 { common += chunk }
                while common < shorter, a[common] == b[common] { common += 1 }
                // Keep `margin` whole shared lines before the first difference.
                var cut: Int? = common
                for _ in 0...margin {
                    cut = cut.flatMap { UnsafeBufferPointer(rebasing: a[..<$0]).lastIndex(of: 0x0A) }
                }
                let prefix = cut.map { $0 + 1 } ?? 0
                let lines = prefix == 0 ? 0 : UnsafeBufferPointer(rebasing: a[..<prefix]).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                var tail = 0
                let room = shorter - prefix
                while tail + chunk <= room,
                      memcmp(oldBase + a.count - tail - chunk, newBase + b.count - tail - chunk, chunk) == 0 { tail += chunk }
                while tail < room, a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
                // Keep `margin` whole shared lines after the last difference.
                var start = a.count - tail
                for _ in 0...margin {
                    // A rebased buffer counts from 0.
                    guard let found = UnsafeBufferPointer(rebasing: a[start...]).firstIndex(of: 0x0A),
                          start + found + 1 < a.count else { start = a.count; break }
                    start += found + 1
                }
                return (lines, prefix, a.count - start)
            }
        }
    }

    /// The changes from the tree of `base` to the working tree as it would be
    /// committed: staged and unstaged edits, and untracked (not ignored) files
    /// as added, like `git add -A && git diff --cached base`.
    ///
    /// Throws a `GitError` in a bare repository.
    public func diffToWorkingTree(from base: ObjectID, paths: [String] = []) throws(GitError) -> [FileDiff] {
        try withTree(base) { (old) throws(GitError) -> [FileDiff] in
            try makeDiff(paths: paths, workingTree: true, "git_diff_tree_to_workdir_with_index") { diff, options in
                git_diff_tree_to_workdir_with_index(&diff, pointer, old, options)
            }
        }
    }

    /// The staged changes, from the tree of `HEAD` (an empty tree when `HEAD`
    /// is unborn) to the index, like `git diff --cached`.
    /// With `lines: false`, only which files changed and how (see `diff(from:to:)`).
    public func diffStaged(paths: [String] = [], lines: Bool = true) throws(GitError) -> [FileDiff] {
        let indexDiff = { (old: OpaquePointer?) throws(GitError) -> [FileDiff] in
            try self.makeDiff(paths: paths, workingTree: false, lines: lines, "git_diff_tree_to_index") { diff, options in
                git_diff_tree_to_index(&diff, self.pointer, old, nil, options)
            }
        }
        if try headIsUnborn { return try indexDiff(nil) }
        return try withTree(try resolve("HEAD")) { (head) throws(GitError) -> [FileDiff] in try indexDiff(head) }
    }

    // MARK: - Private helpers

    /// Looks up the object `id` names, peels it to a tree and passes the
    /// `git_tree *` to `body`; both libgit2 objects are freed when this returns.
    private func withTree<Result>(
        _ id: ObjectID,
        _ body: (OpaquePointer) throws(GitError) -> Result
    ) throws(GitError) -> Result {
        var oid = id.oid
        var object: OpaquePointer?
        do throws(GitError) {
            try check(git_object_lookup(&object, pointer, &oid, GIT_OBJECT_ANY), "git_object_lookup")
        } catch {
            throw error.adding("reading \(id)")
        }
        defer { git_object_free(object) }

        var tree: OpaquePointer?
        try check(git_object_peel(&tree, object, GIT_OBJECT_TREE), "git_object_peel")
        defer { git_object_free(tree) }
        guard let tree else {
            throw GitError(function: "git_object_peel", code: GIT_ERROR.rawValue, errorClass: 0,
                           message: "object \(id) did not peel to a tree")
        }
        return try body(tree)
    }

    /// Runs `create` (one of the `git_diff_*` constructors, named `function`)
    /// with vlmbot's diff options, detects renames and copies the result out.
    private func makeDiff(
        paths: [String],
        workingTree: Bool,
        lines: Bool = true,
        _ function: String,
        _ create: (inout OpaquePointer?, UnsafePointer<git_diff_options>) -> Int32
    ) throws(GitError) -> [FileDiff] {
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        options.flags = GIT_DIFF_INCLUDE_TYPECHANGE.rawValue
            | GIT_DIFF_INDENT_HEURISTIC.rawValue
            | GIT_DIFF_DISABLE_PATHSPEC_MATCH.rawValue
        if workingTree {
            options.flags |= GIT_DIFF_INCLUDE_UNTRACKED.rawValue
                | GIT_DIFF_RECURSE_UNTRACKED_DIRS.rawValue
                | GIT_DIFF_SHOW_UNTRACKED_CONTENT.rawValue
        }
        options.context_lines = 3
        options.interhunk_lines = 0

        var diff: OpaquePointer?
        try Self.withPathspec(paths) { (pathspec) throws(GitError) in
            options.pathspec = pathspec
            try check(create(&diff, &options), function)
        }
        defer { git_diff_free(diff) }
        guard let diff else {
            throw GitError(function: function, code: GIT_ERROR.rawValue, errorClass: 0, message: "no diff returned")
        }

        var find = git_diff_find_options()
        try check(git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION)),
                  "git_diff_find_options_init")
        find.flags = GIT_DIFF_FIND_RENAMES.rawValue
        if workingTree { find.flags |= GIT_DIFF_FIND_FOR_UNTRACKED.rawValue }
        try check(git_diff_find_similar(diff, &find), "git_diff_find_similar")

        var files: [FileDiff] = []
        for index in 0..<git_diff_num_deltas(diff) {
            if let file = try lines ? Self.fileDiff(diff, index) : Self.fileChange(diff, index) { files.append(file) }
        }
        return files
    }

    /// Delta `index` of `diff` without its lines: which file changed and how.
    private static func fileChange(_ diff: OpaquePointer, _ index: Int) throws(GitError) -> FileDiff? {
        guard let delta = git_diff_get_delta(diff, index), let status = FileDiff.Status(delta.pointee.status) else { return nil }
        return FileDiff(status: status,
                        oldPath: status == .added ? nil : delta.pointee.old_file.path.map { String(cString: $0) },
                        newPath: status == .deleted ? nil : delta.pointee.new_file.path.map { String(cString: $0) },
                        isBinary: delta.pointee.flags & GIT_DIFF_FLAG_BINARY.rawValue != 0, hunks: [],
                        isSubmodule: isSubmodule(delta))
    }

    /// Whether either side of a delta is a submodule.
    private static func isSubmodule(_ delta: UnsafePointer<git_diff_delta>) -> Bool {
        [delta.pointee.old_file.mode, delta.pointee.new_file.mode].contains(UInt16(GIT_FILEMODE_COMMIT.rawValue))
    }

    /// Copies delta `index` of `diff`, with its hunks and lines, into a value;
    /// `nil` for a delta of a kind this module does not ask for (unmodified, ignored, unreadable).
    private static func fileDiff(_ diff: OpaquePointer, _ index: Int) throws(GitError) -> FileDiff? {
        var patch: OpaquePointer?
        do throws(GitError) {
            try check(git_patch_from_diff(&patch, diff, index), "git_patch_from_diff")
        } catch {
            let path = git_diff_get_delta(diff, index).flatMap { $0.pointee.new_file.path }
            throw error.adding("diffing '\(path.map { String(cString: $0) } ?? "file #\(index + 1)")'")
        }
        defer { git_patch_free(patch) }

        guard let delta = patch.flatMap({ git_patch_get_delta($0) }) ?? git_diff_get_delta(diff, index),
              let status = FileDiff.Status(delta.pointee.status) else { return nil }
        let oldPath = delta.pointee.old_file.path.map { String(cString: $0) }
        let newPath = delta.pointee.new_file.path.map { String(cString: $0) }
        let isBinary = delta.pointee.flags & GIT_DIFF_FLAG_BINARY.rawValue != 0

        var hunks: [Hunk] = []
        if let patch {
            for hunkIndex in 0..<git_patch_num_hunks(patch) {
                hunks.append(try hunk(patch, hunkIndex))
            }
        }
        return FileDiff(status: status,
                        oldPath: status == .added ? nil : oldPath,
                        newPath: status == .deleted ? nil : newPath,
                        isBinary: isBinary,
                        hunks: hunks,
                        isSubmodule: isSubmodule(delta))
    }

    /// Copies hunk `index` of `patch` and its added, removed and context lines
    /// (not the "no newline at end of file" markers).
    private static func hunk(_ patch: OpaquePointer, _ index: Int) throws(GitError) -> Hunk {
        var header: UnsafePointer<git_diff_hunk>?
        var lineCount = 0
        try check(git_patch_get_hunk(&header, &lineCount, patch, index), "git_patch_get_hunk")
        guard let header else {
            throw GitError(function: "git_patch_get_hunk", code: GIT_ERROR.rawValue, errorClass: 0,
                           message: "no hunk returned for hunk #\(index + 1)")
        }

        var lines: [DiffLine] = []
        lines.reserveCapacity(lineCount)
        for lineIndex in 0..<lineCount {
            var line: UnsafePointer<git_diff_line>?
            try check(git_patch_get_line_in_hunk(&line, patch, index, lineIndex), "git_patch_get_line_in_hunk")
            guard let line, let kind = DiffLine.Kind(origin: line.pointee.origin) else { continue }
            let old = line.pointee.old_lineno
            let new = line.pointee.new_lineno
            lines.append(DiffLine(kind: kind,
                                  oldLine: old > 0 ? Int(old) : nil,
                                  newLine: new > 0 ? Int(new) : nil,
                                  text: text(line.pointee.content, line.pointee.content_len)))
        }
        return Hunk(oldStart: Int(header.pointee.old_start), oldCount: Int(header.pointee.old_lines),
                    newStart: Int(header.pointee.new_start), newCount: Int(header.pointee.new_lines),
                    lines: lines)
    }

    /// Decodes a line's bytes as UTF-8 (replacing invalid sequences), without its `\n` or `\r\n`.
    private static func text(_ content: UnsafePointer<CChar>?, _ length: Int) -> String {
        guard let content, length > 0 else { return "" }
        var bytes = UnsafeRawBufferPointer(start: content, count: length)[...]
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Passes `paths` to `body` as a `git_strarray` of C strings that live until `body` returns.
    /// Trailing slashes are dropped; a path naming the whole repository (`""`, `"."`) disables the filter.
    private static func withPathspec<Result>(
        _ paths: [String],
        _ body: (git_strarray) throws(GitError) -> Result
    ) throws(GitError) -> Result {
        var cleaned: [String] = []
        for path in paths {
            var path = Substring(path)
            while path.hasSuffix("/") { path.removeLast() }
            if path.isEmpty || path == "." { return try body(git_strarray(strings: nil, count: 0)) }
            cleaned.append(String(path))
        }
        var strings = cleaned.map { strdup($0) }
        defer { for string in strings { free(string) } }
        return try strings.withUnsafeMutableBufferPointer { (buffer) throws(GitError) -> Result in
            try body(git_strarray(strings: buffer.baseAddress, count: buffer.count))
        }
    }
}

extension FileDiff.Status {
    /// The status of a libgit2 delta (an untracked file counts as added);
    /// `nil` for unmodified, ignored and unreadable entries.
    init?(_ status: git_delta_t) {
        switch status {
        case GIT_DELTA_ADDED, GIT_DELTA_UNTRACKED: self = .added
        case GIT_DELTA_DELETED: self = .deleted
        case GIT_DELTA_MODIFIED: self = .modified
        case GIT_DELTA_RENAMED: self = .renamed
        case GIT_DELTA_COPIED: self = .copied
        case GIT_DELTA_TYPECHANGE: self = .typeChange
        case GIT_DELTA_CONFLICTED: self = .conflicted
        default: return nil
        }
    }
}

extension DiffLine.Kind {
    /// The kind of a libgit2 line `origin` (`' '`, `'+'`, `'-'`); `nil` for the
    /// end-of-file newline markers and headers.
    init?(origin: CChar) {
        switch UInt32(UInt8(bitPattern: origin)) {
        case GIT_DIFF_LINE_CONTEXT.rawValue: self = .context
        case GIT_DIFF_LINE_ADDITION.rawValue: self = .added
        case GIT_DIFF_LINE_DELETION.rawValue: self = .removed
        default: return nil
        }
    }
}
