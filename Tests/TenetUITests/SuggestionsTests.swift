import Foundation
import Testing
import TenetSpec
import TenetStore
@testable import TenetUI
import TenetWorkbench

/// Suggested annotations in the workbench: shown beside the current values in the rule
/// pane, decided field by field with one key each in an overlay over the rule pane, and
/// asked for with `:suggest` — through the same interpreter the event loop uses.
@Suite struct SuggestionsTests {
    static let source = SuggestionSource(provider: "openai", model: "gpt-test", template: "built-in sha256:0123456789ab")

    /// A model's suggestions for travel.budget-honesty: a different kind, a scope, no rationale.
    static func suggest(_ fixture: Fixture, rule: String = "travel.budget-honesty") throws {
        let request = try #require(try fixture.store.suggestionRequests(spec: "travel", rules: [rule]).first)
        let values: [(SuggestionField, SuggestedValue?, String)] = [
            (.rule, SuggestedValue(text: "yes"), "it tells the assistant how to talk about money"),
            (.kind, SuggestedValue(text: "safety"), "hiding costs can cost the traveller real money"),
            (.direction, SuggestedValue(text: "require"), "it asks for realistic ranges"),
            (.scope, SuggestedValue(text: "every cost estimate"), "it is about estimates"),
            (.rationale, nil, "the text gives no reason"),
        ]
        _ = try fixture.store.saveSuggestions(values.map { field, value, reason in
            Suggestion(rule: request.key, ruleID: request.id, field: field, value: value, reason: reason, source: source,
                       ruleRevision: request.revision, textDigest: request.digest)
        }, message: "suggest annotations for \(rule) (openai gpt-test)")
    }

    func suggestions(_ fixture: Fixture) throws -> [SuggestionField: SuggestionState] {
        Dictionary(uniqueKeysWithValues: try fixture.store.suggestions(rule: "travel.budget-honesty").map { ($0.field, $0.suggestion.state) })
    }

