/// The words rules judge by, loaded from `rules/vocabulary.yml` and extended by a repository's
/// `.vlmbot.yml`: data, so a list's maintainers can teach vlmbot their field without code.
public struct Vocabulary: Sendable, Equatable {
    /// Closed sets of category labels (`[Natural, Medical]`): a category column's values and
    /// headers such as `Natural\Medical` must use one set's terms.
    public var categories: [[String]] = []
    /// For a category label, the words that show an entry belongs to it (`Medical`: `chest
    /// x-ray`, `pathology`, …). A label contradicted by another label's evidence is reported.
    public var evidence: [String: [String]] = [:]
    /// Link texts and titles that mark a row as a placeholder (`TODO`, `TBD`, `项目A`).
    public var placeholderTexts: [String] = []
    /// Hosts no real paper or code lives on (`example.com`, a bare `google.com`).
    public var placeholderHosts: [String] = []
    /// For a task (`segmentation`), the words that name it in titles and headings.
    public var tasks: [String: [String]] = [:]
    /// Hosts where a paper's code may live besides the git hosts (`huggingface.co`, `zenodo.org`).
    public var codeHosts: [String] = []
    /// Repositories that are general libraries, never a paper's own code (`owner/name`).
    public var unrelatedRepositories: [String] = []
    /// Words the spelling rule accepts beyond the English word list (`rules/words.txt` and
    /// the configuration's `words`): model names, field terms.
    public var words: Set<String> = []
    /// The English word list the spelling rule judges by, read by the command line from the
    /// file the rule's `dictionary` option names; empty when there is none, and the rule then
    /// reports nothing.
    public var dictionary = WordList()

    public init() {}

    /// This vocabulary with another's terms added (lists are extended, not replaced).
    public func merged(with other: Vocabulary) -> Vocabulary {
        var merged = self
        merged.categories += other.categories.filter { !categories.contains($0) }
        merged.evidence.merge(other.evidence) { mine, theirs in mine + theirs.filter { !mine.contains($0) } }
        merged.placeholderTexts += other.placeholderTexts
        merged.placeholderHosts += other.placeholderHosts
        merged.tasks.merge(other.tasks) { mine, theirs in mine + theirs.filter { !mine.contains($0) } }
        merged.codeHosts += other.codeHosts
        merged.unrelatedRepositories += other.unrelatedRepositories
        merged.words.formUnion(other.words)
        if !other.dictionary.isEmpty { merged.dictionary = other.dictionary }
        return merged
    }
}
