import Foundation
import PackagePlugin

/// Compiles vlmbot's `rules/` folder (default settings, vocabulary, word lists, list profiles)
/// into the target it is applied to, so the executable needs no file beside it. The folder
/// stays the one source, edited as data; `vlmbot-embed` writes its YAML and text files as a
/// Swift source on every build that changes one.
@main
struct EmbedRules: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "rules")
        let names = (FileManager.default.subpaths(atPath: folder.path) ?? [])
            .filter { name in
                !name.split(separator: "/").contains { $0.hasPrefix(".") }
                    && (name.hasSuffix(".yml") || name.hasSuffix(".txt"))
            }
            .sorted()
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedRules.swift")
        return [
            .buildCommand(
                displayName: "Embedding vlmbot's rules folder",
                executable: try context.tool(named: "vlmbot-embed").url,
                arguments: [folder.path, output.path] + names,
                inputFiles: names.map { folder.appending(path: $0) },
                outputFiles: [output]
            ),
        ]
    }
}
