import ArgumentParser
import Reporters

/// The output formats of `vlmbot check`.
enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json

    func reporter() -> any Reporter {
        switch self {
        case .text: TextReporter(useColor: Terminal.colorsOutput)
        case .json: JSONReporter()
        }
    }
}
