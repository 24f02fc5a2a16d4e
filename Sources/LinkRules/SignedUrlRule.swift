import Engine
import Evidence
import Foundation
import Lists
import Markdown
import Settings

/// Links that carry credentials or an expiring signature, such as pre-signed S3 links to a
/// publisher's PDF.
public struct SignedUrlRule: Rule {
    /// The `parameters` option.
    public static let parameters = OptionKey<[String]>("parameters", default: [
        "X-Amz-Security-Token", "X-Amz-Signature", "X-Amz-Credential", "AWSAccessKeyId+Signature",
        "Signature+Expires", "Signature+Key-Pair-Id", "Policy+Key-Pair-Id", "sig+se", "GoogleAccessId",
        "X-Goog-Signature", "X-Goog-Credential", "OSSAccessKeyId+Signature", "token", "access_token", "jwt",
    ],
        "Query parameters (compared without case) that mark a signed link; 'a+b' needs both.")

    /// The `stable-pages` option.
    public static let stablePages = OptionKey<[String]>("stable-pages", default: [
        "pii sciencedirectassets.com https://www.sciencedirect.com/science/article/pii/{}",
    ],
        "'PARAMETER HOST URL': for a signed link on HOST with PARAMETER, the stable page to offer.")

    public static let description = RuleDescription(
        id: "signed-url",
        summary: "A link carries credentials or an expiring signature (X-Amz-Security-Token, Signature, sig, token).",
        rationale: """
        A link copied from a browser's address bar while a PDF was open is often pre-signed: its \
        query holds a session token and a signature that expire within minutes or hours. It leaks \
        the token of whoever copied it, and it stops working for everyone soon after. Link the DOI \
        or the publisher's stable article page instead. The option 'parameters' lists the query \
        parameters that mark such a link; 'a+b' means both must be present. The option \
        'stablePages' names stable pages the message can offer ('PARAMETER HOST URL', '{}' \
        standing for the parameter's value). Every such link is reported, in code blocks too: a \
        leaked token is leaked wherever it is written.
        """,
        severity: .error,
        options: [
            Self.parameters.declaration,
            Self.stablePages.declaration,
        ],
        triggering: [
            RuleExample("""
            | 32 | FLAIR | [PDF](↓https://pdf.sciencedirectassets.com/272154/main.pdf?X-Amz-Security-Token=IQoJb3JpZ2luX2VjEBAa&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=300&X-Amz-Signature=b31d1c4c&pii=S1361841524002822) |
            """),
            RuleExample("""
            - A paper on CloudFront. [[paper]](↓https://d111.cloudfront.net/paper.pdf?Expires=1744186346&Signature=abc~def&Key-Pair-Id=K2JCJMDEHXQW5F)
            - A paper on Azure. [[paper]](↓https://lab.blob.core.windows.net/papers/p.pdf?sv=2022-11-02&se=2025-04-09T08%3A12%3A21Z&sr=b&sp=r&sig=abc%3D)
            - A private raw file. [[code]](↓https://raw.githubusercontent.com/lab/repo/main/model.py?token=GHSAT0AAAAAAB)
            """),
            RuleExample("""
            ```
            ↓https://storage.googleapis.com/bucket/paper.pdf?GoogleAccessId=svc@project.iam.gserviceaccount.com&Expires=1744186346&Signature=abc
            ```
            """),
        ],
        nonTriggering: [
            RuleExample("""
            - A paper. [[paper]](https://www.sciencedirect.com/science/article/pii/S1361841524002822)
            - A search. [[link]](https://www.google.com/search?q=signature&expires=soon)
            - A site with its own 'sig' but no expiry. [[page]](https://lab.org/page?sig=abc)
            - A CSRF-like name. [[page]](https://lab.org/page?csrf_token=abc)
            """),
            RuleExample("""
            | Paper | PDF |
            |---|---|
            | A paper | [PDF](https://arxiv.org/pdf/2410.21276?) |
            """),
        ]
    )

    public init() {}

    /// The signatures the `parameters` option names, each the parameters that must all be present.
    private static func signatures(_ context: RuleContext) -> [[String]] {
        context[parameters].map { $0.split(separator: "+").map(String.init) }.filter { !$0.isEmpty }
    }

    /// Whether a URL carries a signature of the default `parameters` (a token, an expiring
    /// signature): the online link check never requests such a link.
    public static func isSigned(_ url: String) -> Bool {
        guard url.contains("?"), let address = HostURL(url) else { return false }
        return defaultSignatures.contains { $0.allSatisfy { address.value(of: $0) != nil } }
    }

    private static let defaultSignatures = signatures(RuleContext(vocabulary: Vocabulary()))

    public func check(_ document: ListDocument, in context: RuleContext) -> [Finding] {
        let signatures = Self.signatures(context)
        let stablePages = context[Self.stablePages].compactMap(StablePage.init)
        guard !signatures.isEmpty, document.source.lineCount > 0 else { return [] }
        return document.lineRanges.joined().flatMap { line -> [Finding] in
            guard document.source.lineBytes(line).contains(UInt8(ascii: "?")) else { return [] }
            let text = document.source.line(line)
            return text.matches(of: Self.url).compactMap { match in
                let url = String(match.output)
                guard let address = HostURL(url),
                      let signature = signatures.first(where: { $0.allSatisfy { address.value(of: $0) != nil } }) else { return nil }
                let start = text.utf8.distance(from: text.startIndex, to: match.range.lowerBound) + 1
                let range = SourceRange(start: SourcePosition(line: line, column: start),
                                        end: SourcePosition(line: line, column: start + url.utf8.count - 1))
                let stable = stablePages.lazy.compactMap { $0.url(for: address) }.first
                let instead = stable.map { "the publisher's stable page (\($0))" } ?? "the DOI or the publisher's stable page"
                return finding("This link is signed (\(signature.joined(separator: ", "))): it leaks a session token and "
                               + "expires within hours; link \(instead) instead.", at: range)
            }
        }
    }

    nonisolated(unsafe) private static let url = /https?:\/\/[^\s<>"'`)\]]+/
}

/// A stable page a signed link's parameter leads to (`pii` on ScienceDirect's asset host).
private struct StablePage {
    let parameter: String
    let host: String
    let template: String

    /// Reads `PARAMETER HOST URL`; nil when malformed.
    init?(_ setting: String) {
        let fields = setting.split(separator: " ").map(String.init)
        guard fields.count == 3, fields[2].contains("{}") else { return nil }
        (parameter, host, template) = (fields[0], fields[1], fields[2])
    }

    /// The stable page of a signed link, when it is on the host and the parameter's value is a
    /// plain identifier.
    func url(for address: HostURL) -> String? {
        guard address.isOn(host), let value = address.value(of: parameter), !value.isEmpty,
              value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }) else { return nil }
        return template.replacingOccurrences(of: "{}", with: value)
    }
}
