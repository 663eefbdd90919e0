import Testing
@testable import TenetStore

/// A stored decision is read field by field; it reads exactly what its Codable form reads.
@Suite struct ReviewDecisionReadingTests {
    @Test func theFastReaderAgreesWithCodable() throws {
        let documents = [
            #"{"decision":"accept","at":"2026-12-04T10:00:00Z"}"#,
            #"{"decision":"reject","at":"t","note":"too curt","blind":true,"rules":{"travel/a":3,"travel/b":1}}"#,
            #"{"decision":"flag","at":"t","note":null,"blind":null,"rules":null}"#,
            #"{"decision":"tie","at":"t","extra":[1,2]}"#,
            #"{"decision":"maybe","at":"t"}"#, #"{"decision":"accept"}"#, #"{"at":"t"}"#,
            #"{"decision":"accept","at":3}"#, #"{"decision":"accept","at":"t","note":5}"#,
            #"{"decision":"accept","at":"t","blind":"yes"}"#, #"{"decision":"accept","at":"t","rules":{"a":1.5}}"#,
            #"{"decision":"accept","at":"t","rules":[1]}"#, #"["accept"]"#, #"null"#,
        ]
        var read = 0
        for text in documents {
            let value = try JSONValue.parse(text)
            let fast = ReviewDecision(json: value)
            #expect(fast == (try? value.decode(ReviewDecision.self)), "\(text)")
            if fast != nil { read += 1 }
        }
        #expect(read == 4)
    }

    @Test func theDirectWriterAgreesWithCodable() throws {
        let decisions = [
            ReviewDecision(decision: .accept, at: "2026-12-04T10:00:00.000Z"),
            ReviewDecision(decision: .reject, note: "too \"curt\"\n", at: "t", blind: true, rules: ["travel/a": 3, "travel/b": 1],
                           answers: "0123456789abcdef", textRevision: 2),
            ReviewDecision(decision: .tie, at: "t", blind: false, rules: [:], textRevision: 1),
        ]
        for decision in decisions {
            #expect(decision.json == (try JSONValue.from(decision)))
            #expect(ReviewDecision(json: decision.json) == decision)
        }
    }
}
