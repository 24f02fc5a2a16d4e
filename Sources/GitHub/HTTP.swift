import Foundation
import Web
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Reporters

/// A successful answer.
struct HTTPAnswer: Sendable {
    /// `METHOD /path`, for messages.
    var request: String
    var status: Int
    var headers: [String: String]
    var body: Data
}

extension GitHubClient {
    /// The most pages read from one list (100 items each).
    static let pageLimit = 100

    /// Every item of a paginated list, following `Link: <…>; rel="next"`.
    func pages(_ first: URL, waited: inout Duration) async throws(GitHubError) -> [JSONValue] {
        var next: URL? = URL(string: first.absoluteString + "?per_page=100")
        var items: [JSONValue] = []
        var count = 0
        while let url = next {
            let answer = try await send("GET", url, body: nil, waited: &waited)
            guard let page = JSONValue.parse(answer.body)?.arrayValue else {
                throw .invalidResponse(request: answer.request, reason: "the answer is not a JSON array")
            }
            items += page
            count += 1
            next = try nextPage(answer)
            if next != nil, count == Self.pageLimit {
                throw .invalidResponse(request: answer.request, reason: "more than \(Self.pageLimit) pages")
            }
        }
        return items
    }

    /// The `rel="next"` target of the answer's `Link` header; it must be on the API's origin,
    /// since the token goes with it.
    func nextPage(_ answer: HTTPAnswer) throws(GitHubError) -> URL? {
        guard let link = answer.headers["link"] else { return nil }
        for part in link.split(separator: ",") {
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.dropFirst().contains(where: { $0 == "rel=\"next\"" || $0 == "rel=next" }),
                  let target = fields.first, target.hasPrefix("<"), target.hasSuffix(">") else { continue }
            guard let url = URL(string: String(target.dropFirst().dropLast())),
                  Self.sameOrigin(url, configuration.apiURL) else {
                throw .invalidResponse(request: answer.request,
                                       reason: "the next page is not on \(configuration.apiURL.absoluteString)")
            }
            return url
        }
        return nil
    }

