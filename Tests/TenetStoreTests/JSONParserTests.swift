import Foundation
import Testing
@testable import TenetStore
import TenetSpec

/// The snapshot parser reads what Foundation's parser reads, the same way, and refuses
/// what it refuses — on hand-picked cases and on many generated and mutated documents.
@Suite struct JSONParserTests {
    static func ours(_ text: String) -> JSONValue? { try? JSONValue.parse(text) }

    static func foundation(_ text: String) -> JSONValue? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])).map(JSONValue.init(foundation:))
    }

    /// A JSONL file whose lines end with CR alone reads as one line: the error says why.
    @Test func textAfterALoneCRSaysTheLineBreaksAreTheCause() {
        let found = JSONValue.syntaxError(in: Data("{\"a\": 1}\r{\"b\": 2}\r".utf8))
        #expect(found?.offset == 9)
        #expect(found?.reason.contains("after a CR that ends no line") == true, "\(String(describing: found))")
        #expect(JSONValue.syntaxError(in: Data("{\"a\": 1} x".utf8))?.reason == "unexpected text after the value")
    }

    @Test func handPickedDocuments() throws {
        let valid = [
            #"{"a":1,"b":[true,false,null],"c":{"d":"e"}}"#, " [ 1 , -2.5e3 , 0.125 , 1E-2 , -0 ] ", #""é \u00e9 \ud83d\ude00 \"\\\/\b\f\n\r\t""#,
            "{}", "[]", "\"\"", "0", "12345678901234567890", "1.7976931348623157e308",
            "\"東京 \u{1F600}\"", #"[[[[[]]]]]"#, "\t\n\r {\"k\" :\n\"v\"}\n",
        ]
        for text in valid {
            let value = try #require(Self.ours(text), "refused \(text)")
            #expect(value == Self.foundation(text), "\(text)")
        }
        // A repeated key is refused: Foundation keeps the last, but which one a file meant
        // cannot be known (`{"prompt": "p", "prompt": "q"}` imported q).
        #expect(Self.ours(#"{"a":1,"a":2}"#) == nil)
        #expect(Self.ours(#"[{"b":{"a":1,"c":2,"a":3}}]"#) == nil)
        #expect(JSONValue.syntaxError(in: Data(#"[1, {"a":1,"a":2}]"#.utf8))! == (4, "the key “a” appears twice in the object starting here"))
        let invalid = [
            "", " ", "{", "[1,]", "{\"a\":1,}", "[01]", "[1.]", "[.5]", "[1e]", "[+1]", "tru", "nul", "[1 2]", "{\"a\" 1}",
            "{a:1}", "\"unterminated", "\"bad \\x escape\"", "\"\\ud800\"", "\"\\udc00 low first\"", "\"\\u12\"",
            "\"raw \n newline\"", "[1] [2]", "1e400", "{\"a\":1}}", "[\"\u{7F}\"] x",
        ]
        for text in invalid {
            #expect(Self.ours(text) == nil, "accepted \(text.debugDescription)")
        }
        #expect(throws: JSONParser.Failure.self) { try JSONValue.parse(Data([0x22, 0xFF, 0x22])) }
        // Deep nesting is refused, not a stack overflow.
        #expect(Self.ours(String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)) == nil)
        #expect(Self.ours(String(repeating: "[", count: 500) + String(repeating: "]", count: 500)) != nil)
        do {
            _ = try JSONValue.parse("[1, 2, x]")
            Issue.record("accepted")
        } catch {
            #expect("\(error)" == "invalid JSON at byte 7: unexpected character")
        }
    }

    /// A random value of a few levels, with awkward strings and numbers.
    static func random(_ rng: inout SeededRandom, depth: Int = 0) -> JSONValue {
        let strings = ["", "plain", "quote \" backslash \\ slash /", "tab\tnew\nline\r", "\u{01}\u{1F}", "é東京😀", "\u{2028}", "{[\":,]}"]
        switch rng.next() % (depth > 3 ? 4 : 6) {
        case 0: return .null
        case 1: return .bool(rng.next() % 2 == 0)
        case 2:
            let choices: [Double] = [0, -1, 42, 1e15, 123456789012, 0.1, -2.5e-8, 3.14159, 1e300, Double(rng.next() % 1_000_000) / 7]
            return .number(choices[Int(rng.next() % UInt64(choices.count))])
        case 3: return .string(strings[Int(rng.next() % UInt64(strings.count))] + String(rng.next() % 100))
        case 4: return .array((0..<Int(rng.next() % 5)).map { _ in random(&rng, depth: depth + 1) })
        default:
            var fields: [String: JSONValue] = [:]
            for _ in 0..<Int(rng.next() % 5) { fields[strings[Int(rng.next() % UInt64(strings.count))] + "k"] = random(&rng, depth: depth + 1) }
            return .object(fields)
        }
    }

    static let punctuation = Array("{}[],:\"\\0-e.tn ".utf8)

    @Test func generatedAndMutatedDocumentsAgreeWithFoundation() throws {
        var rng = SeededRandom(seed: 7)
        var accepted = 0
        for round in 0..<3_000 {
            let value = Self.random(&rng)
            // Our canonical text, and Foundation's own (other escapes and spacing).
            let canonical = value.description
            #expect(Self.ours(canonical) == value, "\(canonical)")
            let foundationText = String(decoding: try JSONSerialization.data(withJSONObject: Self.foundationObject(value),
                                                                              options: [.fragmentsAllowed, .prettyPrinted]), as: UTF8.self)
            #expect(Self.agree(Self.ours(foundationText), Self.foundation(foundationText)), "\(foundationText)")
            // Mutations: never a crash; where both read it, the same value.
            var bytes = Array(canonical.utf8)
            for _ in 0..<(1 + round % 3) where !bytes.isEmpty {
                let at = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 3 {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(Self.punctuation[Int(rng.next() % UInt64(Self.punctuation.count))], at: at)
                default: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
                }
            }
            let mutated = Data(bytes)
            let mine = try? JSONValue.parse(mutated)
            let theirs = (try? JSONSerialization.jsonObject(with: mutated, options: [.fragmentsAllowed])).map(JSONValue.init(foundation:))
            if let mine, let theirs {
                accepted += 1
                #expect(Self.agree(mine, theirs), "\(String(decoding: mutated, as: UTF8.self))")
            }
            if mine != nil && theirs == nil {
                Issue.record("read what Foundation refuses: \(String(decoding: mutated, as: UTF8.self).debugDescription)")
            }
        }
        #expect(accepted > 100, "some mutations are still JSON")
    }

    /// Equal, but for numbers one step apart: Foundation's number reading is not always
    /// correctly rounded (it reads 108241.85714285714 as …713); ours is, which the exact
    /// round trip of the canonical text above checks.
    static func agree(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (.number(let x)?, .number(let y)?): return x == y || x.nextUp == y || x.nextDown == y
        case (.array(let xs)?, .array(let ys)?): return xs.count == ys.count && zip(xs, ys).allSatisfy { agree($0, $1) }
        case (.object(let xs)?, .object(let ys)?): return Set(xs.keys) == Set(ys.keys) && xs.allSatisfy { agree($0.value, ys[$0.key]) }
        default: return a == b
        }
    }

    static func foundationObject(_ value: JSONValue) -> Any {
        switch value {
        case .null: return NSNull()
        case .bool(let bool): return NSNumber(value: bool)
        case .number(let number): return NSNumber(value: number)
        case .string(let string): return string
        case .array(let values): return values.map(foundationObject)
        case .object(let fields): return fields.mapValues(foundationObject)
        }
    }
}

