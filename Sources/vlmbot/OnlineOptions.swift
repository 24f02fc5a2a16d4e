import ArgumentParser
import Engine
import Foundation
import LinkCheck
import LinkRules
import Reporters
import Settings

/// Whether a check asks the network about links, and where it keeps what it learned.
struct OnlineOptions: ParsableArguments {
    /// Where the link cache is kept when `--link-cache` is not given, from the workspace root.
    static let defaultCache = ".vlmbot/link-cache.json"

    @Flag(inversion: .prefixedNo,
          help: "Ask whether each link works (the dead-link rule). Default: 'online:' in .vlmbot.yml, else off; nothing touches the network without it.")
    var online: Bool?

    @Option(name: .customLong("link-cache"), help: "The file that keeps link results between runs (default: \(defaultCache) at the repository root).")
    var linkCache: String?

    /// Whether this run goes online: the flag, else the configuration.
    func isOn(_ configuration: Configuration) -> Bool {
        online ?? configuration.online ?? false
    }

    /// What is known of the links the dead-link rule would judge in these lists (on changed
    /// lines only, in a change): fresh results from the cache, the rest asked now; the cache is
    /// then saved. One line on standard error says how many were asked.
    func statuses(of units: [ListUnit], linter: Linter, in workspace: Workspace) async throws(VlmbotError) -> [String: LinkStatus] {
        let rule = DeadLinkRule.description.id
        guard linter.enabledRules.contains(where: { type(of: $0).description.id == rule }) else { return [:] }
        let options = linter.configuration.rules[rule]?.options ?? [:]
        let keys = Set(units.flatMap {
            DeadLinkRule.links(in: $0.document, options: options, changedLines: $0.changedLines).map { LinkStatus.key($0.url) }
        })
        let file = try cacheFile(in: workspace)
        let cacheName = workspace.displayPath(of: file, given: file.path)
        let cache: LinkCache
        do {
            cache = try LinkCache.load(file)
        } catch {
            throw VlmbotError.file(cacheName, line: 1, error.description)
        }
        let now = Date()
        let kept = cache.fresh(at: now).filter { keys.contains($0.key) }
        let asked = keys.subtracting(kept.keys).sorted()
        let policy: LinkPolicy
        do {
            policy = try LinkPolicy.fromEnvironment(ProcessInfo.processInfo.environment, userAgent: Vlmbot.userAgent)
        } catch {
            throw VlmbotError.usage("--online: \(error.description)")
        }
        let outcome = await LinkChecker(policy: policy).check(asked)
        if !outcome.statuses.isEmpty {
            do throws(LinkCacheError) {
                try cache.recording(outcome.statuses, at: now).save(file)
            } catch {
                throw VlmbotError.file(cacheName, error.description)
            }
        }
        let statuses = kept.merging(outcome.statuses) { $1 }
        let dead = statuses.values.filter { $0.verdict == LinkStatus.Verdict.dead }.count
        if outcome.offline {
            Terminal.error("links: no host answered any of \(asked.count) links: is this machine offline? They were not judged "
                           + "(\(kept.count) known from \(cacheName) were)")
        } else {
            Terminal.error("links: \(keys.count) checked (\(kept.count) from \(cacheName)), \(dead) dead"
                           + (outcome.unchecked.isEmpty ? "" : ", \(outcome.unchecked.count) not judged (the run's time ran out, "
                              + "or arXiv's API did not answer)"))
        }
        return statuses
    }

    /// The cache's file: given or the default, never outside the workspace (its nearest
    /// existing folder, and the file itself when it exists, lie inside it).
    private func cacheFile(in workspace: Workspace) throws(VlmbotError) -> URL {
        let given = linkCache ?? Self.defaultCache
        let file = linkCache.map(workspace.url(for:)) ?? workspace.root.appendingPathComponent(Self.defaultCache)
        var folder = file.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.path), folder.path != "/" { folder = folder.deletingLastPathComponent() }
        _ = try workspace.inside(folder, given: given)
        if FileManager.default.fileExists(atPath: file.path) { _ = try workspace.inside(file, given: given) }
        return file
    }
}
