import Foundation
import Rules

/// vlmbot's bundled `rules/` folder, read as the command line reads it.
enum DefaultRules {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("rules")

    static let configuration: Configuration = {
        func text(_ name: String) -> String {
            (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
        }
        do {
            var configuration = try Configuration.parse(text("default.yml"), file: "rules/default.yml")
            configuration.vocabulary = try Vocabulary.parse(text("vocabulary.yml"), file: "rules/vocabulary.yml")
            configuration.vocabulary.words.formUnion(Vocabulary.words(fromList: text("words.txt")))
            if let path = SpellingRule.dictionaryPath(in: configuration),
               let dictionary = try? String(contentsOfFile: path, encoding: .utf8) {
                configuration.vocabulary.dictionary = WordList(dictionaryText: dictionary)
            }
            return configuration
        } catch {
            fatalError("the bundled rules folder does not load: \(error)")
        }
    }()

    /// The context a rule runs in with the bundled defaults.
    static func context(for rule: RuleDescription) -> RuleContext {
        RuleContext(vocabulary: configuration.vocabulary, options: configuration.rules[rule.id]?.options ?? [:])
    }
}
