import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The Python of a fake OpenAI-compatible chat-completions endpoint, for ``PythonServer``:
/// the HTTP plumbing every test endpoint shares, around what each one decides.
///
/// `definitions` is Python at module level that defines
/// - `reply(path, raw, headers)`: the assistant's answer (a string) to a POST of `raw`
///   bytes to `path` (any path: an endpoint may also serve as an HTTP proxy);
/// - `report(path)`: the JSON value a GET of `path` returns (what it received, counts);
/// - optionally `usage(raw, content)`: a `usage` object to send with the answer.
///
/// The server binds 127.0.0.1 port 0 and prints its port on the first line.
public enum ChatEndpointScript {
    public static func make(_ definitions: String) -> String {
        """
        import http.server, json
        \(definitions)
        class Handler(http.server.BaseHTTPRequestHandler):
            def send(self, obj):
                body = json.dumps(obj).encode()
                self.send_response(200)
                self.send_header('Content-Type', 'application/json')
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def do_GET(self):
                self.send(report(self.path))
            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get('Content-Length', 0)))
                content = reply(self.path, raw, self.headers)
                answer = {'choices': [{'message': {'role': 'assistant', 'content': content}}]}
                if 'usage' in globals(): answer['usage'] = usage(raw, content)
                self.send(answer)
            def log_message(self, *args): pass
        server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """
    }
}

extension PythonServer {
    /// GETs `path` from the server and parses the JSON it answers. Over a plain socket
    /// (HTTP/1.0, which the Python server closes after answering), so that the tests need
    /// no HTTP client library — Tenet itself links none.
    public func getJSON(_ path: String) throws -> Any {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        defer { close(fd) }
        var address = Loopback.address(port: UInt16(port))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        let request = Array("GET \(path) HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, 0) }) == request.count else { throw POSIXError(.EIO) }
        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            response += chunk[..<count]
        }
        let separator = Array("\r\n\r\n".utf8)
        guard let start = (0..<max(0, response.count - 3)).first(where: { Array(response[$0..<$0 + 4]) == separator }) else {
            throw POSIXError(.EBADMSG)
        }
        return try JSONSerialization.jsonObject(with: Data(response[(start + 4)...]), options: [.fragmentsAllowed])
    }
}
