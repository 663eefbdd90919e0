import Foundation
import TenetSpec

/// Any OpenAI-compatible chat-completions endpoint: vLLM, llama.cpp's server, Ollama,
/// hosted APIs. `POST {base}/chat/completions` with the model, messages, and the role's
/// sampling (``RoleSampling``: `max_tokens`, `temperature`, `stop`) and the pair's seed.
/// The API key comes from an environment variable (never stored), by ``APIKeyRule``, and
/// a missing one fails when the provider is made, before any request; 429, 5xx and
/// dropped connections are retried with exponential backoff (honouring `Retry-After`),
/// each wait at most a minute (``RetryWait``);
/// every request and response is kept verbatim for the pair's provenance.
public struct OpenAIProvider: ChatProvider {
    public var name: String { "openai" }
    public var model: String? { modelName }

    /// The base URL as given, without a trailing `/`.
    public let baseURL: String
    let endpoint: URL
    let modelName: String
    /// The key sent, if any, and how to say so when none was.
    public let key: APIKeyRule.Resolved
    /// Each role's `max_tokens`, `temperature` and `stop`.
    public let sampling: RoleSampling
    let seed: UInt64
    let timeout: Double
    let retries: Int
    /// The first wait before a retry, in seconds (doubled each time).
    let backoff: Double

    /// Why `baseURL` cannot be an endpoint's base URL (not http or https, or no host), or
    /// `nil`: checked by the commands before they record or ask anything.
    public static func baseURLProblem(_ baseURL: String) -> String? {
        guard let (_, url) = completions(under: baseURL) else { return "`\(baseURL)` is not an http(s) URL, e.g. http://localhost:8000/v1" }
        // The base URL is recorded (an eval run keeps it, `eval show` prints it to every
        // viewer, history keeps it for good): a password in it would be stored, as a key never is.
        guard url.user != nil || url.password != nil else { return nil }
        var shown = URLComponents(url: url, resolvingAgainstBaseURL: false)
        shown?.user = nil
        shown?.password = nil
        let withoutCredentials = shown?.url.map { String($0.absoluteString.dropLast("/chat/completions".count)) } ?? "the URL without them"
        return "holds a user name or password, which Tenet would record with what it makes; give "
            + "\(withoutCredentials) and the key in an environment variable (--api-key-env VAR)"
    }

