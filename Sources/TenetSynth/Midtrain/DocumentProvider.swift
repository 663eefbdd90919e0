import TenetSpec

/// The roles that write a midtraining document, one prompt template each
/// (`Templates/doc-ROLE.md`): an idea writer, a document writer and a critic.
public enum DocumentRole: String, CaseIterable, Sendable {
    case ideator, writer, critic

    /// The template file's name, without `.md`.
    public var template: String {
        switch self {
        case .ideator: return "doc-idea"
        case .writer: return "doc-writer"
        case .critic: return "doc-critic"
        }
    }

    var modelRole: ModelRole {
        switch self {
        case .ideator: return .ideator
        case .writer: return .writer
        case .critic: return .critic
        }
    }
}

/// What a document's roles work on, for a provider that writes from structure (offline)
/// rather than from the rendered prompt (a model).
public struct DocumentContext: Sendable {
    /// The rule as annotated in the project (rationale, scope, exceptions, examples).
    public var rule: Rule
    /// The rule as the instance text states it ("Never …" for a prohibition).
    public var statement: String
    public var type: DocumentType
    public var idea: String?
    public var document: String?
    /// This document's seed (``PairSeed/of(run:index:)``), sent with every request.
    public var seed: UInt64
}

/// A model, or a stand-in for one, that answers a document role's prompt.
public protocol DocumentProvider: Sendable {
    /// `offline-template` or `openai`.
    var name: String { get }
    var model: String? { get }
    /// Whether it writes only from the spec's own words (offline): a rule without a
    /// rationale cannot pass the critic's "states its reason" and is skipped.
    var writesFromSpec: Bool { get }
    func complete(_ prompt: String, role: DocumentRole, context: DocumentContext) async throws -> (text: String, exchange: Exchange?)
}

/// An OpenAI-compatible endpoint writing documents: each role sampled as set for it, every
/// request of a document carrying the document's seed.
struct EndpointDocumentProvider: DocumentProvider {
    let endpoint: OpenAIProvider
    var name: String { endpoint.name }
    var model: String? { endpoint.model }
    var writesFromSpec: Bool { false }

    func complete(_ prompt: String, role: DocumentRole, context: DocumentContext) async throws -> (text: String, exchange: Exchange?) {
        let (text, exchange) = try await endpoint.chat([ChatMessage(role: "user", content: prompt)], role: role.modelRole, seed: context.seed)
        // What it wrote, without a reasoning model's thought (the exchange keeps it all).
        return (ReasoningSplit.split(text).answer, exchange)
    }
}

extension ProviderSettings {
    /// A document provider for these settings, seeded: offline, or the endpoint.
    public func documentProvider(seed: UInt64) throws(SynthError) -> any DocumentProvider {
        switch kind {
        case .offline: return OfflineDocumentProvider()
        case .openai: return EndpointDocumentProvider(endpoint: try endpoint(seed: seed))
        }
    }
}
