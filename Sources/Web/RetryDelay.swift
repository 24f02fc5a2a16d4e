import Foundation

/// How long a client waits before asking again, by what the server said: the one place the
/// edge clients read `Retry-After` and back off.
public enum RetryDelay {
    /// The wait a `Retry-After` header asks for (seconds; an HTTP date is read as a date), if any.
    public static func retryAfter(_ headers: [String: String], now: Date = Date()) -> Duration? {
        guard let value = headers["retry-after"]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int(value) { return .seconds(max(seconds, 0)) }
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return format.date(from: value).map { .seconds(max(0, Int($0.timeIntervalSince(now).rounded(.up)))) }
    }

    /// 1, 2, 4… seconds for the first, second, third… retry.
    public static func backoff(attempt: Int) -> Duration {
        .seconds(1 << min(max(attempt - 1, 0), 10))
    }
}
