import CGit2

/// A git object id (SHA-1), copied out of a libgit2 `git_oid`.
public struct ObjectID: Hashable, Sendable, CustomStringConvertible {
    /// The raw id bytes (20 for SHA-1).
    public let bytes: [UInt8]

    /// Copies the bytes of a libgit2 object id.
    init(_ oid: UnsafePointer<git_oid>) {
        bytes = withUnsafeBytes(of: oid.pointee.id) { Array($0) }
    }

    /// The id as a libgit2 `git_oid`, for passing back into libgit2.
    var oid: git_oid {
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { raw in
            for (index, byte) in bytes.prefix(raw.count).enumerated() { raw[index] = byte }
        }
        return oid
    }

    /// The id git gives these bytes as a file's content (`git hash-object`): computed, stored nowhere.
    public static func blob(of bytes: [UInt8]) throws(GitError) -> ObjectID {
        try LibGit2.ensureInitialized()
        var oid = git_oid()
        _ = try check(bytes.withUnsafeBytes { git_odb_hash(&oid, $0.baseAddress, $0.count, GIT_OBJECT_BLOB) }, "git_odb_hash")
        return withUnsafePointer(to: &oid) { ObjectID($0) }
    }

    /// The first seven hexadecimal digits, as `git log --oneline` shows them.
    var abbreviated: String { String(description.prefix(7)) }

    /// Lower-case hexadecimal form, e.g. `3b18e512dba79e4c8300dd08aeb37f8e728b8dad`.
    public var description: String {
        let digits: [Character] = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }
}
