import Foundation
import Engine
import EntryRules
import Rules
import Settings

/// vlmbot's own `rules/` folder (default settings, vocabulary, word list): found from
/// `VLMBOT_RULES`, else upward from the executable, so a binary built in a checkout finds
/// the checkout's data.
enum RulesFolder {
    static let environmentVariable = "VLMBOT_RULES"

    /// The folder holding `default.yml`.
    static func locate() throws(VlmbotError) -> URL {
        if let explicit = ProcessInfo.processInfo.environment[environmentVariable], !explicit.isEmpty {
            let url = URL(fileURLWithPath: explicit)
            guard FileManager.default.fileExists(atPath: url.appendingPathComponent("default.yml").path) else {
                throw VlmbotError.environment(variable: environmentVariable, value: explicit, "no default.yml there")
            }
            return url
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0], relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        var folder = (Bundle.main.executableURL ?? executable).resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("rules")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("default.yml").path) {
                return candidate
            }
            folder.deleteLastPathComponent()
        }
        throw VlmbotError.usage("cannot find vlmbot's rules folder next to the executable; set \(environmentVariable) to it")
    }

    /// The default configuration: `default.yml`, with `vocabulary.yml`, `words.txt` and the
    /// list profiles of `profiles/*.yml`.
    static func defaultConfiguration() throws(VlmbotError) -> Configuration {
        let folder = try locate()
        func named(_ name: String, in folder: URL = folder) throws(VlmbotError) -> (text: String, file: String) {
            let url = folder.appendingPathComponent(name)
            return (try text(of: url), url.path)
        }
        let profilesFolder = folder.appendingPathComponent("profiles")
        var profiles: [(text: String, file: String)] = []
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: profilesFolder.path)) ?? []).sorted()
        where name.hasSuffix(".yml") {
            profiles.append(try named(name, in: profilesFolder))
        }
        let (defaults, vocabulary, words) = (try named("default.yml"), try named("vocabulary.yml"), try named("words.txt"))
        do throws(ConfigurationError) {
            return try Configuration.bundled(defaults: defaults, vocabulary: vocabulary, words: words.text, profiles: profiles)
        } catch {
            throw VlmbotError.configuration(error)
        }
    }

    /// The configuration with the spelling rule's English word list read into its vocabulary,
    /// once per run, from the file the rule's `dictionary` option names. A missing or unreadable
    /// file leaves the list empty: the spelling rule then reports nothing.
    static func withDictionary(_ configuration: Configuration) -> Configuration {
        guard let path = SpellingRule.dictionaryPath(in: configuration),
              let text = try? String(contentsOfFile: path, encoding: .utf8) else { return configuration }
        return configuration.withDictionary(text)
    }

    private static func text(of url: URL) throws(VlmbotError) -> String {
        let source = try ListFile.read(url, displayPath: url.path)
        return String(decoding: source.bytes, as: UTF8.self)
    }
}
