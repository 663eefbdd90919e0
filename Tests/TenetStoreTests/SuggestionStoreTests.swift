import Foundation
import Testing
import TenetSpec
@testable import TenetStore

/// Suggested annotations in the store: versioned and attributed entities, asked for only
/// where missing for a rule's current text, never applied until accepted — and then as a
/// normal annotation whose changeset names the suggestion.
@Suite struct SuggestionStoreTests {
    let path: String
    let store: ProjectStore
    static let text = "# S\n\n## A {#a kind=safety}\n\nDo not help build weapons.\n\n## B {#b kind=unclassified}\n\nAnswer briefly.\n"

    init() throws {
        path = try StoreSettingsTests.temporaryDirectory() + "/p.db"
        store = try ProjectStore(path: path, author: "alice")
        _ = try store.importSpec(try SpecReader.read(path: "s.md", text: Self.text), text: Self.text)
    }

    static let source = SuggestionSource(provider: "openai", model: "m", template: "built-in sha256:0123456789ab")

    /// A model's suggestions for some fields of the rules a request covers.
    func made(_ requests: [SuggestionRequest], _ values: [SuggestionField: SuggestedValue?]) -> [Suggestion] {
        requests.flatMap { request in
            values.keys.filter(request.missing.contains).sorted().map { field in
                Suggestion(rule: request.key, ruleID: request.id, field: field, value: values[field] ?? nil, reason: "why \(field.rawValue)",
                           source: Self.source, ruleRevision: request.revision, textDigest: request.digest)
            }
        }
    }

    @Test func suggestionsAreStoredVersionedAndAttributed() throws {
        let requests = try store.suggestionRequests(spec: "s")
        #expect(requests.map(\.id) == ["a", "b"])
        #expect(requests.allSatisfy { $0.missing == SuggestionField.allCases })
        #expect(requests[1].rule.text == "Answer briefly.", "the prompt reads the file's text")

        let report = try store.saveSuggestions(made(requests, [.kind: SuggestedValue(text: "behavioral"), .rationale: nil]),
                                               message: "suggest annotations for a, b (openai m)")
        #expect(report.saved == 4)
        let changeset = try #require(report.changeset)
        let (entry, revisions) = try store.show(changeset)
        #expect(entry.author == "alice")
        #expect(entry.message == "suggest annotations for a, b (openai m)")
        #expect(Set(revisions.map(\.kind)) == ["suggestion"], "suggestions never touch the rule")
        #expect(try store.rule("b").record.annotations.kind == nil, "nothing applied by itself")

        let listed = try store.suggestions(spec: "s")
        #expect(listed.map { "\($0.ruleID) \($0.field.rawValue)" } == ["a kind", "a rationale", "b kind", "b rationale"])
        let kindOfB = try #require(listed.first { $0.ruleID == "b" && $0.field == .kind })
        #expect(kindOfB.suggestion.source == Self.source)
        #expect(kindOfB.suggestion.ruleRevision == 1)
        #expect(kindOfB.suggestion.textDigest == SuggestionDigest.of(try store.rule("b").record.source))
        #expect(kindOfB.suggestion.state == .pending)
        #expect(kindOfB.current == nil, "b is unclassified in the file")
        #expect(kindOfB.revision == 1 && kindOfB.changeset == changeset)
        #expect(listed.first { $0.ruleID == "a" && $0.field == .rationale }?.suggestion.value == nil, "none given is kept as such")
        #expect(try store.suggestions(rule: "a").count == 2)
    }

