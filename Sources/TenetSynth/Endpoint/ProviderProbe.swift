import Foundation
import TenetStore

/// Finds out what an OpenAI-compatible endpoint supports by asking it a few small
/// requests — the service behind `tenet provider check`, for anything else that needs to
/// know (an evaluation that continues an assistant message, the workbench):
///
/// 1. `GET {base}/models`: the models it lists, and whether the model is among them (with
///    no model named, the first listed is asked).
/// 2. A plain chat request; the probe fails when this is refused or never answered.
/// 3. Seed: the same seed twice and another seed once, at temperature 1, with a prompt
///    whose answer varies. Same text for the same seed and another for the other: yes;
///    two texts for one seed: no; one text for all three: unknown (nothing varies).
/// 4. Prefill: a last assistant message that breaks off inside a number (`…, 9, 1`); a
///    continuation starts with `0`. Asked plainly (llama.cpp, Ollama) and then with
///    `continue_final_message: true, add_generation_prompt: false` (vLLM); the form that
///    worked is kept.
/// 5. JSON mode: `response_format: {"type": "json_object"}` is accepted and the answer
///    is a JSON object as it stands.
///
/// Twelve requests at most, each of a few dozen tokens.
public struct ProviderProbe: Sendable {
    /// The endpoint, its key rule, timeout and retries.
    public let settings: ProviderSettings

    /// `settings` describe the endpoint (`kind` is not looked at; `model` may be left out).
    public init(settings: ProviderSettings) {
        self.settings = settings
    }

    /// Asks; fails with what to do when the endpoint cannot be reached, refuses the key or
    /// cannot answer a chat request.
    public func run() async throws -> ProviderCapabilities {
        guard let base = settings.baseURL, !base.isEmpty else {
            throw SynthError(message: "name the endpoint with --base-url (e.g. http://localhost:8000/v1)")
        }
        var provider = try make(model: settings.model ?? "")
        var (models, listed, modelListed, firstModel) = try await listModels(provider)
        var model = settings.model ?? ""
        if model.isEmpty {
            guard let firstModel else {
                throw SynthError(message: "name the model with --model: the endpoint lists none (\(models.evidence))")
            }
            model = firstModel
            models.evidence += " — no model named: asking \(model), the first"
            provider = try make(model: model)
        }
        let chat = try await askPlainly(provider)
        let seed = await seedFinding(provider)
        let (prefill, form) = await prefillFinding(provider)
        let json = await jsonFinding(provider)
        return ProviderCapabilities(baseURL: provider.baseURL, model: model, keyVariable: settings.apiKey.variable,
                                    keySent: provider.key.key != nil, chat: chat, models: models, listedModels: listed,
                                    modelListed: modelListed, seed: seed, prefill: prefill, prefillForm: form, jsonMode: json)
    }

    /// Only whether the model continues a last assistant message, and in which form (the
    /// fourth step of ``run()``, two requests at most): what an Align3 evaluation needs.
    public func prefill() async -> (ProviderCapabilities.Finding, PrefillForm?) {
        guard let provider = try? make(model: settings.model ?? "") else { return (.init(.unknown, "the endpoint cannot be asked"), nil) }
        return await prefillFinding(provider)
    }

    private func make(model: String) throws(SynthError) -> OpenAIProvider {
        try OpenAIProvider(baseURL: settings.baseURL ?? "", model: model, apiKey: settings.apiKey, sampling: settings.sampling,
                           timeout: settings.timeout, retries: settings.retries)
    }

    // MARK: - Models

    private func listModels(_ provider: OpenAIProvider) async throws
        -> (ProviderCapabilities.Finding, [String]?, Bool?, String?) {
        let (status, body) = try await reach(provider) { try await provider.get("models") }
        if status == 401 || status == 403 {
            throw SynthError(message: "GET \(provider.baseURL)/models answered HTTP \(status): \(Self.excerpt(body))"
                + " — " + (provider.key.noKeyNote ?? provider.key.refusedNote ?? ""))
        }
        guard status == 200 else {
            return (.init(.no, "GET /models answered HTTP \(status)\(Self.said(body))"), nil, nil, nil)
        }
        guard let ids = Self.modelIDs(body) else {
            return (.init(.no, "GET /models answered without a data list: \(Self.excerpt(body))"), nil, nil, nil)
        }
        var evidence = "GET /models lists \(ids.count) model\(ids.count == 1 ? "" : "s")"
        if !ids.isEmpty { evidence += ": " + ids.prefix(8).joined(separator: ", ") + (ids.count > 8 ? ", …" : "") }
        var listed: Bool?
        if let model = settings.model, !model.isEmpty {
            listed = ids.contains(model)
            evidence += listed == true ? " — \(model) is among them" : " — \(model) is not among them"
        }
        return (.init(.yes, evidence), ids, listed, ids.first)
    }

