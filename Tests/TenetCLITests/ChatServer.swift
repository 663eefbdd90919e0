import Foundation
import TenetTestSupport
#if canImport(FoundationNetworking)
// Data(contentsOf:) reads http URLs only with FoundationNetworking loaded; Tenet itself
// no longer links it (its HTTP is libcurl's, loaded when needed).
import FoundationNetworking
#endif

/// A real OpenAI-compatible chat-completions endpoint on loopback, in a Python process:
/// every answer is distinct and starts with `PASS:` (so the judge passes it) — or is
/// `content` when given — after `delay` seconds. It counts the requests it answered and
/// the most it was answering at once (``stats()``), and keeps what each was sent
/// (``received()``). It answers any path, so it also serves as an HTTP proxy
/// (`http_proxy`) for a request to another host. Killed when released.
final class ChatServer {
    private let server: PythonServer
    var port: Int { server.port }

    init(in directory: String, delay: Double, content: String? = nil) throws {
        let script = directory + "/chat-server.py"
        try JSONSerialization.data(withJSONObject: ["content": content.map { $0 as Any } ?? NSNull()])
            .write(to: URL(fileURLWithPath: directory + "/chat-content.json"))
        try """
        import http.server, json, time, itertools, threading
        counter = itertools.count()
        fixed = json.load(open('\(directory)/chat-content.json'))["content"]
        lock = threading.Lock()
        stats = {"requests": 0, "active": 0, "peak": 0}
        received = []
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                with lock: body = json.dumps(received if self.path == '/received' else stats).encode()
                self.send_response(200)
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def do_POST(self):
                sent = self.rfile.read(int(self.headers.get('Content-Length', 0)))
                with lock:
                    received.append({"path": self.path, "body": sent.decode('utf-8', 'replace'),
                                     "authorization": self.headers.get('Authorization')})
                    stats["active"] += 1
                    stats["peak"] = max(stats["peak"], stats["active"])
                time.sleep(\(delay))
                content = fixed if fixed is not None else "PASS: answer %d" % next(counter)
                body = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]}).encode()
                with lock:
                    stats["active"] -= 1
                    stats["requests"] += 1
                self.send_response(200)
                self.send_header('Content-Type', 'application/json')
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *args): pass
        server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """.write(toFile: script, atomically: true, encoding: .utf8)
        server = try PythonServer(script: script, name: "the chat server")
    }

    /// The base URL to give `--base-url`.
    var baseURL: String { server.baseURL }

    /// Requests answered so far, and the most answered at once.
    func stats() throws -> (requests: Int, peak: Int) {
        let data = try Data(contentsOf: URL(string: "http://127.0.0.1:\(port)/stats")!)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Int] ?? [:]
        return (object["requests"] ?? 0, object["peak"] ?? 0)
    }

    /// What was sent, request by request: the path (a full URL when it was a proxy), the
    /// body, and the `Authorization` header (`nil` when none was sent).
    func received() throws -> [(path: String, body: String, authorization: String?)] {
        let data = try Data(contentsOf: URL(string: "http://127.0.0.1:\(port)/received")!)
        let list = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
        return list.map { ($0["path"] as? String ?? "", $0["body"] as? String ?? "", $0["authorization"] as? String) }
    }
}
