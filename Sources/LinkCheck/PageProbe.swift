import Engine
import Foundation
import Papers
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Web

/// What asking one URL came to, before the run's last word on unknown hosts.
struct ProbeResult: Sendable {
    var status: LinkStatus
    /// The host could not be resolved: dead only if the run shows that names resolve here.
    var noSuchHost = false
    /// A host answered over HTTP, with any status.
    var answered = false
    /// A host reached by name (not an IP address) answered.
    var namedHostAnswered = false

    /// Records that `url`'s host gave an HTTP answer.
    mutating func heard(from url: URL) {
        answered = true
        namedHostAnswered = namedHostAnswered || PageProbe.isNamed(url)
    }
}

/// The time one link may take: `limit` from its first request (time queued for the gate
/// before it does not count), and never past the run's end.
struct LinkBudget {
    let limit: Duration
    let runDeadline: ContinuousClock.Instant
    private(set) var started: ContinuousClock.Instant?

    init(limit: Duration, runDeadline: ContinuousClock.Instant) {
        self.limit = limit
        self.runDeadline = runDeadline
    }

    /// Starts the clock, at the link's first request.
    mutating func begin() {
        if started == nil { started = .now }
    }

    var deadline: ContinuousClock.Instant { min(runDeadline, (started ?? .now) + limit) }
}

/// Asks one URL over HTTP, hop by hop: HEAD, then a GET that stops at the headers when HEAD is
/// refused; redirects followed by hand (at most `maxRedirects`, a loop caught); timeouts,
/// refused connections and 5xx retried with back-off; `Retry-After` obeyed on 429 and 503 up
/// to a cap; every request through the `HostGate`.
struct PageProbe: Sendable {
    let policy: LinkPolicy
    let gate: HostGate
    let sleep: @Sendable (Duration) async -> Void
    /// When the run stops asking.
    let runDeadline: ContinuousClock.Instant

    /// What one request came to.
    enum Answer {
        case status(Int, headers: [String: String])
        /// A redirect; `setsCookie` when it sets a cookie, as sites that loop until a browser sends it back do.
        case redirect(Int, to: URL, setsCookie: Bool)
        case failed(Failure)
    }

    enum Failure {
        case timedOut, refused, noSuchHost, transport(String), outOfTime

        var evidence: String {
            switch self {
            case .timedOut: "no answer"
            case .refused: "connection refused"
            case .noSuchHost: "has no such host"
            case .transport(let message): message
            case .outOfTime: "no answer in the time one link may take"
            }
        }
    }

    /// How a URL is asked: a page HEAD first, an API by GET.
    enum Mode { case page, api }

    /// The status of a page, following its redirects; nil when the run's time ran out first.
    func page(_ url: URL) async -> ProbeResult? {
        var budget = budget()
        var tries = 0
        var chain = [url]
        var movedTo: (url: URL, code: Int)?
        var permanentSoFar = true
        var cookies = false
        var result = ProbeResult(status: LinkStatus(.alive, ""))
        while true {
            let current = chain[chain.count - 1]
            let answer = await ask(current, mode: .page, tries: &tries, budget: &budget)
            switch answer {
            case .status, .redirect: result.heard(from: current)
            case .failed: break
            }
            switch answer {
            case .redirect(let code, let next, let setsCookie):
                cookies = cookies || setsCookie
                permanentSoFar = permanentSoFar && [301, 308].contains(code)
                if permanentSoFar { movedTo = (next, movedTo?.code ?? code) }
                if chain.contains(next) {
                    // A loop that sets cookies is a site wanting a browser's cookie back, not a broken link.
                    let loop = (chain + [next]).map(\.absoluteString).joined(separator: " → ")
                    result.status = cookies
                        ? LinkStatus(.unverified, "redirects in a loop while setting cookies (\(loop))", tries: tries)
                        : LinkStatus(.unreachable, "redirects in a loop (\(loop))", tries: tries)
                    return result
                }
                chain.append(next)
                if chain.count > policy.maxRedirects + 1 {
                    result.status = LinkStatus(.unreachable, "redirects more than \(policy.maxRedirects) times", tries: tries)
                    return result
                }
            case .status(let code, _):
                let via = chain.count > 1 ? " (at \(current.absoluteString), after \(chain.count - 1) redirect\(chain.count == 2 ? "" : "s"))" : ""
                result.status = Self.judge(code, via: via, tries: tries)
                if result.status.verdict == .alive, let movedTo, case let move = Self.move(from: url, to: movedTo.url), move != .canonical {
                    result.status = LinkStatus(.moved, "HTTP \(movedTo.code)", location: movedTo.url.absoluteString,
                                               sameResource: move == .sameResource, tries: tries)
                }
                return result
            case .failed where ContinuousClock.now >= runDeadline:
                // Cut short by the run's end: not enough to judge.
                return nil
            case .failed(let failure):
                result.noSuchHost = if case .noSuchHost = failure { true } else { false }
                result.status = result.noSuchHost
                    ? LinkStatus(.dead, "has no such host (\(current.host ?? ""))", tries: tries)
                    : LinkStatus(.unreachable, failure.evidence, tries: tries)
                return result
            }
        }
    }

