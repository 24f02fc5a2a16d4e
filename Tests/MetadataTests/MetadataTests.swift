import Foundation
import Metadata
import Testing

/// The sources `vlmbot add` reads a paper from, parsed from answers shaped as arXiv's API,
/// Crossref's REST API and BibTeX files write them.
@Suite struct MetadataTests {
    @Test(arguments: [
        ("2401.12345", PaperSource.arxiv("2401.12345")),
        ("arXiv:2401.12345v2", .arxiv("2401.12345")),
        ("2401.12345v3", .arxiv("2401.12345")),
        ("https://arxiv.org/abs/2401.12345", .arxiv("2401.12345")),
        ("https://arxiv.org/pdf/2401.12345v1.pdf", .arxiv("2401.12345")),
        ("cs/0112017", .arxiv("cs/0112017")),
        ("10.1038/s41591-023-02448-8", .doi("10.1038/s41591-023-02448-8")),
        ("https://doi.org/10.1145/3643780", .doi("10.1145/3643780")),
        ("refs/paper.bib", .bibTeXFile("refs/paper.bib")),
        ("-", .standardInput),
    ])
    func sourcesAreReadInEveryFormTheyAreWritten(text: String, source: PaperSource) {
        #expect(PaperSource(text) == source)
    }

    @Test func otherTextIsNoSource() {
        #expect(PaperSource("a paper I liked") == nil)
        #expect(PaperSource("2401.123") == nil)
        #expect(PaperSource("https://example.org/paper") == nil)
    }

    static let feed = """
    <?xml version="1.0" encoding="UTF-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">
      <title type="html">ArXiv Query: id_list=2401.12345,2301.00001,1234.5678</title>
      <opensearch:totalResults>3</opensearch:totalResults>
      <entry>
        <id>http://arxiv.org/abs/2401.12345v2</id>
        <published>2024-01-22T18:59:59Z</published>
        <title>A Vision-Language Model
          for Chest X-Rays</title>
        <summary>  We present a model.
        It reads radiographs.  </summary>
        <author><name>Ada Lovelace</name></author>
        <author><name>Charles  Babbage</name><arxiv:affiliation>London</arxiv:affiliation></author>
        <arxiv:doi>10.1038/s41591-024-00001-1</arxiv:doi>
        <arxiv:journal_ref>Nature Medicine 30 (2024)</arxiv:journal_ref>
        <link href="http://arxiv.org/abs/2401.12345v2" rel="alternate" type="text/html"/>
        <arxiv:primary_category term="cs.CV" scheme="http://arxiv.org/schemas/atom"/>
      </entry>
      <entry>
        <id>http://arxiv.org/abs/2301.00001v3</id>
        <published>2023-01-01T00:00:00Z</published>
        <title>A Withdrawn Result</title>
        <summary>This paper has been withdrawn by the author due to an error in Lemma 2.</summary>
        <author><name>Grace Hopper</name></author>
        <arxiv:comment>This paper has been withdrawn</arxiv:comment>
      </entry>
      <entry>
        <id>http://arxiv.org/api/errors#incorrect_id_format_for_1234.5678</id>
        <title>Error</title>
        <summary>incorrect id format for 1234.5678</summary>
      </entry>
    </feed>
    """

    @Test func anArxivFeedGivesEachPaperByItsId() throws {
        let papers = try ArxivFeed.papers(in: Data(Self.feed.utf8))
        #expect(Set(papers.keys) == ["2401.12345", "2301.00001"])
        let paper = try #require(papers["2401.12345"])
        #expect(paper.title == "A Vision-Language Model for Chest X-Rays")
        #expect(paper.authors == ["Ada Lovelace", "Charles Babbage"])
        #expect(paper.year == 2024 && paper.month == 1)
        #expect(paper.doi == "10.1038/s41591-024-00001-1")
        #expect(paper.venue == "Nature Medicine 30 (2024)")
        #expect(paper.abstract == "We present a model. It reads radiographs.")
        #expect(!paper.withdrawn)
        #expect(papers["2301.00001"]?.withdrawn == true)
    }

