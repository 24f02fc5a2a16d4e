import Engine
import Foundation
import Lists
import Markdown
import Rules
import Settings
import Testing

/// vlmbot's default settings as compiled into it (its `rules/` folder), as the command line
/// reads them, and the seed lists.
enum DefaultRules {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("rules")

    static let configuration: Configuration = {
        do {
            return try Configuration.builtIn()
        } catch {
            fatalError("the built-in rules do not load: \(error)")
        }
    }()

    /// The bundled seed lists, beside the rules folder.
    static let seedsFolder = folder.deletingLastPathComponent().appendingPathComponent("seeds")

    /// The seeds' file names without their ending, in order.
    static let seedNames: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: seedsFolder.path)) ?? [])
        .map { ($0 as NSString).deletingPathExtension }.sorted()

    /// The seed whose file name starts with `prefix` (`"002"`, or a whole name), parsed.
    static func seed(_ prefix: String) throws -> ListDocument {
        let names = try FileManager.default.contentsOfDirectory(atPath: seedsFolder.path)
        let name = try #require(names.sorted().first { $0.hasPrefix(prefix) }, "no seed named \(prefix)")
        return ListParser.parse(SourceText(Array(try Data(contentsOf: seedsFolder.appendingPathComponent(name)))))
    }

    /// The context a rule runs in with the bundled defaults.
    static func context(for rule: RuleDescription) -> RuleContext {
        RuleContext(vocabulary: configuration.vocabulary, options: configuration.rules[rule.id]?.options ?? [:],
                    links: rule.exampleLinks)
    }
}
