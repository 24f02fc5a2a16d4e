import Foundation
import Git
import Markdown
import Rules

/// The configuration a run uses, and where the repository's part of it came from.
struct Settings {
    let configuration: Configuration
    /// The repository's `.vlmbot.yml` (or `--config` file), if any.
    let file: URL?
    /// The lists that file names, relative to its folder.
    let repositoryLists: [String]
}

/// Where vlmbot runs: the working directory, the repository root paths are reported from,
/// and the configuration found upward from the working directory.
struct Workspace {
    let workingDirectory: URL
    /// The repository's work tree, or the working directory outside a repository.
    let root: URL
    private let repository: Repository?

    init() {
        workingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
        repository = try? Repository.discover(from: workingDirectory.path)
        root = repository?.workdir.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? workingDirectory
    }

    /// The repository the working directory is in; `option` names what needed it in the error.
    func requireRepository(for option: String) throws(VlmbotError) -> Repository {
        guard let repository else {
            throw VlmbotError("\(option): \(workingDirectory.path) is not in a git repository; run vlmbot inside the list's repository")
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

    /// A path given on the command line, made absolute against the working directory.
    func url(for path: String) -> URL {
        URL(fileURLWithPath: path, relativeTo: workingDirectory).standardizedFileURL
    }

    /// The configuration file: the one named, or `.vlmbot.yml` found upward from the working
    /// directory, up to the repository root inside a repository.
    func configurationFile(named explicit: String?) throws(VlmbotError) -> URL? {
        if let explicit {
            let url = url(for: explicit)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw VlmbotError("\(explicit): no such configuration file")
            }
            return url
        }
        var directory = workingDirectory
        while true {
            let candidate = directory.appendingPathComponent(Configuration.fileName)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            if (repository != nil && directory.path == root.path) || directory.path == "/" { return nil }
            directory = directory.deletingLastPathComponent().standardizedFileURL
        }
    }

    /// vlmbot's defaults with the repository's configuration laid over them.
    func settings(explicitFile: String?) throws(VlmbotError) -> Settings {
        let defaults = try RulesFolder.defaultConfiguration()
        guard let file = try configurationFile(named: explicitFile) else {
            return Settings(configuration: RulesFolder.withDictionary(defaults), file: nil, repositoryLists: [])
        }
        let repository = try configuration(at: file)
        return Settings(configuration: RulesFolder.withDictionary(defaults.merged(with: repository)), file: file,
                        repositoryLists: repository.lists)
    }

    /// Reads and validates a configuration file.
    private func configuration(at url: URL) throws(VlmbotError) -> Configuration {
        let name = displayPath(of: url, given: url.path)
        let source = try ListFile.read(url, displayPath: name)
        do {
            return try Configuration.parse(String(decoding: source.bytes, as: UTF8.self), file: name)
        } catch {
            throw VlmbotError(error.description)
        }
    }
}