    @Test func aFeedThatIsNotXMLIsAnError() {
        #expect(throws: MetadataError.self) { try ArxivFeed.papers(in: Data("<feed><entry>".utf8)) }
        #expect(throws: MetadataError.self) { try ArxivFeed.papers(in: Data("{\"not\": \"xml\"}".utf8)) }
    }

    static let work = #"""
    {"status":"ok","message-type":"work","message":{
      "DOI":"10.1145/3643780","URL":"https://doi.org/10.1145/3643780",
      "title":["PPM: Automated Generation of Diverse\n Programming Problems"],
      "author":[{"given":"Simin","family":"Chen","sequence":"first"},{"given":"Xiaoning","family":"Feng"},{"name":"The PPM Consortium"}],
      "container-title":["Proceedings of the ACM on Software Engineering"],
      "published-online":{"date-parts":[[2024,7,12]]},"published-print":{"date-parts":[[2024,7]]},
      "issued":{"date-parts":[[2024,7,12]]},
      "abstract":"<jats:p>We propose <jats:italic>PPM</jats:italic>.</jats:p>"}}
    """#

    @Test func aCrossrefWorkGivesItsPaper() throws {
        let paper = try CrossrefWork.paper(in: Data(Self.work.utf8))
        #expect(paper.title == "PPM: Automated Generation of Diverse Programming Problems")
        #expect(paper.authors == ["Simin Chen", "Xiaoning Feng", "The PPM Consortium"])
        #expect(paper.year == 2024 && paper.month == 7)
        #expect(paper.venue == "Proceedings of the ACM on Software Engineering")
        #expect(paper.doi == "10.1145/3643780")
        #expect(paper.abstract == "We propose PPM.")
    }

    @Test func aCrossrefAnswerWithoutAWorkIsAnError() {
        #expect(throws: MetadataError.self) { try CrossrefWork.paper(in: Data("not json".utf8)) }
        #expect(throws: MetadataError.self) { try CrossrefWork.paper(in: Data(#"{"message":{"title":[]}}"#.utf8)) }
    }

    static let bibliography = #"""
    @string{nm = "Nature Medicine"}
    @comment{exported by a reference manager}
    @article{lovelace2024,
      title   = {A {Vision-Language} Model for Chest {X}-Rays \& {CT}},
      author  = {Lovelace, Ada and Aky{\"{u}}rek, Ekin and Sch\"olkopf, Bernhard and others},
      journal = {Nature Medicine},
      year    = 2024,
      month   = feb,
      doi     = {10.1038/s41591-024-00001-1},
    }
    @misc{hopper2023,
      title = "Compilers for {\'E}cole Students",
      author = "Grace Hopper and Ren{\'e} Descartes",
      eprint = {2301.00001}, archivePrefix = {arXiv},
      journal = {arXiv preprint arXiv:2301.00001},
      year = {2023}
    }
    """#

    @Test func bibTeXEntriesGiveTheirPapers() throws {
        let papers = try BibTeX.papers(in: Self.bibliography)
        #expect(papers.count == 2)
        #expect(papers[0].title == "A Vision-Language Model for Chest X-Rays & CT")
        #expect(papers[0].authors == ["Ada Lovelace", "Ekin Akyürek", "Bernhard Schölkopf"])
        #expect(papers[0].year == 2024 && papers[0].month == 2)
        #expect(papers[0].venue == "Nature Medicine")
        #expect(papers[0].doi == "10.1038/s41591-024-00001-1")
        #expect(papers[1].title == "Compilers for École Students")
        #expect(papers[1].authors == ["Grace Hopper", "René Descartes"])
        #expect(papers[1].arxiv == "2301.00001")
        #expect(papers[1].venue == nil, "an arXiv preprint has no venue")
    }

    @Test func brokenBibTeXNamesTheLine() {
        #expect(throws: MetadataError("BibTeX entry at line 2 does not close")) {
            try BibTeX.papers(in: "\n@article{key,\n  title = {Open},\n")
        }
        #expect(throws: MetadataError("BibTeX entry at line 1 has no title")) {
            try BibTeX.papers(in: "@article{key, author = {A B}}")
        }
        #expect(throws: MetadataError.self) { try BibTeX.papers(in: "@article{key, title = {Unclosed brace}") }
    }
}
