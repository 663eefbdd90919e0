import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real HTTP/1.1 server on 127.0.0.1 for the tests: it answers each request with the
/// next scripted reply (a status and body, a delay, a dropped connection) and records
/// what it was sent.
final class LoopbackServer: @unchecked Sendable {
    enum Reply {
        case json(String)
        case status(Int, String, headers: [String: String] = [:])
        case slow(seconds: Double, String)
        /// Close the connection without answering.
        case drop
    }

    let port: UInt16
    private let socket: Int32
    private let lock = NSLock()
    private var script: [Reply]
    private var fallback: Reply
    private(set) var requests: [String] = []
    private var stopped = false

    init(_ script: [Reply], then fallback: Reply = .status(500, "script exhausted")) throws {
        self.script = script
        self.fallback = fallback
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) } }
        guard bound == 0, listen(fd, 16) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &size) } }
        socket = fd
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [unowned self] in self.serve() }
        thread.start()
    }

    var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    func stop() {
        lock.withLock { stopped = true }
        shutdown(socket, Int32(SHUT_RDWR))
        close(socket)
    }

    var requestCount: Int { lock.withLock { requests.count } }

    private func serve() {
        while true {
            let client = accept(socket, nil, nil)
            if client < 0 { return }
            if lock.withLock({ stopped }) { close(client); return }
            let connection = client
            Thread { [unowned self] in self.handle(connection) }.start()
        }
    }

    private func handle(_ client: Int32) {
        defer { close(client) }
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        var expected: Int?
        while true {
            let n = recv(client, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data += buffer[0..<n]
            if let headerEnd = find(data, [13, 10, 13, 10]) {
                if expected == nil {
                    let head = String(decoding: data[..<headerEnd], as: UTF8.self).lowercased()
                    let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                        .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                    expected = headerEnd + 4 + length
                }
                if let expected, data.count >= expected { break }
            }
        }
        guard !data.isEmpty else { return }
        let reply: Reply = lock.withLock {
            requests.append(String(decoding: data, as: UTF8.self))
            return script.isEmpty ? fallback : script.removeFirst()
        }
        func send(_ status: Int, _ body: String, _ headers: [String: String] = [:]) {
            var text = "HTTP/1.1 \(status) \(status == 200 ? "OK" : "Error")\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n"
            for (name, value) in headers { text += "\(name): \(value)\r\n" }
            text += "\r\n" + body
            _ = Array(text.utf8).withUnsafeBytes { Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }
        switch reply {
        case .json(let body): send(200, body)
        case .status(let code, let body, let headers): send(code, body, headers)
        case .slow(let seconds, let body):
            Thread.sleep(forTimeInterval: seconds)
            send(200, body)
        case .drop:
            return
        }
    }

    private func find(_ data: [UInt8], _ needle: [UInt8]) -> Int? {
        guard data.count >= needle.count else { return nil }
        for i in 0...(data.count - needle.count) where Array(data[i..<(i + needle.count)]) == needle { return i }
        return nil
    }

    /// A chat-completions answer with this content.
    static func completion(_ content: String) -> String {
        let escaped = String(data: try! JSONSerialization.data(withJSONObject: [content], options: [.fragmentsAllowed]), encoding: .utf8)!
        return #"{"id": "x", "object": "chat.completion", "choices": [{"index": 0, "message": {"role": "assistant", "content": "# + String(escaped.dropFirst().dropLast()) + #"}, "finish_reason": "stop"}]}"#
    }
}
