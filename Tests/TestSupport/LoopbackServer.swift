import Foundation
import Glibc

/// One request as the server read it.
public struct RecordedRequest: Sendable {
    public var method: String
    public var path: String
    public var query: String?
    /// Header names lowercased.
    public var headers: [String: String]
    public var body: String

    /// `METHOD /path?query`, for comparing sequences.
    public var line: String { "\(method) \(path)" + (query.map { "?\($0)" } ?? "") }

    /// The body as JSON.
    public var json: [String: Any]? { try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] }
}

/// One scripted answer; `{base}` in a header value or the body becomes `http://127.0.0.1:PORT`.
public struct Reply: Sendable {
    public var status: Int
    public var headers: [String: String] = [:]
    public var body: String = ""
    /// Whether the head says `Content-Length`; without it the body ends when the connection closes.
    public var declaresLength = true
    /// Whether the server reads the request and then never answers, until it stops.
    public var stalls = false

    public static func json(_ status: Int, _ body: String, headers: [String: String] = [:]) -> Reply {
        Reply(status: status, headers: headers, body: body)
    }

    /// A server that takes the request and stays silent.
    public static let silence = Reply(status: 0, stalls: true)

    public init(status: Int, headers: [String: String] = [:], body: String = "", declaresLength: Bool = true, stalls: Bool = false) {
        self.status = status
        self.headers = headers
        self.body = body
        self.declaresLength = declaresLength
        self.stalls = stalls
    }
}

/// A real HTTP/1.1 server on 127.0.0.1 and an ephemeral port, on a background thread, that
/// answers each connection with the next scripted reply (`Connection: close`; `Reply.silence`
/// holds the connection unanswered until the server stops) and records
/// every request. It serves at most the script plus two unscripted requests (answered 418),
/// and stops by itself after `lifetime` or when `stop()` is called.
public final class LoopbackServer: @unchecked Sendable {
    public let port: UInt16
    public var base: String { "http://127.0.0.1:\(port)" }

    private let listener: Int32
    private let script: [Reply]
    private let deadline: Date
    private let lock = NSLock()
    private var recorded: [RecordedRequest] = []
    private var stopping = false
    private let finished = DispatchSemaphore(value: 0)

    public init(_ script: [Reply], lifetime: TimeInterval = 120) throws {
        self.script = script
        deadline = Date().addingTimeInterval(lifetime)
        let (fd, port) = try boundLoopbackSocket()
        guard listen(fd, 16) == 0 else {
            close(fd)
            throw ServerError.socket("listen")
        }
        listener = fd
        self.port = port
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    public enum ServerError: Error { case socket(String) }

    /// Every request so far, in order.
    public var requests: [RecordedRequest] { lock.withLock { recorded } }

    /// Stops accepting and waits for the thread to end (at most one poll interval).
    public func stop() {
        let first = lock.withLock { () -> Bool in
            defer { stopping = true }
            return !stopping
        }
        if first { finished.wait() }
    }

    private var shouldStop: Bool { lock.withLock { stopping } }

    private func serve() {
        defer {
            close(listener)
            finished.signal()
        }
        var served = 0
        while served < script.count + 2, Date() < deadline, !shouldStop {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 20) > 0 else { continue }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            handle(connection, index: served)
            close(connection)
            served += 1
        }
    }

    private func handle(_ connection: Int32, index: Int) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer: [UInt8] = []
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headerEnd: Int?
        while headerEnd == nil {
            guard let chunk = receive(connection) else { return }
            buffer += chunk
            headerEnd = buffer.firstRange(of: separator)?.lowerBound
        }
        let head = String(decoding: buffer[..<headerEnd!], as: UTF8.self).components(separatedBy: "\r\n")
        var body = Array(buffer[(headerEnd! + 4)...])
        let parts = head[0].split(separator: " ")
        guard parts.count == 3 else { return }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { "\($0), \(value)" } ?? value
        }
        if headers["expect"]?.lowercased() == "100-continue" { write(connection, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while body.count < length, let chunk = receive(connection) { body += chunk }
        let target = String(parts[1])
        let query = target.firstIndex(of: "?").map { String(target[target.index(after: $0)...]) }
        let request = RecordedRequest(method: String(parts[0]), path: String(target.prefix { $0 != "?" }), query: query,
                                      headers: headers, body: String(decoding: body.prefix(length), as: UTF8.self))
        lock.withLock { recorded.append(request) }
        let reply = index < script.count ? script[index] : Reply(status: 418, body: #"{"message":"unscripted request"}"#)
        if reply.stalls {
            while !shouldStop, Date() < deadline { usleep(20_000) }
            return
        }
        let content = Array(reply.body.replacingOccurrences(of: "{base}", with: base).utf8)
        var text = "HTTP/1.1 \(reply.status) Scripted\r\nContent-Type: application/json; charset=utf-8\r\n"
            + (reply.declaresLength ? "Content-Length: \(content.count)\r\n" : "") + "Connection: close\r\n"
        for (name, value) in reply.headers.sorted(by: { $0.key < $1.key }) {
            text += "\(name): \(value.replacingOccurrences(of: "{base}", with: base))\r\n"
        }
        write(connection, Array((text + "\r\n").utf8) + content)
        shutdown(connection, Int32(SHUT_WR))
        while receive(connection) != nil {}
    }

    private func receive(_ connection: Int32) -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = recv(connection, &chunk, chunk.count, 0)
        return count > 0 ? Array(chunk[..<count]) : nil
    }

    private func write(_ connection: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return }
            offset += sent
        }
    }
}

/// Runs `body` against a server playing `script`, then stops the server.
public func withServer<T>(_ script: [Reply], _ body: (LoopbackServer) async throws -> T) async throws -> T {
    let server = try LoopbackServer(script)
    defer { server.stop() }
    return try await body(server)
}

/// A TCP socket bound to 127.0.0.1 and an ephemeral port, not yet listening, and the port.
func boundLoopbackSocket() throws -> (Int32, UInt16) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw LoopbackServer.ServerError.socket("socket") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard bound == 0, named == 0 else {
        close(fd)
        throw LoopbackServer.ServerError.socket("bind")
    }
    return (fd, UInt16(bigEndian: address.sin_port))
}
