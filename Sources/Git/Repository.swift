import CGit2
import Foundation

/// An open git repository, the single owner of a libgit2 `git_repository *`.
///
/// Not `Sendable`: libgit2 does not allow one repository handle to be used
/// from several threads at once, so keep each instance in one isolation domain.
public final class Repository {
    /// The owned `git_repository *`, freed in `deinit`; internal for the extensions in this module.
    let pointer: OpaquePointer

    /// What to do when a shallow clone lacks the history a command needs.
    static let shallowAdvice = "this is a shallow clone without that history; fetch it with "
        + "`git fetch --deepen=1000` or `git fetch origin BASE`, or check out with `fetch-depth: 0` in actions/checkout"

    private init(pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        git_repository_free(pointer)
    }

    /// Finds the repository containing `path` (searching upward, like `git`
    /// does, without crossing file-system boundaries) and opens it.
    public static func discover(from path: String) throws(GitError) -> Repository {
        try LibGit2.ensureInitialized()
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try check(git_repository_discover(&buffer, path, 0, nil), "git_repository_discover")
        guard let found = buffer.ptr else {
            throw GitError(function: "git_repository_discover", code: GIT_ERROR.rawValue,
                           errorClass: 0, message: "no repository path returned for '\(path)'")
        }
        let gitDirectory = String(cString: found)

        var handle: OpaquePointer?
        try check(git_repository_open(&handle, gitDirectory), "git_repository_open")
        guard let handle else {
            throw GitError(function: "git_repository_open", code: GIT_ERROR.rawValue,
                           errorClass: 0, message: "no repository returned for '\(gitDirectory)'")
        }
        return Repository(pointer: handle)
    }

