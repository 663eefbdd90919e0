import CLazyCurl
import Foundation

/// One HTTP request with a deadline that holds whatever the transfer does.
///
/// The transfer is libcurl's, loaded on the first request (`CLazyCurl`), not
/// FoundationNetworking's: linking that would load libcurl, its TLS library and Kerberos
/// — about 30 shared libraries — at every start of every `tenet` command.
enum HTTPTransport {
    /// What is sent.
    struct Request: Sendable {
        var url: URL
        var method = "GET"
        /// Header names and values, sent in this order.
        var headers: [(name: String, value: String)] = []
        var body: Data?
    }

    /// What came back (after redirects).
    struct Response: Sendable {
        var status: Int
        /// Header lines as received, names as the server spelled them.
        var headerLines: [String]
        var body: Data

        /// The first header named `name` (case-insensitive), trimmed.
        func header(_ name: String) -> String? {
            for line in headerLines {
                guard let colon = line.firstIndex(of: ":"),
                      line[..<colon].trimmingCharacters(in: .whitespaces).caseInsensitiveCompare(name) == .orderedSame
                else { continue }
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            return nil
        }
    }

    /// A larger answer is an error rather than memory: model answers are kilobytes (a long
    /// reasoning answer, or a hosted endpoint's list of models, a megabyte or two). Reading
    /// one takes up to about twenty times its size while it is parsed and stored, for each
    /// request under way: 64 MB let one reply of `generate` take 1.4 GB.
    static let maxBodyBytes = 8 << 20

    /// The response, or an error once `timeout` seconds pass or the task is cancelled —
    /// whether or not the transfer itself notices (it is told to stop, too).
    static func send(_ request: Request, timeout: Double) async throws -> Response {
        let race = Race()
        let transfer = Transfer()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Response, Error>) in
                race.start(continuation)
                // A thread of its own: libcurl blocks it, and must not hold one of the few
                // cooperative threads (then timeouts starve) nor Dispatch's pool.
                let thread = Thread {
                    race.finish(transfer.perform(request, timeout: timeout))
                }
                thread.name = "tenet-http"
                thread.start()
                // On a Dispatch queue, not the cooperative pool: busy tasks cannot delay it.
                DispatchQueue.global().asyncAfter(deadline: .now() + max(0.001, timeout)) {
                    race.finish(.failure(TimedOut(seconds: timeout)))
                    transfer.cancel()
                }
            }
        } onCancel: {
            race.finish(.failure(CancellationError()))
            transfer.cancel()
        }
    }

    /// No answer in time: retried like a dropped connection.
    struct TimedOut: Error, LocalizedError {
        var seconds: Double
        var errorDescription: String? { "no answer within \(seconds) s" }
    }

    /// The transfer failed: refused, reset, unresolvable, TLS, too large — libcurl's words.
    struct TransferFailed: Error, LocalizedError {
        var reason: String
        /// The answer passed ``maxBodyBytes``: asking again brings the same.
        var tooLarge = false
        var errorDescription: String? { reason }
    }

    /// One transfer and the flag that stops it.
    final class Transfer: @unchecked Sendable {
        private let flag = UnsafeMutablePointer<tenet_http_flag>.allocate(capacity: 1)

        init() { flag.initialize(to: tenet_http_flag(value: 0)) }
        deinit { flag.deallocate() }

        /// Ends the transfer soon (libcurl checks the flag as it goes).
        func cancel() { tenet_http_cancel(flag) }

        /// Runs the request on the calling thread, blocking it.
        func perform(_ request: Request, timeout: Double) -> Result<Response, Error> {
            let cLines = request.headers.map { UnsafePointer(strdup("\($0.name): \($0.value)")) }
            defer { cLines.forEach { free(UnsafeMutablePointer(mutating: $0)) } }
            var response = tenet_http_response()
            defer { tenet_http_response_free(&response) }
            let failed = cLines.withUnsafeBufferPointer { headers in
                request.url.absoluteString.withCString { url in
                    request.method.withCString { method in
                        withBody(request.body) { body, length in
                            var cRequest = tenet_http_request(
                                url: url, method: method, headers: headers.baseAddress, header_count: headers.count,
                                body: body, body_length: length, timeout_ms: Int(max(1, (timeout * 1000).rounded(.up))),
                                max_body_bytes: HTTPTransport.maxBodyBytes, cancelled: UnsafePointer(flag))
                            return tenet_http_perform(&cRequest, &response) != 0
                        }
                    }
                }
            }
            if failed {
                return .failure(TransferFailed(reason: response.error.map { String(cString: $0) } ?? "the request failed",
                                               tooLarge: response.too_large != 0))
            }
            let body = response.body.map { Data(bytes: $0, count: response.body_length) } ?? Data()
            let head = response.headers.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: response.headers_length), as: UTF8.self) } ?? ""
            let headerLines = head.split(whereSeparator: { $0 == "\r\n" || $0 == "\n" }).dropFirst()   // the status line
            return .success(Response(status: response.status, headerLines: headerLines.map(String.init), body: body))
        }

        private func withBody<T>(_ data: Data?, _ body: (UnsafeRawPointer?, Int) -> T) -> T {
            guard let data else { return body(nil, 0) }
            return data.withUnsafeBytes { body($0.baseAddress, $0.count) }
        }
    }

    /// The first of several outcomes wins; later ones are ignored.
    final class Race: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<Response, Error>?
        private var early: Result<Response, Error>?
        private var done = false

        func start(_ continuation: CheckedContinuation<Response, Error>) {
            let pending: Result<Response, Error>? = lock.withLock {
                if let early { return early }
                self.continuation = continuation
                return nil
            }
            if let pending { continuation.resume(with: pending) }
        }

        func finish(_ result: Result<Response, Error>) {
            let waiting: CheckedContinuation<Response, Error>? = lock.withLock {
                guard !done else { return nil }
                done = true
                defer { continuation = nil }
                if continuation == nil { early = result }
                return continuation
            }
            waiting?.resume(with: result)
        }
    }
}
