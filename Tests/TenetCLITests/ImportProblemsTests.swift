import Foundation
import Testing

/// Bad lines of an import, in the prompt set suite's project (a spec and a prompt set).
extension EvalCommandTests {
    /// Every bad line of a prompt file is listed at once — a duplicate ID after other bad
    /// lines too — in the `FILE:LINE: error: reason` form of parse and lint, which
    /// `import pairs` uses as well.
    @Test func everyBadImportLineIsListedAtOnceInOneForm() throws {
        let prompts = [#"{"prompt": "One", "label": "maybe"}"#, #"{"prompt": "Two", "colour": "red"}"#,
                       #"{"prompt": "Three", "id": "x"}"#, #"{"prompt": "Four", "id": "x"}"#]
        try (prompts.joined(separator: "\n") + "\n").write(toFile: directory + "/bad.jsonl", atomically: true, encoding: .utf8)
        let bad = try run(["import", "prompts", "bad.jsonl", "--name", "mine"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad.jsonl:1: error: `label` is `maybe`"), "\(bad.stderr)")
        #expect(bad.stderr.contains("bad.jsonl:2: error: unknown key `colour`"), "\(bad.stderr)")
        #expect(bad.stderr.contains("bad.jsonl:4: error: prompt ID `x` appears twice in the set"), "\(bad.stderr)")
        #expect(bad.stderr.contains("nothing imported: 3 bad lines"), "\(bad.stderr)")

        try "{\"prompt\": \"q\", \"chosen\": \"a\", \"rejected\": \"b\"}\n{not json\n".write(toFile: directory + "/pairs.jsonl", atomically: true, encoding: .utf8)
        let pairs = try run(["import", "pairs", "pairs.jsonl", "--spec", "travel-itinerary-planning"])
        #expect(pairs.status == 1)
        #expect(pairs.stderr.contains("pairs.jsonl:2: error: not valid JSON"), "\(pairs.stderr)")
        #expect(!pairs.stderr.contains("tenet: pairs.jsonl:2"), "\(pairs.stderr)")
    }
}
