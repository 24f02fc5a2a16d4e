import Papers

/// Writes a date the way another is written: `2023-03-30`, `2023/10`, `202110`, `Oct., 2024`,
/// `3rd Jun., 2024`, `ICLR'23` all keep their form with another day, month and year.
public enum DateForm {
    /// `date` (year, month, day) in the form of `example`; nil when the form needs a part the
    /// date lacks (a day, a month) or its parts cannot be told apart (`3/3`).
    public static func render(_ date: (year: Int, month: Int?, day: Int?), like example: EntryDate) -> String? {
        let tokens = DateToken.scan(example.text)
        var result = ""
        var previousEnd = 0
        let utf8 = Array(example.text.utf8)
        var usedMonth = false, usedDay = false
        for (index, token) in tokens.enumerated() {
            result += String(decoding: utf8[previousEnd..<token.start], as: UTF8.self)
            previousEnd = token.end
            let text = String(token.text)
            switch token.kind {
            case .number:
                guard let value = token.value else { return nil }
                let digits = text.count
                if digits == 8, value == compact(example.year, example.month, example.day) {
                    guard let month = date.month, let day = date.day else { return nil }
                    result += String(date.year) + padded(month, 2) + padded(day, 2)
                } else if digits == 6, let month = example.month, example.day == nil, value == example.year * 100 + month {
                    guard let month = date.month else { return nil }
                    result += String(date.year) + padded(month, 2)
                } else if digits == 4, value == example.year {
                    result += String(date.year)
                } else if digits <= 2, let role = role(of: value, example: example, usedMonth: usedMonth, usedDay: usedDay,
                                                       ordinal: index + 1 < tokens.count && ordinalSuffix(tokens[index + 1].text) != nil,
                                                       afterYear: tokens[..<index].contains { $0.kind == .number && $0.text.count == 4 }) {
                    switch role {
                    case .twoDigitYear: result += padded(date.year % 100, 2)
                    case .month:
                        guard let month = date.month else { return nil }
                        usedMonth = true
                        result += digits == 2 ? padded(month, 2) : String(month)
                    case .day:
                        guard let day = date.day else { return nil }
                        usedDay = true
                        result += digits == 2 ? padded(day, 2) : String(day)
                    }
                } else {
                    return nil
                }
            case .word:
                if let suffix = ordinalSuffix(token.text), index > 0, tokens[index - 1].kind == .number, !token.spaced {
                    guard let day = date.day else { return nil }
                    result += cased(ordinal(day), like: suffix)
                } else if let month = DateText.months[text.lowercased()], month == example.month {
                    guard let newMonth = date.month else { return nil }
                    usedMonth = true
                    result += monthName(newMonth, like: text)
                } else {
                    result += text
                }
            case .other:
                result += text
            }
        }
        result += String(decoding: utf8[previousEnd...], as: UTF8.self)
        // Every part the example shows must have been written.
        if example.month != nil, !usedMonth, !containsCompact(example) { return nil }
        if example.day != nil, !usedDay, !containsCompact(example) { return nil }
        return result
    }

    private enum Role { case twoDigitYear, month, day }

    /// What a number of one or two digits is in the example: the one part it can only be. A
    /// day equal to the month is told apart by an ordinal suffix (`3rd`, a day) or by coming
    /// after the year (`2023-03-03`: the month comes first); `03/03/2023` stays ambiguous.
    private static func role(of value: Int, example: EntryDate, usedMonth: Bool, usedDay: Bool, ordinal: Bool,
                             afterYear: Bool) -> Role? {
        var roles: [Role] = []
        if value == example.year % 100, !example.text.contains(String(example.year)) { roles.append(.twoDigitYear) }
        if value == example.month, !usedMonth, !ordinal { roles.append(.month) }
        if value == example.day, !usedDay { roles.append(.day) }
        if roles == [.month, .day], afterYear { return .month }
        return roles.count == 1 ? roles[0] : nil
    }

    private static func compact(_ year: Int, _ month: Int?, _ day: Int?) -> Int? {
        guard let month, let day else { return nil }
        return year * 10_000 + month * 100 + day
    }

    private static func containsCompact(_ example: EntryDate) -> Bool {
        DateToken.scan(example.text).contains { $0.kind == .number && $0.text.count >= 6 }
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// `st`, `nd`, `rd`, `th` after a day number.
    private static func ordinalSuffix(_ text: Substring) -> Substring? {
        ["st", "nd", "rd", "th"].contains(text.lowercased()) ? text : nil
    }

    /// The suffix that makes a day an ordinal (`1st`, `22nd`, `13th`).
    private static func ordinal(_ day: Int) -> String {
        (11...13).contains(day % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][day % 10] ?? "th"
    }

    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                                     "September", "October", "November", "December"]

    /// A month's name as long and in the case the example writes one (`Jun`, `JUNE`, `june`).
    private static func monthName(_ month: Int, like example: String) -> String {
        let full = monthNames[month - 1]
        let isFull = monthNames.contains { $0.lowercased() == example.lowercased() }
        let name = isFull ? full : month == 9 && example.count == 4 ? "Sept" : String(full.prefix(3))
        return cased(name, like: Substring(example))
    }

    private static func cased(_ text: String, like example: Substring) -> String {
        if example.allSatisfy({ $0.isUppercase }) { return text.uppercased() }
        if example.allSatisfy({ $0.isLowercase }) { return text.lowercased() }
        return text.prefix(1).uppercased() + text.dropFirst().lowercased()
    }
}
