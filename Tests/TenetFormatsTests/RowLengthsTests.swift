import Testing
import TenetSpec
@testable import TenetFormats

/// A row's length is its prompt's messages and its longer answer; tokens are estimated as
/// UTF-8 bytes / 4, rounded up.
@Suite struct RowLengthsTests {
    func pair(_ prompt: String, _ chosen: String, _ rejected: String) -> PreferencePair {
        PreferencePair(prompt: [Turn(role: "user", content: prompt)], chosen: chosen, rejected: rejected, provenance: Provenance(generator: "t"))
    }

    @Test func aRowIsThePromptAndTheLongerAnswer() {
        let row = RowLengths.measure(pair("Où?", "Ici, à côté.", "Non"), system: nil)
        #expect(row.characters == 3 + 12 && row.bytes == 4 + 15 && row.tokens == 5)
        let withSystem = RowLengths.measure(pair("Où?", "Ici.", "Non"), system: "Be brief.")
        #expect(withSystem.characters == 9 + 3 + 4, "a system message the export adds counts")
    }

    @Test func mediansMaximaAndTheLongestRows() {
        var lengths = RowLengths()
        #expect(lengths.summary == "lengths: no rows")
        for (id, bytes) in [("a", 8), ("b", 40), ("c", 4), ("d", 40), ("e", 100)] {
            lengths.add(RowLengths.Row(id: id, characters: bytes, bytes: bytes))
        }
        #expect(lengths.rows == 5 && lengths.medianTokens == 10 && lengths.maxTokens == 25 && lengths.medianCharacters == 40)
        #expect(lengths.longest.map(\.id) == ["e", "b", "d"], "longest first; a tie keeps pair-ID order")
        #expect(lengths.rows(over: 10) == 1 && lengths.rows(over: 9) == 3)
        #expect(lengths.summary.contains("median 10 tokens (40 characters), longest 25 tokens (100 characters): e, b, d"))
        lengths.add(RowLengths.Row(id: "f\u{1B}[2J", characters: 1, bytes: 4_000_000))
        #expect(lengths.summary.contains("longest 1,000,000 tokens") && lengths.summary.contains("f␛[2J, e, b"), "IDs are made safe for a terminal")
    }
}