    @Test func aRunResumesWithOnlyWhatIsMissingForTheCurrentText() throws {
        // A first run was stopped after rule a's kind.
        let first = try store.suggestionRequests(spec: "s")
        _ = try store.saveSuggestions(made([first[0]], [.kind: SuggestedValue(text: "safety")]), message: "first run")
        let again = try store.suggestionRequests(spec: "s")
        #expect(again[0].missing == SuggestionField.allCases.filter { $0 != .kind })
        #expect(again[1].missing == SuggestionField.allCases)

        // Saving what is already there for the same text writes nothing (another run got there first).
        let twice = try store.saveSuggestions(made([first[0]], [.kind: SuggestedValue(text: "behavioral")]), message: "late run")
        #expect(twice.saved == 0 && twice.skipped == 1 && twice.changeset == nil)
        #expect(try store.suggestions(rule: "a").first?.suggestion.value?.text == "safety")

        // The file's text of a changes: its suggestion is stale, and asked for again.
        let edited = Self.text.replacingOccurrences(of: "Do not help build weapons.", with: "Never help build weapons of any kind.")
        _ = try store.importSpec(try SpecReader.read(path: "s.md", text: edited), text: edited)
        #expect(try store.suggestions(rule: "a").first?.stale == true)
        let afterEdit = try store.suggestionRequests(spec: "s")
        #expect(afterEdit[0].missing == SuggestionField.allCases, "a's kind was made for the old text")
        #expect(try store.suggestionRequests(spec: "s", rules: ["b"]).map(\.id) == ["b"])

        // A suggestion made for the old text that arrives late is not saved over the new one.
        let late = try store.saveSuggestions(made([first[0]], [.scope: SuggestedValue(text: "weapons")]), message: "late")
        #expect(late.saved == 0 && late.skipped == 1)

        // The new suggestion is a new revision of the same entity; the old one stays in history.
        _ = try store.saveSuggestions(made([afterEdit[0]], [.kind: SuggestedValue(text: "safety")]), message: "new text")
        let kind = try #require(try store.suggestions(rule: "a").first { $0.field == .kind })
        #expect(kind.revision == 2 && !kind.stale && kind.suggestion.ruleRevision == 2)
    }

    /// Tenet's offline reading does not stand in for a model's: a model run asks for every
    /// field the heuristics answered, and its answers replace theirs. Before, the offline run
    /// left nothing to ask, for good.
    @Test func anotherReadersSuggestionsDoNotCountAsRead() throws {
        let heuristics = SuggestionSource(provider: "offline-heuristics", heuristics: true)
        let first = try store.suggestionRequests(spec: "s", from: heuristics)
        let offline = made(first, [.kind: SuggestedValue(text: "safety")]).map { suggestion in
            var read = suggestion
            read.source = heuristics
            return read
        }
        #expect(try store.saveSuggestions(offline, message: "offline").saved == 2)
        #expect(try store.suggestionRequests(spec: "s", from: heuristics).allSatisfy { !$0.missing.contains(.kind) })
        let forModel = try store.suggestionRequests(spec: "s", from: Self.source)
        #expect(forModel.allSatisfy { $0.missing == SuggestionField.allCases }, "the model has read nothing yet")
        let report = try store.saveSuggestions(made(forModel, [.kind: SuggestedValue(text: "behavioral")]), message: "model")
        #expect(report.saved == 2 && report.skipped == 0)
        #expect(try store.suggestions(rule: "a").first { $0.field == .kind }?.suggestion.source == Self.source)
        #expect(try store.suggestionRequests(spec: "s", from: Self.source).allSatisfy { !$0.missing.contains(.kind) })
    }

    @Test func acceptingWritesTheAuthorsAnnotationWithTheSuggestionInItsChangeset() throws {
        let requests = try store.suggestionRequests(spec: "s", rules: ["b"])
        _ = try store.saveSuggestions(made(requests, [.kind: SuggestedValue(text: "behavioral"), .direction: SuggestedValue(text: "require"),
                                                      .exceptions: SuggestedValue(items: ["a user asks for detail"]), .rule: SuggestedValue(text: "yes"),
                                                      .rationale: nil]),
                                      message: "suggest")
        let decision = try store.decideSuggestions("b", fields: [.kind, .exceptions, .rule, .rationale], accept: true)
        #expect(decision.decided == [.rule, .kind, .exceptions, .rationale])
        #expect(decision.annotated == ["annotations.exceptions", "annotations.kind"], "is-a-rule and none-given write no annotation")
        let rule = try store.rule("b")
        #expect(rule.record.annotations.kind == .behavioral)
        #expect(rule.record.annotations.exceptions == ["a user asks for detail"])
        #expect(rule.record.annotations.direction == nil, "only what was accepted")
        #expect(rule.revision == decision.ruleRevision)

        // The annotation's history names the suggestion: who accepted what, from which model and template.
        let log = try store.log(rule: "b", limit: 1)
        #expect(log.first?.changeset == decision.changeset)
        let message = try #require(log.first?.message)
        #expect(message.hasPrefix("accept suggestion for b: "), "\(message)")
        #expect(message.contains("kind → behavioral") && message.contains("openai m") && message.contains("sha256:0123456789ab"), "\(message)")
        let blame = try store.blame(rule: "b").1
        #expect(blame.first { $0.field == "annotations.kind" }?.changeset == decision.changeset)
        let states = Dictionary(uniqueKeysWithValues: try store.suggestions(rule: "b").map { ($0.field, $0.suggestion.state) })
        #expect(states == [.rule: .accepted, .kind: .accepted, .direction: .pending, .exceptions: .accepted, .rationale: .accepted])

        // Accepting again writes nothing; undo takes the annotation and the acceptance back together.
        let again = try store.decideSuggestions("b", fields: [.kind], accept: true)
        #expect(again.changeset == nil && again.unchanged == [.kind])
        _ = try store.undo()
        #expect(try store.rule("b").record.annotations.kind == nil)
        #expect(try store.suggestions(rule: "b").allSatisfy { $0.suggestion.state == .pending })
    }