    /// Absolute path of the working directory without a trailing slash, or
    /// `nil` for a bare repository.
    public var workdir: String? {
        guard let raw = git_repository_workdir(pointer) else { return nil }
        var path = String(cString: raw)
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// Whether this is a shallow clone (`git clone --depth N`), whose history
    /// stops at the commits listed in `.git/shallow`.
    public var isShallow: Bool {
        get throws(GitError) {
            try check(git_repository_is_shallow(pointer), "git_repository_is_shallow") == 1
        }
    }

    /// Whether `HEAD` names a branch that has no commit yet (a new, empty repository).
    public var headIsUnborn: Bool {
        get throws(GitError) {
            try check(git_repository_head_unborn(pointer), "git_repository_head_unborn") == 1
        }
    }

    /// The best common ancestor of the commits `a` and `b`, the commit a pull
    /// request from `b` into `a` is compared against.
    ///
    /// Throws a `GitError` naming both commits when they share no history;
    /// in a shallow clone whose history stops before the common ancestor, the
    /// message says how to fetch the missing history.
    public func mergeBase(_ a: ObjectID, _ b: ObjectID) throws(GitError) -> ObjectID {
        var first = a.oid
        var second = b.oid
        var base = git_oid()
        do throws(GitError) {
            try check(git_merge_base(&base, pointer, &first, &second), "git_merge_base")
        } catch {
            let commits = "merge base of \(a.abbreviated) and \(b.abbreviated)"
            guard error.isMissing, (try? isShallow) == true else { throw error.adding(commits) }
            throw error.adding(commits + ": " + Self.shallowAdvice)
        }
        return withUnsafePointer(to: &base) { ObjectID($0) }
    }

    /// Resolves a revision (`HEAD`, `HEAD~2`, a branch, `origin/main`, a tag,
    /// a full or short SHA) to the id of the commit it names.
    ///
    /// Throws a `GitError` when the revision is unknown, does not lead to a
    /// commit, or names an unborn `HEAD` (a repository without commits). In a
    /// shallow clone, an unknown revision's message says how to fetch it.
    public func resolve(_ revision: String) throws(GitError) -> ObjectID {
        try withCommit(revision) { commit in
            ObjectID(git_commit_id(commit))
        }
    }

    /// The file at the repository-relative `path` (`/`-separated, e.g. `docs/guide.md`) in the
    /// tree of the commit `revision` names, without touching the working directory. Symbolic
    /// links are followed inside the tree (`StoredFile` says where one leaves it); a folder
    /// is `.missing`. Throws a `GitError` when the revision is unknown or not a commit, or
    /// libgit2 fails to read the objects.
    public func file(atPath path: String, revision: String) throws(GitError) -> StoredFile {
        try withCommit(revision) { commit throws(GitError) -> StoredFile in
            var tree: OpaquePointer?
            try check(git_commit_tree(&tree, commit), "git_commit_tree")
            defer { git_tree_free(tree) }
            return try StoredEntry.follow(path, lookup: { (candidate) throws(GitError) -> StoredEntry? in
                var entry: OpaquePointer?
                do throws(GitError) {
                    try check(git_tree_entry_bypath(&entry, tree, candidate), "git_tree_entry_bypath")
                } catch {
                    if error.isNotFound { return nil }
                    throw error
                }
                defer { git_tree_entry_free(entry) }
                guard let entry, let id = git_tree_entry_id(entry) else { return nil }
                return StoredEntry(mode: git_tree_entry_filemode(entry).rawValue, id: id.pointee)
            }, read: { (id) throws(GitError) -> [UInt8] in try blobContents(id, path: path) })
        }
    }

    /// The file at a repository-relative path as staged in the index, the version a commit
    /// would record; links are followed inside the index, as `file(atPath:revision:)` does.
    public func stagedFile(atPath path: String) throws(GitError) -> StoredFile {
        var index: OpaquePointer?
        try check(git_repository_index(&index, pointer), "git_repository_index")
        defer { git_index_free(index) }
        return try StoredEntry.follow(path, lookup: { candidate in
            // The index holds files only: a path it lacks may be a folder of them.
            guard let entry = git_index_get_bypath(index, candidate, 0) else { return .folder }
            return StoredEntry(mode: entry.pointee.mode, id: entry.pointee.id)
        }, read: { (id) throws(GitError) -> [UInt8] in try blobContents(id, path: path) })
    }

    /// The bytes of the blob with this id; `path` names it in errors.
    private func blobContents(_ id: git_oid, path: String) throws(GitError) -> [UInt8] {
        var id = id
        var blob: OpaquePointer?
        try check(git_blob_lookup(&blob, pointer, &id), "git_blob_lookup")
        defer { git_blob_free(blob) }
        guard let blob else { return [] }
        let size = git_blob_rawsize(blob)
        guard size > 0, let bytes = git_blob_rawcontent(blob) else { return [] }
        guard let count = Int(exactly: size) else {
            throw GitError(function: "git_blob_rawsize", code: GIT_ERROR.rawValue, errorClass: 0,
                           message: "blob of \(size) bytes at '\(path)' is too large")
        }
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    /// The path of `absolutePath` relative to the working directory (e.g.
    /// `docs/guide.md`), `""` for the working directory itself, or `nil` when
    /// the path is not absolute, lies outside it, or the repository is bare.
    ///
    /// `.` and `..` components are resolved lexically first; if that does not
    /// land inside the working directory, symbolic links in the existing part
    /// of the path are resolved and the check is repeated.
    public func relativePath(_ absolutePath: String) -> String? {
        guard let root = workdir, absolutePath.hasPrefix("/") else { return nil }
        let rootComponents = Self.components(root)
        let lexical = Self.components(absolutePath)
        if let relative = Self.relative(lexical, to: rootComponents) { return relative }
        let resolved = Self.components(Self.resolvingSymlinks(lexical))
        return Self.relative(resolved, to: rootComponents)
    }

    // MARK: - Private helpers

    /// Resolves `revision`, peels it to a commit and passes the `git_commit *`
    /// to `body`; both libgit2 objects are freed when this returns.
    private func withCommit<Result>(
        _ revision: String,
        _ body: (OpaquePointer) throws(GitError) -> Result
    ) throws(GitError) -> Result {
        var object: OpaquePointer?
        do throws(GitError) {
            try check(git_revparse_single(&object, pointer, revision), "git_revparse_single")
        } catch {
            if error.isNotFound, git_repository_head_unborn(pointer) == 1 {
                throw error.adding("HEAD is unborn: the repository has no commits yet")
            }
            if error.isMissing, (try? isShallow) == true {
                throw error.adding("'\(revision)': " + Self.shallowAdvice)
            }
            throw error
        }
        defer { git_object_free(object) }
        guard let object else {
            throw GitError(function: "git_revparse_single", code: GIT_ERROR.rawValue, errorClass: 0,
                           message: "no object returned for '\(revision)'")
        }
        if let kind = try Self.nonCommitKind(object) {
            throw GitError(function: "git_object_peel", code: GIT_EPEEL.rawValue, errorClass: 0,
                           message: "'\(revision)' names a \(kind), not a commit; give a branch, tag or commit")
        }

        var peeled: OpaquePointer?
        try check(git_object_peel(&peeled, object, GIT_OBJECT_COMMIT), "git_object_peel")
        defer { git_object_free(peeled) }
        guard let peeled else {
            throw GitError(function: "git_object_peel", code: GIT_ERROR.rawValue, errorClass: 0,
                           message: "revision '\(revision)' did not peel to a commit")
        }
        return try body(peeled)
    }

    /// "blob" or "tree" when `object`, or the object a tag (or chain of tags) points at, is
    /// one, which no peeling turns into a commit; `nil` otherwise.
    private static func nonCommitKind(_ object: OpaquePointer) throws(GitError) -> String? {
        var target: OpaquePointer?
        if git_object_type(object) == GIT_OBJECT_TAG {
            try check(git_object_peel(&target, object, GIT_OBJECT_ANY), "git_object_peel")
        }
        defer { git_object_free(target) }
        switch git_object_type(target ?? object) {
        case GIT_OBJECT_BLOB: return "blob"
        case GIT_OBJECT_TREE: return "tree"
        default: return nil
        }
    }

    /// Splits a path into components, dropping empty and `.` components and
    /// applying `..` lexically (never above the root).
    private static func components(_ path: String) -> [Substring] {
        var result: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !result.isEmpty { result.removeLast() }
            default: result.append(part)
            }
        }
        return result
    }

    /// The `/`-joined remainder of `path` below `root`, or `nil` if `path` is not inside `root`.
    private static func relative(_ path: [Substring], to root: [Substring]) -> String? {
        guard path.starts(with: root) else { return nil }
        return path.dropFirst(root.count).joined(separator: "/")
    }

    /// Resolves symbolic links in the longest existing prefix of an absolute
    /// path (given as components) and appends the rest unchanged.
    private static func resolvingSymlinks(_ components: [Substring]) -> String {
        var split = components.count
        while split >= 0 {
            let prefix = "/" + components.prefix(split).joined(separator: "/")
            if let real = realpath(prefix, nil) {
                defer { free(real) }
                var base = String(cString: real)
                let rest = components.dropFirst(split)
                if rest.isEmpty { return base }
                if !base.hasSuffix("/") { base += "/" }
                return base + rest.joined(separator: "/")
            }
            split -= 1
        }
        return "/" + components.joined(separator: "/")
    }
}
