import Testing
@testable import TenetSpec

/// A diagnostic quotes what it did not understand, and an unknown verdict, kind, direction,
/// authority, priority, ID or attribute name is as long as the author made it: each is
/// shown by its start and `…`, so one warning never fills a screen.
@Suite struct QuotedInMessageTests {
    static let long = "Z" + String(repeating: "x", count: 1_999)

    @Test func aLongWordIsShownByItsStart() {
        #expect(QuotedInMessage.shown("BADD") == "BADD")
        #expect(QuotedInMessage.shown(String(repeating: "é", count: 40)) == String(repeating: "é", count: 40))
        #expect(QuotedInMessage.shown(Self.long) == "Z" + String(repeating: "x", count: 38) + "…")
        #expect(QuotedInMessage.shown(Self.long[...]).count == 40)
    }

    @Test func everyDiagnosticQuotingTheAuthorsWordIsShort() throws {
        let long = Self.long
        let text = """
        ---
        kinds: root=\(long)
        ---
        # T

        ## One {#one kind=\(long) direction=\(long) authority=\(long) priority=\(long)}

        Never do it.

        **Example (\(long)):** a title

        ```chat
        user: hi
        assistant: sure
        ```

        ## Two {#\(long)!}

        Text.

        ## Three {\(long)!=1}

        Text.
        """
        let spec = try SpecReader.read(path: "long.md", text: text)
        let quoting = spec.diagnostics.filter { $0.message.contains("Zxxx") }
        // kinds:, kind, direction, authority, priority, verdict, ID, attribute name.
        #expect(quoting.count == 8, "\(spec.diagnostics.map(\.message))")
        for diagnostic in quoting {
            #expect(diagnostic.message.count < 200, "\(diagnostic.message.prefix(300))")
            #expect(diagnostic.message.contains("Z" + String(repeating: "x", count: 38) + "…"), "\(diagnostic.message.prefix(300))")
        }
    }
}
