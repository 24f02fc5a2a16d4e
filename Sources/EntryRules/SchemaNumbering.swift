import Engine
import Evidence
import Foundation
import Lists
import Markdown

/// The numbers of tables whose first column is an index (`#`, `No.`, `ID`): runs of rows
/// numbered one after another, a table either starting a run at 1 or continuing the run of
/// the table before it.
struct SchemaNumbering {
    /// A row's number and where it is written.
    struct Number {
        let value: Int
        let range: SourceRange
    }

    /// Numbers that should follow on from each other, across the tables of the run.
    struct Run {
        /// +1 for rising numbers, -1 for falling ones (newest first).
        let step: Int
        var numbers: [Number]
        /// The number the run's first table starts at when it neither starts at 1 nor continues
        /// the run before, with that run's last number.
        var wrongStart: (number: Number, previousLast: Int?)?
    }

    let runs: [Run]

    /// The runs of the tables whose first header is one of `indexHeaders` (compared without case)
    /// and whose first cells are all whole numbers, at least half of them rising (or falling) by one.
    init(tables: [SchemaTable], indexHeaders: [String]) {
        let headers = Set(indexHeaders.map { $0.lowercased() })
        var runs: [Run] = []
        for table in tables {
            guard let first = table.table.header.first,
                  headers.contains(first.trimming(.whitespaces).lowercased()),
                  let numbers = Self.numbers(of: table), let step = Self.step(of: numbers) else { continue }
            if var last = runs.last, last.step == step, let previous = last.numbers.last,
               numbers[0].value == previous.value + step {
                last.numbers += numbers
                runs[runs.count - 1] = last
                continue
            }
            var run = Run(step: step, numbers: numbers)
            if step == 1, numbers[0].value != 1 {
                run.wrongStart = (numbers[0], runs.last { $0.step == 1 }?.numbers.last?.value)
            }
            runs.append(run)
        }
        self.runs = runs
    }

    /// The first cells of a table's rows, when every one is a whole number.
    private static func numbers(of table: SchemaTable) -> [Number]? {
        let numbers = table.rows.map { row -> Number? in
            guard let cell = row.cells.first, let range = cell.range, cell.text.allSatisfy(\.isASCII),
                  let value = Int(cell.text), value >= 0 else { return nil }
            return Number(value: value, range: range)
        }
        guard !numbers.isEmpty, numbers.allSatisfy({ $0 != nil }) else { return nil }
        return numbers.compactMap { $0 }
    }

    /// +1 or -1, whichever more neighbouring numbers follow; nil when fewer than half do.
    private static func step(of numbers: [Number]) -> Int? {
        let steps = zip(numbers, numbers.dropFirst()).map { $1.value - $0.value }
        guard !steps.isEmpty else { return 1 }
        let rising = steps.filter { $0 == 1 }.count
        let falling = steps.filter { $0 == -1 }.count
        let step = rising >= falling ? 1 : -1
        return max(rising, falling) * 2 >= steps.count ? step : nil
    }
}

extension SchemaNumbering.Run {
    /// A place where the numbering breaks: the number, what it should be, and the numbers from
    /// it to the end of the run shifted so that the run follows on again.
    struct Break {
        let number: SchemaNumbering.Number
        let expected: Int
        let renumbered: [Replacement]
    }

    /// Every number that does not follow the one before it.
    var breaks: [Break] {
        numbers.indices.dropFirst().compactMap { index in
            let expected = numbers[index - 1].value + step
            let shift = numbers[index].value - expected
            guard shift != 0 else { return nil }
            let renumbered = numbers[index...].map { Replacement(range: $0.range, text: String($0.value - shift)) }
            return Break(number: numbers[index], expected: expected, renumbered: renumbered)
        }
    }
}
