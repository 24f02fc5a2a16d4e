import Engine
import EntryRules
import Foundation
import Rules
import Settings

/// vlmbot's default settings: those compiled into it (its `rules/` folder when it was built),
/// or with `VLMBOT_RULES`, the files of a rules folder of the user's own, read at run time.
enum DefaultSettings {
    static let environmentVariable = "VLMBOT_RULES"

    /// The default configuration, with the English word list the spelling rule names.
    static func configuration() throws(VlmbotError) -> Configuration {
        let explicit = ProcessInfo.processInfo.environment[environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
        let files = try explicit.map { folder throws(VlmbotError) in try Self.files(in: folder) }
        do throws(ConfigurationError) {
            guard let explicit, let files else { return try Configuration.builtIn() }
            return try Configuration.bundled(files: files, folder: explicit)
        } catch {
            throw VlmbotError.configuration(error)
        }
    }

    /// The YAML and text files of a rules folder (`VLMBOT_RULES`), by their paths inside it.
    private static func files(in folder: String) throws(VlmbotError) -> [String: String] {
        let root = URL(fileURLWithPath: folder)
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("default.yml").path) else {
            throw VlmbotError.environment(variable: environmentVariable, value: folder, "no default.yml there")
        }
        var files: [String: String] = [:]
        for name in (FileManager.default.subpaths(atPath: folder) ?? []).sorted()
        where (name.hasSuffix(".yml") || name.hasSuffix(".txt")) && !name.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
            files[name] = try text(of: root.appendingPathComponent(name))
        }
        return files
    }

    /// The configuration with the word list the spelling rule's `dictionary` option names
    /// in place of the bundled one; unchanged when the option is empty.
    static func withDictionary(_ configuration: Configuration) throws(VlmbotError) -> Configuration {
        guard let path = SpellingRule.dictionaryPath(in: configuration) else { return configuration }
        return configuration.withDictionary(try text(of: URL(fileURLWithPath: path)))
    }

    private static func text(of url: URL) throws(VlmbotError) -> String {
        let source = try ListFile.read(url, displayPath: url.path)
        return String(decoding: source.bytes, as: UTF8.self)
    }
}
