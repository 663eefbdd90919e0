import Foundation
import TenetStore

/// An endpoint's JSON answer (chat completions, `GET /models`), read by Tenet's own parser
/// (``JSONValue``) rather than `JSONSerialization`.
///
/// The endpoint chooses the shape: `JSONSerialization` builds a Foundation object of about
/// 2.5 KB for every JSON object, so a 47 MB answer of 3,000,000 small objects (under the
/// 64 MB a transfer could then bring) took 7.6 GB and tenet was stopped by the memory limit
/// (SIGABRT).
/// ``JSONValue`` takes about a tenth of that, and stops at a nesting depth of 512.
enum EndpointJSON {
    /// The top-level object of `data`, or nil when it is not one JSON object.
    static func object(_ data: Data) -> [String: JSONValue]? {
        guard case .object(let object)? = try? JSONValue.parse(data) else { return nil }
        return object
    }

    /// `choices[0]` of a chat-completions answer, when it is an object.
    static func firstChoice(_ answer: [String: JSONValue]) -> [String: JSONValue]? {
        guard case .array(let choices)? = answer["choices"], case .object(let choice)? = choices.first else { return nil }
        return choice
    }

    /// `choices[0].message` of a chat-completions answer, when it is an object.
    static func firstMessage(_ answer: [String: JSONValue]) -> [String: JSONValue]? {
        guard case .object(let message)? = firstChoice(answer)?["message"] else { return nil }
        return message
    }
}