    /// The verdict of a final status code.
    static func judge(_ code: Int, via: String, tries: Int) -> LinkStatus {
        switch code {
        case 200..<300: LinkStatus(.alive, "HTTP \(code)", tries: tries)
        case 404, 410: LinkStatus(.dead, "answered HTTP \(code)\(via)", tries: tries)
        case 500..<600: LinkStatus(.unreachable, "HTTP \(code)\(via)", tries: tries)
        default: LinkStatus(.unverified, "answered HTTP \(code)\(via)", tries: tries)
        }
    }

    /// One hop's answer, retried as the policy allows; `tries` counts every request sent. A 429
    /// or 5xx is asked again after the wait `Retry-After` asks for (429, 503) or a back-off;
    /// timeouts and refused connections after a back-off. Any other refusal of a HEAD, or its
    /// last 5xx, is asked once more by GET, as many servers mishandle HEAD.
    func ask(_ url: URL, mode: Mode, tries: inout Int, budget: inout LinkBudget) async -> Answer {
        var method = mode == .page ? "HEAD" : "GET"
        var attempt = 1
        while true {
            guard budget.deadline > .now else { return .failed(.outOfTime) }
            let answer = await send(url, method: method, budget: &budget)
            if case .failed(.outOfTime) = answer { return answer }
            tries += 1
            let wait: Duration
            switch answer {
            case .redirect, .failed(.outOfTime):
                return answer
            case .status(let code, let headers):
                if (200..<300).contains(code) { return answer }
                if code == 429 || (500..<600).contains(code) {
                    let asked = [429, 503].contains(code) ? RetryDelay.retryAfter(headers) : nil
                    let pause = asked ?? backoff(attempt)
                    if pause <= policy.maxRetryAfter, attempt < policy.maxAttempts, ContinuousClock.now + pause < budget.deadline {
                        await sleep(pause)
                        attempt += 1
                        continue
                    }
                }
                guard method == "HEAD", code != 429 else { return answer }
                method = "GET"
                continue
            case .failed(.noSuchHost) where attempt > 1:
                return answer
            case .failed:
                wait = backoff(attempt)
            }
            guard attempt < policy.maxAttempts, ContinuousClock.now + wait < budget.deadline else { return answer }
            await sleep(wait)
            attempt += 1
        }
    }

    private func backoff(_ attempt: Int) -> Duration {
        policy.backoff * (1 << min(attempt - 1, 10))
    }

    /// A fresh budget for one link.
    func budget() -> LinkBudget {
        LinkBudget(limit: policy.linkTimeLimit, runDeadline: runDeadline)
    }

