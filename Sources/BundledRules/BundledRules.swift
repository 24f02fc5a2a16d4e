import Foundation

/// vlmbot's `rules/` folder as it was when vlmbot was built (the `EmbedRules` build plugin
/// compiles it in): the default settings, the vocabulary, the word lists and the list
/// profiles, by their paths inside the folder.
public enum BundledRules {
    /// Each file's text by its path inside the folder (`default.yml`, `profiles/x.yml`).
    public static let files: [String: String] = Dictionary(
        encodedFiles.map { file in
            (file.name, Data(base64Encoded: file.base64).map { String(decoding: $0, as: UTF8.self) } ?? "")
        },
        uniquingKeysWith: { first, _ in first }
    )
}
