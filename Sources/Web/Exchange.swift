import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One request and its answer, driven by a URLSession delegate so that a client keeps three
/// promises whatever the server does: a redirect its policy refuses is not followed (one that
/// leaves an API's origin would carry a token), an answer is read only up to a byte limit, and
/// the whole exchange ends after a time limit. The clients at vlmbot's edge (GitHub, paper
/// metadata) all talk through it.
public final class Exchange: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    /// Why an exchange gave no answer.
    public enum Failure: Error {
        /// The server redirected to a URL outside the API's origin.
        case redirected(status: Int, location: URL?)
        /// The answer is longer than the byte limit.
        case tooLarge
        /// The exchange took longer than the time limit.
        case timedOut
        /// The connection failed.
        case transport(any Error)
    }

    private let byteLimit: Int
    private let stopsAtHead: Bool
    private let mayFollow: @Sendable (URL) -> Bool
    private let lock = NSLock()
    private var body = Data()
    private var head: HTTPURLResponse?
    private var failure: Failure?
    private var continuation: CheckedContinuation<Result<(HTTPURLResponse, Data), Failure>, Never>?

    private init(byteLimit: Int, stopsAtHead: Bool, mayFollow: @escaping @Sendable (URL) -> Bool) {
        self.byteLimit = byteLimit
        self.stopsAtHead = stopsAtHead
        self.mayFollow = mayFollow
    }

    /// Sends `request` and returns the answer, following only the redirects `mayFollow` allows.
    /// With `stopsAtHead`, the exchange ends when the status and headers arrive and no byte
    /// of the body is read (the answer's body is empty).
    public static func perform(_ request: URLRequest, timeLimit: Duration, byteLimit: Int, stopsAtHead: Bool = false,
                        mayFollow: @escaping @Sendable (URL) -> Bool) async -> Result<(HTTPURLResponse, Data), Failure> {
        let exchange = Exchange(byteLimit: byteLimit, stopsAtHead: stopsAtHead, mayFollow: mayFollow)
        let session = URLSession(configuration: .ephemeral, delegate: exchange, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        return await withCheckedContinuation { continuation in
            let task = session.dataTask(with: request)
            exchange.lock.withLock { exchange.continuation = continuation }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeLimit.timeInterval) { [weak exchange, weak task] in
                exchange?.end(task, with: .timedOut)
            }
            task.resume()
        }
    }

    /// Records why the exchange stops, unless it already has a reason, and cancels the task.
    private func end(_ task: URLSessionTask?, with reason: Failure) {
        lock.withLock { if failure == nil { failure = reason } }
        task?.cancel()
    }

    public func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        if let location = request.url, mayFollow(location) {
            completionHandler(request)
            return
        }
        lock.withLock { if failure == nil { failure = .redirected(status: response.statusCode, location: request.url) } }
        completionHandler(nil)
    }

    public func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        if stopsAtHead, let response = response as? HTTPURLResponse {
            lock.withLock { head = response }
            completionHandler(.cancel)
            return
        }
        guard response.expectedContentLength <= Int64(byteLimit) else {
            lock.withLock { if failure == nil { failure = .tooLarge } }
            completionHandler(.cancel)
            return
        }
        completionHandler(.allow)
    }

    public func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let overLimit = lock.withLock { () -> Bool in
            guard failure == nil else { return false }
            body.append(data)
            return body.count > byteLimit
        }
        if overLimit { end(dataTask, with: .tooLarge) }
    }

    public func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let (continuation, result) = lock.withLock { () -> (CheckedContinuation<Result<(HTTPURLResponse, Data), Failure>, Never>?,
                                                             Result<(HTTPURLResponse, Data), Failure>) in
            defer { self.continuation = nil }
            if let head { return (self.continuation, .success((head, Data()))) }
            if let failure { return (self.continuation, .failure(failure)) }
            if let error {
                let timedOut = (error as? URLError)?.code == .timedOut
                return (self.continuation, .failure(timedOut ? .timedOut : .transport(error)))
            }
            guard let response = task.response as? HTTPURLResponse else {
                return (self.continuation, .failure(.transport(URLError(.badServerResponse))))
            }
            return (self.continuation, .success((response, body)))
        }
        continuation?.resume(returning: result)
    }
}

extension Duration {
    /// The duration in seconds, for Foundation and Dispatch.
    public var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
