import Testing
import TenetStore
@testable import TenetUI

/// History, blame and `tenet show` describe boundary examples example by example.
@Suite struct ExampleChangesTests {
    static func example(_ verdict: String, _ title: String, turns: Int = 2, reason: String? = nil) -> JSONValue {
        var fields: [String: JSONValue] = ["verdict": .string(verdict), "title": .string(title),
                                           "turns": .array(Array(repeating: .object(["role": .string("user"), "content": .string("hi")]), count: turns))]
        if let reason { fields["reason"] = .string(reason) }
        return .object(fields)
    }

    @Test func changesAreNamedByTitleAndField() {
        let old: JSONValue = .array([Self.example("GOOD", "Asks first"), Self.example("BAD", "Books at once")])
        let new: JSONValue = .array([Self.example("BORDERLINE", "Asks first"), Self.example("BAD", "Books at once", turns: 3, reason: "no consent"),
                                     Self.example("GOOD", "Quotes the total")])
        #expect(ExampleChanges.lines(field: "annotations.examples", old: old, new: new) == [
            "example “Asks first”: verdict GOOD → BORDERLINE",
            "example “Books at once”: conversation changed (3 turns) · reason: no consent",
            "example added: GOOD “Quotes the total”, 2 turns",
        ])
        #expect(ExampleChanges.lines(field: "annotations.examples", old: new, new: .null)?.count == 3)
        #expect(ExampleChanges.summary(field: "source.examples", value: new) == "3 examples: 1 GOOD, 1 BAD, 1 BORDERLINE")
        #expect(ExampleChanges.summary(field: "source.exceptions", value: .array([])) == nil, "only examples fields")
        #expect(ExampleChanges.lines(field: "source.examples", old: .string("x"), new: .null) == nil)
    }
}