    /// Whether two URLs have the same scheme, host and port (the default port when none is
    /// given): the only places the token may go.
    static func sameOrigin(_ url: URL, _ other: URL) -> Bool {
        func origin(_ url: URL) -> (String?, String?, Int?) {
            let scheme = url.scheme?.lowercased()
            return (scheme, url.host?.lowercased(), url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : nil))
        }
        return origin(url) == origin(other)
    }

    /// `host` or `host:port`, for messages.
    static func hostName(_ url: URL) -> String {
        oneLine((url.host ?? "?") + (url.port.map { ":\($0)" } ?? ""))
    }

    /// Sends a request, retrying 5xx and rate limits; `waited` is the time already spent
    /// waiting in this operation.
    func send(_ method: String, _ url: URL, body: Data?, waited: inout Duration) async throws(GitHubError) -> HTTPAnswer {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData,
                                 timeoutInterval: configuration.timeLimit.timeInterval)
        request.httpMethod = method
        request.setValue("Bearer \(configuration.token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/vnd.github+json", forHTTPHeaderField: "Accept")
        request.setValue("2022-11-28", forHTTPHeaderField: "X-GitHub-Api-Version")
        request.setValue("\(Report.toolName)/\(Report.toolVersion)", forHTTPHeaderField: "User-Agent")
        if let body {
            request.setValue("application/json; charset=utf-8", forHTTPHeaderField: "Content-Type")
            request.httpBody = body
        }
        let label = "\(method) \(url.path)"
        let api = configuration.apiURL
        var attempt = 1
        while true {
            let answer: HTTPAnswer
            switch await Exchange.perform(request, timeLimit: configuration.timeLimit, byteLimit: configuration.answerByteLimit,
                                          mayFollow: { Self.sameOrigin($0, api) }) {
            case .success(let (response, data)):
                var headers: [String: String] = [:]
                for case let (name as String, value as String) in response.allHeaderFields {
                    headers[name.lowercased()] = value
                }
                answer = HTTPAnswer(request: label, status: response.statusCode, headers: headers, body: data)
            case .failure(.redirected(let status, let location)):
                throw .redirected(request: label, status: status, location: location.map(Self.hostName))
            case .failure(.timedOut):
                throw .timedOut(request: label, host: Self.hostName(api), limit: configuration.timeLimit)
            case .failure(.tooLarge):
                throw .answerTooLarge(request: label, host: Self.hostName(api), limit: configuration.answerByteLimit)
            case .failure(.transport(let error)):
                throw .transport(request: label, reason: redacted(error.localizedDescription))
            }
            if (200..<300).contains(answer.status) { return answer }
            let message = redacted(Self.message(of: answer))
            guard let wait = retryDelay(answer, message: message, attempt: attempt) else {
                throw failure(answer, message: message)
            }
            guard attempt < configuration.maxAttempts else {
                throw .retriesExhausted(request: label, status: answer.status, attempts: attempt, message: message)
            }
            let budgetLeft = max(configuration.maxWait - waited, .zero)
            guard wait <= budgetLeft else {
                throw .retryBudgetExceeded(request: label, status: answer.status, wait: wait, budgetLeft: budgetLeft)
            }
            await sleep(wait)
            waited += wait
            attempt += 1
        }
    }

    /// How long to wait before retrying, or nil when the answer is not worth retrying: 5xx
    /// (after `Retry-After`, else 1, 2, 4… s) and rate limits (403 or 429 with `Retry-After`,
    /// or with `x-ratelimit-remaining: 0` until `x-ratelimit-reset`; a minute for a secondary
    /// limit that names no time).
    func retryDelay(_ answer: HTTPAnswer, message: String, attempt: Int) -> Duration? {
        let retryAfter = RetryDelay.retryAfter(answer.headers, now: now())
        if answer.status >= 500 { return retryAfter ?? RetryDelay.backoff(attempt: attempt) }
        guard answer.status == 403 || answer.status == 429 else { return nil }
        if let retryAfter { return retryAfter }
        if answer.headers["x-ratelimit-remaining"]?.trimmingCharacters(in: .whitespaces) == "0",
           let reset = answer.headers["x-ratelimit-reset"].flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }) {
            return .seconds(max(1, Int((reset - now().timeIntervalSince1970).rounded(.up))))
        }
        if answer.status == 429 || message.localizedCaseInsensitiveContains("rate limit") { return .seconds(60) }
        return nil
    }

    /// The error for an answer that is not retried.
    func failure(_ answer: HTTPAnswer, message: String) -> GitHubError {
        let request = answer.request
        switch answer.status {
        case 401:
            return .badCredentials(request: request)
        case 403 where message.localizedCaseInsensitiveContains("Resource not accessible by integration"):
            return .readOnlyToken(request: request)
        case 403:
            return .forbidden(request: request, message: message.isEmpty ? "no message" : message)
        case 404:
            return .notFound(request: request)
        case 422:
            let first = JSONValue.parse(answer.body)?["errors"]?.arrayValue?.first
            let detail = first.flatMap { error in
                error.stringValue ?? error["message"]?.stringValue
                    ?? [error["resource"]?.stringValue, error["field"]?.stringValue, error["code"]?.stringValue].compactMap { $0 }
                        .joined(separator: " ")
            }
            return .validationFailed(request: request, message: message.isEmpty ? "Validation Failed" : message,
                                     detail: detail.map { redacted(Self.oneLine($0)) }.flatMap { $0.isEmpty ? nil : $0 })
        default:
            return .unexpectedStatus(request: request, status: answer.status, message: message)
        }
    }

    /// GitHub's `message`, on one line; else the start of a non-JSON body.
    static func message(of answer: HTTPAnswer) -> String {
        if let json = JSONValue.parse(answer.body) { return oneLine(json["message"]?.stringValue ?? "") }
        return oneLine(String(decoding: answer.body.prefix(200), as: UTF8.self))
    }

    /// Text on one line of at most 300 characters.
    static func oneLine(_ text: String) -> String {
        let words = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
        let scalars = words.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) }
        let line = String(scalars)
        return line.count > 300 ? String(line.prefix(299)) + "…" : line
    }

    /// Text with the token replaced, in case a server quotes it back.
    func redacted(_ text: String) -> String {
        configuration.token.isEmpty ? text : text.replacingOccurrences(of: configuration.token, with: "***")
    }
}