    /// The base URL without trailing slashes, and the chat-completions URL under it; `nil`
    /// when that is no http(s) URL with a host.
    private static func completions(under baseURL: String) -> (base: String, url: URL)? {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base + "/chat/completions"), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              url.host?.isEmpty == false else { return nil }
        return (base, url)
    }

    /// Fails on a base URL that is not http(s), and on a missing API key (``APIKeyRule``),
    /// saying what to do.
    public init(baseURL: String, model: String, apiKey: APIKeyRule = APIKeyRule(), sampling: RoleSampling = RoleSampling(),
                seed: UInt64 = 0, timeout: Double = 60, retries: Int = 4, backoff: Double = 0.5,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws(SynthError) {
        if let problem = Self.baseURLProblem(baseURL) { throw SynthError(message: "--base-url " + problem) }
        guard let (base, url) = Self.completions(under: baseURL) else { throw SynthError(message: "--base-url `\(baseURL)` is not an http(s) URL") }
        self.baseURL = base
        endpoint = url
        modelName = model
        key = try apiKey.resolve(for: url, environment: environment)
        self.sampling = sampling
        self.seed = seed
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
    }

    public func complete(_ messages: [ChatMessage], role: AgentRole, context: ProbeContext) async throws -> (text: String, exchange: Exchange?) {
        // Every request of a pair carries the pair's own seed, so pairs differ and a run
        // can be made again; each role samples as set for it (the judge at 0 by default).
        let (text, exchange) = try await chat(messages, role: ModelRole(role), seed: context.seed)
        // What the role answered, as an evaluation reads a response: a reasoning model's
        // thought before its last `</think>` is no part of a pair (the exchange keeps it).
        return (ReasoningSplit.split(text).answer, exchange)
    }

    /// Sends one chat-completions request for `role`, sampled as set for it, and returns
    /// the answer's text with the raw exchange. `seed` is sent as ``PairSeed/request(_:)``
    /// of it (the provider's own seed when `nil`).
    public func chat(_ messages: [ChatMessage], role: ModelRole, seed: UInt64? = nil) async throws -> (text: String, exchange: Exchange) {
        try await chat(ChatRequest(model: modelName, messages: messages, sampling: sampling.sampling(for: role),
                                   seed: PairSeed.request(seed ?? self.seed)), purpose: role.rawValue)
    }

    /// Sends `request`; its text, or an error saying what went wrong and what to do.
    /// `purpose` names the request in errors and in the exchange (`judge`, `annotator`).
    public func chat(_ request: ChatRequest, purpose: String) async throws -> (text: String, exchange: Exchange) {
        let answer = try await post(request, purpose: purpose)
        guard answer.status == 200 else { throw SynthError(message: refusal(answer)) }
        return (try Self.content(of: answer.body, purpose: purpose), answer.exchange)
    }

    /// One answer of the endpoint, after retries.
    public struct Answer: Sendable {
        /// The HTTP status.
        public var status: Int
        public var body: Data
        /// The request and the response, verbatim, as a pair's provenance keeps them.
        public var exchange: Exchange
        /// Requests sent for it: 1, and one more for each retry (429, 5xx, no answer).
        public var requests = 1
        /// The body as text, at most `limit` characters.
        public func text(limit: Int = 200) -> String { String(String(decoding: body, as: UTF8.self).prefix(limit)) }
    }

    /// Sends `request` and returns the endpoint's answer, whatever its status, once it is
    /// not one to retry: 429, 5xx and no answer are retried, then an error.
    public func post(_ request: ChatRequest, purpose: String) async throws -> Answer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = try encoder.encode(request)
        let requestText = String(decoding: body, as: UTF8.self)
        let (status, data, requests) = try await send(to: endpoint, method: "POST", body: body, expectsJSON: true)
        return Answer(status: status, body: data,
                      exchange: Exchange(role: purpose, request: requestText, response: String(decoding: data, as: UTF8.self), status: status),
                      requests: requests)
    }

    /// `GET {base}/PATH`: its status and body, retried as ``post(_:purpose:)`` is.
    public func get(_ path: String) async throws -> (status: Int, body: Data) {
        guard let url = URL(string: baseURL + "/" + path) else { throw SynthError(message: "`\(baseURL)/\(path)` is not a URL") }
        let (status, body, _) = try await send(to: url, method: "GET", body: nil)
        return (status, body)
    }

    /// The message for an answer that is not 200: the status, what the endpoint said, and
    /// for 401/403 whether a key went.
    public func refusal(_ answer: Answer) -> String {
        var message = "HTTP \(answer.status) from \(endpoint.absoluteString): \(answer.text())"
        if answer.status == 401 || answer.status == 403, let note = key.noKeyNote ?? key.refusedNote { message += " — " + note }
        return message
    }

    /// The answer, and how many requests it took. `expectsJSON`: a 200 whose body is not
    /// JSON (a reply cut short by a proxy or a restarting server) is retried as a 5xx is
    /// (it ended a long evaluation run at once); the last one is returned as it came.
    private func send(to url: URL, method: String, body: Data?, expectsJSON: Bool = false) async throws -> (status: Int, body: Data, requests: Int) {
        var attempt = 0
        var lastProblem = ""
        var serverFailed = false
        while true {
            try Task.checkCancellation()
            var request = HTTPTransport.Request(url: url, method: method, body: body)
            if body != nil { request.headers.append(("Content-Type", "application/json")) }
            if let apiKey = key.key { request.headers.append(("Authorization", "Bearer \(apiKey)")) }
            var retryAfter: String?
            do {
                let response = try await HTTPTransport.send(request, timeout: timeout)
                let status = response.status, data = response.body
                if status == 200, expectsJSON, EndpointJSON.object(data) == nil {
                    // The last try's body goes to the caller, which says which request it answered.
                    guard attempt < retries else { return (status, data, attempt + 1) }
                } else {
                    guard status == 429 || (500...599).contains(status) else { return (status, data, attempt + 1) }
                    serverFailed = status != 429
                    lastProblem = "HTTP \(status) from \(url.absoluteString): \(String(decoding: data.prefix(200), as: UTF8.self))"
                    retryAfter = response.header("Retry-After")
                }
            } catch let error as CancellationError {
                throw error
            } catch let error as HTTPTransport.TransferFailed where error.tooLarge {
                // Not retried, and not "no answer": the endpoint answered, at a length no model answer has.
                throw SynthError(message: "the answer from \(url.absoluteString) is larger than \(HTTPTransport.maxBodyBytes >> 20) MB; "
                                 + "a model's answer is kilobytes: check --base-url, or lower max_tokens")
            } catch {
                if Task.isCancelled { throw CancellationError() }
                serverFailed = false
                lastProblem = "no answer from \(url.absoluteString): \(error.localizedDescription)"
            }
            attempt += 1
            guard attempt <= retries else {
                var message = "\(lastProblem) — gave up after \(retries + 1) attempt\(retries == 0 ? "" : "s")"
                // A server that fails every time may be one that wants a key it did not get.
                if serverFailed, let note = key.noKeyNote { message += "; " + note }
                throw SynthError(message: message)
            }
            let wait = RetryWait.seconds(retryAfter: retryAfter, backoff: backoff, attempt: attempt - 1)
            try await Task.sleep(nanoseconds: RetryWait.nanoseconds(wait))
        }
    }

    /// `choices[0].message.content`, or a clear error for a malformed body (read as
    /// ``EndpointJSON`` reads it).
    static func content(of data: Data, purpose: String) throws -> String {
        guard let object = EndpointJSON.object(data) else {
            throw SynthError(message: "the endpoint's answer to the \(purpose) is not JSON: \(String(decoding: data.prefix(200), as: UTF8.self))")
        }
        guard case .string(let content)? = EndpointJSON.firstMessage(object)?["content"] else {
            throw SynthError(message: "the endpoint's answer to the \(purpose) has no choices[0].message.content: \(String(decoding: data.prefix(200), as: UTF8.self))")
        }
        return content
    }
}
