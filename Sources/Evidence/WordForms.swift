/// The forms a word may be built from, so that a word list holding `train`, `annotate` and
/// `foundation` also accepts `pretraining`, `unannotated`, `foundational`, and a British
/// spelling (`specialised`, `tumour`, `modelling`) whose American form it holds.
public enum WordForms {
    /// Prefixes a field term is often made with (`pre`training, `multi`modal, `un`paired).
    private static let prefixes = ["under", "inter", "intra", "multi", "cross", "semi", "self", "over", "post",
                                   "pre", "non", "sub", "uni", "mis", "un", "re", "co", "bi", "de"]
    /// Suffixes, each with the endings its stem may have had (`ies` was `y`, `ing` may have
    /// dropped an `e`); a doubled last consonant (`mapped`) may be single in the stem.
    private static let suffixes: [(suffix: String, restored: [String])] = [
        ("ation", ["e", ""]), ("ness", [""]), ("able", ["", "e"]), ("ible", ["", "e"]), ("ing", ["", "e"]),
        ("ies", ["y"]), ("ers", ["", "e"]), ("ive", ["", "e"]), ("ist", [""]), ("ity", [""]), ("es", [""]),
        ("ed", ["", "e"]), ("er", ["", "e"]), ("al", [""]), ("ly", [""]), ("s", [""]),
    ]
    /// British endings and the American ones a dictionary of American English holds.
    private static let britishEndings = [
        ("isation", "ization"), ("isations", "izations"), ("ising", "izing"), ("ised", "ized"), ("ises", "izes"),
        ("ise", "ize"), ("yse", "yze"), ("ysed", "yzed"), ("ysing", "yzing"), ("lled", "led"), ("lling", "ling"),
        ("our", "or"), ("ours", "ors"), ("tre", "ter"), ("tres", "ters"), ("ogue", "og"), ("ogues", "ogs"),
    ]

    /// Shorter words `word` (lowercase) may be a form of: without a prefix, without a suffix,
    /// both, or spelt the American way. The word itself is not included.
    public static func bases(of word: String) -> [String] {
        let unprefixed = prefixes.compactMap { prefix -> String? in
            word.hasPrefix(prefix) && word.count - prefix.count >= 4 ? String(word.dropFirst(prefix.count)) : nil
        }
        let stems = [word] + unprefixed
        let unsuffixed = stems.flatMap { stem in
            suffixes.flatMap { suffix, restored -> [String] in
                guard stem.hasSuffix(suffix), stem.count - suffix.count >= 3 else { return [] }
                let root = stem.dropLast(suffix.count)
                // A silent `e` goes before `ing` (`imaging`, never `imageing`); `seeing` and
                // `canoeing` keep theirs.
                if suffix == "ing", root.hasSuffix("e"), !["ee", "oe", "ye"].contains(where: { root.hasSuffix($0) }) { return [] }
                let undoubled = root.count >= 2 && root.last == root.dropLast().last ? [String(root.dropLast())] : []
                return restored.map { root + $0 } + undoubled
            }
        }
        let american = (stems + unsuffixed).flatMap { form in
            britishEndings.compactMap { british, american -> String? in
                form.hasSuffix(british) ? form.dropLast(british.count) + american : nil
            }
        }
        return unprefixed + unsuffixed + american
    }
}
