import Foundation
import Testing
import TenetSpec
@testable import TenetFormats

/// Each export format against its specification, and what the import makes of it.
@Suite struct PairExportTests {
    static let pair = PreferencePair(
        spec: "travel", specRevision: 2, instantiation: "trip", rules: ["travel.booking-consent"],
        prompt: [Turn(role: "user", content: "Book the hotel, \"now\" / please")],
        chosen: "Before I book: 3 nights, €426.\nShall I?", rejected: "Booked!", strategy: "direct",
        provenance: Provenance(generator: "openai", model: "m1"))

    static func object(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func trlConversationalHasOneAssistantMessagePerAnswer() throws {
        let line = PairExport.line(Self.pair, format: .trlConversational)
        #expect(!line.contains("\n"), "one line")
        let o = try Self.object(line)
        #expect(Set(o.keys) == ["prompt", "chosen", "rejected"], "no provenance unless asked")
        let prompt = try #require(o["prompt"] as? [[String: String]])
        #expect(prompt == [["role": "user", "content": "Book the hotel, \"now\" / please"]])
        #expect(o["chosen"] as? [[String: String]] == [["role": "assistant", "content": "Before I book: 3 nights, €426.\nShall I?"]])
        #expect(o["rejected"] as? [[String: String]] == [["role": "assistant", "content": "Booked!"]])
        // The importer reads it back as the same pair.
        guard case .success(let read) = PairLineReader.pair(line, number: 1, format: nil, spec: "travel", source: "x") else {
            Issue.record("not read back"); return
        }
        #expect(read.format == .trlConversational && read.pair.prompt == Self.pair.prompt && read.pair.chosen == Self.pair.chosen && read.pair.rejected == Self.pair.rejected)
        #expect(read.review == nil, "no provenance columns, no review")
    }

    @Test func trlStandardIsStringsWithABoundaryAndASystemMessageCanLead() throws {
        let o = try Self.object(PairExport.line(Self.pair, format: .trlConversational, style: .standard))
        let prompt = try #require(o["prompt"] as? String), chosen = try #require(o["chosen"] as? String)
        #expect(prompt == "User: Book the hotel, \"now\" / please\n\nAssistant:" && chosen == " " + Self.pair.chosen)
        #expect((prompt + chosen).contains("please\n\nAssistant: Before I book"), "the answer does not run on from the question")
        let withSpec = try Self.object(PairExport.line(Self.pair, format: .trlConversational, system: "You follow the travel spec."))
        let messages = try #require(withSpec["prompt"] as? [[String: String]])
        #expect(messages.first == ["role": "system", "content": "You follow the travel spec."] && messages.count == 2)
    }

    @Test func openaiPreferenceShape() throws {
        let o = try Self.object(PairExport.line(Self.pair, format: .openai))
        let input = try #require(o["input"] as? [String: Any])
        #expect((input["messages"] as? [[String: String]])?.count == 1)
        #expect((o["preferred_output"] as? [[String: String]])?.count == 1, "exactly one assistant message")
        #expect((o["non_preferred_output"] as? [[String: String]])?.first?["role"] == "assistant")
    }

    /// distilabel's FormatChatGenerationDPO columns: `prompt` (the first user message),
    /// `prompt_id` (its SHA-256), `chosen`/`rejected` (the conversation ending with each
    /// answer), `chosen_model`/`rejected_model` and `chosen_rating`/`rejected_rating` (floats).
    @Test func distilabelIsDistilabelsPreferenceShape() throws {
        let o = try Self.object(PairExport.line(Self.pair, format: .distilabel))
        #expect(Set(o.keys) == ["prompt", "prompt_id", "chosen", "chosen_model", "chosen_rating", "rejected", "rejected_model", "rejected_rating"])
        #expect(o["prompt"] as? String == "Book the hotel, \"now\" / please")
        #expect(o["prompt_id"] as? String == PreferencePair.sha256("Book the hotel, \"now\" / please"))
        #expect(o["chosen"] as? [[String: String]] == [["role": "user", "content": "Book the hotel, \"now\" / please"],
                                                       ["role": "assistant", "content": "Before I book: 3 nights, €426.\nShall I?"]])
        #expect((o["rejected"] as? [[String: String]])?.last == ["role": "assistant", "content": "Booked!"])
        #expect(o["chosen_model"] as? String == "m1" && o["rejected_model"] as? String == "m1")
        let line = PairExport.line(Self.pair, format: .distilabel)
        #expect(line.contains(#""chosen_rating":1.0"#) && line.contains(#""rejected_rating":0.0"#), "written as floats, never 1 and 0")
        let multi = PreferencePair(prompt: [Turn(role: "system", content: "Be brief."), Turn(role: "user", content: "Hi")],
                                   chosen: "Hello.", rejected: "…", provenance: Provenance(generator: "import"))
        let withSystem = try Self.object(PairExport.line(multi, format: .distilabel))
        #expect(withSystem["prompt"] as? String == "Hi" && (withSystem["chosen"] as? [[String: String]])?.first?["role"] == "system")
    }

    @Test func provenanceColumnsAndDeterministicBytes() throws {
        let review = ExportProvenance(status: "edited", decisions: [ExportedDecision(annotator: "bob", decision: "accept", textRevision: 3),
                                                                   ExportedDecision(annotator: "alice", decision: "accept", note: "ok", blind: true, textRevision: 3)],
                                      edited: true)
        let line = PairExport.line(Self.pair, format: .trlConversational, provenance: review)
        #expect(line == (PairExport.line(Self.pair, format: .trlConversational, provenance: review)), "same input, same bytes")
        let o = try Self.object(line)
        #expect(o["id"] as? String == Self.pair.id && o["spec"] as? String == "travel" && o["spec_revision"] as? Int == 2)
        #expect(o["rule_ids"] as? [String] == ["travel.booking-consent"] && o["strategy"] as? String == "direct")
        #expect(o["generator"] as? String == "openai" && o["status"] as? String == "edited" && o["edited"] as? Bool == true)
        #expect(o["annotators"] as? [String] == ["alice", "bob"])
        let decisions = try #require(o["decisions"] as? [[String: Any]])
        #expect(decisions.map { $0["annotator"] as? String } == ["alice", "bob"], "in annotator order")
        #expect(decisions.allSatisfy { Set($0.keys) == ["annotator", "decision", "note", "blind", "text_revision"] }, "one schema for every decision")
        #expect(decisions[0]["note"] as? String == "ok" && decisions[1]["note"] as? String == "" && decisions[0]["blind"] as? Bool == true)
        #expect(line.hasPrefix(#"{"annotators""#), "keys sorted")
        // What a pair lacks is null, never a missing column: every export has the same columns.
        let bare = PreferencePair(prompt: [Turn(role: "user", content: "Hi")], chosen: "Hello", rejected: "No", provenance: Provenance(generator: "import"))
        let columns = try Self.object(PairExport.line(bare, format: .trlConversational, provenance: ExportProvenance(status: "accepted", decisions: [], edited: false)))
        #expect(Set(columns.keys) == ["prompt", "chosen", "rejected", "id", "spec", "spec_revision", "rule_ids", "strategy", "generator", "status",
                                      "decisions", "annotators", "edited"])
        #expect(columns["spec"] is NSNull && columns["spec_revision"] is NSNull && columns["strategy"] is NSNull)
    }
}

