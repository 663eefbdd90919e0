import Foundation
import Testing
import TenetFormats
import TenetSpec
import TenetStore

/// Preference-pair lines in the formats training tools write, and lines that are not.
@Suite struct PairLineReaderTests {
    func read(_ line: String, format: PairFormat? = nil) -> Result<(PreferencePair, PairFormat), PairLineError> {
        PairLineReader.pair(line, number: 7, format: format, spec: "travel", source: "pairs.jsonl").map { ($0.pair, $0.format) }
    }

    @Test func everyFormatIsDetectedAndRead() throws {
        let lines: [(String, PairFormat, [Turn], String, String)] = [
            (#"{"prompt": "The sky is", "chosen": " blue.", "rejected": " green.", "rule_ids": ["travel.a"]}"#,
             .trlStandard, [Turn(role: "user", content: "The sky is")], " blue.", " green."),
            (#"{"prompt": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}], "chosen": [{"role": "assistant", "content": "Hello"}], "rejected": [{"role": "assistant", "content": "Go away"}]}"#,
             .trlConversational, [Turn(role: "system", content: "Be brief."), Turn(role: "user", content: "Hi")], "Hello", "Go away"),
            (#"{"chosen": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}], "rejected": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "No"}]}"#,
             .trlConversational, [Turn(role: "user", content: "Hi")], "Hello", "No"),
            (#"{"input": {"messages": [{"role": "user", "content": "Hi"}]}, "preferred_output": [{"role": "assistant", "content": "Hello"}], "non_preferred_output": [{"role": "assistant", "content": "No"}]}"#,
             .openai, [Turn(role: "user", content: "Hi")], "Hello", "No"),
            (#"{"prompt": "Hi", "prompt_id": "abc", "chosen": "Hello", "chosen_model": "m1", "chosen_rating": 5, "rejected": "No", "rejected_model": "m2", "rejected_rating": 1}"#,
             .distilabel, [Turn(role: "user", content: "Hi")], "Hello", "No"),
        ]
        for (line, format, prompt, chosen, rejected) in lines {
            let (pair, detected) = try read(line).get()
            #expect(detected == format)
            #expect(pair.prompt == prompt)
            #expect(pair.chosen == chosen)
            #expect(pair.rejected == rejected)
            #expect(pair.spec == "travel")
            #expect(pair.provenance.source == "pairs.jsonl:7")
            #expect(pair.id == pair.contentID)
        }
        #expect(try read(lines[0].0).get().0.rules == ["travel.a"])
        #expect(try read(lines[4].0).get().0.provenance.model == "m1, m2")
    }

    @Test func aTenetExportLineCarriesItsReviewAndOrigin() throws {
        let line = #"{"annotators":["ann","bo"],"chosen":"c","decisions":{"ann":"accept","bo":"skip"},"edited":true,"generator":"offline-template","id":"p-1","prompt":"p","rejected":"r","rule_ids":["travel.a"],"spec":"travel","spec_revision":3,"status":"edited","strategy":"direct"}"#
        let read = try PairLineReader.pair(line, number: 1, format: nil, spec: nil, source: "x").get()
        #expect(read.review == ImportedReview(status: .edited, decisions: ["ann": .accept, "bo": .skip], edited: true))
        #expect(read.pair.id == "p-1" && read.pair.spec == "travel" && read.pair.specRevision == 3 && read.pair.strategy == "direct")
        #expect(read.pair.provenance.generator == "offline-template", "the generator that made it, not `import`")
    }

    @Test func badLinesSayWhatIsWrong() {
        let cases: [(String, String)] = [
            ("{not json", "not valid JSON"),
            ("[1, 2]", "not a JSON object"),
            (#"{"text": "hi"}"#, "not a preference pair"),
            (#"{"prompt": "p", "chosen": "c"}"#, "not a preference pair"),
            (#"{"chosen": "c", "rejected": "r"}"#, "missing `prompt`"),
            (#"{"prompt": 3, "chosen": "c", "rejected": "r"}"#, "`prompt` must be a string"),
            (#"{"prompt": [{"role": "user", "content": "q"}], "chosen": [{"role": "user", "content": "c"}], "rejected": [{"role": "assistant", "content": "r"}]}"#,
             "last message of `chosen` must be the assistant's"),
            (#"{"input": {"messages": [{"role": "user", "content": "q"}]}, "preferred_output": [{"role": "assistant", "content": "a"}, {"role": "assistant", "content": "b"}], "non_preferred_output": [{"role": "assistant", "content": "c"}]}"#,
             "exactly one assistant message"),
            (#"{"prompt": "p", "chosen": "c", "rejected": "r", "rule_ids": [1]}"#, "list of rule ID strings"),
            (#"{"prompt": "p", "chosen": "c", "rejected": "r", "status": "great"}"#, "`status` must be one of pending, accepted"),
            (#"{"prompt": "p", "chosen": "c", "rejected": "r", "status": "accepted", "decisions": {"ann": "yes"}}"#, "decision of ann must be one of accept"),
            (#"{"prompt": "p", "chosen": "c", "rejected": "r", "status": "accepted", "decisions": ["ann"]}"#, "`decisions` must map"),
            (#"{"prompt": "p", "chosen": "c", "rejected": "r", "status": "edited", "edited": 1}"#, "`edited` must be true or false"),
            (#"{"prompt": "p", "chosen": "c", "rejected": "r", "spec_revision": 1.5}"#, "`spec_revision` must be a whole number"),
        ]
        for (line, fragment) in cases {
            guard case .failure(let error) = read(line) else { Issue.record("accepted: \(line)"); continue }
            #expect(error.line == 7)
            #expect(error.message.contains(fragment), "\(line) → \(error.message)")
        }
        guard case .failure(let mixed) = read(#"{"prompt": "p", "chosen": "c", "rejected": "r"}"#, format: .openai) else {
            Issue.record("a line in another format was accepted"); return
        }
        #expect(mixed.message.contains("the file is openai"))
    }

    @Test func randomBytesNeverCrashTheReader() {
        var random = SeededRandom(seed: 11)
        let pieces = ["{", "}", "[", "]", "\"prompt\"", "\"chosen\"", "\"rejected\"", ":", ",", "\"role\"", "\"content\"", "null", "1", "\"x\"", "\u{0}", "é"]
        for _ in 0..<2000 {
            let line = (0..<random.int(in: 0...12)).map { _ in pieces[random.int(in: 0...(pieces.count - 1))] }.joined()
            _ = read(line)
        }
    }
}