    /// One request, through the gate, read to its headers; the link's budget starts when the
    /// gate lets its first request go.
    private func send(_ url: URL, method: String, budget: inout LinkBudget) async -> Answer {
        let host = Self.hostKey(url)
        let start = await gate.enter(host)
        await sleep(until: start)
        budget.begin()
        let timeLimit = min(policy.requestTimeLimit, budget.deadline - .now)
        guard timeLimit > .zero else {
            await gate.leave(host)
            return .failed(.outOfTime)
        }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeLimit.timeInterval)
        request.httpMethod = method
        request.setValue(policy.userAgent, forHTTPHeaderField: "User-Agent")
        request.setValue("*/*", forHTTPHeaderField: "Accept")
        let result = await Exchange.perform(request, timeLimit: timeLimit, byteLimit: 0, stopsAtHead: true, mayFollow: { _ in false })
        await gate.leave(host)
        switch result {
        case .success(let (response, _)):
            var headers: [String: String] = [:]
            for case let (name as String, value as String) in response.allHeaderFields { headers[name.lowercased()] = value }
            if (300..<400).contains(response.statusCode), let location = headers["location"],
               let next = URL(string: location, relativeTo: url)?.absoluteURL {
                return .redirect(response.statusCode, to: next, setsCookie: headers["set-cookie"] != nil)
            }
            return .status(response.statusCode, headers: headers)
        case .failure(.redirected(let code, let location)):
            guard let location else { return .status(code, headers: [:]) }
            return .redirect(code, to: location, setsCookie: false)
        case .failure(.timedOut):
            return .failed(.timedOut)
        case .failure(.tooLarge):
            return .failed(.transport("an answer too large"))
        case .failure(.transport(let error)):
            switch (error as NSError).code {
            case NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed: return .failed(.noSuchHost)
            case NSURLErrorCannotConnectToHost: return .failed(.refused)
            case NSURLErrorTimedOut: return .failed(.timedOut)
            default: return .failed(.transport(error.localizedDescription))
            }
        }
    }

    private func sleep(until instant: ContinuousClock.Instant) async {
        let wait = instant - .now
        if wait > .zero { await sleep(wait) }
    }

    /// The gate's key for a URL: its host and port.
    static func hostKey(_ url: URL) -> String {
        (url.host?.lowercased() ?? "") + (url.port.map { ":\($0)" } ?? "")
    }

    /// Whether the URL names its host (resolved through DNS) rather than giving an address.
    static func isNamed(_ url: URL) -> Bool {
        guard let host = url.host, !host.isEmpty else { return false }
        return !host.contains(":") && !host.allSatisfy { $0.isNumber || $0 == "." }
    }

    /// What a permanent redirect changed of a link.
    enum Move: Equatable {
        /// Only a `www.` or a trailing slash: the site's canonical form of the same address, not worth a word.
        case canonical
        /// The same resource at a new address: the scheme too (http to https), or a repository of
        /// a code host moved to another owner or name with the rest of its path kept.
        case sameResource
        /// Another page, which may or may not be the one meant.
        case elsewhere
    }

    /// How a permanent redirect from `old` to `new` moved the link.
    static func move(from old: URL, to new: URL) -> Move {
        func plain(_ url: URL) -> (host: String, path: String, query: String) {
            var host = url.host?.lowercased() ?? ""
            if host.hasPrefix("www.") { host.removeFirst(4) }
            var path = url.path
            while path.hasSuffix("/") { path.removeLast() }
            return (host, path, url.query ?? "")
        }
        let (a, b) = (plain(old), plain(new))
        guard a.host == b.host, a.query == b.query else { return .elsewhere }
        if a.path == b.path { return old.scheme?.lowercased() == new.scheme?.lowercased() ? .canonical : .sameResource }
        let oldParts = a.path.split(separator: "/")
        let newParts = b.path.split(separator: "/")
        let renamed = LinkURL.repositoryHosts.contains(a.host) && oldParts.count >= 2 && newParts.count == oldParts.count
            && oldParts.dropFirst(2).elementsEqual(newParts.dropFirst(2))
        return renamed ? .sameResource : .elsewhere
    }
}