    /// The `id`s of a `GET /models` answer's `data` list (entries without one are passed
    /// over), or nil when it has no list of objects. Read as ``EndpointJSON`` reads: a list
    /// of 3,000,000 models in 59 MB took 7.7 GB through `JSONSerialization` (SIGABRT).
    static func modelIDs(_ body: Data) -> [String]? {
        guard case .array(let entries)? = EndpointJSON.object(body)?["data"] else { return nil }
        var ids: [String] = []
        ids.reserveCapacity(entries.count)
        for entry in entries {
            guard case .object(let fields) = entry else { return nil }
            if let id = fields["id"]?.stringValue { ids.append(id) }
        }
        return ids
    }

    // MARK: - Chat

    private func askPlainly(_ provider: OpenAIProvider) async throws -> ProviderCapabilities.Finding {
        let request = ChatRequest(model: provider.modelName, messages: [ChatMessage(role: "user", content: "Reply with the single word: ready")],
                                  sampling: Sampling(maxTokens: 16, temperature: 0), seed: 1)
        let started = Date()
        let answer: OpenAIProvider.Answer
        do {
            answer = try await reach(provider) { try await provider.post(request, purpose: "check") }
        } catch let error as SynthError where !error.message.hasPrefix("cannot reach") {
            throw SynthError(message: "the endpoint does not answer a chat request: " + error.message)
        }
        guard answer.status == 200 else {
            throw SynthError(message: "the endpoint does not answer a chat request: " + provider.refusal(answer))
        }
        let text = try OpenAIProvider.content(of: answer.body, purpose: "check")
        let seconds = Date().timeIntervalSince(started)
        return .init(.yes, "answered \(Self.quoted(text)) in \(String(format: "%.1f", seconds)) s")
    }

    // MARK: - Seed

    private func seedFinding(_ provider: OpenAIProvider) async -> ProviderCapabilities.Finding {
        let prompt = "Invent a name for a new animal and describe it in one short sentence with a random number in it."
        func ask(_ seed: UInt64) async throws -> String {
            let request = ChatRequest(model: provider.modelName, messages: [ChatMessage(role: "user", content: prompt)],
                                      sampling: Sampling(maxTokens: 48, temperature: 1), seed: seed)
            let answer = try await provider.post(request, purpose: "check")
            guard answer.status == 200 else { throw SynthError(message: "HTTP \(answer.status)\(Self.said(answer.body))") }
            return try OpenAIProvider.content(of: answer.body, purpose: "check")
        }
        do {
            let first = try await ask(4242), again = try await ask(4242), other = try await ask(9001)
            if first != again {
                return .init(.no, "seed 4242 gave two different answers at temperature 1: \(Self.quoted(first)), \(Self.quoted(again))")
            }
            if first == other {
                return .init(.unknown, "seeds 4242 and 9001 gave the same answer at temperature 1 (\(Self.quoted(first))): "
                    + "its answers do not vary, so whether it honours seed cannot be told")
            }
            return .init(.yes, "seed 4242 gave the same answer twice at temperature 1 and seed 9001 another: \(Self.quoted(first))")
        } catch is CancellationError {
            return .init(.unknown, "stopped")
        } catch {
            return .init(.unknown, "the seed requests failed: \(Self.message(error))")
        }
    }

    // MARK: - Prefill

    /// Breaks off inside "10": a continuation starts with "0".
    static let prefillStart = "1, 2, 3, 4, 5, 6, 7, 8, 9, 1"

