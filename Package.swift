// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "vlmbot",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "vlmbot", targets: ["vlmbot"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(name: "Git", dependencies: ["CGit2"]),
        .target(name: "Markdown", dependencies: ["CCmark"]),
        .target(name: "Papers", dependencies: ["Markdown"]),
        .target(name: "Lists", dependencies: ["Papers", "Markdown"]),
        .target(name: "Settings", dependencies: ["Lists", "Papers", "Markdown", .product(name: "Yams", package: "Yams")]),
        .target(name: "Evidence", dependencies: ["Settings", "Lists", "Papers", "Markdown"]),
        .target(name: "Engine", dependencies: ["Evidence", "Settings", "Lists", "Papers", "Markdown"]),
        .target(name: "MarkupRules", dependencies: ["Engine", "Evidence", "Settings", "Lists", "Papers", "Markdown"]),
        .target(name: "LinkRules", dependencies: ["Engine", "Evidence", "Settings", "Lists", "Papers", "Markdown"]),
        .target(name: "EntryRules", dependencies: ["Engine", "Evidence", "Settings", "Lists", "Papers", "Markdown"]),
        // vlmbot's rules/ folder, compiled in by the EmbedRules plugin (its tool: vlmbot-embed).
        .executableTarget(name: "vlmbot-embed"),
        .plugin(name: "EmbedRules", capability: .buildTool(), dependencies: ["vlmbot-embed"]),
        .target(name: "BundledRules", plugins: ["EmbedRules"]),
        .target(name: "Rules", dependencies: ["Engine", "MarkupRules", "LinkRules", "EntryRules", "Evidence", "Settings", "BundledRules"]),
        .target(name: "Metadata", dependencies: ["Papers"]),
        .target(name: "Placement", dependencies: ["Evidence", "Metadata", "Settings", "Lists", "Papers"]),
        .target(name: "Authoring", dependencies: ["Engine", "Evidence", "Format", "Lists", "Papers", "Markdown", "Metadata", "Placement", "Settings"]),
        .target(name: "Survey", dependencies: ["Engine", "Evidence", "Settings", "Lists", "Papers", "Markdown"]),
        .target(name: "Format", dependencies: ["Engine", "Rules", "Settings", "Lists", "Papers", "Markdown"]),
        .target(name: "Reporters", dependencies: ["Engine", "LinkRules", "Rules", "Settings", "Lists", "Papers", "Markdown"]),
        .target(name: "Web"),
        .target(name: "Lookup", dependencies: ["Metadata", "Web", "Markdown"]),
        .target(name: "GitHub", dependencies: ["Reporters", "Web"]),
        .target(name: "LinkCheck", dependencies: ["Engine", "Evidence", "Lookup", "Papers", "Web"]),
        .executableTarget(
            name: "vlmbot",
            dependencies: [
                "Authoring", "Git", "GitHub", "LinkCheck", "Lists", "Lookup", "Metadata", "Papers", "Placement", "Markdown", "Settings", "Engine", "Rules", "EntryRules", "Survey", "Format", "Reporters",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The fuzz target (`scripts/fuzz`); built normally, it replays inputs.
        .executableTarget(name: "vlmbot-fuzz", dependencies: ["Lists", "Papers", "Markdown", "Settings", "Engine", "Rules", "Format", "Reporters"]),
        .testTarget(name: "GitTests", dependencies: ["Git"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "ListsTests", dependencies: ["Lists", "Papers", "Markdown"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RulesTests", dependencies: ["Engine", "Rules", "MarkupRules", "LinkRules", "EntryRules", "Evidence", "Settings", "Format", "Lists", "Papers", .product(name: "PropertyBased", package: "swift-property-based")],
                    exclude: ["Fixtures"]),
        .testTarget(name: "ReportersTests", dependencies: ["Reporters", "Engine", "Rules", "Settings", "Lists", "Papers", "Markdown"]),
        // A loopback HTTP server for the tests of the clients at the edge.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "GitHubTests", dependencies: ["GitHub", "Reporters", "Engine", "Markdown", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["vlmbot", "vlmbot-fuzz", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "MetadataTests", dependencies: ["Metadata"]),
        .testTarget(name: "AuthoringTests", dependencies: ["Authoring", "Metadata", "Rules", "Settings", "Lists", "Papers", "Markdown", "Engine"]),
        .testTarget(name: "PlacementTests", dependencies: ["Placement", "Metadata", "Rules", "Settings", "Lists", "Markdown"]),
        .testTarget(name: "LookupTests", dependencies: ["Lookup", "Metadata", "TestSupport"]),
        .testTarget(name: "LinkCheckTests", dependencies: ["LinkCheck", "Engine", "Lookup", "TestSupport"]),
        .testTarget(name: "SurveyTests", dependencies: ["Survey", "Engine", "Rules", "Settings", "Lists", "Markdown"]),
        .testTarget(name: "CorpusTests", dependencies: ["Lists", "Papers", "Markdown", "Placement"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
