import Testing
@testable import TenetFormats

/// SpecBench's evaluate file keys a joint run's verdicts "1"…"N", and they are read by
/// position (`list(result["behavioral"].values())`): an encoder with sorted keys wrote
/// "1", "10", "11", "2" …, and an analysis by position read every verdict past the ninth
/// against the wrong rule.
@Suite struct EvalExportOrderTests {
    @Test func numberedKeysAreWrittenInNumericOrderAndNothingElseMoves() {
        let verdicts = (1...11).map { "      \"\($0)\" : \"\($0 % 2 == 0 ? "NO" : "YES")\"" }
        let sorted = verdicts.sorted()
        let json = "{\n  \"behavioral\" : {\n" + sorted.enumerated().map { $0.offset < sorted.count - 1 ? $0.element + "," : $0.element }.joined(separator: "\n")
            + "\n  },\n  \"mixed\" : {\n    \"2\" : \"b\",\n    \"10\" : \"a\",\n    \"z\" : \"c\"\n  }\n}"
        let ordered = EvalExporter.numberedKeysInOrder(json)
        let expected = "{\n  \"behavioral\" : {\n" + verdicts.enumerated().map { $0.offset < verdicts.count - 1 ? $0.element + "," : $0.element }.joined(separator: "\n")
            + "\n  },\n  \"mixed\" : {\n    \"2\" : \"b\",\n    \"10\" : \"a\",\n    \"z\" : \"c\"\n  }\n}"
        #expect(ordered == expected, "\(ordered)")
        #expect(EvalExporter.numberedKeysInOrder("{\n  \"a\" : 1\n}") == "{\n  \"a\" : 1\n}")
    }
}
