import Engine
import Foundation
import Lookup
import Papers

/// The online link check at vlmbot's edge: each distinct URL asked once per run, arXiv links
/// at arXiv's API (one batched query), DOI links at the DOI system's handle API, every other
/// link by `PageProbe`; the answers recorded as `LinkStatus` values for the `dead-link` rule.
public struct LinkChecker: Sendable {
    public let policy: LinkPolicy
    private let sleep: @Sendable (Duration) async -> Void

    public init(policy: LinkPolicy, sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }) {
        self.policy = policy
        self.sleep = sleep
    }

    /// What a run learned.
    public struct Outcome: Sendable {
        /// By `LinkStatus.key`.
        public var statuses: [String: LinkStatus]
        /// Links not judged: the run's time ran out, arXiv's API did not answer, or nothing did.
        public var unchecked: [String]
        /// Whether no host of several answered at all: the machine is likely offline, and no
        /// link was judged.
        public var offline = false
    }

    /// The status of each URL, asked once however often it is written.
    public func check(_ urls: [String]) async -> Outcome {
        let keys = Array(Set(urls.map(LinkStatus.key))).sorted()
        let probe = PageProbe(policy: policy,
                              gate: HostGate(concurrency: policy.concurrency, perHost: policy.perHostConcurrency,
                                             spacing: policy.perHostSpacing),
                              sleep: sleep, runDeadline: .now + policy.runTimeLimit)
        var arxiv: [String: [String]] = [:]
        var dois: [String: [String]] = [:]
        var pages: [(key: String, url: URL)] = []
        for key in keys {
            guard let url = Self.url(key) else { continue }
            let host = url.host?.lowercased() ?? ""
            if host == "arxiv.org" || host.hasSuffix(".arxiv.org"), let id = LinkURL.arxivID(in: key) {
                arxiv[id, default: []].append(key)
            } else if ["doi.org", "dx.doi.org", "www.doi.org"].contains(host), let doi = LinkURL.doi(in: key) {
                dois[doi, default: []].append(key)
            } else {
                pages.append((key, url))
            }
        }
        let (arxivLinks, doiLinks, pageLinks) = (arxiv, dois, pages)
        let results = await withTaskGroup(of: [(String, ProbeResult?)].self) { group in
            if !arxivLinks.isEmpty {
                group.addTask { await arxivStatuses(arxivLinks) }
            }
            for (doi, keys) in doiLinks {
                group.addTask {
                    let result = await doiStatus(doi, probe: probe)
                    return keys.map { ($0, result) }
                }
            }
            for page in pageLinks {
                group.addTask { [(page.key, await probe.page(page.url))] }
            }
            var all: [(String, ProbeResult?)] = []
            for await some in group { all += some }
            return all
        }
        // When hosts were asked and not one answered, the fault is most likely here: judging
        // every link unreachable would say nothing about the list.
        let hosts = Set(keys.compactMap { Self.url($0).map(PageProbe.hostKey) })
        if hosts.count > 1, !results.contains(where: { $0.1?.answered == true }) {
            return Outcome(statuses: [:], unchecked: keys, offline: true)
        }
        // A host that does not resolve is dead only where names resolve: on a machine without
        // DNS every host would look unknown.
        let namesResolve = results.contains { $0.1?.namedHostAnswered == true }
        var outcome = Outcome(statuses: [:], unchecked: [])
        for (key, result) in results {
            guard var result else {
                outcome.unchecked.append(key)
                continue
            }
            if result.noSuchHost, !namesResolve {
                result.status = LinkStatus(.unreachable, "its host did not resolve, and no other host by name answered: "
                                           + "is DNS reachable from here?", tries: result.status.tries)
            }
            outcome.statuses[key] = result.status
        }
        outcome.unchecked.sort()
        if let github = policy.github {
            await markArchived(&outcome.statuses, github: github)
        }
        return outcome
    }

    /// Links into repositories that answered, and that GitHub says are archived, recorded as such.
    private func markArchived(_ statuses: inout [String: LinkStatus], github: GitHubArchiveSource) async {
        var keysByRepository: [String: [String]] = [:]
        for (key, status) in statuses where status.verdict == .alive {
            if let url = Self.url(key), let repository = github.repository(of: url) { keysByRepository[repository, default: []].append(key) }
        }
        guard !keysByRepository.isEmpty else { return }
        let archived = await github.archived(keysByRepository.keys.sorted(), userAgent: policy.userAgent, timeLimit: policy.requestTimeLimit)
        for repository in archived {
            for key in keysByRepository[repository] ?? [] {
                statuses[key] = LinkStatus(.archived, "is archived on GitHub", tries: statuses[key]?.tries ?? 1)
            }
        }
    }

    /// arXiv's word on each id, asked in batches; an id missing from an answer is asked once
    /// more with the other missing ones before it is called dead, as arXiv's API now and then
    /// answers short. When the API does not answer, its links are not judged (nil): one
    /// service down says nothing of hundreds of papers.
    private func arxivStatuses(_ keysByID: [String: [String]]) async -> [(String, ProbeResult?)] {
        let lookup = PaperLookup(configuration: policy.arxiv, userAgent: policy.userAgent, sleep: sleep)
        var statuses: [String: ProbeResult] = [:]
        let ids = keysByID.keys.sorted()
        let size = max(1, policy.arxivBatchSize)
        for start in stride(from: 0, to: ids.count, by: size) {
            let batch = Array(ids[start..<min(ids.count, start + size)])
            guard var found = try? await lookup.arxiv(batch) else { continue }
            let missing = batch.filter { found[$0] == nil }
            if !missing.isEmpty {
                guard let again = try? await lookup.arxiv(missing) else { continue }
                found.merge(again) { $1 }
            }
            for id in batch {
                let status = switch found[id] {
                case nil: LinkStatus(.dead, "is not a paper arXiv knows (\(id)), its API says")
                case let record? where record.withdrawn: LinkStatus(.dead, "is withdrawn (\(id)), arXiv says")
                case _?: LinkStatus(.alive, "arXiv has \(id)")
                }
                var result = ProbeResult(status: status)
                result.heard(from: policy.arxiv.arxivAPI)
                statuses[id] = result
            }
        }
        return keysByID.flatMap { id, keys in keys.map { ($0, statuses[id]) } }
    }

    /// The DOI system's word on a DOI: its handle API knows it (200) or does not (404).
    private func doiStatus(_ doi: String, probe: PageProbe) async -> ProbeResult? {
        guard let url = policy.doiAPI.appending("api/handles", doi: doi) else { return nil }
        var tries = 0
        var budget = probe.budget()
        var result = ProbeResult(status: LinkStatus(.alive, ""))
        switch await probe.ask(url, mode: .api, tries: &tries, budget: &budget) {
        case .status(let code, _):
            result.heard(from: url)
            result.status = switch code {
            case 200..<300: LinkStatus(.alive, "the DOI system knows \(doi)", tries: tries)
            case 404: LinkStatus(.dead, "is a DOI the DOI system does not know (\(doi))", tries: tries)
            default: PageProbe.judge(code, via: " (the DOI system, asked for \(doi))", tries: tries)
            }
        case .redirect(let code, _, _):
            result.heard(from: url)
            result.status = LinkStatus(.unverified, "the DOI system answered HTTP \(code) for \(doi)", tries: tries)
        case .failed where ContinuousClock.now >= probe.runDeadline:
            return nil
        case .failed(let failure):
            result.status = LinkStatus(.unreachable, "the DOI system: \(failure.evidence)", tries: tries)
        }
        return result
    }

    /// A URL as written (Foundation percent-encodes its spaces and non-ASCII characters), with a host.
    private static func url(_ text: String) -> URL? {
        URL(string: text).flatMap { $0.host == nil ? nil : $0 }
    }
}