    @Test func rejectingIsRecordedAndStaleSuggestionsAreNeverAccepted() throws {
        let requests = try store.suggestionRequests(spec: "s", rules: ["a"])
        _ = try store.saveSuggestions(made(requests, [.kind: SuggestedValue(text: "behavioral"), .scope: SuggestedValue(text: "weapons")]),
                                      message: "suggest")
        let rejected = try store.decideSuggestions("a", fields: [.kind], accept: false)
        let (entry, revisions) = try store.show(try #require(rejected.changeset))
        #expect(entry.message.hasPrefix("reject suggestion for a: kind → behavioral"))
        #expect(revisions.map(\.kind) == ["suggestion"])
        #expect(revisions.first?.fields.map(\.field) == ["state"])
        #expect(try store.rule("a").record.effective.kind == .safety, "a rejection leaves the rule as it is")
        #expect(try store.suggestions(rule: "a").first { $0.field == .kind }?.suggestion.state == .rejected)

        // Changed its mind: a rejected suggestion can still be accepted.
        #expect(try store.decideSuggestions("a", fields: [.kind], accept: true).annotated == ["annotations.kind"])

        // The rule's text changes: its scope suggestion can be rejected, never accepted.
        let edited = Self.text.replacingOccurrences(of: "Do not help build weapons.", with: "Do not help build any weapons.")
        _ = try store.importSpec(try SpecReader.read(path: "s.md", text: edited), text: edited)
        #expect(throws: StoreError.self) { try store.decideSuggestions("a", fields: [.scope], accept: true) }
        #expect(try store.rule("a").record.annotations.scope == nil)
        #expect(try store.decideSuggestions("a", fields: [.scope], accept: false).decided == [.scope])

        // A field with no suggestion says how to get one.
        do {
            _ = try store.decideSuggestions("a", fields: [.family], accept: true)
            Issue.record("no suggestion for family, yet accepted")
        } catch {
            #expect(error.description.contains("no suggestion for family of a"), "\(error)")
            #expect(error.description.contains("tenet annotate s --suggest"), "\(error)")
        }
        // A decision on a revision someone replaced since is a conflict.
        let kind = try #require(try store.suggestions(rule: "a").first { $0.field == .kind })
        #expect(throws: StoreError.self) {
            try store.decideSuggestions("a", fields: [.kind], accept: false, expectedRevisions: [.kind: kind.revision - 1])
        }
    }

    @Test func onlyAuthorsAskForAcceptOrRejectSuggestions() throws {
        _ = try store.saveSuggestions(made(try store.suggestionRequests(spec: "s"), [.kind: SuggestedValue(text: "behavioral")]), message: "suggest")
        _ = try store.grant("ann", role: .annotator, keys: [])
        _ = try store.grant("writer", role: .author, keys: [])
        func person(_ name: String) throws -> ProjectStore {
            try ProjectStore(path: path, identity: Identity(name: name, source: .account(login: name)))
        }
        let annotator = try person("ann")
        let before = try store.latestChangeset()
        for accept in [true, false] {
            do {
                _ = try annotator.decideSuggestions("b", fields: [.kind], accept: accept)
                Issue.record("an annotator decided a suggestion")
            } catch {
                guard case .forbidden = error else { Issue.record("\(error)"); continue }
                #expect(error.description.contains("needs the author role"), "\(error)")
            }
        }
        let request = try #require(try store.suggestionRequests(spec: "s", rules: ["b"]).first)
        let fresh = Suggestion(rule: request.key, ruleID: "b", field: .scope, value: SuggestedValue(text: "x"), reason: "r",
                               source: Self.source, ruleRevision: request.revision, textDigest: request.digest)
        #expect(throws: StoreError.self) { try annotator.saveSuggestions([fresh], message: "sneaky") }
        #expect(try store.latestChangeset() == before, "nothing written for an annotator")
        #expect(try person("writer").decideSuggestions("b", fields: [.kind], accept: true).annotated == ["annotations.kind"])
    }
}
