import ArgumentParser
import Foundation
import Git
import Markdown
import Reporters
import Settings

/// The `vlmbot` command: reviews curated Markdown paper lists.
@main
struct Vlmbot: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vlmbot",
        abstract: "Review and fix curated Markdown paper lists (awesome lists).",
        version: versions,
        subcommands: [CheckCommand.self, FormatCommand.self, EntriesCommand.self, RulesCommand.self, ReviewCommand.self,
                      InitCommand.self, AddCommand.self]
    )

    /// The `User-Agent` of every request vlmbot sends to a public site or API.
    static let userAgent = "vlmbot/\(Report.toolVersion) (https://github.com/vlmbot/vlmbot)"

    /// `vlmbot --version`: vlmbot's version and those of the libraries it runs on.
    static var versions: String {
        """
        vlmbot \(Report.toolVersion)
        libgit2 \(Repository.libgit2Version)
        cmark-gfm \(MarkdownParser.cmarkVersion)
        """
    }

    /// Runs a subcommand with the documented exit codes: 0 clean, 1 findings, 2 the run could
    /// not be done (bad arguments, unreadable input, bad configuration), with one line on stderr.
    static func main() async {
        let code: Int32
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
            code = 0
        } catch let exit as ExitCode {
            code = exit.rawValue
        } catch let error as VlmbotError {
            Terminal.error(error.description)
            code = ExitCode.runFailed
        } catch {
            let status = exitCode(for: error)
            if status == .success {
                print(fullMessage(for: error))
                code = 0
            } else {
                Terminal.error(oneLineMessage(for: error) + " (see 'vlmbot --help')")
                code = ExitCode.runFailed
            }
        }
        Foundation.exit(code)
    }

    /// ArgumentParser's message for a usage error, with its list of valid values (one
    /// `  - value` a line, as for `--format`) joined on the line: `… one of the following: a, b`.
    static func oneLineMessage(for error: Error) -> String {
        message(for: error).replacingOccurrences(of: ":\n  - ", with: ": ").replacingOccurrences(of: "\n  - ", with: ", ")
    }
}

extension ExitCode {
    /// At least one finding at or above the `--fail-on` level.
    static let findings: Int32 = 1
    /// The run could not be done.
    static let runFailed: Int32 = 2
}

/// Why a run could not be done (exit 2), said in one line: what it is about (a file and
/// line, a setting, a git ref), what is wrong, and what to do.
enum VlmbotError: Error, CustomStringConvertible {
    /// A file or folder, perhaps at a line: a list, a configuration, a path given.
    case file(String, line: Int? = nil, String)
    /// The value an environment variable holds.
    case environment(variable: String, value: String, String)
    /// The repository or a git ref, named by the option that asked for it (`--base`).
    case git(option: String, String)
    /// A configuration file, its own error naming its file and line.
    case configuration(ConfigurationError)
    /// Posting the review to GitHub.
    case gitHub(String)
    /// How vlmbot was run, or where it was put.
    case usage(String)

    var description: String {
        switch self {
        case .file(let path, let line, let problem): line.map { "\(path):\($0): \(problem)" } ?? "\(path): \(problem)"
        case .environment(let variable, let value, let problem): "\(variable)=\(value): \(problem)"
        case .git(let option, let problem): "\(option): \(problem)"
        case .configuration(let error): error.description
        case .gitHub(let problem): "review: \(problem)"
        case .usage(let problem): problem
        }
    }
}

/// Writing to the terminal's streams.
enum Terminal {
    /// Writes one line to standard error, prefixed with the tool's name. Control characters in
    /// the message (from a file name, a configuration key or value, a ref) are shown as
    /// escapes, so it stays one line that no workflow runner or terminal acts on.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("vlmbot: \(ControlCharacters.escaped(message))\n".utf8))
    }

    /// Writes text to standard output as is.
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Whether standard output is a terminal that may be coloured (`NO_COLOR` unset or empty).
    static var colorsOutput: Bool {
        isatty(STDOUT_FILENO) == 1 && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }
}
