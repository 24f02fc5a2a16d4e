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
        for location in try locate(paths, in: workspace) {
            files.append(ListFile(url: location.url, displayPath: location.displayPath,
                                  source: try read(location.url, displayPath: location.displayPath)))
        }
        return files
    }

    /// Where the list files named by command-line paths are, without reading them.
    static func locate(_ paths: [String], in workspace: Workspace) throws(VlmbotError) -> [(url: URL, displayPath: String)] {
        var locations: [(url: URL, displayPath: String)] = []
        for path in paths {
            let url = workspace.url(for: path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw VlmbotError("\(path): no such file or folder")
            }
            if isDirectory.boolValue {
                locations += try listsInFolder(url, given: path, in: workspace)
            } else {
                locations.append((url, workspace.displayPath(of: url, given: path)))
            }
        }
        return locations
    }

    /// The files of a folder (not its subfolders) whose ending is a list's. A file in which no
    /// entry is recognised is still checked: a list in a broken shape must not pass silently.
    private static func listsInFolder(_ folder: URL, given: String,
                                      in workspace: Workspace) throws(VlmbotError) -> [(url: URL, displayPath: String)] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw VlmbotError("\(given): cannot read folder: \(error.localizedDescription)")
        }
        var locations: [(url: URL, displayPath: String)] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard listExtensions.contains(url.pathExtension.lowercased()),
                  FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
                  !isDirectory.boolValue else { continue }
            locations.append((url, workspace.displayPath(of: url, given: (given as NSString).appendingPathComponent(name))))
        }
        guard !locations.isEmpty else {
            throw VlmbotError("\(given): the folder holds no list files (*.md, *.markdown, *.txt)")
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
            throw VlmbotError("\(displayPath): cannot read: \(reason)")
        }
    }

    /// Checks that bytes are UTF-8 text, not a binary file; the error names the file and line.
    static func validate(_ bytes: [UInt8], displayPath: String) throws(VlmbotError) -> SourceText {
        let source = SourceText(bytes)
        if let offset = source.firstNULOffset {
            let position = source.position(ofOffset: offset)
            throw VlmbotError("\(displayPath):\(position.line): binary file (a NUL byte at column \(position.column)), not a Markdown list")
        }
        if let offset = source.firstInvalidUTF8Offset {
            let position = source.position(ofOffset: offset)
            let byte = String(source.bytes[offset], radix: 16, uppercase: true)
            throw VlmbotError("\(displayPath):\(position.line): not UTF-8 text (byte 0x\(byte) at column \(position.column)); save the file as UTF-8")
        }
        return source
    }
}
