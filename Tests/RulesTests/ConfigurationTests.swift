import Rules
import Testing

@Suite struct ConfigurationTests {
    @Test func readsLists() throws {
        let configuration = try Configuration.parse("version: 1\nlists:\n  - seeds/\n  - README.md\n", file: ".vlmbot.yml")
        #expect(configuration.lists == ["seeds/", "README.md"])
        #expect(try Configuration.parse("", file: "empty.yml") == Configuration())
    }

    @Test(arguments: [
        ("version: 1\nlist: [a.md]\n", 2, "unknown key 'list'"),
        ("version: 2\n", 1, "'version' must be 1"),
        ("lists: a.md\n", 1, "'lists' must be a non-empty list"),
        ("lists:\n  - [a]\n", 2, "'lists' must be a non-empty list"),
        ("- a\n", 1, "expected a mapping"),
        ("lists: [a.md\n", 2, "not valid YAML"),
    ])
    func errorsNameFileLineAndKey(yaml: String, line: Int, message: String) {
        #expect {
            try Configuration.parse(yaml, file: "conf.yml")
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.file == "conf.yml" && error.line == line && error.description.contains(message)
                && error.description.hasPrefix("conf.yml:\(line): ")
        }
    }
}
