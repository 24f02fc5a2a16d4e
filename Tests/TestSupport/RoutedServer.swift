import Foundation
import Glibc

/// How a `RoutedServer` answers one request.
public enum Route: Sendable {
    /// A whole answer; `{base}` in a header value or the body becomes `http://127.0.0.1:PORT`.
    case reply(Int, headers: [String: String] = [:], body: String = "")
    /// A 200 whose declared body of `bytes` is sent in 64 KiB chunks for as long as the client reads.
    case largeBody(bytes: Int)
    /// The status line, then one byte of a header every 100 ms: a head that never ends.
    case drip
    /// Reads the request and never answers.
    case silence
}

/// A real HTTP/1.1 server on 127.0.0.1 and an ephemeral port that answers every connection
/// on its own thread by a routing function of the request and how many times its path was
/// asked before (`Connection: close`). It records each request, the most requests it was
/// answering at once, and the body bytes it sent; it serves at most `maxConnections` and stops
/// by itself after `lifetime`, or when `stop()` is called.
public final class RoutedServer: @unchecked Sendable {
    public let port: UInt16
    public var base: String { "http://127.0.0.1:\(port)" }

    private let listener: Int32
    private let route: @Sendable (RecordedRequest, Int) -> Route
    private let deadline: Date
    private let maxConnections: Int
    private let lock = NSLock()
    private var recorded: [RecordedRequest] = []
    private var askedByPath: [String: Int] = [:]
    private var answering = 0
    private var mostAnswering = 0
    private var bodyBytes = 0
    private var stopping = false
    private let finished = DispatchSemaphore(value: 0)

    public init(lifetime: TimeInterval = 120, maxConnections: Int = 4_000,
                route: @escaping @Sendable (RecordedRequest, Int) -> Route) throws {
        self.route = route
        self.maxConnections = maxConnections
        deadline = Date().addingTimeInterval(lifetime)
        let (fd, port) = try boundLoopbackSocket()
        guard listen(fd, 128) == 0 else {
            close(fd)
            throw LoopbackServer.ServerError.socket("listen")
        }
        listener = fd
        self.port = port
        Thread { [self] in serve() }.start()
    }

    /// A port on 127.0.0.1 nothing listens on: a connection to it is refused.
    public static func closedPort() throws -> UInt16 {
        let (fd, port) = try boundLoopbackSocket()
        close(fd)
        return port
    }

    /// Every request so far, in the order they were read.
    public var requests: [RecordedRequest] { lock.withLock { recorded } }
    /// The requests for one path (`/a`), query aside.
    public func requests(to path: String) -> [RecordedRequest] { requests.filter { $0.path == path } }
    /// The most requests the server was answering at one time.
    public var mostAtOnce: Int { lock.withLock { mostAnswering } }
    /// The body bytes sent for `.largeBody` routes.
    public var bodyBytesSent: Int { lock.withLock { bodyBytes } }

    /// Stops accepting and waits for the accepting thread to end (at most one poll interval).
    public func stop() {
        let first = lock.withLock { () -> Bool in
            defer { stopping = true }
            return !stopping
        }
        if first { finished.wait() }
    }

    private var shouldStop: Bool { lock.withLock { stopping } || Date() >= deadline }

    private func serve() {
        defer {
            close(listener)
            finished.signal()
        }
        var served = 0
        while served < maxConnections, !shouldStop {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 20) > 0 else { continue }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            served += 1
            Thread { [self] in
                handle(connection)
                close(connection)
            }.start()
        }
    }

    private func handle(_ connection: Int32) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer: [UInt8] = []
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        while buffer.firstRange(of: separator) == nil {
            guard let chunk = receive(connection) else { return }
            buffer += chunk
        }
        let headEnd = buffer.firstRange(of: separator)!
        let head = String(decoding: buffer[..<headEnd.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let parts = head[0].split(separator: " ")
        guard parts.count == 3 else { return }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(buffer[headEnd.upperBound...])
        let length = min(Int(headers["content-length"] ?? "0") ?? 0, 1 << 20)
        while body.count < length, let chunk = receive(connection) { body += chunk }
        let target = String(parts[1])
        let request = RecordedRequest(method: String(parts[0]), path: String(target.prefix { $0 != "?" }),
                                      query: target.firstIndex(of: "?").map { String(target[target.index(after: $0)...]) },
                                      headers: headers, body: String(decoding: body.prefix(length), as: UTF8.self))
        let asked = lock.withLock { () -> Int in
            recorded.append(request)
            defer { askedByPath[request.path, default: 0] += 1 }
            answering += 1
            mostAnswering = max(mostAnswering, answering)
            return askedByPath[request.path, default: 0]
        }
        var answered = false
        func done() {
            if !answered { lock.withLock { answering -= 1 } }
            answered = true
        }
        defer { done() }
        switch route(request, asked) {
        case .reply(let status, let extra, let body):
            let content = Array(body.replacingOccurrences(of: "{base}", with: base).utf8)
            let bytes = Array(Self.head(status, extra.merging(["Content-Length": "\(content.count)"]) { a, _ in a }, base: base).utf8)
            write(connection, bytes + (request.method == "HEAD" ? [] : content))
            done()
            shutdown(connection, Int32(SHUT_WR))
            while receive(connection) != nil {}
        case .largeBody(let size):
            guard write(connection, Array(Self.head(200, ["Content-Length": "\(size)"], base: base).utf8)) else { return }
            done()
            guard request.method != "HEAD" else { return }
            let chunk = [UInt8](repeating: 0x61, count: 65_536)
            var sent = 0
            while sent < size, !shouldStop {
                let count = min(chunk.count, size - sent)
                guard write(connection, Array(chunk.prefix(count))) else { return }
                sent += count
                lock.withLock { bodyBytes += count }
            }
        case .drip:
            guard write(connection, Array("HTTP/1.1 200 OK\r\nX-Drip: ".utf8)) else { return }
            while !shouldStop, write(connection, [0x61]) { usleep(100_000) }
        case .silence:
            while !shouldStop { usleep(20_000) }
        }
    }

    private static func head(_ status: Int, _ headers: [String: String], base: String) -> String {
        var text = "HTTP/1.1 \(status) Routed\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            text += "\(name): \(value.replacingOccurrences(of: "{base}", with: base))\r\n"
        }
        return text + "\r\n"
    }

    private func receive(_ connection: Int32) -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = recv(connection, &chunk, chunk.count, 0)
        return count > 0 ? Array(chunk[..<count]) : nil
    }

    /// Writes all the bytes; false when the client has gone.
    @discardableResult
    private func write(_ connection: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }
}
