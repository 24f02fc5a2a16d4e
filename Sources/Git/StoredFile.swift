import CGit2

/// A file as a commit or the index records it, symbolic links followed inside the repository.
public enum StoredFile: Equatable, Sendable {
    /// A file's bytes; `path` is where the links led (the path asked for, when none was met).
    case file(path: String, bytes: [UInt8])
    /// Nothing at the path, or a folder.
    case missing
    /// A submodule (a gitlink) at `path`, the path asked for or a folder above it: its files
    /// are another repository's.
    case submodule(path: String)
    /// A symbolic link at `path` whose `target` leaves the repository (absolute, or above its root).
    case linkOutside(path: String, target: String)
    /// More than `StoredFile.maxLinks` links met on the way to `path`: a loop, or a chain not followed.
    case tooManyLinks(path: String)

    /// The most symbolic links followed for one path.
    public static let maxLinks = 8

    /// The file's bytes; `nil` for anything but a file.
    public var bytes: [UInt8]? {
        if case .file(_, let bytes) = self { bytes } else { nil }
    }
}

/// What one path of a tree or the index holds, before links are followed.
enum StoredEntry {
    case file(git_oid)
    case link(git_oid)
    case submodule
    case folder

    /// The entry of a git file mode (`GIT_FILEMODE_*`) with its object id.
    init(mode: UInt32, id: git_oid) {
        switch mode {
        case GIT_FILEMODE_LINK.rawValue: self = .link(id)
        case GIT_FILEMODE_COMMIT.rawValue: self = .submodule
        case GIT_FILEMODE_TREE.rawValue: self = .folder
        default: self = .file(id)
        }
    }

    /// Follows `path` (repository-relative, `/`-separated) component by component, as the file
    /// system would: a link's target is read (`read`) and resolved from the link's folder, in
    /// the same tree or index; `lookup` says what a path holds (`nil`: nothing).
    static func follow(
        _ path: String,
        lookup: (String) throws(GitError) -> StoredEntry?,
        read: (git_oid) throws(GitError) -> [UInt8]
    ) throws(GitError) -> StoredFile {
        var pending = path.split(separator: "/").map(String.init)
        var folder: [String] = []
        var links = 0
        var lastLink: (path: String, target: String)?
        while !pending.isEmpty {
            let part = pending.removeFirst()
            if part == "." { continue }
            if part == ".." {
                guard !folder.isEmpty else {
                    // Only a link's target climbs above the root; a path asked for is repository-relative.
                    return lastLink.map { .linkOutside(path: $0.path, target: $0.target) } ?? .missing
                }
                folder.removeLast()
                continue
            }
            let current = (folder + [part]).joined(separator: "/")
            switch try lookup(current) {
            case nil:
                return .missing
            case .folder:
                folder.append(part)
            case .submodule:
                return .submodule(path: current)
            case .file(let id):
                return pending.isEmpty ? .file(path: current, bytes: try read(id)) : .missing
            case .link(let id):
                links += 1
                guard links <= StoredFile.maxLinks else { return .tooManyLinks(path: path) }
                let target = String(decoding: try read(id), as: UTF8.self)
                if target.hasPrefix("/") { return .linkOutside(path: current, target: target) }
                lastLink = (current, target)
                pending = target.split(separator: "/").map(String.init) + pending
            }
        }
        return .missing
    }
}
