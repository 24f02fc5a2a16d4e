import Lists
import Testing

/// Fields read where real lists write them: a dated venue at the end of an author line, page
/// ranges that are no years, a `J/C` column (cases from the corpus, titles invented).
@Suite struct FieldReadingTests {
    static func entry(_ text: String) throws -> Entry {
        try #require(ListParser.parse(text).entries.first)
    }

    @Test func anAuthorLineEndingInADatedVenueGivesTheVenue() throws {
        let entry = try Self.entry("""
        - [Offline Congestion Games and Data Coverage](https://arxiv.org/abs/2210.13396)
          - Haozhe Jiang, Qiwen Cui, Maryam Fazel, and Simon S. Du. ICLR, 2023.
        """)
        #expect(entry.authors == ["Haozhe Jiang", "Qiwen Cui", "Maryam Fazel", "Simon S. Du"])
        #expect(entry.venue == "ICLR")
        #expect(entry.year == 2023)
    }

    @Test func twoLetterSurnamesEndNames() throws {
        let entry = try Self.entry("""
        - [A Study of Event Cameras](https://arxiv.org/abs/2301.00001)
          - Ming Yin, Tao Li, and Wei Xu. NeurIPS, 2021.
        """)
        #expect(entry.authors == ["Ming Yin", "Tao Li", "Wei Xu"])
        #expect(entry.venue == "NeurIPS")
    }

    @Test(arguments: [
        ("- Orchard, G., *[HFIRST: A Temporal Approach to Object Recognition](https://doi.org/10.1109/TPAMI.2015.2392947)*, TPAMI, 37(10):2028-2040, 2015.", 2015),
        ("- Smith, A., *[A Sensor Paper](https://doi.org/10.1109/JSSC.2011.1)*, IEEE JSSC, 46(6):1443-1455, 2011.", 2011),
    ])
    func pageRangesAreNoYears(text: String, year: Int) throws {
        #expect(try Self.entry(text).year == year)
    }

    @Test func aJournalOrConferenceColumnIsTheVenue() throws {
        let entry = try Self.entry("""
        | Technique | Paper Title | J/C | Year |
        |---|---|---|---|
        | GAN | Adversarial Nets for Mass Segmentation [[pdf]](https://arxiv.org/abs/1710.09288) | ISBI | 2018 |
        """)
        #expect(entry.venue == "ISBI")
        #expect(entry.year == 2018)
    }
}
