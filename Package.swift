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
        .target(name: "Lists", dependencies: ["Markdown"]),
        .target(name: "Settings", dependencies: ["Lists", "Markdown", .product(name: "Yams", package: "Yams")]),
        .target(name: "Evidence", dependencies: ["Settings", "Lists", "Markdown"]),
        .target(name: "Rules", dependencies: ["Evidence", "Settings", "Lists", "Markdown"]),
        .target(name: "Format", dependencies: ["Rules", "Settings", "Lists", "Markdown"]),
        .target(name: "Reporters", dependencies: ["Rules", "Settings", "Lists", "Markdown"]),
        .target(name: "GitHub", dependencies: ["Reporters"]),
        .executableTarget(
            name: "vlmbot",
            dependencies: [
                "Git", "GitHub", "Lists", "Markdown", "Settings", "Rules", "Format", "Reporters",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The fuzz target (`scripts/fuzz`); built normally, it replays inputs.
        .executableTarget(name: "vlmbot-fuzz", dependencies: ["Lists", "Markdown", "Settings", "Rules", "Format", "Reporters"]),
        .testTarget(name: "GitTests", dependencies: ["Git"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "ListsTests", dependencies: ["Lists", "Markdown"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RulesTests", dependencies: ["Rules", "Evidence", "Settings", "Format", "Lists", .product(name: "PropertyBased", package: "swift-property-based")],
                    exclude: ["Fixtures"]),
        .testTarget(name: "ReportersTests", dependencies: ["Reporters", "Rules", "Settings", "Lists", "Markdown"]),
        .testTarget(name: "GitHubTests", dependencies: ["GitHub", "Reporters", "Rules", "Markdown"]),
        .testTarget(name: "CLITests", dependencies: ["vlmbot", "vlmbot-fuzz"]),
        .testTarget(name: "CorpusTests", dependencies: ["Lists", "Markdown"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