    private func prefillFinding(_ provider: OpenAIProvider) async -> (ProviderCapabilities.Finding, PrefillForm?) {
        let messages = [ChatMessage(role: "user", content: "Count from 1 to 20, separated by commas. Write only the numbers."),
                        ChatMessage(role: "assistant", content: Self.prefillStart)]
        var tried: [String] = []
        for form in PrefillForm.allCases {
            let request = ChatRequest(model: provider.modelName, messages: messages, sampling: Sampling(maxTokens: 24, temperature: 0),
                                      seed: 1, prefill: form)
            do {
                let answer = try await provider.post(request, purpose: "check")
                guard answer.status == 200 else {
                    tried.append("\(form.rawValue): HTTP \(answer.status)\(Self.said(answer.body))")
                    continue
                }
                let text = try OpenAIProvider.content(of: answer.body, purpose: "check")
                var rest = Substring(text)
                var echoed = false
                if rest.hasPrefix(Self.prefillStart) {
                    rest = rest.dropFirst(Self.prefillStart.count)
                    echoed = true
                }
                if rest.hasPrefix("0") {
                    let how = form == .plain ? "as a plain last assistant message" : "with continue_final_message: true, add_generation_prompt: false"
                    return (.init(.yes, "continued \(Self.quoted("…9, 1")) with \(Self.quoted(String(rest))) \(how)"
                                  + (echoed ? " (the answer repeats the prefill first)" : "")), form)
                }
                tried.append("\(form.rawValue): answered \(Self.quoted(text)) instead of continuing \(Self.quoted("…9, 1"))")
            } catch is CancellationError {
                return (.init(.unknown, "stopped"), nil)
            } catch {
                tried.append("\(form.rawValue): \(Self.message(error))")
            }
        }
        return (.init(.no, tried.joined(separator: "; ")), nil)
    }

    // MARK: - JSON mode

    private func jsonFinding(_ provider: OpenAIProvider) async -> ProviderCapabilities.Finding {
        let prompt = "Name one animal and its number of legs, as a JSON object with the keys \"animal\" and \"legs\"."
        let request = ChatRequest(model: provider.modelName, messages: [ChatMessage(role: "user", content: prompt)],
                                  sampling: Sampling(maxTokens: 64, temperature: 0), seed: 1, jsonObject: true)
        do {
            let answer = try await provider.post(request, purpose: "check")
            guard answer.status == 200 else {
                return .init(.no, "response_format json_object answered HTTP \(answer.status)\(Self.said(answer.body))")
            }
            let text = try OpenAIProvider.content(of: answer.body, purpose: "check")
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard EndpointJSON.object(Data(trimmed.utf8)) != nil else {
                return .init(.no, "response_format json_object was accepted, but the answer is not a JSON object: \(Self.quoted(text))")
            }
            return .init(.yes, "response_format json_object gave a JSON object: \(Self.quoted(trimmed))")
        } catch is CancellationError {
            return .init(.unknown, "stopped")
        } catch {
            return .init(.unknown, "the JSON-mode request failed: \(Self.message(error))")
        }
    }

    // MARK: - Wording

    /// Runs `ask`, turning "no answer" into a message that says to check the endpoint.
    private func reach<T>(_ provider: OpenAIProvider, _ ask: () async throws -> T) async throws -> T {
        do {
            return try await ask()
        } catch let error as SynthError where error.message.hasPrefix("no answer from") {
            throw SynthError(message: "cannot reach \(provider.baseURL): \(error.message); is the server running there? "
                + "Check --base-url (e.g. http://localhost:8000/v1)")
        }
    }

    static func message(_ error: Error) -> String {
        (error as? SynthError)?.message ?? error.localizedDescription
    }

    /// `: what it said`, from an error body, or nothing when it is empty.
    static func said(_ body: Data) -> String {
        let text = excerpt(body)
        return text.isEmpty ? "" : ": " + text
    }

    static func excerpt(_ body: Data) -> String {
        let text = String(decoding: body.prefix(400), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.count > 160 ? String(text.prefix(159)) + "…" : text
    }

    /// A model's text in quotes, cut to 60 characters.
    static func quoted(_ text: String) -> String {
        "\"" + (text.count > 60 ? String(text.prefix(59)) + "…" : text) + "\""
    }
}
