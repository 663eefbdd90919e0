import Foundation
import TenetTestSupport

/// A real OpenAI-compatible chat-completions endpoint on loopback, in a Python process:
/// every answer is distinct and starts with `PASS:` (so the judge passes it) — or is
/// `content` when given — after `delay` seconds. It counts the requests it answered and
/// the most it was answering at once (``stats()``), and keeps what each was sent
/// (``received()``). It answers any path, so it also serves as an HTTP proxy
/// (`http_proxy`) for a request to another host. With `reasoning`, every answer comes
/// after a thought and `</think>`, as a reasoning model's does. Killed when released.
final class ChatServer {
    private let server: PythonServer
    var port: Int { server.port }

    init(in directory: String, delay: Double, content: String? = nil, reasoning: Bool = false) throws {
        let script = directory + "/chat-server.py"
        try JSONSerialization.data(withJSONObject: ["content": content.map { $0 as Any } ?? NSNull()])
            .write(to: URL(fileURLWithPath: directory + "/chat-content.json"))
        try ChatEndpointScript.make("""
        import time, itertools, threading
        counter = itertools.count()
        fixed = json.load(open('\(directory)/chat-content.json'))["content"]
        lock = threading.Lock()
        stats = {"requests": 0, "active": 0, "peak": 0}
        received = []
        def report(path):
            with lock: return list(received) if path == '/received' else dict(stats)
        def reply(path, raw, headers):
            with lock:
                received.append({"path": path, "body": raw.decode('utf-8', 'replace'), "authorization": headers.get('Authorization')})
                stats["active"] += 1
                stats["peak"] = max(stats["peak"], stats["active"])
            time.sleep(\(delay))
            content = fixed if fixed is not None else "PASS: answer %d" % next(counter)
            if \(reasoning ? "True" : "False"): content = "Let me think about the rule first.\\n</think>\\n\\n" + content
            with lock:
                stats["active"] -= 1
                stats["requests"] += 1
            return content
        """).write(toFile: script, atomically: true, encoding: .utf8)
        server = try PythonServer(script: script, name: "the chat server")
    }

    /// The base URL to give `--base-url`.
    var baseURL: String { server.baseURL }

    /// Requests answered so far, and the most answered at once.
    func stats() throws -> (requests: Int, peak: Int) {
        let object = try server.getJSON("/stats") as? [String: Int] ?? [:]
        return (object["requests"] ?? 0, object["peak"] ?? 0)
    }

    /// What was sent, request by request: the path (a full URL when it was a proxy), the
    /// body, and the `Authorization` header (`nil` when none was sent).
    func received() throws -> [(path: String, body: String, authorization: String?)] {
        let list = try server.getJSON("/received") as? [[String: Any]] ?? []
        return list.map { ($0["path"] as? String ?? "", $0["body"] as? String ?? "", $0["authorization"] as? String) }
    }
}
