import Foundation

/// A real OpenAI-compatible chat-completions endpoint on loopback, in a Python process:
/// every answer is distinct and starts with `PASS:` (so the judge passes it), after
/// `delay` seconds. Killed when released.
final class ChatServer {
    let port: Int
    private let process: Process

    init(in directory: String, delay: Double) throws {
        let script = directory + "/chat-server.py"
        try """
        import http.server, json, time, itertools
        counter = itertools.count()
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get('Content-Length', 0)))
                time.sleep(\(delay))
                body = json.dumps({"choices": [{"message": {"role": "assistant", "content": "PASS: answer %d" % next(counter)}}]}).encode()
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
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script]
        let portPipe = Pipe()
        process.standardOutput = portPipe
        try process.run()
        let line = String(decoding: portPipe.fileHandleForReading.availableData, as: UTF8.self)
        guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "the chat server did not say its port: \(line)"])
        }
        self.port = port
    }

    /// The base URL to give `--base-url`.
    var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    // SIGKILL: the test runner's blocked signals are inherited, so SIGTERM may not land.
    deinit { kill(process.processIdentifier, SIGKILL) }
}
