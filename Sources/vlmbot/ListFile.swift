import Foundation
import Markdown

/// A list file to check: where it is, how it is reported, and its validated bytes.
struct ListFile {
    /// File name endings that hold lists when a folder is given.
    static let listExtensions: Set<String> = ["md", "markdown", "mdown", "mkd", "txt"]

    let url: URL
    let displayPath: String
    let source: SourceText

    /// The list files named by command-line paths (files, or folders of lists), or by the
    /// configuration when no path is given.
    static func resolve(_ paths: [String], in workspace: Workspace) throws(VlmbotError) -> [ListFile] {
        var files: [ListFile] = []
        for path in paths {
            let url = workspace.url(for: path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw VlmbotError("\(path): no such file or folder")
            }
            if isDirectory.boolValue {
                files += try listsInFolder(url, given: path, in: workspace)
            } else {
                let displayPath = workspace.displayPath(of: url, given: path)
                files.append(ListFile(url: url, displayPath: displayPath, source: try read(url, displayPath: displayPath)))
            }
        }
        return files
    }

    /// The files of a folder (not its subfolders) whose ending is a list's. A file in which no
    /// entry is recognised is still checked: a list in a broken shape must not pass silently.
    private static func listsInFolder(_ folder: URL, given: String, in workspace: Workspace) throws(VlmbotError) -> [ListFile] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw VlmbotError("\(given): cannot read folder: \(error.localizedDescription)")
        }
        var files: [ListFile] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard listExtensions.contains(url.pathExtension.lowercased()),
                  FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
                  !isDirectory.boolValue else { continue }
            let displayPath = workspace.displayPath(of: url, given: (given as NSString).appendingPathComponent(name))
            files.append(ListFile(url: url, displayPath: displayPath, source: try read(url, displayPath: displayPath)))
        }
        guard !files.isEmpty else {
            throw VlmbotError("\(given): the folder holds no list files (*.md, *.markdown, *.txt)")
        }
        return files
    }

    /// Reads a file and checks that it is UTF-8 text; the error names the file and line.
    static func read(_ url: URL, displayPath: String) throws(VlmbotError) -> SourceText {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? error.localizedDescription
            throw VlmbotError("\(displayPath): cannot read: \(reason)")
        }
        let source = SourceText(Array(data))
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
