import Foundation
import Testing

/// What the binary prints about hostile names and text stays on its lines: one stderr line per
/// error, no line a workflow runner reads as a command, no terminal control sequence.
@Suite struct HostileOutputTests {
    /// A file name that would print a workflow command if a newline in it reached the output.
    static let hostileName = "a\n::error::pwned.md"

    /// The lines of an output, split at every line break a runner or terminal honours.
    static func lines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    }

    /// One line ending in a line break, naming `vlmbot`, with no control character in it.
    static func expectOneLine(_ stderr: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(lines(stderr).count == 2 && stderr.hasPrefix("vlmbot: ") && stderr.hasSuffix("\n"),
                "not one line: \(stderr.debugDescription)", sourceLocation: sourceLocation)
        #expect(!stderr.dropLast().unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) },
                "a control character: \(stderr.debugDescription)", sourceLocation: sourceLocation)
    }

    @Test func missingListWithANewlineInItsNameIsOneStderrLine() throws {
        let folder = try TemporaryFolder()
        let result = try CLIRunner.run(["check", Self.hostileName], in: folder.url)
        #expect(result.status == 2 && result.stdout.isEmpty)
        Self.expectOneLine(result.stderr)
        #expect(result.stderr.contains(#"a\n::error::pwned.md"#))
        #expect(!Self.lines(result.stderr).contains { $0.hasPrefix("::") })
    }

    @Test func unreadableListWithANewlineInItsNameIsOneStderrLine() throws {
        let folder = try TemporaryFolder()
        try folder.write(Self.hostileName, [0x2D, 0x20, 0xFF, 0xFE, 0x0A])
        let result = try CLIRunner.run(["check", Self.hostileName], in: folder.url)
        #expect(result.status == 2 && result.stdout.isEmpty)
        Self.expectOneLine(result.stderr)
        #expect(!Self.lines(result.stderr).contains { $0.hasPrefix("::") })
    }

    @Test func unknownFormatIsOneLine() throws {
        let folder = try TemporaryFolder()
        try folder.write("list.md", "# L\n")
        let result = try CLIRunner.run(["check", "list.md", "--format", "bogus"], in: folder.url)
        #expect(result.status == 2 && result.stdout.isEmpty)
        Self.expectOneLine(result.stderr)
        #expect(result.stderr.contains("'bogus'") && result.stderr.contains("text, json, github, sarif, rdjsonl, markdown, review"))
        let hostile = try CLIRunner.run(["check", "list.md", "--format", "x\n::error::pwned\u{1B}[2J"], in: folder.url)
        #expect(hostile.status == 2)
        Self.expectOneLine(hostile.stderr)
    }

    @Test func configurationKeysAndValuesAreEchoedOnOneLine() throws {
        let folder = try TemporaryFolder()
        try folder.write("list.md", "# L\n")
        for yaml in ["\"bad\\u001Bkey\\n::error::x\": 1\n", "rules:\n  \"x\\n::warning::y\": off\n",
                     "lists: [\"\\u202Elist\\n::add-mask::z.md\"]\n"] {
            try folder.write(".vlmbot.yml", yaml)
            let result = try CLIRunner.run(["check"], in: folder.url)
            #expect(result.status == 2, "\(yaml)")
            Self.expectOneLine(result.stderr)
            #expect(!result.stderr.unicodeScalars.contains("\u{202E}"))
        }
    }

    @Test func refWithANewlineIsEchoedOnOneLine() throws {
        let repository = try TemporaryRepository()
        try repository.commit(["list.md": "# L\n"], message: "first")
        let result = try CLIRunner.run(["check", "--base", "nope\n::error::x"], in: repository.url)
        #expect(result.status == 2)
        Self.expectOneLine(result.stderr)
    }

    @Test func textOutputShowsAPercentDecodedEscapeSequenceAsText() throws {
        let folder = try TemporaryFolder()
        try folder.write("list.md", "# Papers\n\n## Contents\n\n- [Go](#x%1B%5D0%3Bpwned%07)\n\n## Section\n\n"
            + "- [A Fine Paper Title](https://arxiv.org/abs/2301.00001)\n")
        let result = try CLIRunner.run(["check", "list.md"], in: folder.url, environment: ["NO_COLOR": "1"])
        #expect(!result.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(result.stdout.contains(#"'#x\u{1B}]0;pwned\u{7}'"#), "\(result.stdout)")
    }

    @Test func fileNamesCannotStartAWorkflowCommandOnStdout() throws {
        let folder = try TemporaryFolder()
        try folder.write(Self.hostileName, "# L\n\n##Section\n\n- [A Fine Paper Title](https://arxiv.org/abs/2301.00001)\n")
        for format in ["text", "github"] {
            let result = try CLIRunner.run(["check", Self.hostileName, "--format", format], in: folder.url,
                                           environment: ["NO_COLOR": "1"])
            #expect(result.status == 1, "\(format): \(result.stderr)")
            let lines = Self.lines(result.stdout).filter { !$0.isEmpty }
            #expect(!lines.isEmpty)
            if format == "github" {
                // Every line is one annotation; the name is escaped in the file property.
                #expect(lines.allSatisfy { $0.hasPrefix("::error ") || $0.hasPrefix("::warning ") || $0.hasPrefix("::notice ") },
                        "\(result.stdout)")
                #expect(result.stdout.contains("::error file=a%0A%3A%3Aerror%3A%3Apwned.md,"), "\(result.stdout)")
            } else {
                #expect(!lines.contains { $0.hasPrefix("::") }, "\(result.stdout)")
            }
        }
        for flag in ["--check", "--diff"] {
            let format = try CLIRunner.run(["format", flag, Self.hostileName], in: folder.url)
            #expect(format.stdout.contains(#"a\n::error::pwned.md"#), "\(flag): \(format.stderr)")
            #expect(!Self.lines(format.stdout).contains { $0.hasPrefix("::") }, "\(flag): \(format.stdout)")
        }
    }
}
