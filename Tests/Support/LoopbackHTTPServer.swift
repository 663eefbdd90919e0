import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real HTTP/1.1 server on 127.0.0.1, on a free port, for fake OpenAI-compatible
/// endpoints: a thread per connection reads each request (headers and a `Content-Length`
/// body) and answers what `answer` returns. With `keepAlive`, a connection carries request
/// after request (as a client's connection pool uses it); without, each is answered with
/// `Connection: close` and closed.
public final class LoopbackHTTPServer: @unchecked Sendable {
    /// One request as it arrived.
    public struct Request: Sendable {
        /// The whole request, head and body.
        public var text: String
        /// The body alone.
        public var body: String
    }

    /// What to do with a request.
    public enum Answer: Sendable {
        /// Answer with this status and JSON body (and headers) after `delay` seconds.
        case reply(status: Int, body: String, headers: [String: String] = [:], delay: Double = 0)
        /// Close the connection without answering.
        case drop
    }

    public let port: UInt16
    private let socket: Int32
    private let keepAlive: Bool
    private let answer: @Sendable (Request) -> Answer
    private let lock = NSLock()
    private var stopped = false

    public init(keepAlive: Bool, backlog: Int32 = 16, answer: @escaping @Sendable (Request) -> Answer) throws {
        self.keepAlive = keepAlive
        self.answer = answer
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        guard let port = Loopback.bindFreePort(fd), listen(fd, backlog) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        socket = fd
        self.port = port
        Thread { [self] in serve() }.start()
    }

    /// The OpenAI-style base URL.
    public var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    /// Stops accepting connections. Idempotent.
    public func stop() {
        let already = lock.withLock { () -> Bool in
            defer { stopped = true }
            return stopped
        }
        if already { return }
        shutdown(socket, Int32(SHUT_RDWR))
        close(socket)
    }

    private func serve() {
        while true {
            let client = accept(socket, nil, nil)
            if lock.withLock({ stopped }) {
                if client >= 0 { close(client) }
                return
            }
            if client < 0 {
                if errno == EINTR || errno == ECONNABORTED || errno == EMFILE || errno == ENFILE { continue }
                return
            }
            Thread { [self] in handle(client) }.start()
        }
    }

    private func handle(_ client: Int32) {
        defer { close(client) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var data = [UInt8]()
        repeat {
            var expected: Int?
            var headerEnd: Int?
            while expected.map({ data.count < $0 }) ?? true {
                let n = recv(client, &buffer, buffer.count, 0)
                if n <= 0 { return }
                data += buffer[0..<n]
                if headerEnd == nil, let end = Self.find(data, [13, 10, 13, 10]) {
                    headerEnd = end
                    let head = String(decoding: data[..<end], as: UTF8.self).lowercased()
                    let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                        .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                    expected = end + 4 + length
                }
            }
            guard let headerEnd, let expected else { return }
            let request = Request(text: String(decoding: data[..<expected], as: UTF8.self),
                                  body: String(decoding: data[(headerEnd + 4)..<expected], as: UTF8.self))
            data.removeFirst(expected)
            guard case .reply(let status, let body, let headers, let delay) = answer(request) else { return }
            if delay > 0 { Thread.sleep(forTimeInterval: delay) }
            var text = "HTTP/1.1 \(status) \(status == 200 ? "OK" : "Error")\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
            if !keepAlive { text += "Connection: close\r\n" }
            for (name, value) in headers { text += "\(name): \(value)\r\n" }
            text += "\r\n" + body
            _ = Array(text.utf8).withUnsafeBytes { Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        } while keepAlive
    }

    /// Where `needle` (4 bytes) first occurs in `data`.
    private static func find(_ data: [UInt8], _ needle: [UInt8]) -> Int? {
        guard data.count >= needle.count else { return nil }
        var i = 0
        while i <= data.count - needle.count {
            if data[i] == needle[0] && data[i + 1] == needle[1] && data[i + 2] == needle[2] && data[i + 3] == needle[3] { return i }
            i += 1
        }
        return nil
    }
}
