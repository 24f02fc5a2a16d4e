import Foundation
import Markdown

/// A list file to check: where it is, how it is reported, and its validated bytes.
struct ListFile {
    /// File name endings that hold lists when a folder is given.
    static let listExtensions: Set<String> = ["md", "markdown", "mdown", "mkd", "txt"]

    let url: URL
    let displayPath: String
    let source: SourceText

    /// The list files named by command-line paths (files, or folders of lists), read.
    static func resolve(_ paths: [String], in workspace: Workspace) throws(VlmbotError) -> [ListFile] {
        var files: [ListFile] = []
        for location in try locate(paths, in: workspace).files {
            files.append(ListFile(url: location.url, displayPath: location.displayPath,
                                  source: try read(location.url, displayPath: location.displayPath)))
        }
        return files
    }

    /// Where the list files named by command-line paths are, without reading them: each file's
    /// own place (links followed, never out of the root) and its path relative to the root.
    /// A file named twice, or through a link and by its own name, is listed once. With
    /// `allowingGone`, a path inside the repository that names nothing is returned in `gone`
    /// (relative to the root) rather than failing: a change being checked may have moved or
    /// deleted it.
    static func locate(_ paths: [String], in workspace: Workspace,
                       allowingGone: Bool = false) throws(VlmbotError) -> (files: [(url: URL, displayPath: String)], gone: [String]) {
        var locations: [(url: URL, displayPath: String)] = []
        var gone: [String] = []
        for path in paths {
            let url = workspace.url(for: path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                guard allowingGone, let relative = workspace.repositoryPath(of: url) else {
                    throw VlmbotError.file(path, "no such file or folder")
                }
                gone.append(relative)
                continue
            }
            let resolved = try workspace.inside(url, given: path)
            if isDirectory.boolValue {
                locations += try listsInFolder(url, real: resolved.url, given: path, in: workspace)
            } else {
                locations.append((resolved.url, resolved.relativePath))
            }
        }
        var seen = Set<String>()
        return (locations.filter { seen.insert($0.url.path).inserted }, gone)
    }

    /// The files of a folder (not its subfolders) whose ending is a list's; `folder` is the
    /// folder as named, `real` where it is. A file in which no entry is recognised is still
    /// checked: a list in a broken shape must not pass silently.
    private static func listsInFolder(_ folder: URL, real: URL, given: String,
                                      in workspace: Workspace) throws(VlmbotError) -> [(url: URL, displayPath: String)] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: real.path)
        } catch {
            throw VlmbotError.file(given, "cannot read folder: \(error.localizedDescription)")
        }
        var locations: [(url: URL, displayPath: String)] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard listExtensions.contains(url.pathExtension.lowercased()),
                  FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
                  !isDirectory.boolValue else { continue }
            let resolved = try workspace.inside(url, given: (given as NSString).appendingPathComponent(name))
            locations.append((resolved.url, resolved.relativePath))
        }
        guard !locations.isEmpty else {
            throw VlmbotError.file(given, "the folder holds no list files (*.md, *.markdown, *.txt)")
        }
        return locations
    }

    /// Reads a file and checks that it is UTF-8 text; the error names the file and line.
    static func read(_ url: URL, displayPath: String) throws(VlmbotError) -> SourceText {
        try validate(try bytes(of: url, displayPath: displayPath), displayPath: displayPath)
    }

    /// A file's bytes, unchecked; the error names the file.
    static func bytes(of url: URL, displayPath: String) throws(VlmbotError) -> [UInt8] {
        do {
            return Array(try Data(contentsOf: url))
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? error.localizedDescription
            throw VlmbotError.file(displayPath, "cannot read: \(reason)")
        }
    }

    /// How every Git LFS pointer file begins (git-lfs's specification, version 1).
    static let lfsPointerStart = Array("version https://git-lfs.github.com/spec/v1".utf8)
    /// What to do about a Git LFS pointer in the working tree.
    static let lfsPullAdvice = "run `git lfs pull`"

    /// Checks that bytes are UTF-8 text, not a binary file nor a Git LFS pointer standing in
    /// for the list; the error names the file and line. `lfsAdvice` says what to do about a
    /// pointer: a file's can be replaced by its contents, a commit's cannot.
    static func validate(_ bytes: [UInt8], displayPath: String,
                         lfsAdvice: String = lfsPullAdvice) throws(VlmbotError) -> SourceText {
        if bytes.starts(with: lfsPointerStart) {
            throw VlmbotError.file(displayPath, "a Git LFS pointer, not the list: \(lfsAdvice)")
        }
        let source = SourceText(bytes)
        if let offset = source.firstNULOffset {
            let position = source.position(ofOffset: offset)
            throw VlmbotError.file(displayPath, line: position.line, "binary file (a NUL byte at column \(position.column)), not a Markdown list")
        }
        if let offset = source.firstInvalidUTF8Offset {
            let position = source.position(ofOffset: offset)
            let byte = String(source.bytes[offset], radix: 16, uppercase: true)
            throw VlmbotError.file(displayPath, line: position.line, "not UTF-8 text (byte 0x\(byte) at column \(position.column)); save the file as UTF-8")
        }
        return source
    }
}
