import Engine
import Format
import Foundation
import Lists
import Markdown
import PropertyBased
import Rules
import Testing

/// A list in one of the seeds' styles with chosen defects, made from generated values.
struct GeneratedList: CustomStringConvertible {
    enum Style: Int, CaseIterable {
        case detailsBlocks, modelTable, paperPDFCodeTable, referenceTable, venueBlocks
    }

    enum Defect: Int, CaseIterable {
        case headingWithoutSpace, misspeltCategory, chatArtifact, trailingSpaces, blankLineRun, brokenNumbering,
             pdfLink, httpLink, crlf, byteOrderMark, noFinalNewline, crampedCells
    }

    static let papers: [(name: String, title: String, arxiv: String)] = [
        ("CLIP", "Learning Transferable Visual Models From Natural Language Supervision", "2103.00020"),
        ("MedCLIP", "Contrastive Learning from Unpaired Medical Images and Text", "2210.10163"),
        ("LLaVA-Med", "Training a Large Language-and-Vision Assistant for Biomedicine in One Day", "2306.00890"),
        ("BiomedCLIP", "A Multimodal Biomedical Foundation Model Pretrained from Fifteen Million Scientific Image-Text Pairs", "2303.00915"),
        ("MedSAM", "Segment Anything in Medical Images", "2304.12306"),
        ("XrayGPT", "Chest Radiographs Summarization using Medical Vision-Language Models", "2306.07971"),
    ]

    let style: Style
    let count: Int
    let defects: [Defect]

    var description: String { "\(style) with \(count) entries and \(defects)" }

    func has(_ defect: Defect) -> Bool { defects.contains(defect) }

    /// The defects that land on entry `index`.
    func defects(of index: Int) -> [Defect] {
        defects.enumerated().filter { $0.offset % count == index }.map(\.element)
    }

    var bytes: [UInt8] {
        var lines = ["# Awesome medical vision-language models", ""]
        if has(.blankLineRun) { lines += ["", "", "", ""] }
        lines += [has(.headingWithoutSpace) ? "##Papers" : "## Papers", ""]
        lines += body
        while lines.last == "" { lines.removeLast() }
        var text = lines.joined(separator: has(.crlf) ? "\r\n" : "\n")
        if !has(.noFinalNewline) { text += has(.crlf) ? "\r\n" : "\n" }
        return (has(.byteOrderMark) ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
    }

    private func url(_ index: Int) -> String {
        let id = Self.papers[index].arxiv
        let defects = defects(of: index)
        let scheme = defects.contains(.httpLink) ? "http" : "https"
        return defects.contains(.pdfLink) ? "\(scheme)://arxiv.org/pdf/\(id).pdf" : "\(scheme)://arxiv.org/abs/\(id)"
    }

    private func title(_ index: Int) -> String {
        let defects = defects(of: index)
        let title = Self.papers[index].title
        return defects.contains(.chatArtifact) ? title + " :contentReference[oaicite:0]{index=0}" : title
    }

    private func tail(_ index: Int) -> String { defects(of: index).contains(.trailingSpaces) ? "   " : "" }

    private func row(_ cells: [String], _ index: Int) -> String {
        defects(of: index).contains(.crampedCells) ? "|" + cells.joined(separator: "|") + "|" : "| " + cells.joined(separator: " | ") + " |"
    }

    private var body: [String] {
        let indexes = Array(0..<count)
        switch style {
        case .detailsBlocks:
            return ["<details>", "<summary>Papers: 2023</summary>", ""]
                + indexes.flatMap { ["- \(title($0)). [[paper]](\(url($0)))\(tail($0))", "  - Alice Smith, Bob Jones.", ""] }
                + ["</details>"]
        case .modelTable:
            return ["| Index | Model Names | Paper Names | Natural\\Medical | Paper Link |", "|:----:|:----|:----|:----|:----|"]
                + indexes.map { index in
                    let number = defects(of: index).contains(.brokenNumbering) ? index + 7 : index + 1
                    let category = defects(of: index).contains(.misspeltCategory) ? "Natrual" : index == 0 ? "Natural" : "Medical"
                    return row(["\(number)", Self.papers[index].name, title(index), category, "[PDF](\(url(index)))"], index) + tail(index)
                }
        case .paperPDFCodeTable:
            return ["|Paper|PDF|Code|", "|---|---|---|"]
                + indexes.map { row([title($0), "[PDF](\(url($0)))", "[Code](https://github.com/example/\(Self.papers[$0].name))"], $0) + tail($0) }
        case .referenceTable:
            return indexes.map { "[\(Self.papers[$0].name)]: ## \"\(title($0))\"" } + [""]
                + ["| **ID** | **Year** | **Short name** | **Links** |", "| :----: | :------: | :----: | :----: |"]
                + indexes.map { row(["\($0 + 1)", "2023/0\($0 + 1)", "[\(Self.papers[$0].name)]", "[ [paper](\(url($0))) ]"], $0) + tail($0) }
        case .venueBlocks:
            return indexes.flatMap { index in
                ["`arXiv 2023` **\(title(index))** \\\(tail(index))", "*Alice Smith, Bob Jones* \\", "[[paper](\(url(index)))]", ""]
            }
        }
    }
}

@Suite struct FormatPropertyTests {
    static let lists = zip(Gen.int(in: 0...(GeneratedList.Style.allCases.count - 1)), Gen.int(in: 1...GeneratedList.papers.count),
                           Gen.int(in: 0...(GeneratedList.Defect.allCases.count - 1)).array(of: 0...6))
        .map { style, count, defects in
            GeneratedList(style: GeneratedList.Style.allCases[style], count: count,
                          defects: defects.map { GeneratedList.Defect.allCases[$0] })
        }

    @Test func formattingIsIdempotentAndKeepsEveryEntry() async {
        await propertyCheck(count: 50, input: Self.lists) { list in
            for profile in [ListProfile.none, Formatting.canonical] {
                let original = list.bytes
                let once = Formatting.format(original, profile: profile)
                #expect(once.loss == nil, "\(list): \(once.loss ?? "")")
                let twice = Formatting.format(once.formatted, profile: profile)
                #expect(!twice.changes, "\(list): a second run changes \(twice.applied.map(\.rule))")
                let before = ListParser.parse(SourceText(original)).entries
                let after = ListParser.parse(SourceText(once.formatted)).entries
                #expect(before.count == after.count, "\(list)")
                #expect(before.map(\.ids.arxiv) == after.map(\.ids.arxiv), "\(list)")
                #expect(SourceText(once.formatted).hasByteOrderMark == list.has(.byteOrderMark))
                #expect((once.formatted.last == UInt8(ascii: "\n")) == !list.has(.noFinalNewline))
                let lineFeeds = once.formatted.indices.filter { once.formatted[$0] == UInt8(ascii: "\n") }
                #expect(lineFeeds.allSatisfy { $0 > 0 && once.formatted[$0 - 1] == UInt8(ascii: "\r") } == list.has(.crlf) || lineFeeds.isEmpty,
                        "\(list): line endings changed")
            }
        }
    }

    @Test func generatedDefectsAreFixed() {
        let list = GeneratedList(style: .modelTable, count: 3, defects: [.headingWithoutSpace, .misspeltCategory, .pdfLink, .crampedCells])
        let outcome = Formatting.format(list.bytes, profile: Formatting.canonical)
        #expect(outcome.text.contains("## Papers"))
        #expect(!outcome.text.contains("Natrual"))
        #expect(!outcome.text.contains("/pdf/"))
        #expect(outcome.text.contains("| 3 | LLaVA-Med |"))
    }
}
