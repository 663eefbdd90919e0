import Foundation
import TenetTestSupport

/// A real OpenAI-compatible endpoint on loopback, in a Python process, that behaves as a
/// server with some capabilities or none, for `tenet provider check`:
///
/// - everything: `GET /v1/models` lists `m` and `other`; at temperature above 0 the answer
///   depends on `seed` only; a last assistant message is continued when the request says
///   `continue_final_message: true, add_generation_prompt: false` (as vLLM wants);
///   `response_format` json_object gives a JSON object.
/// - nothing: `/v1/models` is 404; every answer differs (seed ignored); `response_format`
///   is refused with 400; an assistant prefill is answered anew, never continued.
///
/// `status` makes every chat request answer that HTTP status instead. Answers a prefill
/// anew with terminal escapes in it (a window-title change), and a refusal with a clear
/// screen, as a hostile endpoint might. Killed when released.
final class ProbeServer {
    enum Kind: String { case everything, nothing }

    private let server: PythonServer
    var port: Int { server.port }

    init(in directory: String, _ kind: Kind, status: Int? = nil) throws {
        let script = directory + "/probe-server-\(kind.rawValue).py"
        try """
        import http.server, json, itertools, sys
        kind = sys.argv[1]
        status = int(sys.argv[2])
        counter = itertools.count()
        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self, code, obj):
                body = json.dumps(obj).encode()
                self.send_response(code)
                self.send_header('Content-Type', 'application/json')
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def do_GET(self):
                if kind == 'everything' and self.path == '/v1/models':
                    self.answer(200, {"object": "list", "data": [{"id": "m", "object": "model"}, {"id": "other", "object": "model"}]})
                else:
                    self.answer(404, {"error": {"message": "no such route"}})
            def do_POST(self):
                request = json.loads(self.rfile.read(int(self.headers.get('Content-Length', 0))))
                if status:
                    body = b'{"error": {"message": "refused \\x1b[2J"}}'
                    self.send_response(status)
                    self.send_header('Content-Length', str(len(body)))
                    self.end_headers()
                    return self.wfile.write(body)
                messages = request["messages"]
                if "response_format" in request:
                    if kind == 'nothing':
                        return self.answer(400, {"error": {"message": "response_format is not supported"}})
                    content = '{"animal": "cat", "legs": 4}'
                elif messages[-1]["role"] == "assistant":
                    continued = request.get("continue_final_message") is True and request.get("add_generation_prompt") is False
                    content = "0, 11, 12, 13" if kind == 'everything' and continued else "1, 2, 3, 4, 5 \\x1b]0;pwned\\x07"
                elif request.get("temperature", 0) > 0:
                    content = ("creature %d" % request["seed"]) if kind == 'everything' else ("creature %d" % next(counter))
                else:
                    content = "ready"
                self.answer(200, {"choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}]})
            def log_message(self, *args): pass
        server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """.write(toFile: script, atomically: true, encoding: .utf8)
        server = try PythonServer(script: script, arguments: [kind.rawValue, String(status ?? 0)], name: "the probe server")
    }

    /// The base URL to give `--base-url`.
    var baseURL: String { server.baseURL }
}
