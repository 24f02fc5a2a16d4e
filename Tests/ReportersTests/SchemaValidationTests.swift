import Engine
import Foundation
import Lists
import Markdown
import Reporters
import Settings
import Testing

/// Validates SARIF and rdjsonl output against the published schemas with Python's `jsonschema`
/// (as `scripts/validate-outputs` does for the CLI). Skipped, saying why, when python3, the
/// package or the schemas are missing.
@Suite(.enabled(if: SchemaValidator.shared.unavailableReason == nil,
                Comment(rawValue: SchemaValidator.shared.unavailableReason ?? "")))
struct SchemaValidationTests {
    let validator = SchemaValidator.shared

    /// A report that uses everything: multi-byte columns, fixes that insert, replace and take
    /// line breaks, related locations, every severity, a rule outside `Linter.allRules`.
    static let handMade = Fixtures.report([
        Fixtures.heading,
        Fixtures.finding("some-rule", .warning, Fixtures.hostile, fix: Fix(replacements: [
            Replacement(range: Fixtures.range(3, 10, 3, 13), text: ":)"),
            Replacement(range: Fixtures.range(2, 1, 2, 2), text: ""),
        ]), related: [Fixtures.range(1, 3, 1, 8)]),
        Fixtures.finding("whitespace", .note, "blank", at: SourceRange(lines: 2, 2, in: Fixtures.source)),
    ])

    /// The bundled seeds, checked with the default settings.
    static func seedsReport() throws -> Report {
        let folder = SchemaValidator.packageRoot.appendingPathComponent("seeds")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        let linter = Linter(configuration: Configuration())
        var files: [CheckedFile] = []
        var findings: [Finding] = []
        for name in names {
            let source = SourceText(Array(try Data(contentsOf: folder.appendingPathComponent(name))))
            let document = ListParser.parse(source)
            files.append(CheckedFile(path: "seeds/" + name, entryCount: document.entries.count, source: source))
            findings += linter.lint(document, path: "seeds/" + name)
        }
        return Report(files: files, findings: findings)
    }

    @Test func sarifIsValid() throws {
        for report in [Self.handMade, try Self.seedsReport()] {
            let result = try validator.validate(SARIFReporter().render(report), schema: "sarif-schema-2.1.0.json", lines: false)
            #expect(result.valid, "\(result.output)")
        }
    }

    @Test func rdjsonlIsValid() throws {
        let seeds = try Self.seedsReport()
        #expect(!seeds.findings.isEmpty)
        for report in [Self.handMade, seeds] {
            let result = try validator.validate(RDJSONLReporter().render(report), schema: "rdjson/Diagnostic.json", lines: true)
            #expect(result.valid, "\(result.output)")
        }
    }

    /// The validator itself must catch a bad document, or the tests above prove nothing.
    @Test func invalidOutputIsCaught() throws {
        let sarif = SARIFReporter().render(Self.handMade).replacingOccurrences(of: #""level":"error""#, with: #""level":"fatal""#)
        #expect(try !validator.validate(sarif, schema: "sarif-schema-2.1.0.json", lines: false).valid)
        let rdjsonl = RDJSONLReporter().render(Self.handMade).replacingOccurrences(of: #""severity":"INFO""#, with: #""severity":"LOW""#)
        #expect(try !validator.validate(rdjsonl, schema: "rdjson/Diagnostic.json", lines: true).valid)
    }
}

/// Runs python3's `jsonschema` over a document or over each line of a JSON-lines text.
struct SchemaValidator: Sendable {
    static let shared = SchemaValidator()

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `SCHEMAS_DIR`, or `../shared/schemas` beside the package.
    let schemas: URL
    /// Why validation cannot run here; nil when it can.
    let unavailableReason: String?

    init() {
        let configured = ProcessInfo.processInfo.environment["SCHEMAS_DIR"].map { URL(fileURLWithPath: $0, relativeTo: Self.packageRoot) }
        schemas = configured ?? Self.packageRoot.appendingPathComponent("../shared/schemas").standardizedFileURL
        if !FileManager.default.fileExists(atPath: schemas.appendingPathComponent("sarif-schema-2.1.0.json").path) {
            unavailableReason = "no SARIF schema in \(schemas.path) (set SCHEMAS_DIR)"
        } else if let status = try? Self.run(["python3", "-c", "import jsonschema"]).status, status == 0 {
            unavailableReason = nil
        } else {
            unavailableReason = "python3 with the jsonschema package is not available"
        }
    }

    static let script = """
    import json, sys, jsonschema
    schema_path, data_path, mode = sys.argv[1:4]
    schema = json.load(open(schema_path, encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    text = open(data_path, encoding="utf-8").read()
    documents = [json.loads(line) for line in text.splitlines() if line.strip()] if mode == "lines" else [json.loads(text)]
    bad = 0
    for number, document in enumerate(documents, 1):
        for error in validator.iter_errors(document):
            bad += 1
            print(f"document {number} at {'/'.join(map(str, error.absolute_path))}: {error.message[:200]}")
    print(f"{len(documents)} documents, {bad} errors")
    sys.exit(1 if bad or not documents else 0)
    """

    func validate(_ text: String, schema: String, lines: Bool) throws -> (valid: Bool, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("vlmbot-schema-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try Self.run(["python3", "-c", Self.script, schemas.appendingPathComponent(schema).path, file.path,
                                   lines ? "lines" : "document"])
        return (result.status == 0, result.output)
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
