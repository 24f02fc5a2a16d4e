import Foundation
import Markdown
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Metadata
import Web

/// Why a paper's metadata could not be had.
public enum LookupError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The source does not know the paper (an unknown DOI, an arXiv id with no paper).
    case notFound(String)
    /// The source did not answer usefully in the attempts and time allowed.
    case unreachable(String)
    /// The source answered with something that is not what it documents.
    case badAnswer(String)
    /// A setting (an API URL) is not usable.
    case configuration(String)

    public var description: String {
        switch self {
        case .notFound(let message), .unreachable(let message), .badAnswer(let message), .configuration(let message): message
        }
    }
}

/// Where paper metadata comes from and how patiently it is asked for.
public struct LookupConfiguration: Sendable {
    public static let arxivVariable = "VLMBOT_ARXIV_API"
    public static let crossrefVariable = "VLMBOT_CROSSREF_API"

    /// arXiv's query endpoint (`https://export.arxiv.org/api/query`).
    public var arxivAPI: URL
    /// Crossref's REST API (`https://api.crossref.org`).
    public var crossrefAPI: URL
    /// The longest one exchange may take.
    public var timeLimit: Duration = .seconds(20)
    /// Attempts per request, the first included.
    public var maxAttempts = 3
    /// The most time spent waiting between attempts of one request.
    public var maxWait: Duration = .seconds(30)
    /// The longest answer read.
    public var answerByteLimit = 4 << 20
    /// Where answers are kept between runs (one file a request); nil keeps none.
    public var cacheFolder: URL?
    /// How long a kept answer is used: metadata of a published paper rarely changes.
    public var cacheLifetime: TimeInterval = 7 * 24 * 3600

    public init(arxivAPI: URL, crossrefAPI: URL, cacheFolder: URL? = nil) {
        self.arxivAPI = arxivAPI
        self.crossrefAPI = crossrefAPI
        self.cacheFolder = cacheFolder
    }

    /// The public APIs, or those `VLMBOT_ARXIV_API` and `VLMBOT_CROSSREF_API` name (tests,
    /// mirrors): http or https URLs only.
    public static func fromEnvironment(_ environment: [String: String], cacheFolder: URL?) throws(LookupError) -> LookupConfiguration {
        LookupConfiguration(arxivAPI: try webURL(arxivVariable, in: environment, default: "https://export.arxiv.org/api/query"),
                            crossrefAPI: try webURL(crossrefVariable, in: environment, default: "https://api.crossref.org"),
                            cacheFolder: cacheFolder)
    }

    /// The http or https URL an environment variable names (unset or empty: `value`); anything
    /// else is a configuration error naming the variable.
    public static func webURL(_ variable: String, in environment: [String: String], default value: String) throws(LookupError) -> URL {
        let text = environment[variable].flatMap { $0.isEmpty ? nil : $0 } ?? value
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
            throw .configuration("\(variable)=\(text): not an http or https URL")
        }
        return url
    }
}

extension URL {
    /// This URL with `/`, `path` and `/` and a DOI after it, the DOI's characters a path may
    /// not hold (and `?`, `#`, `;`, `%`) percent-encoded once: `https://api.crossref.org` and
    /// `works` give `https://api.crossref.org/works/10.1002/(SICI)…%3C693::AID-ASI4%3E…`.
    public func appending(_ path: String, doi: String) -> URL? {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#;%")
        guard let encoded = doi.addingPercentEncoding(withAllowedCharacters: allowed) else { return nil }
        var base = absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return URL(string: base + "/" + path + "/" + encoded)
    }
}

/// Asks arXiv's API and Crossref for papers' metadata: bounded exchanges (time, size, no
/// redirect off the API's host), a few attempts on timeouts, 5xx and 429 (honouring
/// `Retry-After` within a budget), a polite User-Agent, and answers kept on disk for a while.
public struct PaperLookup: Sendable {
    public let configuration: LookupConfiguration
    private let sleep: @Sendable (Duration) async -> Void
    private let userAgent: String