/// The exact bytes of a line in each format: compact, every object's keys in byte order
/// (nested messages too), strings escaped as RFC 8259 asks — what makes two exports of
/// the same database byte-identical.
@Suite struct PairExportBytesTests {
    static let pair = PreferencePair(
        spec: "travel", specRevision: 2, instantiation: "trip", rules: ["travel.b", "travel.a"],
        prompt: [Turn(role: "system", content: "Tools:\tsearch"), Turn(role: "tool", content: "{\"ok\":1}", name: "search"),
                 Turn(role: "user", content: "Book \"it\" — 東京")],
        chosen: "Shall I?\n", rejected: "Booked.", strategy: "direct", provenance: Provenance(generator: "openai", model: "m1"))
    static let review = ExportProvenance(status: "accepted", decisions: [ExportedDecision(annotator: "zoë", decision: "accept", textRevision: 1),
                                                                        ExportedDecision(annotator: "bob", decision: "accept", note: "fine \"so\"", textRevision: 4),
                                                                        ExportedDecision(annotator: "Ann", decision: "tie", blind: true, textRevision: 4)],
                                         edited: false)

    @Test func everyFormatsLineByteForByte() {
        let id = Self.pair.id
        let tail = #""generator":"openai","id":"\#(id)","#
        let review = #""annotators":["Ann","bob","zoë"],"#
        let decisions = #""decisions":[{"annotator":"Ann","blind":true,"decision":"tie","note":"","text_revision":4},"#
            + #"{"annotator":"bob","blind":false,"decision":"accept","note":"fine \"so\"","text_revision":4},"#
            + #"{"annotator":"zoë","blind":false,"decision":"accept","note":"","text_revision":1}],"edited":false,"#
        let rest = #""rule_ids":["travel.b","travel.a"],"spec":"travel","spec_revision":2,"status":"accepted","strategy":"direct"}"#
        let messages = #"[{"content":"Tools:\tsearch","role":"system"},{"content":"{\"ok\":1}","name":"search","role":"tool"},{"content":"Book \"it\" — 東京","role":"user"}]"#
        #expect(PairExport.line(Self.pair, format: .trlConversational, provenance: Self.review) ==
            "{" + review + #""chosen":[{"content":"Shall I?\n","role":"assistant"}],"# + decisions + tail
            + #""prompt":"# + messages + #","rejected":[{"content":"Booked.","role":"assistant"}],"# + rest)
        #expect(PairExport.line(Self.pair, format: .trlStandard) ==
            #"{"chosen":" Shall I?\n","prompt":"System: Tools:\tsearch\n\nTool: {\"ok\":1}\n\nUser: Book \"it\" — 東京\n\nAssistant:","rejected":" Booked."}"#)
        #expect(PairExport.line(Self.pair, format: .openai) ==
            #"{"input":{"messages":"# + messages + #"},"non_preferred_output":[{"content":"Booked.","role":"assistant"}],"#
            + #""preferred_output":[{"content":"Shall I?\n","role":"assistant"}]}"#)
        let conversation = messages.dropLast()
        let promptID = PreferencePair.sha256("Book \"it\" — 東京")
        #expect(PairExport.line(Self.pair, format: .distilabel) ==
            #"{"chosen":"# + conversation + #",{"content":"Shall I?\n","role":"assistant"}],"chosen_model":"m1","chosen_rating":1.0,"#
            + #""prompt":"Book \"it\" — 東京","prompt_id":""# + promptID
            + #"","rejected":"# + conversation + #",{"content":"Booked.","role":"assistant"}],"rejected_model":"m1","rejected_rating":0.0}"#)
    }
}

