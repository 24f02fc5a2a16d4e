import Engine
import Foundation
import Git
import Markdown
import Rules
import Settings

/// The configuration a run uses, and where the repository's part of it came from.
struct RunSettings {
    let configuration: Configuration
    /// The repository's `.vlmbot.yml` (or `--config` file), if any.
    let file: URL?
    /// The lists that file names, relative to its folder.
    let repositoryLists: [String]
}

/// Where vlmbot runs: the working directory, the root paths are reported from (and nothing
/// outside which is read or written), and the configuration found upward from the working
/// directory.
struct Workspace {
    let workingDirectory: URL
    /// The repository's work tree; outside a repository, the folder of the `.vlmbot.yml` found
    /// upward from the working directory, or else the working directory.
    let root: URL
    /// The root with every link resolved: no file vlmbot reads or writes lies outside it.
    private let realRoot: String
    private let repository: Repository?

    init() {
        workingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
        repository = try? Repository.discover(from: workingDirectory.path)
        if let workdir = repository?.workdir {
            root = URL(fileURLWithPath: workdir).standardizedFileURL
        } else {
            root = Self.upward(from: workingDirectory, to: nil)
                .first { FileManager.default.fileExists(atPath: $0.path) }?.deletingLastPathComponent() ?? workingDirectory
        }
        realRoot = Self.realPath(root.path) ?? root.path
    }

    /// `path` with every symbolic link resolved (`realpath`); `nil` when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The file or folder `url` names, links followed, and its path relative to the root;
    /// `given` names it in errors. Throws when it lies outside the root: vlmbot never reads
    /// or writes there, whatever a link or a configuration points at.
    func inside(_ url: URL, given: String) throws(VlmbotError) -> (url: URL, relativePath: String) {
        let name = displayPath(of: url, given: given)
        guard let real = Self.realPath(url.path) else { throw VlmbotError.file(name, "no such file or folder") }
        let base = realRoot.hasSuffix("/") ? realRoot : realRoot + "/"
        guard real == realRoot || real.hasPrefix(base) else {
            let place = repository != nil ? "the repository"
                : root == workingDirectory ? "the working directory" : "the folder of \(Configuration.fileName)"
            let link = real == url.standardizedFileURL.path ? "" : "resolves to \(real), "
            throw VlmbotError.file(name, "\(link)outside \(place) (\(realRoot)); vlmbot reads and writes only inside it")
        }
        return (URL(fileURLWithPath: real), String(real.dropFirst(min(real.count, base.count))))
    }

    /// The repository the working directory is in; `option` names what needed it in the error.
    func requireRepository(for option: String) throws(VlmbotError) -> Repository {
        guard let repository else {
            throw VlmbotError.git(option: option, "\(workingDirectory.path) is not in a git repository; run vlmbot inside the list's repository")
        }
        return repository
    }

    /// A path as reported: relative to the repository root when inside it, else as given.
    func displayPath(of url: URL, given: String) -> String {
        if let repository, let relative = repository.relativePath(url.standardizedFileURL.path), !relative.isEmpty {
            return relative
        }
        let base = root.path.hasSuffix("/") ? root.path : root.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : given
    }

    /// The repository-relative path of a place that need not exist; `nil` outside the
    /// repository, or outside any.
    func repositoryPath(of url: URL) -> String? {
        repository?.relativePath(url.path).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A path given on the command line, made absolute against the working directory.
    func url(for path: String) -> URL {
        URL(fileURLWithPath: path, relativeTo: workingDirectory).standardizedFileURL
    }

    /// Where the configuration is looked for, first to last: the file named, or `.vlmbot.yml`
    /// in the working directory and each folder above it, up to the repository root inside a
    /// repository.
    func configurationCandidates(named explicit: String?) -> [URL] {
        if let explicit { return [url(for: explicit)] }
        return Self.upward(from: workingDirectory, to: repository == nil ? nil : root)
    }

    /// `.vlmbot.yml` in `directory` and each folder above it, up to `top` (or the file
    /// system's root).
    private static func upward(from directory: URL, to top: URL?) -> [URL] {
        var candidates: [URL] = []
        var directory = directory
        while true {
            candidates.append(directory.appendingPathComponent(Configuration.fileName))
            if directory.path == top?.path || directory.path == "/" { return candidates }
            directory = directory.deletingLastPathComponent().standardizedFileURL
        }
    }

    /// Whether the working directory is in a git repository.
    var isInRepository: Bool { repository != nil }

    /// The list a repository with no configuration has: `README.md` at its root (or
    /// `readme.md`, `README.markdown`, in any case), `nil` outside a repository. Throws when
    /// the root cannot be read.
    func readme() throws(VlmbotError) -> URL? {
        guard repository != nil else { return nil }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: root.path)
        } catch {
            throw VlmbotError.file(root.path, "cannot read the repository's root folder")
        }
        for wanted in ["README.md", "README.markdown"] {
            let matches = names.filter { name in
                var isFolder: ObjCBool = false
                return name.lowercased() == wanted.lowercased()
                    && FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &isFolder)
                    && !isFolder.boolValue
            }.sorted()
            if let name = matches.contains(wanted) ? wanted : matches.first {
                return root.appendingPathComponent(name)
            }
        }
        return nil
    }

    /// The repository-relative paths a configuration is looked for at.
    func configurationPaths(named explicit: String?) -> [String] {
        configurationCandidates(named: explicit).compactMap { repository?.relativePath($0.path) }
    }

    /// vlmbot's defaults with the repository's configuration laid over them: the one on disk,
    /// or with `revision`, the one that commit holds, so that a pull request is checked with
    /// its base's configuration rather than one it brings. A configuration named outside the
    /// repository is read from disk either way.
    func settings(explicitFile: String?, at revision: String? = nil) throws(VlmbotError) -> RunSettings {
        let defaults = try DefaultSettings.configuration()
        for candidate in configurationCandidates(named: explicitFile) {
            guard let (name, bytes) = try configurationBytes(candidate, at: revision) else { continue }
            let source = try ListFile.validate(bytes, displayPath: name)
            let repository: Configuration
            do {
                repository = try Configuration.parse(String(decoding: source.bytes, as: UTF8.self), file: name)
            } catch {
                throw VlmbotError.configuration(error)
            }
            repository.notices.forEach(Terminal.error)
            return RunSettings(configuration: try DefaultSettings.withDictionary(defaults.merged(with: repository)), file: candidate,
                               repositoryLists: repository.lists)
        }
        if let explicitFile {
            throw VlmbotError.file(explicitFile, "no such configuration file\(revision.map { " at \($0)" } ?? "")")
        }
        return RunSettings(configuration: try DefaultSettings.withDictionary(defaults), file: nil, repositoryLists: [])
    }

    /// A configuration file's name (as errors give it) and bytes, read from disk or, with
    /// `revision`, from that commit when the file lies in the repository; `nil` when absent.
    private func configurationBytes(_ url: URL, at revision: String?) throws(VlmbotError) -> (String, [UInt8])? {
        let name = displayPath(of: url, given: url.path)
        guard let revision, let repository, let path = repository.relativePath(url.path) else {
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            return (name, try ListFile.bytes(of: url, displayPath: name))
        }
        let file: StoredFile
        do {
            file = try repository.file(atPath: path, revision: revision)
        } catch {
            throw VlmbotError.git(option: "--base \(revision)", error.description)
        }
        let committed = "\(path) at \(revision)"
        return try file.contents(committed).map { (committed, $0.bytes) }
    }
}