    public init(configuration: LookupConfiguration, userAgent: String,
                sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }) {
        self.configuration = configuration
        self.userAgent = userAgent
        self.sleep = sleep
    }

    /// The papers arXiv holds for these ids (without versions), asked for in one query; an id
    /// arXiv has no paper for is missing from the result.
    public func arxiv(_ ids: [String]) async throws(LookupError) -> [String: PaperRecord] {
        guard !ids.isEmpty else { return [:] }
        guard var components = URLComponents(url: configuration.arxivAPI, resolvingAgainstBaseURL: false) else {
            throw .configuration("\(LookupConfiguration.arxivVariable): \(configuration.arxivAPI) is not a URL")
        }
        components.queryItems = (components.queryItems ?? []) + [
            URLQueryItem(name: "id_list", value: ids.joined(separator: ",")),
            URLQueryItem(name: "max_results", value: String(ids.count)),
        ]
        guard let url = components.url else { throw .configuration("cannot ask arXiv for \(ids.joined(separator: ", "))") }
        let data = try await get(url, source: "arXiv")
        do {
            return try ArxivFeed.papers(in: data)
        } catch {
            throw .badAnswer(error.description)
        }
    }

    /// The work Crossref holds for a DOI.
    public func crossref(_ doi: String) async throws(LookupError) -> PaperRecord {
        guard let url = configuration.crossrefAPI.appending("works", doi: doi) else {
            throw .configuration("cannot ask Crossref for \(doi)")
        }
        do {
            return try CrossrefWork.paper(in: try await get(url, source: "Crossref"))
        } catch let error as LookupError {
            throw error.describing("DOI \(doi)")
        } catch let error as MetadataError {
            throw .badAnswer(error.description)
        } catch {
            throw .badAnswer("\(error)")
        }
    }

    /// The body of a 200 answer to GET `url`, from the cache while it is fresh.
    func get(_ url: URL, source: String) async throws(LookupError) -> Data {
        let cache = configuration.cacheFolder.map { AnswerCache(folder: $0, lifetime: configuration.cacheLifetime) }
        if let kept = cache?.answer(for: url) { return kept }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData,
                                 timeoutInterval: configuration.timeLimit.timeInterval)
        request.setValue(userAgent, forHTTPHeaderField: "User-Agent")
        let host = url.host ?? "?"
        var attempt = 1
        var waited = Duration.zero
        while true {
            let retry: (wait: Duration, why: String)
            switch await Exchange.perform(request, timeLimit: configuration.timeLimit, byteLimit: configuration.answerByteLimit,
                                          mayFollow: { $0.host == url.host }) {
            case .success(let (response, data)):
                var headers: [String: String] = [:]
                for case let (name as String, value as String) in response.allHeaderFields { headers[name.lowercased()] = value }
                switch response.statusCode {
                case 200..<300:
                    cache?.keep(data, for: url)
                    return data
                case 404, 410:
                    throw .notFound("\(source) does not know it (HTTP \(response.statusCode) from \(host))")
                case 429, 500...599:
                    retry = (RetryDelay.retryAfter(headers) ?? RetryDelay.backoff(attempt: attempt), "HTTP \(response.statusCode)")
                default:
                    throw .badAnswer("\(source) answered HTTP \(response.statusCode) (\(host))")
                }
            case .failure(.timedOut):
                retry = (RetryDelay.backoff(attempt: attempt), "no answer in \(configuration.timeLimit)")
            case .failure(.tooLarge):
                throw .badAnswer("\(source)'s answer is over \(configuration.answerByteLimit) bytes (\(host))")
            case .failure(.redirected(let status, let location)):
                throw .badAnswer("\(source) redirected (HTTP \(status)) to another host: \(location?.host ?? "?")")
            case .failure(.transport(let error)):
                retry = (RetryDelay.backoff(attempt: attempt), error.localizedDescription)
            }
            guard attempt < configuration.maxAttempts, waited + retry.wait <= configuration.maxWait else {
                throw .unreachable("\(source) (\(host)) did not answer: \(retry.why), after \(attempt) "
                                   + (attempt == 1 ? "attempt" : "attempts"))
            }
            await sleep(retry.wait)
            waited += retry.wait
            attempt += 1
        }
    }
}

extension LookupError {
    /// The error with what was asked for in front (`DOI 10.1/x: …`).
    func describing(_ subject: String) -> LookupError {
        switch self {
        case .notFound(let message): .notFound("\(subject): \(message)")
        case .unreachable(let message): .unreachable("\(subject): \(message)")
        case .badAnswer(let message): .badAnswer("\(subject): \(message)")
        case .configuration: self
        }
    }
}

/// Answers kept on disk, one file a request URL (named by a hash of it, holding the URL on its
/// first line so that a collision is never read as an answer), used while fresh. Writing is
/// atomic; a cache that cannot be read or written is no cache.
struct AnswerCache {
    let folder: URL
    let lifetime: TimeInterval

    func answer(for url: URL, now: Date = Date()) -> Data? {
        let file = self.file(for: url)
        guard let modified = (try? FileManager.default.attributesOfItem(atPath: file.path))?[.modificationDate] as? Date,
              now.timeIntervalSince(modified) < lifetime,
              let data = FileManager.default.contents(atPath: file.path),
              let newline = data.firstIndex(of: 0x0A),
              data[data.startIndex..<newline].elementsEqual(Data(url.absoluteString.utf8)) else { return nil }
        return Data(data[(newline + 1)...])
    }

    func keep(_ data: Data, for url: URL) {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? (Data(url.absoluteString.utf8) + [0x0A] + data).write(to: file(for: url), options: .atomic)
    }

    private func file(for url: URL) -> URL {
        folder.appendingPathComponent(String(FNV1a.hash(Array(url.absoluteString.utf8)), radix: 16) + ".answer")
    }
}