    /// A viewer's `:suggest` is refused with the reason, and no run is left on the status
    /// bar (it stayed as "suggesting 0/0", and quitting asked whether to stop it).
    @Test func aViewersSuggestIsRefusedAndLeavesNoRun() throws {
        let fixture = try Fixture()
        _ = try fixture.store.grant("alice", role: .admin, keys: [])
        _ = try fixture.store.grant("vera", role: .viewer, keys: [])
        let viewer = try ProjectStore(path: fixture.directory + "/tenet.db", identity: Identity(name: "vera", source: .account(login: "vera")))
        let session = WorkbenchSession(state: try fixture.state(), runner: EffectRunner(store: viewer, samplesPath: nil, editor: nil))
        for key in [Key.char(":")] + .typing("suggest") + [.enter] { session.dispatch(.key(key)) }
        session.settle()
        #expect(session.state.suggesting == nil)
        #expect(session.state.message?.isError == true && session.state.message?.text.contains("needs the author role; vera is a viewer") == true,
                "\(session.state.message?.text ?? "")")
    }

    @Test func theRulePaneShowsEachSuggestionBesideTheCurrentValue() throws {
        let fixture = try Fixture()
        try Self.suggest(fixture)
        let state = try fixture.state(size: Size(width: 120, height: 60), select: "travel.budget-honesty")
        let screen = render(state, size: Size(width: 120, height: 60), theme: .plain).text
        // Three: that it is a rule and its direction agree with the rule as it is, and ask nothing.
        #expect(screen.contains("Suggested · 3 waiting · openai gpt-test · S decides"), "\(screen)")
        #expect(!screen.contains("Direction    require → require"), "\(screen)")
        #expect(screen.contains("Kind         behavioral → safety"), "\(screen)")
        #expect(screen.contains("hiding costs can cost the traveller real money"), "\(screen)")
        #expect(screen.contains("cheap to do so. → none given"), "\(screen)")
    }

    /// A value annotated after the suggestions were shown is what they stand beside: the
    /// pane went on showing the file's scope, so a suggestion that now agrees still waited
    /// (and one that no longer agrees said "nothing to decide", though accepting it would
    /// erase the annotation).
    @Test func aSuggestionStandsBesideTheValueAsAnnotatedSince() throws {
        let fixture = try Fixture()
        try Self.suggest(fixture)
        let size = Size(width: 120, height: 60)
        var state = try fixture.state(size: size, select: "travel.budget-honesty")
        #expect(render(state, size: size, theme: .plain).text.contains("Suggested · 3 waiting"))
        fixture.press(&state, [.char("a"), .char("s"), .ctrl("u")] + .typing("every cost estimate") + [.enter])
        #expect(try fixture.store.rule("travel.budget-honesty").record.annotations.scope == "every cost estimate")
        let screen = render(state, size: size, theme: .plain).text
        #expect(screen.contains("Suggested · 2 waiting"), "\(screen)")
    }

    @Test func eachSuggestionIsAcceptedOrRejectedWithOneKey() throws {
        let fixture = try Fixture()
        try Self.suggest(fixture)
        var state = try fixture.state(size: Size(width: 100, height: 40), select: "travel.budget-honesty")
        fixture.press(&state, [.char("S")])
        guard case .suggestions(let opened) = state.top else { Issue.record("S opened no suggestions: \(state.top)"); return }
        #expect(opened.selected == 1, "on the first one waiting: the kind (that it is a rule agrees with the rule, and asks nothing)")
        let screen = render(state, size: Size(width: 100, height: 40), theme: .plain).text
        #expect(screen.contains("agrees: nothing to decide"), "\(screen)")

        // a accepts the kind: the author's annotation, and on to the next.
        fixture.press(&state, [.char("a")])
        #expect(try fixture.store.rule("travel.budget-honesty").record.annotations.kind == .safety)
        #expect(try suggestions(fixture)[.kind] == .accepted)
        #expect(state.message?.text == "travel.budget-honesty: accepted kind → safety · now your annotation, rev 2 · 2 waiting · u undoes",
                "\(state.message?.text ?? "")")
        #expect(state.outline?.rules.first { $0.id == "travel.budget-honesty" }?.kind == .safety, "the tree follows")
        guard case .suggestions(let afterAccept) = state.top else { Issue.record("the overlay closed"); return }
        #expect(afterAccept.selected == 3, "on to the scope, past the direction that agrees")

        // x rejects it (recorded; the rule unchanged).
        fixture.press(&state, [.char("x")])
        #expect(try suggestions(fixture)[.scope] == .rejected)
        #expect(state.message?.text.hasPrefix("travel.budget-honesty: rejected scope → every cost estimate") == true, "\(state.message?.text ?? "")")
        #expect(try fixture.store.rule("travel.budget-honesty").record.annotations.scope == nil)

        // The same key again says so; u undoes the rejection, in the overlay.
        fixture.press(&state, [.char("k"), .char("x")])
        #expect(state.message?.text == "Scope is already rejected")
        fixture.press(&state, [.char("u")])
        #expect(try suggestions(fixture)[.scope] == .pending)
        #expect(state.selectedSuggestions?.first { $0.field == .scope }?.suggestion.state == .pending, "the overlay shows it")

        // The history names the suggestion.
        let log = try fixture.store.log(rule: "travel.budget-honesty", limit: 1)
        #expect(log.first?.message.hasPrefix("accept suggestion for travel.budget-honesty: kind → safety (openai gpt-test") == true)

        // q closes the overlay; the pane still shows what is waiting.
        fixture.press(&state, [.char("q")])
        #expect(state.top == .browse)
        #expect(render(state, size: Size(width: 100, height: 40), theme: .plain).text.contains("Suggested · 2 waiting"))
    }

    @Test func withoutSuggestionsSSaysHowToGetThem() throws {
        let fixture = try Fixture()
        var state = try fixture.state(select: "travel.booking-consent")
        fixture.press(&state, [.char("S")])
        #expect(state.top == .browse)
        #expect(state.message?.text == "No suggestions for travel.booking-consent yet · :suggest asks the built-in heuristics (offline) for the open spec's")
    }

    @Test func suggestRunsTheConfiguredProviderInTheBackground() throws {
        let fixture = try Fixture()
        var state = try fixture.state(select: "travel.booking-consent")
        fixture.press(&state, [.char(":")] + .typing("suggest") + [.enter])
        #expect(state.suggesting == nil, "the run ended")
        #expect(state.message?.text == "126 suggestions saved for 14 rules of travel (offline heuristics, no model) · S shows the selected rule's",
                "\(state.message?.text ?? "")")
        #expect(state.selectedSuggestions?.count == 9, "the selected rule's are loaded")
        #expect(state.selectedSuggestions?.allSatisfy { $0.suggestion.source.heuristics } == true)
        fixture.press(&state, [.char(":")] + .typing("suggest") + [.enter])
        #expect(state.message?.text.hasPrefix("Every rule of travel already has suggestions for its text") == true, "\(state.message?.text ?? "")")
    }

    @Test func quittingWhileSuggestionsAreAskedForAsksFirst() throws {
        let fixture = try Fixture()
        var state = try fixture.state()
        state.suggesting = SuggestionRunStatus(done: 3, total: 14)
        #expect(reduce(&state, .key(.char("q"))).isEmpty)
        guard case .confirm(let question) = state.top else { Issue.record("no question: \(state.top)"); return }
        #expect(question.question.contains("the suggestions (3 of 14 rules) stop, keeping what was saved"))
        _ = reduce(&state, .key(.escape))
        #expect(reduce(&state, .key(.char(":"))).isEmpty)
        for key in [Key].typing("stop") { _ = reduce(&state, .key(key)) }
        #expect(reduce(&state, .key(.enter)) == [.stopSuggesting])
    }

    @Test func theOverlayAtEachSize() throws {
        for (name, size) in ScreenSnapshotTests.sizes {
            let fixture = try Fixture()
            try Self.suggest(fixture)
            var state = try fixture.state(size: size, select: "travel.budget-honesty")
            if !state.isSplit { fixture.press(&state, [.enter]) }
            fixture.press(&state, [.char("S"), .char("a")])
            Snapshot.assert(state, size: size, named: "suggestions-\(name)")
        }
    }
}
