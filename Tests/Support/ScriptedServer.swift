import Foundation

/// A fake OpenAI-compatible endpoint that answers each request with the next scripted
/// reply (a status and body, a delay, a dropped connection) and records what it was sent,
/// on a real HTTP server on loopback (``LoopbackHTTPServer``).
public final class ScriptedServer: @unchecked Sendable {
    public enum Reply: Sendable {
        case json(String)
        case status(Int, String, headers: [String: String] = [:])
        case slow(seconds: Double, String)
        /// Close the connection without answering.
        case drop
    }

    private let lock = NSLock()
    private var script: [Reply]
    private let fallback: Reply
    private var received: [String] = []
    private var server: LoopbackHTTPServer!

    /// Answers with `script` in order, then with `fallback` to every further request.
    public init(_ script: [Reply], then fallback: Reply = .status(500, "script exhausted")) throws {
        self.script = script
        self.fallback = fallback
        server = try LoopbackHTTPServer(keepAlive: false) { [unowned self] request in
            let reply: Reply = lock.withLock {
                received.append(request.text)
                return self.script.isEmpty ? self.fallback : self.script.removeFirst()
            }
            switch reply {
            case .json(let body): return .reply(status: 200, body: body)
            case .status(let code, let body, let headers): return .reply(status: code, body: body, headers: headers)
            case .slow(let seconds, let body): return .reply(status: 200, body: body, delay: seconds)
            case .drop: return .drop
            }
        }
    }

    public var port: UInt16 { server.port }
    public var baseURL: String { server.baseURL }
    /// Every request so far, head and body, in the order they arrived.
    public var requests: [String] { lock.withLock { received } }
    public var requestCount: Int { lock.withLock { received.count } }

    public func stop() { server.stop() }

    deinit { server.stop() }

    /// A chat-completions answer with this content.
    public static func completion(_ content: String) -> String {
        let escaped = String(decoding: (try? JSONSerialization.data(withJSONObject: [content])) ?? Data("[\"\"]".utf8), as: UTF8.self)
        return #"{"id": "x", "object": "chat.completion", "choices": [{"index": 0, "message": {"role": "assistant", "content": "# + String(escaped.dropFirst().dropLast()) + #"}, "finish_reason": "stop"}]}"#
    }
}
