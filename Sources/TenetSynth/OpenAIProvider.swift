import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TenetSpec

/// Any OpenAI-compatible chat-completions endpoint: vLLM, llama.cpp's server, Ollama,
/// hosted APIs. `POST {base}/chat/completions` with the model, messages, temperature and
/// seed. The API key comes from an environment variable (never stored); 429, 5xx and
/// dropped connections are retried with exponential backoff (honouring `Retry-After`);
/// every request and response is kept verbatim for the pair's provenance.
public struct OpenAIProvider: ChatProvider {
    public var name: String { "openai" }
    public var model: String? { modelName }

    let endpoint: URL
    let modelName: String
    let apiKey: String?
    let temperature: Double
    let seed: UInt64
    let timeout: Double
    let retries: Int
    /// The first wait before a retry, in seconds (doubled each time).
    let backoff: Double

    public init(baseURL: String, model: String, apiKeyVariable: String = "OPENAI_API_KEY", temperature: Double = 0.7,
                seed: UInt64 = 0, timeout: Double = 60, retries: Int = 4, backoff: Double = 0.5) throws(SynthError) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base + "/chat/completions"), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw SynthError(message: "--base-url `\(baseURL)` is not an http(s) URL, e.g. http://localhost:8000/v1")
        }
        endpoint = url
        modelName = model
        let key = ProcessInfo.processInfo.environment[apiKeyVariable]
        apiKey = (key?.isEmpty ?? true) ? nil : key
        self.temperature = temperature
        self.seed = seed
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
    }

    public func complete(_ messages: [ChatMessage], role: AgentRole, context: ProbeContext) async throws -> (text: String, exchange: Exchange?) {
        // A judge should be repeatable; the others sample. Every request of a pair carries
        // the pair's own seed, so pairs differ and a run can be made again.
        let (text, exchange) = try await chat(messages, temperature: role == .judge ? 0 : temperature, purpose: role.rawValue,
                                              seed: context.seed)
        return (text, exchange)
    }

    /// Sends one chat-completions request and returns the answer's text with the raw
    /// exchange. `purpose` names the request in errors and in the exchange (`judge`,
    /// `annotator`); `seed` is sent as ``PairSeed/request(_:)`` of it (the provider's own
    /// seed when `nil`).
    public func chat(_ messages: [ChatMessage], temperature: Double, purpose: String,
                     seed: UInt64? = nil) async throws -> (text: String, exchange: Exchange) {
        struct Body: Encodable {
            var model: String
            var messages: [ChatMessage]
            var temperature: Double
            var seed: UInt64
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = try encoder.encode(Body(model: modelName, messages: messages, temperature: temperature, seed: PairSeed.request(seed ?? self.seed)))
        let requestText = String(decoding: body, as: UTF8.self)
        var attempt = 0
        var lastProblem = ""
        while true {
            try Task.checkCancellation()
            var request = URLRequest(url: endpoint, timeoutInterval: timeout)
            request.httpMethod = "POST"
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            if let apiKey { request.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization") }
            var wait = backoff * pow(2, Double(attempt))
            do {
                let (data, response) = try await Self.send(request, timeout: timeout)
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                let text = String(decoding: data, as: UTF8.self)
                if status == 200 {
                    let exchange = Exchange(role: purpose, request: requestText, response: text, status: status)
                    return (try Self.content(of: data, purpose: purpose), exchange)
                }
                lastProblem = "HTTP \(status) from \(endpoint.absoluteString): \(text.prefix(200))"
                guard status == 429 || (500...599).contains(status) else {
                    throw SynthError(message: lastProblem + (status == 401 ? " (is the API key in $\(apiKeyVariableHint) set?)" : ""))
                }
                if let retryAfter = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Retry-After").flatMap(Double.init) {
                    wait = min(retryAfter, 60)
                }
            } catch let error as SynthError {
                throw error
            } catch let error as CancellationError {
                throw error
            } catch {
                if Task.isCancelled { throw CancellationError() }
                lastProblem = "no answer from \(endpoint.absoluteString): \(error.localizedDescription)"
            }
            attempt += 1
            guard attempt <= retries else {
                throw SynthError(message: "\(lastProblem) — gave up after \(retries + 1) attempts")
            }
            try await Task.sleep(nanoseconds: UInt64(wait * 1e9))
        }
    }

    /// The request, or an error once `timeout` seconds pass or the task is cancelled —
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

    private var apiKeyVariableHint: String { "OPENAI_API_KEY or --api-key-env" }

    /// `choices[0].message.content`, or a clear error for a malformed body.
    static func content(of data: Data, purpose: String) throws -> String {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw SynthError(message: "the endpoint's answer to the \(purpose) is not JSON: \(String(decoding: data.prefix(200), as: UTF8.self))")
        }
        guard let choices = object["choices"] as? [[String: Any]], let message = choices.first?["message"] as? [String: Any],
              let content = message["content"] as? String else {
            throw SynthError(message: "the endpoint's answer to the \(purpose) has no choices[0].message.content: \(String(decoding: data.prefix(200), as: UTF8.self))")
        }
        return content
    }
}
