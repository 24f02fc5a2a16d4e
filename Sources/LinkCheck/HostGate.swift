/// Who may send a request now: at most `concurrency` requests in flight over all hosts, at
/// most `perHost` to one host, and the starts of two requests to one host at least `spacing`
/// apart. A request holds its place from `enter` to `leave`, its spacing wait included.
actor HostGate {
    private let concurrency: Int
    private let perHost: Int
    private let spacing: Duration
    private var running = 0
    private var runningByHost: [String: Int] = [:]
    private var nextStart: [String: ContinuousClock.Instant] = [:]
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(concurrency: Int, perHost: Int, spacing: Duration) {
        self.concurrency = max(1, concurrency)
        self.perHost = max(1, perHost)
        self.spacing = spacing
    }

    /// Waits for a place for a request to `host` and takes it; returns when the request may
    /// start (now, or later to keep the host's spacing).
    func enter(_ host: String) async -> ContinuousClock.Instant {
        while running >= concurrency || runningByHost[host, default: 0] >= perHost {
            await withCheckedContinuation { waiting.append($0) }
        }
        running += 1
        runningByHost[host, default: 0] += 1
        let now = ContinuousClock.now
        let start = max(now, nextStart[host] ?? now)
        nextStart[host] = start + spacing
        return start
    }

    /// Gives the place back and lets the waiting look again.
    func leave(_ host: String) {
        running -= 1
        runningByHost[host, default: 1] -= 1
        let woken = waiting
        waiting = []
        woken.forEach { $0.resume() }
    }
}
