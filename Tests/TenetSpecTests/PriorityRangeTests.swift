import Testing
import TenetSpec

/// A priority is a whole number from 1 to 999,999,999: stored as a JSON number it must
/// read back exactly (9223372036854775807 was taken, then broke every read of its rule).
@Suite struct PriorityRangeTests {
    @Test func aPriorityOutsideTheRangeIsAWarningAndNotTaken() throws {
        let text = """
            # S {#s}

            ## A {#a priority=3}

            Do a.

            ## B {#b priority=9223372036854775807}

            Do b.

            ## C {#c priority=0}

            Do c.

            ## D {#d priority=999999999}

            Do d.
            """
        let spec = try SpecReader.read(path: "s.md", text: text)
        #expect(spec.rules.map(\.priority) == [3, nil, nil, 999_999_999])
        let warnings = spec.diagnostics.filter { $0.code == "bad-annotation" }
        #expect(warnings.map(\.line) == [7, 11])
        #expect(warnings.allSatisfy { $0.message.contains("is not a whole number from 1 to 999999999") }, "\(warnings)")
    }
}
