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
        let line = try PairExport.line(Self.pair, format: .trlConversational)
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

    @Test func trlStandardIsStringsAndASystemMessageCanLead() throws {
        let o = try Self.object(try PairExport.line(Self.pair, format: .trlConversational, style: .standard))
        #expect(o["prompt"] as? String == "Book the hotel, \"now\" / please" && o["chosen"] as? String == Self.pair.chosen)
        let withSpec = try Self.object(try PairExport.line(Self.pair, format: .trlConversational, system: "You follow the travel spec."))
        let prompt = try #require(withSpec["prompt"] as? [[String: String]])
        #expect(prompt.first == ["role": "system", "content": "You follow the travel spec."] && prompt.count == 2)
    }

    @Test func openaiPreferenceShape() throws {
        let o = try Self.object(try PairExport.line(Self.pair, format: .openai))
        let input = try #require(o["input"] as? [String: Any])
        #expect((input["messages"] as? [[String: String]])?.count == 1)
        #expect((o["preferred_output"] as? [[String: String]])?.count == 1, "exactly one assistant message")
        #expect((o["non_preferred_output"] as? [[String: String]])?.first?["role"] == "assistant")
    }

    @Test func distilabelHasAPromptIDAndModels() throws {
        let o = try Self.object(try PairExport.line(Self.pair, format: .distilabel))
        #expect(o["prompt_id"] as? String == PreferencePair.sha256("Book the hotel, \"now\" / please"))
        #expect(o["chosen_model"] as? String == "m1" && o["rejected_model"] as? String == "m1")
        let multi = PreferencePair(prompt: [Turn(role: "system", content: "Be brief."), Turn(role: "user", content: "Hi")],
                                   chosen: "Hello.", rejected: "…", provenance: Provenance(generator: "import"))
        #expect(try Self.object(try PairExport.line(multi, format: .distilabel))["prompt"] as? String == "system: Be brief.\n\nuser: Hi")
    }

    @Test func provenanceColumnsAndDeterministicBytes() throws {
        let review = ExportProvenance(status: "edited", decisions: ["bob": "accept", "alice": "accept"], edited: true)
        let line = try PairExport.line(Self.pair, format: .trlConversational, provenance: review)
        #expect(line == (try PairExport.line(Self.pair, format: .trlConversational, provenance: review)), "same input, same bytes")
        let o = try Self.object(line)
        #expect(o["id"] as? String == Self.pair.id && o["spec"] as? String == "travel" && o["spec_revision"] as? Int == 2)
        #expect(o["rule_ids"] as? [String] == ["travel.booking-consent"] && o["strategy"] as? String == "direct")
        #expect(o["generator"] as? String == "openai" && o["status"] as? String == "edited" && o["edited"] as? Bool == true)
        #expect(o["annotators"] as? [String] == ["alice", "bob"])
        #expect(line.range(of: #"^\{"annotators""#, options: .regularExpression) != nil, "keys sorted")
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
    static let review = ExportProvenance(status: "accepted", decisions: ["zoë": "accept", "bob": "accept", "Ann": "tie"], edited: false)

    @Test func everyFormatsLineByteForByte() {
        let id = Self.pair.id
        let tail = #""generator":"openai","id":"\#(id)","#
        let review = #""annotators":["Ann","bob","zoë"],"#
        let decisions = #""decisions":{"Ann":"tie","bob":"accept","zoë":"accept"},"edited":false,"#
        let rest = #""rule_ids":["travel.b","travel.a"],"spec":"travel","spec_revision":2,"status":"accepted","strategy":"direct"}"#
        let messages = #"[{"content":"Tools:\tsearch","role":"system"},{"content":"{\"ok\":1}","name":"search","role":"tool"},{"content":"Book \"it\" — 東京","role":"user"}]"#
        #expect(PairExport.line(Self.pair, format: .trlConversational, provenance: Self.review) ==
            "{" + review + #""chosen":[{"content":"Shall I?\n","role":"assistant"}],"# + decisions + tail
            + #""prompt":"# + messages + #","rejected":[{"content":"Booked.","role":"assistant"}],"# + rest)
        #expect(PairExport.line(Self.pair, format: .trlStandard) ==
            #"{"chosen":"Shall I?\n","prompt":"system: Tools:\tsearch\n\ntool: {\"ok\":1}\n\nuser: Book \"it\" — 東京","rejected":"Booked."}"#)
        #expect(PairExport.line(Self.pair, format: .openai) ==
            #"{"input":{"messages":"# + messages + #"},"non_preferred_output":[{"content":"Booked.","role":"assistant"}],"#
            + #""preferred_output":[{"content":"Shall I?\n","role":"assistant"}]}"#)
        let prompt = #"system: Tools:\tsearch\n\ntool: {\"ok\":1}\n\nuser: Book \"it\" — 東京"#
        let promptID = PreferencePair.sha256(PairExport.plainPrompt(Self.pair.prompt))
        #expect(PairExport.line(Self.pair, format: .distilabel) ==
            #"{"chosen":"Shall I?\n","chosen_model":"m1","prompt":""# + prompt + #"","prompt_id":""# + promptID
            + #"","rejected":"Booked.","rejected_model":"m1"}"#)
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
}
