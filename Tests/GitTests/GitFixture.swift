import Foundation

/// A scratch folder under the system temp directory holding real repositories
/// built with the `git` CLI, isolated from any global or system git config.
final class GitFixture {
    /// Absolute, symlink-free path of the scratch folder.
    let root: String

    init() throws {
        let base = FileManager.default.temporaryDirectory
            .appendingPathComponent("vlmbot-git-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        root = base.resolvingSymlinksInPath().path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Runs `git <arguments>` in `directory` and returns its trimmed standard output.
    @discardableResult
    func git(_ arguments: [String], in directory: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false",
                             "-c", "tag.gpgsign=false"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": root,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": "/dev/null",
            "GIT_AUTHOR_NAME": "Test Author",
            "GIT_AUTHOR_EMAIL": "author@example.com",
            "GIT_COMMITTER_NAME": "Test Committer",
            "GIT_COMMITTER_EMAIL": "committer@example.com",
            "GIT_AUTHOR_DATE": "2024-01-01T00:00:00Z",
            "GIT_COMMITTER_DATE": "2024-01-01T00:00:00Z",
        ]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw FixtureError.gitFailed(arguments, String(decoding: errData, as: UTF8.self))
        }
        return String(decoding: outData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Creates `name` under the scratch folder and runs `git init` in it.
    func makeRepository(_ name: String = "repo", bare: Bool = false) throws -> String {
        let path = root + "/" + name
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try git(bare ? ["init", "-q", "--bare"] : ["init", "-q"], in: path)
        return path
    }

    /// Writes `contents` to `relativePath` inside `directory`, creating folders as needed.
    func write(_ contents: Data, to relativePath: String, in directory: String) throws {
        let url = URL(fileURLWithPath: directory).appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        try contents.write(to: url)
    }

    /// Writes UTF-8 `text` to `relativePath` inside `directory`.
    func write(_ text: String, to relativePath: String, in directory: String) throws {
        try write(Data(text.utf8), to: relativePath, in: directory)
    }

    /// Stages everything in `directory`, commits with `message` and returns the new commit's SHA.
    @discardableResult
    func commitAll(_ message: String, in directory: String) throws -> String {
        try git(["add", "-A"], in: directory)
        try git(["commit", "-q", "-m", message], in: directory)
        return try git(["rev-parse", "HEAD"], in: directory)
    }
}

enum FixtureError: Error {
    case gitFailed([String], String)
}
