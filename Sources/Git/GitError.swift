import CGit2
import Foundation

/// An error reported by libgit2: the function that failed, its error code and
/// class, and the message libgit2 recorded for the calling thread.
public struct GitError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Name of the libgit2 function that returned the error, e.g. `git_revparse_single`.
    public let function: String
    /// The negative `git_error_code` returned by the function (e.g. `-3` for `GIT_ENOTFOUND`).
    public let code: Int32
    /// The `git_error_t` class from `git_error_last()`, or `0` when libgit2 recorded none.
    public let errorClass: Int32
    /// The one-line message from `git_error_last()`.
    public let message: String

    /// Creates an error from its parts.
    public init(function: String, code: Int32, errorClass: Int32, message: String) {
        self.function = function
        self.code = code
        self.errorClass = errorClass
        self.message = message
    }

    /// Whether libgit2 reported that the requested object, reference or path does not exist.
    public var isNotFound: Bool { code == GIT_ENOTFOUND.rawValue }

    /// Whether the error is a missing object or reference, as when a shallow
    /// clone's history stops before it. libgit2 reports a missing parent met
    /// while walking history as a plain `GIT_ERROR` of class `GIT_ERROR_ODB`,
    /// the class a corrupt object also has, so the message tells them apart.
    var isMissing: Bool {
        isNotFound || (errorClass == Int32(GIT_ERROR_ODB.rawValue) && message.hasPrefix("object not found"))
    }

    /// One line: `<function> failed: <message>`.
    public var description: String { "\(function) failed: \(message)" }

    /// The same error with `note` appended to its message in parentheses.
    func adding(_ note: String) -> GitError {
        GitError(function: function, code: code, errorClass: errorClass, message: "\(message) (\(note))")
    }
}

/// Turns a libgit2 return value into a thrown `GitError` when it is negative.
///
/// Must be called on the thread that made the libgit2 call, right after it,
/// because `git_error_last()` is thread-local.
@discardableResult
func check(_ result: Int32, _ function: String) throws(GitError) -> Int32 {
    guard result < 0 else { return result }
    var errorClass: Int32 = 0
    var message = "unknown error (code \(result))"
    if let last = git_error_last() {
        errorClass = last.pointee.klass
        if let text = last.pointee.message {
            let line = String(cString: text)
                .split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
                .joined(separator: " ")
            if !line.isEmpty { message = line }
        }
    }
    throw GitError(function: function, code: result, errorClass: errorClass, message: message)
}

/// Process-wide libgit2 initialisation, performed once on first use.
enum LibGit2 {
    /// Result of the single `git_libgit2_init()` call; Swift runs this lazy
    /// global initialiser exactly once, thread-safely. Objects are not hashed again on every
    /// read: a list of 20 MB would cost tens of milliseconds a side.
    private static let initResult: Int32 = {
        let result = git_libgit2_init()
        return result < 0 ? result : vlmbot_git_skip_hash_verification()
    }()

    /// Initialises libgit2 if needed and throws if that failed.
    static func ensureInitialized() throws(GitError) {
        try check(initResult, "git_libgit2_init")
    }
}

extension Repository {
    /// The version of the libgit2 library vlmbot runs on (`1.5.1`).
    public static var libgit2Version: String {
        var (major, minor, revision): (Int32, Int32, Int32) = (0, 0, 0)
        _ = git_libgit2_version(&major, &minor, &revision)
        return "\(major).\(minor).\(revision)"
    }
}