@Suite struct DatasetCardTests {
    @Test func theSizeBucketIsTheHubsForTheNumberOfRows() {
        #expect(DatasetCard.sizeCategory(0) == "n<1K")
        #expect(DatasetCard.sizeCategory(999) == "n<1K")
        #expect(DatasetCard.sizeCategory(1_000) == "1K<n<10K")
        #expect(DatasetCard.sizeCategory(120_076) == "100K<n<1M")
        #expect(DatasetCard.sizeCategory(1_000_000) == "1M<n<10M")
    }

    @Test func theRulesLeadAConversationsOwnSystemTurnInOneSystemMessage() throws {
        let pair = PreferencePair(prompt: [Turn(role: "system", content: "Age band 3-5."), Turn(role: "user", content: "A story?")],
                                  chosen: "Once upon a time…", rejected: "No.", provenance: Provenance(generator: "offline-template"))
        let line = PairExport.line(pair, format: .trlConversational, system: "RULES")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let prompt = try #require(object["prompt"] as? [[String: String]])
        #expect(prompt.map { $0["role"] ?? "" } == ["system", "user"])
        #expect(prompt[0]["content"] == "RULES\n\nAge band 3-5.", "the rules first, the example's deployment kept")
        let plain = PairExport.line(pair, format: .trlConversational)
        #expect(plain.contains(#"{"content":"Age band 3-5.","role":"system"}"#), "without --with-spec the conversation is as it was")
    }
}
