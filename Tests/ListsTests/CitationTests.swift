@testable import Lists
import Papers
import Testing

/// References written without quotes or emphasis, in the styles reference lists use (invented).
@Suite struct CitationTests {
    @Test(arguments: [
        ("Lindqvist, A., Moreau, P.J., Tanaka, S. and Osei, K.R., 2021. Stain normalisation for whole slide images is not solved. Scientific Data, 8(1), pp.1-12.",
         "Stain normalisation for whole slide images is not solved", 4),
        ("Halvorsen, Ingrid Marie, Duarte, Paulo, & Kim, Seo-yeon. (2019). 40,000 annotated tiles of lymph node sections (v1.2) [Data set]. Zenodo.",
         "40,000 annotated tiles of lymph node sections (v1.2)", 3),
        ("M. K. Adeyemi, R. T. Silva, and J. Novak. Toward shared benchmarks for tissue segmentation. Medical Image Analysis, 61:101–112, 2020.",
         "Toward shared benchmarks for tissue segmentation", 3),
        ("Ferreira, A., & Holm, B. (2017). Colon crypt annotations at scale. The Pathology Archive.",
         "Colon crypt annotations at scale", 2),
        ("Wang, Li, et al. Multi-scale nuclei counting with density maps. Journal of Pathology Informatics 12.1 (2021): 33-41.",
         "Multi-scale nuclei counting with density maps", 1),
    ])
    func referencesSplitIntoAuthorsTitleAndRest(text: String, title: String, authors: Int) throws {
        let citation = try #require(TextFacts.splitCitation(text))
        #expect(citation.title == title)
        #expect(citation.authors.count == authors)
    }

    @Test(arguments: [
        "We thank the maintainers of the datasets. Their work made this list possible, 2021.",
        "Please cite our survey if it helps you. It is on arXiv.",
        "Some dataset names, such as Tissue-2020, are reused.",
    ])
    func proseIsNoReference(text: String) {
        #expect(TextFacts.splitCitation(text) == nil)
    }
}
