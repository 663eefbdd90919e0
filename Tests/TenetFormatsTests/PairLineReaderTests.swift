import Foundation
import Testing
@testable import TenetFormats
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
        // decisions as a list of objects (exports now), each with its note, blindness and text revision.
        let line = #"{"annotators":["ann","bo"],"chosen":"c","decisions":[{"annotator":"ann","blind":true,"decision":"accept","note":"fine","text_revision":3},{"annotator":"bo","blind":false,"decision":"skip","note":"","text_revision":1}],"edited":true,"generator":"offline-template","id":"p-1","prompt":"p","rejected":"r","rule_ids":["travel.a"],"spec":"travel","spec_revision":3,"status":"edited","strategy":"direct"}"#
        let read = try PairLineReader.pair(line, number: 1, format: nil, spec: nil, source: "x").get()
        #expect(read.review == ImportedReview(status: .edited, decisions: ["ann": ImportedDecision(.accept, note: "fine", blind: true, textRevision: 3),
                                                                             "bo": ImportedDecision(.skip, textRevision: 1)], edited: true))
        #expect(read.pair.id == "p-1" && read.pair.spec == "travel" && read.pair.specRevision == 3 && read.pair.strategy == "direct")
        #expect(read.pair.provenance.generator == "offline-template", "the generator that made it, not `import`")
        // …and as an object of annotator → decision (exports before).
        let old = #"{"annotators":["ann","bo"],"chosen":"c","decisions":{"ann":"accept","bo":"skip"},"edited":true,"generator":"offline-template","id":"p-1","prompt":"p","rejected":"r","status":"edited"}"#
        #expect(try PairLineReader.pair(old, number: 1, format: nil, spec: nil, source: "x").get().review
                == ImportedReview(status: .edited, decisions: ["ann": ImportedDecision(.accept), "bo": ImportedDecision(.skip)], edited: true))
        // What a pair lacks is null: read as absent.
        let nulls = #"{"chosen":"c","decisions":[],"edited":false,"generator":"import","id":"p-2","prompt":"p","rejected":"r","rule_ids":[],"spec":null,"spec_revision":null,"status":"accepted","strategy":null}"#
        let bare = try PairLineReader.pair(nulls, number: 1, format: nil, spec: "travel", source: "x").get()
        #expect(bare.pair.spec == "travel" && bare.pair.specRevision == nil && bare.pair.strategy == nil && bare.review?.decisions == [:])
    }

    @Test func distilabelAndStandardLinesReadBackTheWholeConversation() throws {
        // distilabel: the answers carry the conversation; `prompt` is only the first user message.
        let distilabel = #"{"chosen":[{"content":"Be brief.","role":"system"},{"content":"Hi","role":"user"},{"content":"Hello","role":"assistant"}],"chosen_model":"m1","chosen_rating":1.0,"prompt":"Hi","prompt_id":"x","rejected":[{"content":"Be brief.","role":"system"},{"content":"Hi","role":"user"},{"content":"Go away","role":"assistant"}],"rejected_model":"m1","rejected_rating":0.0}"#
        let (pair, format) = try read(distilabel).get()
        #expect(format == .distilabel && pair.prompt == [Turn(role: "system", content: "Be brief."), Turn(role: "user", content: "Hi")])
        #expect(pair.chosen == "Hello" && pair.rejected == "Go away")
        // Standard: the labelled conversation ending with the cue, answers after one space.
        let standard = #"{"chosen":" Hello.\n\nBye","prompt":"System: Be brief.\n\nUser: Hi\n\nthere\n\nAssistant: Earlier\n\nUser: Again\n\nAssistant:","rejected":"  Go away"}"#
        let (turns, detected) = try read(standard).get()
        #expect(detected == .trlStandard)
        #expect(turns.prompt == [Turn(role: "system", content: "Be brief."), Turn(role: "user", content: "Hi\n\nthere"),
                                 Turn(role: "assistant", content: "Earlier"), Turn(role: "user", content: "Again")])
        #expect(turns.chosen == "Hello.\n\nBye" && turns.rejected == " Go away", "one space only is the boundary's")
    }

    @Test func badLinesSayWhatIsWrong() {
        let cases: [(String, String)] = [
            ("{not json", "not valid JSON at byte 2: expected a key in quotes"),
            (#"{"prompt": "p", "prompt": "q", "chosen": "c", "rejected": "r"}"#, "not valid JSON at byte 1: the key “prompt” appears twice"),
            (#"{"prompt": "p\ud800", "chosen": "c", "rejected": "r"}"#, "a lone surrogate"),
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
            (#"{"prompt": "p", "chosen": "c", "rejected": "r", "status": "accepted", "decisions": ["ann"]}"#, "`decisions`[0] must be an object"),
            (#"{"prompt": "p", "chosen": "c", "rejected": "r", "status": "accepted", "decisions": 3}"#, "`decisions` must be a list"),
            (#"{"prompt": "p", "chosen": "c", "rejected": "r", "status": "accepted", "decisions": [{"annotator": "a", "decision": "accept"}, {"annotator": "a", "decision": "tie"}]}"#,
             "lists a twice"),
            (#"{"prompt": "p", "chosen": "c", "rejected": "r", "status": "accepted", "decisions": [{"annotator": "a", "decision": "yes"}]}"#, "`decisions`[0].decision must be one of accept"),
            (#"{"prompt": "p", "chosen": "c", "rejected": "r", "status": "accepted", "decisions": [{"annotator": "a", "decision": "accept", "text_revision": 0}]}"#, "text_revision must be a revision number"),
            (#"{"prompt": "p", "chosen": "c", "rejected": "r", "status": "accepted", "decisions": [{"annotator": "a", "decision": "accept", "blind": "no"}]}"#, "blind must be true or false"),
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

    /// Lines of TRL's formats in their common shape are read without a dictionary per
    /// message (``PairLineScan``); every line, of that shape or nearly, good or bad, reads
    /// exactly as the general reading reads it — the same pair, format and review, or the
    /// same message.
    @Test func theCommonShapeReadsAsTheGeneralReadingDoes() throws {
        let prompts = [nil, #""Hi \u00e9\n""#, #"[{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}]"#,
                       #"[{"role": "user", "content": "Hi", "name": "ann"}]"#, "[]", "null", "3", #"[{"role": "user"}]"#,
                       #"[{"role": "user", "content": "Hi", "lang": "en"}]"#, #"[{"role": "us\u0007er", "content": "Hi"}]"#,
                       #"[{"role": "user", "content": "Hi", "role": "system"}]"#, #"["Hi"]"#, #"[{"role": "user", "content": 1}]"#]
        let answers = [#"" blue.""#, #"" green.""#, "\"\"", #"[{"role": "assistant", "content": "Hello"}]"#,
                       #"[{"role": "assistant", "content": "Go \"away\""}]"#,
                       #"[{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]"#,
                       #"[{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "No"}]"#,
                       #"[{"role": "user", "content": "Hi"}]"#, "[]", "7", "{}", #"[{"role": "assistant", "content": "Hello", "name": 5}]"#]
        let extras = ["", #", "rule_ids": ["travel.a", "travel.b"]"#, #", "rule_ids": ["travel.a", 2]"#, #", "rule": "travel.c""#,
                      #", "rule_id": 4, "rules": ["travel.d"]"#, #", "id": "p-given", "spec": "other", "strategy": "direct""#,
                      #", "spec_revision": 3"#, #", "spec_revision": 3.5"#, #", "spec_revision": null"#, #", "generator": "gen""#,
                      #", "status": "accepted""#, #", "status": "pending", "decisions": [], "edited": true"#,
                      #", "input": {"messages": []}"#, #", "prompt_id": "x""#, #", "rule": "a", "rule": "b""#,
                      #", "chosen": " again""#, #", "meta": {"deep": [1, 2, {"x": null}]}"#, ", ", #", "rule": "\ud800""#]
        let formats: [PairFormat?] = [nil, .trlStandard, .trlConversational, .openai]
        var generator = SystemRandomNumberGenerator()
        var common = 0
        for n in 0..<4_000 {
            var line = "{"
            var fields: [String] = []
            if let prompt = prompts.randomElement(using: &generator)! { fields.append(#""prompt": "# + prompt) }
            if n % 17 != 0 { fields.append(#""chosen": "# + answers.randomElement(using: &generator)!) }
            if n % 19 != 0 { fields.append(#""rejected": "# + answers.randomElement(using: &generator)!) }
            fields.shuffle(using: &generator)
            line += fields.joined(separator: n % 2 == 0 ? ", " : ",")
            line += fields.isEmpty ? String(extras.randomElement(using: &generator)!.dropFirst(2)) : extras.randomElement(using: &generator)!
            line += "}"
            if n % 4 == 0 {
                // A good line of each shape, as most lines of a file are.
                let shapes = [(prompts[1]!, answers[0], answers[1]), (prompts[2]!, answers[3], answers[4]),
                              (prompts[3]!, answers[4], answers[3]), ("", answers[5], answers[6])]
                let (prompt, chosen, rejected) = shapes[(n / 4) % shapes.count]
                line = "{" + (prompt.isEmpty ? "" : #""prompt": \#(prompt), "#) + #""chosen": \#(chosen), "rejected": \#(rejected)"#
                    + extras[(n / 16) % 10] + "}"
            }
            if n % 23 == 0 { line = "  " + line + " \t" }
            if n % 29 == 0 { line += " x" }
            if n % 31 == 0 { line = String(line.dropLast(Int.random(in: 1...9, using: &generator))) }
            let format = n % 4 == 0 ? nil : formats.randomElement(using: &generator)!
            let read = PairLineReader.pair(line, number: n, format: format, spec: "travel", source: "f.jsonl")
            let general = PairLineReader.generalPair(line, number: n, format: format, spec: "travel", source: "f.jsonl")
            switch (read, general) {
            case (.success(let a), .success(let b)):
                #expect(a.pair == b.pair && a.format == b.format && a.review == b.review, "\(line)")
            case (.failure(let a), .failure(let b)):
                #expect(a == b, "\(line)")
            default:
                Issue.record("read one way and not the other: \(line)")
            }
            if PairLineScan.scan(line) != nil, case .success = read { common += 1 }
        }
        #expect(common > 500, "the common shape is read straight from the bytes")
    }
}
