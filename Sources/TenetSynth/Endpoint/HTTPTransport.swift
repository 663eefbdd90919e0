import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP request with a deadline that holds whatever the transfer does.
enum HTTPTransport {
    /// The response, or an error once `timeout` seconds pass or the task is cancelled —
    /// whether or not the transfer itself notices.
    static func send(_ request: URLRequest, timeout: Double) async throws -> (Data, URLResponse) {
        let race = Race()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<(Data, URLResponse), Error>) in
                race.start(continuation)
                // The callback API: it never holds one of the few cooperative threads
                // while it waits (the async one can, on Linux, and then timeouts starve).
                let transfer = URLSession.shared.dataTask(with: request) { data, response, error in
                    if let data, let response {
                        race.finish(.success((data, response)))
                    } else {
                        race.finish(.failure(error ?? URLError(.unknown)))
                    }
                }
                // Not cancelled when the race is lost: FoundationNetworking on Linux traps
                // ("a task that is not in the registry") when a finishing task is cancelled.
                // The request's own timeoutInterval ends it; its answer is then ignored.
                transfer.resume()
                // On a Dispatch queue, not the cooperative pool: busy tasks cannot delay it.
                DispatchQueue.global().asyncAfter(deadline: .now() + max(0.001, timeout)) {
                    race.finish(.failure(TimedOut(seconds: timeout)))
                }
            }
        } onCancel: {
            race.finish(.failure(CancellationError()))
        }
    }

    /// No answer in time: retried like a dropped connection.
    struct TimedOut: Error, LocalizedError {
        var seconds: Double
        var errorDescription: String? { "no answer within \(seconds) s" }
    }

    /// The first of several outcomes wins; later ones are ignored.
    final class Race: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<(Data, URLResponse), Error>?
        private var early: Result<(Data, URLResponse), Error>?
        private var done = false

        func start(_ continuation: CheckedContinuation<(Data, URLResponse), Error>) {
            let pending: Result<(Data, URLResponse), Error>? = lock.withLock {
                if let early { return early }
                self.continuation = continuation
                return nil
            }
            if let pending { continuation.resume(with: pending) }
        }

        func finish(_ result: Result<(Data, URLResponse), Error>) {
            let waiting: CheckedContinuation<(Data, URLResponse), Error>? = lock.withLock {
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
