import Testing
import TenetSpec
import TenetStore
@testable import TenetUI
import TenetWorkbench

/// What a user does in the spec view, checked on the state and on the database.
@Suite struct WorkbenchBehaviourTests {
    @Test func movingLoadsTheRuleAndFoldingHidesASectionsRules() throws {
        let fixture = try Fixture()
        var state = try fixture.state()
        let first = try #require(state.selectedRule)
        fixture.press(&state, [.char("j")])
        let second = try #require(state.selectedRule)
        #expect(second.key != first.key)
        #expect(state.selectedDetail?.key == second.key)

        // h on a rule goes to its section, then folds it.
        fixture.press(&state, [.char("h")])
        guard case .section(let id, _, let counts, false)? = state.selectedRow?.content else {
            Issue.record("h did not select the enclosing section"); return
        }
        let before = state.rows.count
        fixture.press(&state, [.char(" ")])
        #expect(state.folded.contains(id))
        #expect(state.rows.count == before - counts.total)
        fixture.press(&state, [.char(" ")])
        #expect(state.rows.count == before)
    }

    @Test func classifyingSavesARevisionAndUndoIsAnEffect() throws {
        let fixture = try Fixture()
        var state = try fixture.state(select: "travel.budget-honesty")
        fixture.press(&state, [.char("s")])
        let stored = try fixture.store.rule("travel.budget-honesty")
        #expect(stored.record.annotations.kind == .safety)
        #expect(stored.revision == 2)
        #expect(state.selectedRule?.kind == .safety)
        #expect(state.message?.text.contains("kind → safety") == true)
        #expect(reduce(&state, .key(.char("u"))) == [.undo])
        #expect(reduce(&state, .key(.ctrl("r"))) == [.redo])
    }

    @Test func noShortcutFiresWhileEditingAField() throws {
        let fixture = try Fixture()
        var state = try fixture.state(select: "travel.budget-honesty")
        _ = reduce(&state, .key(.char("a")))
        _ = reduce(&state, .key(.char("s")))
        guard case .edit = state.top else { Issue.record("a s did not start editing"); return }
        // Keys that are shortcuts elsewhere are text here: no effect, no quit.
        for key in [Key.char("s"), .char("q"), .char("u"), .char("?"), .char(":"), .char("/"), .char("j")] {
            #expect(reduce(&state, .key(key)).isEmpty)
        }
        guard case .edit(let edit) = state.top else { Issue.record("left edit mode"); return }
        #expect(edit.editor.text.hasSuffix("squ?:/j"))
        // Esc cancels and saves nothing.
        #expect(reduce(&state, .key(.escape)).isEmpty)
        #expect(state.top == .browse)
        #expect(try fixture.store.rule("travel.budget-honesty").revision == 1)
    }

    @Test func enterSavesTheFieldAndAnEmptyFieldClearsIt() throws {
        let fixture = try Fixture()
        var state = try fixture.state(select: "travel.budget-honesty")
        fixture.press(&state, [.char("a"), .char("f"), .ctrl("u")] + .typing("money") + [.enter])
        #expect(try fixture.store.rule("travel.budget-honesty").record.annotations.family == "money")
        fixture.press(&state, [.char("a"), .char("f"), .ctrl("u"), .enter])
        #expect(try fixture.store.rule("travel.budget-honesty").record.annotations.family == nil)
        // A bad priority is refused in place, with a reason, and nothing is saved.
        fixture.press(&state, [.char("a"), .char("p")] + .typing("high") + [.enter])
        guard case .edit(let edit) = state.top else { Issue.record("a bad value closed the field"); return }
        #expect(edit.problem?.contains("whole number") == true)
        #expect(try fixture.store.rule("travel.budget-honesty").revision == 3)
    }

    @Test func resizeMidEditKeepsTheText() throws {
        let fixture = try Fixture()
        var state = try fixture.state(select: "travel.budget-honesty")
        fixture.press(&state, [.char("a"), .char("s"), .ctrl("u")] + .typing("half typed"))
        _ = reduce(&state, .resized(Size(width: 40, height: 12)))
        _ = reduce(&state, .resized(Size(width: 25, height: 5)))
        _ = reduce(&state, .resized(Size(width: 120, height: 40)))
        guard case .edit(let edit) = state.top else { Issue.record("resize ended the edit"); return }
        #expect(edit.editor.text == "half typed")
        let screen = render(state, size: Size(width: 120, height: 40), theme: .plain)
        #expect(screen.text.contains("half typed"))
        // The field is the middle line of the three-line box at the bottom of the body
        // (rows 1…37 of 40): row 36, after the text.
        #expect(screen.cursor == Point(x: 1 + "half typed".count, y: 36))
    }

    @Test func searchFiltersAndCommandLine() throws {
        let fixture = try Fixture()
        var state = try fixture.state()
        fixture.press(&state, [.char("/")] + .typing("resort fee") + [.enter])
        #expect(state.selectedRule?.id == "travel.budget-honesty")
        #expect(state.search == "resort fee")

        fixture.press(&state, [.char("f")])
        #expect(state.filter == .unclassified)
        #expect(state.rows.isEmpty)
        #expect(render(state, size: state.viewport, theme: .plain).text.contains("Every rule is classified."))
        fixture.press(&state, [.char(":")] + .typing("filter safety") + [.enter])
        #expect(state.filter == .safety)
        #expect(state.rows.allSatisfy {
            if case .rule(let i, _) = $0.content { return state.outline!.rules[i].kind == .safety }
            return true
        })
        fixture.press(&state, [.char(":")] + .typing("go travel.accessibility") + [.enter])
        #expect(state.selectedRule?.id == "travel.accessibility")
        #expect(state.filter == .all)
        fixture.press(&state, [.char(":")] + .typing("frobnicate") + [.enter])
        #expect(state.message?.isError == true)
        #expect(reduce(&state, .key(.char(":"))) == [])
        #expect(reduce(&state, .key(.char("t"))) == [])
        for key in [Key].typing("heme light") { _ = reduce(&state, .key(key)) }
        #expect(reduce(&state, .key(.enter)) == [.setTheme("light")])
    }

    @Test func followingAReferenceAndComingBack() throws {
        let fixture = try Fixture()
        var state = try fixture.state()
        // Find a rule with a cross reference in the sample, if any; otherwise use :go.
        let withReference = try fixture.store.ruleOutlines(spec: "travel").first {
            !(try fixture.store.rule($0.key).record.source.references.isEmpty)
        }
        if let rule = withReference {
            fixture.press(&state, [.char(":")] + .typing("go \(rule.id)") + [.enter, .char(">")])
            #expect(state.selectedRule?.id != rule.id || state.top != .browse)
        }
        fixture.press(&state, [.char(":")] + .typing("go travel.accessibility") + [.enter])
        fixture.press(&state, [.char(":")] + .typing("go travel.budget-honesty") + [.enter])
        fixture.press(&state, [.char("<")])
        #expect(state.selectedRule?.id == "travel.accessibility")
    }

    @Test func quitAndHelpComeFromTheKeymap() throws {
        let fixture = try Fixture()
        var state = try fixture.state()
        #expect(reduce(&state, .key(.char("q"))) == [.quit])
        _ = reduce(&state, .key(.char("?")))
        #expect(state.top == .help(scroll: 0))
        let help = render(state, size: Size(width: 120, height: 80), theme: .plain).text
        for binding in Keymap.defaults.prefix(20) { #expect(help.contains(binding.description)) }
        _ = reduce(&state, .key(.char("q")))
        #expect(state.top == .browse)
    }

    @Test func reboundKeysDriveDispatchAndHelp() throws {
        let fixture = try Fixture()
        var state = try fixture.state(select: "travel.budget-honesty")
        state.keymap.rebind(["set-safety": [.char("S")], "move-down": [.char("J"), .down]])
        #expect(state.keymap.command(for: .char("s"), in: .spec) == nil)
        fixture.press(&state, [.char("S")])
        #expect(try fixture.store.rule("travel.budget-honesty").record.annotations.kind == .safety)
        #expect(StatusBar.hints(state).joined().map(\.text).joined().contains("S safety"))
        #expect(HelpScreen.lines(state.keymap, width: 100).contains { $0.map(\.text).joined().contains("J ↓") })
    }

    @Test func liveChangesFromAnotherWriterReachTheState() throws {
        let fixture = try Fixture()
        var state = try fixture.state(select: "travel.budget-honesty")
        let other = try ProjectStore(path: fixture.directory + "/tenet.db", author: "bob", session: "other")
        _ = try other.annotate("travel.budget-honesty", { var c = AnnotationChange(); c.rationale = "Bob's reason"; return c }())
        let (notices, _) = try fixture.store.changes(after: 1)
        #expect(notices.map(\.author) == ["bob"])
        let effects = reduce(&state, .externalChange(authors: ["bob"], what: "edit travel.budget-honesty"))
        #expect(effects == [.reload(spec: "travel", select: "travel/travel.budget-honesty", rule: "travel/travel.budget-honesty")])
        _ = reduce(&state, .detailLoaded(try fixture.store.rule("travel.budget-honesty")))
        #expect(render(state, size: Size(width: 120, height: 40), theme: .plain).text.contains("Bob's reason"))
    }

    @Test func aSaveAfterSomeoneChangedAnotherFieldGoesOnTheirRevision() throws {
        let fixture = try Fixture()
        var state = try fixture.state(select: "travel.budget-honesty")
        fixture.press(&state, [.char("a"), .char("s"), .ctrl("u")] + .typing("Alice's scope"))
        // Bob saves the rationale first: the scope Alice edits is as she found it.
        let bob = try ProjectStore(path: fixture.directory + "/tenet.db", author: "bob", session: "bob")
        _ = try bob.annotate("travel.budget-honesty", { var c = AnnotationChange(); c.rationale = "Bob's reason"; return c }())
        var effects = reduce(&state, .key(.enter))
        fixture.run(&state, &effects)
        let stored = try fixture.store.rule("travel.budget-honesty").record.annotations
        #expect(stored.scope == "Alice's scope" && stored.rationale == "Bob's reason", "both kept: nothing of Bob's was overwritten")
        #expect(state.top == .browse && state.message?.text.contains("scope saved") == true)
    }

    @Test func aSaveThatLostTheRaceOpensTheMergeViewAndWaitsForAChoice() throws {
        let fixture = try Fixture()
        var state = try fixture.state(size: Size(width: 120, height: 30), select: "travel.budget-honesty")
        fixture.press(&state, [.char("a"), .char("s"), .ctrl("u")] + .typing("Alice's scope"))
        let bob = try ProjectStore(path: fixture.directory + "/tenet.db", author: "bob", session: "bob")
        _ = try bob.annotate("travel.budget-honesty", { var c = AnnotationChange(); c.scope = "Bob's scope"; return c }())
        var effects = reduce(&state, .key(.enter))
        fixture.run(&state, &effects)
        guard case .merge(let view) = state.top else { Issue.record("no merge view: \(state.top)"); return }
        #expect(view.yours == "Alice's scope" && view.theirs == "Bob's scope" && view.author == "bob")
        let screen = render(state, size: state.viewport, theme: .plain).text
        #expect(screen.contains("Alice's scope") && screen.contains("Bob's scope") && screen.contains("bob saved a change first"))
        #expect(!screen.contains("--expect-rev"), "no command-line advice in the workbench")
        // Enter chooses nothing; the store still has Bob's.
        #expect(reduce(&state, .key(.enter)).isEmpty)
        #expect(try fixture.store.rule("travel.budget-honesty").record.annotations.scope == "Bob's scope")
        // Esc goes back to the text typed, still based on the old revision: saving asks again.
        fixture.press(&state, [.escape])
        guard case .edit(let edit) = state.top else { Issue.record("the typed text was lost"); return }
        #expect(edit.editor.text == "Alice's scope" && edit.problem?.contains("Bob's scope") == true)
        effects = reduce(&state, .key(.enter))
        fixture.run(&state, &effects)
        guard case .merge = state.top else { Issue.record("saved over Bob without asking"); return }
        // m: mine, explicitly.
        effects = reduce(&state, .key(.char("m")))
        fixture.run(&state, &effects)
        #expect(try fixture.store.rule("travel.budget-honesty").record.annotations.scope == "Alice's scope")
        #expect(state.top == .browse)
    }

    @Test func keepingTheirsWritesNothing() throws {
        let fixture = try Fixture()
        var state = try fixture.state(select: "travel.budget-honesty")
        fixture.press(&state, [.char("a"), .char("s"), .ctrl("u")] + .typing("Alice's scope"))
        let bob = try ProjectStore(path: fixture.directory + "/tenet.db", author: "bob", session: "bob")
        _ = try bob.annotate("travel.budget-honesty", { var c = AnnotationChange(); c.scope = "Bob's scope"; return c }())
        let head = try fixture.store.latestChangeset()
        var effects = reduce(&state, .key(.enter))
        fixture.run(&state, &effects)
        effects = reduce(&state, .key(.char("t")))
        fixture.run(&state, &effects)
        #expect(state.top == .browse && state.message?.text == "Kept bob's scope of travel.budget-honesty; yours was dropped")
        #expect(try fixture.store.latestChangeset() == head)
    }

    /// A rationale merged by editing both (`e` in the merge view) is not saved while the
    /// merge's markers are in it — as an answer is not. They were saved into the rule, and
    /// went out with its exports.
    @Test func aMergedRationaleIsNotSavedWithItsMarkers() throws {
        let fixture = try Fixture()
        var state = try fixture.state(size: Size(width: 120, height: 30), select: "travel.budget-honesty")
        fixture.press(&state, [.char("r"), .ctrl("u")] + .typing("Alice's reason"))
        guard case .text = state.top else { Issue.record("no rationale editor: \(state.top)"); return }
        let bob = try ProjectStore(path: fixture.directory + "/tenet.db", author: "bob", session: "bob")
        _ = try bob.annotate("travel.budget-honesty", { var c = AnnotationChange(); c.rationale = "Bob's reason"; return c }())
        var effects = reduce(&state, .key(.ctrl("s")))
        fixture.run(&state, &effects)
        guard case .merge = state.top else { Issue.record("no merge view: \(state.top)"); return }
        effects = reduce(&state, .key(.char("e")))
        fixture.run(&state, &effects)
        guard case .text(let merging) = state.top else { Issue.record("the typed text was lost: \(state.top)"); return }
        #expect(merging.area.text.contains("<<<<<<< theirs (bob"))
        effects = reduce(&state, .key(.ctrl("s")))
        fixture.run(&state, &effects)
        guard case .text(let refused) = state.top else { Issue.record("closed: \(state.top)"); return }
        #expect(refused.problem?.contains("is a merge marker") == true, "\(refused.problem ?? "")")
        #expect(try fixture.store.rule("travel.budget-honesty").record.annotations.rationale == "Bob's reason")
    }

    /// `:theme` with a name that cannot be used says the theme in use stays (it said
    /// "using the default theme" while the light theme stayed), and `:filter` with an
    /// unknown name lists the filters.
    @Test func aRefusedThemeOrFilterSaysWhatStays() throws {
        let fixture = try Fixture()
        var state = try fixture.state()
        state.themeName = "light"
        let session = WorkbenchSession(state: state, runner: EffectRunner(store: fixture.store, samplesPath: nil, editor: nil),
                                       resolveTheme: { _ in (ResolvedTheme.plain, "“../x” is not a theme name") })
        session.dispatch(.key(.char(":")))
        session.press([Key].typing("theme ../x") + [.enter])
        #expect(session.state.message?.text == "“../x” is not a theme name · the theme stays light")
        #expect(session.state.themeName == "light")
        session.press([.char(":")] + [Key].typing("filter bogus") + [.enter])
        #expect(session.state.message?.text.hasPrefix("No filter “bogus”; the filters are all, ") == true, "\(session.state.message?.text ?? "")")
    }

    @Test func longMessagesWrapAndNarrowMenusKeepEveryItem() throws {
        let fixture = try Fixture()
        var state = try fixture.state(size: Size(width: 40, height: 12), select: "travel.budget-honesty")
        _ = reduce(&state, .failed("config:2: tree-width must be a percentage from 20 to 80, e.g. tree-width = 40; got 500"))
        let screen = render(state, size: Size(width: 40, height: 12), theme: .plain).text
        #expect(screen.contains("got 500"))
        _ = reduce(&state, .resized(Size(width: 30, height: 8)))
        _ = reduce(&state, .key(.char("a")))
        let menu = render(state, size: Size(width: 30, height: 8), theme: .plain).text
        for label in ["Scope", "Rationale", "Exceptions", "Family", "Concreteness", "Priority"] { #expect(menu.contains(label)) }
    }

    @Test func searchAsYouTypeSaysWhenNothingMatches() throws {
        let fixture = try Fixture()
        var state = try fixture.state()
        fixture.press(&state, [.char("/")] + .typing("zzqx"))
        #expect(render(state, size: state.viewport, theme: .plain).text.contains("no match"))
        fixture.press(&state, [.escape])
        #expect(state.top == .browse)
    }

    @Test func aQuickOutlineShowsFirstAndTheDetailsFollowWithoutUndoingASave() throws {
        let fixture = try Fixture()
        var state = WorkbenchState(user: "alice", database: "tenet.db")
        _ = reduce(&state, .resized(Size(width: 100, height: 30)))
        let header = try fixture.store.specHeader("travel")
        let quick = try fixture.store.ruleOutlines(spec: "travel", details: false)
        #expect(quick.allSatisfy { $0.text.isEmpty && $0.examples == 0 })
        let detailed = try fixture.store.ruleOutlines(spec: "travel")   // read before the save below
        var effects = reduce(&state, .specLoaded(SpecOutline(id: "travel", title: header.title, file: header.file, revision: header.revision,
                                                             sections: header.sections, rules: quick, hasDetails: false), select: "travel.budget-honesty"))
        fixture.run(&state, &effects)
        // No flags yet: not "no examples" while nobody knows.
        let before = render(state, size: state.viewport, theme: .plain).text
        let row = try #require(before.split(separator: "\n").first { $0.contains("B travel.accessibility") })
        #expect(!row.split(separator: "│")[0].contains("·"))
        // A save lands before the details do; the older details must not undo it on screen.
        fixture.press(&state, [.char("s")])
        _ = reduce(&state, .ruleDetailsLoaded(spec: "travel", rules: detailed))
        #expect(state.outline?.hasDetails == true)
        #expect(state.selectedRule?.kind == .safety)
        let after = render(state, size: state.viewport, theme: .plain).text
        #expect(after.contains("S travel.budget-honesty"))
        let detailedRow = try #require(after.split(separator: "\n").first { $0.contains("B travel.accessibility") })
        #expect(detailedRow.split(separator: "│")[0].contains("er"))
        // The kind set here marks the rule ✎ in the tree; a rule as the file says is not marked.
        let savedRow = try #require(after.split(separator: "\n").first { $0.contains("S travel.budget-honesty") })
        #expect(savedRow.split(separator: "│")[0].contains("✎"), "\(savedRow)")
        #expect(!detailedRow.split(separator: "│")[0].contains("✎"), "\(detailedRow)")
    }

    /// Every annotation field marks its rule, so that a field added to
    /// ``RuleAnnotations`` without the outline's SQL knowing it fails here.
    @Test func everyAnnotationFieldMarksItsRule() throws {
        let fixture = try Fixture()
        let rules = try fixture.store.ruleOutlines(spec: "travel")
        #expect(rules.count >= RuleAnnotations.fieldNames.count && !rules.contains(where: \.annotated))
        for (field, rule) in zip(RuleAnnotations.fieldNames, rules) {
            var change = AnnotationChange()
            switch field {
            case "kind": change.kind = rule.kind == .safety ? .behavioral : .safety
            case "direction": change.direction = rule.direction == .require ? .prohibit : .require
            case "authority": change.authority = .developer
            case "priority": change.priority = 7
            case "family": change.family = "f"
            case "scope": change.scope = "s"
            case "rationale": change.rationale = "r"
            case "exceptions": change.exceptions = ["e"]
            case "concreteness": change.concreteness = "concrete"
            default: Issue.record("no value for \(field) in this test")
            }
            _ = try fixture.store.annotate(rule.id, change)
            #expect(try fixture.store.ruleOutlines(spec: "travel").first { $0.key == rule.key }?.annotated == true, "\(field)")
        }
    }

    @Test func theTreeMarksARuleAnnotatedInTenetAndUnmarksItWhenCleared() throws {
        let fixture = try Fixture()
        var family = AnnotationChange()
        family.family = "access"
        _ = try fixture.store.annotate("travel.accessibility", family)
        _ = try fixture.store.addExample("travel.budget-honesty", Example(
            verdict: .good, title: "fees", turns: [Turn(role: "user", content: "What will this trip cost?"),
                                                   Turn(role: "assistant", content: "About 900 euros, taxes and fees included.")], line: 0))
        let outlines = try fixture.store.ruleOutlines(spec: "travel")
        #expect(outlines.filter(\.annotated).map(\.id).sorted() == ["travel.accessibility", "travel.budget-honesty"])
        var state = try fixture.state(size: Size(width: 100, height: 30))
        let screen = render(state, size: state.viewport, theme: .plain).text
        let marked = screen.split(separator: "\n").filter { $0.split(separator: "│")[0].contains("✎") }
        #expect(marked.count == 2 && marked.allSatisfy { $0.contains("travel.accessibility") || $0.contains("travel.budget-honesty") }, "\(screen)")
        var clear = AnnotationChange()
        clear.clear = ["family"]
        _ = try fixture.store.annotate("travel.accessibility", clear)
        state = try fixture.state(size: Size(width: 100, height: 30))
        let cleared = render(state, size: state.viewport, theme: .plain).text
        #expect(!(cleared.split(separator: "\n").first { $0.contains("travel.accessibility") }?.split(separator: "│")[0].contains("✎") ?? true))
    }

    // Findings of a review, each a regression test.

    @Test func altKeysAndPastesInAnEditNeverRunShortcuts() throws {
        let fixture = try Fixture()
        var state = try fixture.state(select: "travel.budget-honesty")
        fixture.press(&state, [.char("a"), .char("s"), .ctrl("u")] + .typing("my reason") + [.alt("b"), .alt("d"), .paste("a\nsee")])
        guard case .edit(let edit) = state.top else { Issue.record("the edit closed"); return }
        #expect(edit.editor.text == "my a see")
        #expect(try fixture.store.rule("travel.budget-honesty").revision == 1)
        // In the tree, a paste is refused with a hint instead of running its letters.
        fixture.press(&state, [.escape, .paste("sb")])
        #expect(state.message?.text.contains("text field") == true)
        #expect(try fixture.store.rule("travel.budget-honesty").revision == 1)
    }

    @Test func searchFindsRulesInFoldedSections() throws {
        let fixture = try Fixture()
        var state = try fixture.state()
        fixture.press(&state, [.char("Z")])
        #expect(!state.rows.contains { if case .rule = $0.content { return true } else { return false } })
        fixture.press(&state, [.char("/")] + .typing("budget-honesty") + [.enter])
        #expect(state.selectedRule?.id == "travel.budget-honesty")
    }

    @Test func aStaleRuleIsReloadedWhenSelectedAgain() throws {
        let fixture = try Fixture()
        var state = try fixture.state(select: "travel.budget-honesty")
        fixture.press(&state, [.char("h")])
        let bob = try ProjectStore(path: fixture.directory + "/tenet.db", author: "bob", session: "bob")
        _ = try bob.annotate("travel.budget-honesty", { var c = AnnotationChange(); c.rationale = "Bob's"; return c }())
        var effects = reduce(&state, .specLoaded(try fixture.outline("travel"), select: nil))
        fixture.run(&state, &effects)
        fixture.press(&state, [.char("j")])
        #expect(state.selectedDetail?.revision == 2)
        #expect(state.selectedDetail?.record.annotations.rationale == "Bob's")
    }

    @Test func aLiveReloadDuringAnEditDoesNotDisarmTheConflictCheck() throws {
        let fixture = try Fixture()
        var state = try fixture.state(select: "travel.budget-honesty")
        fixture.press(&state, [.char("a"), .char("s"), .ctrl("u")] + .typing("Alice's"))
        let bob = try ProjectStore(path: fixture.directory + "/tenet.db", author: "bob", session: "bob")
        _ = try bob.annotate("travel.budget-honesty", { var c = AnnotationChange(); c.rationale = "Bob's"; return c }())
        _ = reduce(&state, .detailLoaded(try fixture.store.rule("travel.budget-honesty")))
        guard case .annotate(_, _, let expected, _)? = reduce(&state, .key(.enter)).first else { Issue.record("no save"); return }
        #expect(expected == 1, "the save must still expect the revision the edit started from")
    }

    @Test func detailScrollStopsAtTheEnd() throws {
        let fixture = try Fixture()
        var state = try fixture.state(select: "travel.budget-honesty")
        fixture.press(&state, [.tab, .char("G")])
        let end = state.detailScroll
        #expect(end == state.detailScrollLimit && end > 0)
        fixture.press(&state, [.char("j"), .char("k")])
        #expect(state.detailScroll == end - 1)
    }

    @Test func jumpBackFromASectionAndAcrossSpecs() throws {
        let fixture = try Fixture(specs: ["travel-planning.md", "child-storytelling.md"])
        var state = try fixture.state()
        fixture.press(&state, [.char("g")])
        guard case .section = state.selectedRow?.content else { Issue.record("not on a section"); return }
        fixture.press(&state, [.char(":")] + .typing("go travel.budget-honesty") + [.enter])
        let effects = reduce(&state, .key(.char("<")))
        #expect(effects.allSatisfy { if case .goTo = $0 { return false } else { return true } })
        guard case .section = state.selectedRow?.content else { Issue.record("did not come back to the section"); return }
        // Another spec: the jump survives the switch.
        fixture.press(&state, [.char(":")] + .typing("go child.no-secrets") + [.enter])
        #expect(state.jumps.isEmpty == false)
    }

    @Test func aMenuClosesWhenTheSelectionMoves() throws {
        let fixture = try Fixture()
        var state = try fixture.state(select: "travel.budget-honesty")
        fixture.press(&state, [.char("a")])
        guard case .menu = state.top else { Issue.record("no menu"); return }
        var effects = reduce(&state, .specLoaded(try fixture.outline("travel"), select: "travel.accessibility"))
        fixture.run(&state, &effects)
        #expect(reduce(&state, .key(.char("r"))).isEmpty)
        #expect(state.top == .browse)
    }

    /// Copying `set-safety = S` took the only key of `suggestions` in silence: the workbench
    /// now says so when it starts. A command unbound on purpose (`history = none`) is not said.
    @Test func aCommandLeftWithNoKeyIsSaid() {
        var keymap = Keymap()
        let notes = keymap.rebind(["set-safety": [.char("S")], "history": []])
        #expect(notes == ["[keys]: S is now set-safety, and suggestions has no key left; give it one (suggestions = …)"], "\(notes)")
        #expect(Keymap().label(.suggestions) == "S")
        var kept = Keymap()
        #expect(kept.rebind(["move-down": [.char("J"), .down]]).isEmpty, "j was taken from nothing else")
    }

    @Test func rebindingAGlobalCommandTakesTheKeyFromPaneCommands() {
        var keymap = Keymap()
        keymap.rebind(["help": [.char("j")]])
        #expect(keymap.command(for: .char("j"), in: .spec) == .help)
        #expect(keymap.command(for: .char("j"), in: .history) == .help)
    }

    /// A name that cannot be used keeps the save entry open with what was typed (it closed
    /// and dropped the text), and so does a count that is no number.
    @Test func anInvalidNameKeepsWhatWasTyped() throws {
        let fixture = try Fixture()
        var state = try fixture.state(size: Size(width: 100, height: 30))
        _ = reduce(&state, .key(.char("I")))
        let (spec, revision) = try fixture.store.effectiveSpec("travel")
        _ = reduce(&state, .instantiationSpecLoaded(spec, revision: revision))
        fixture.press(&state, [.char("w"), .ctrl("u")] + .typing("trip 🧳"))
        #expect(reduce(&state, .key(.enter)).isEmpty)
        guard case .instantiate(let view) = state.top else { Issue.record("left the screen: \(state.top)"); return }
        #expect(view.entry == .saveName && view.editor.text == "trip 🧳", "the entry stays open with the text")
        #expect(state.message?.text.hasPrefix("instantiation name `trip 🧳` is not valid") == true, "\(state.message?.text ?? "")")
        fixture.press(&state, [.backspace, .backspace])
        guard case .saveInstantiation(_, let name)? = reduce(&state, .key(.enter)).first else { Issue.record("no save"); return }
        #expect(name == "trip")
    }

    /// A generation that ended (and said so) is not stopped again on quit: quitting printed
    /// its "Generation stopped · 3 pairs kept" long after, as if the quit had stopped it.
    @Test func aFinishedGenerationIsNotReportedAgainOnQuit() throws {
        let fixture = try Fixture()
        let (spec, revision) = try fixture.store.effectiveSpec("travel")
        let instance = try Instantiator.instantiate(spec, revision: revision, controls: InstantiationControls())
        _ = try fixture.store.saveInstantiation(instance, name: "g")
        let session = WorkbenchSession(state: try fixture.state(), runner: EffectRunner(store: fixture.store, samplesPath: nil, editor: nil))
        session.perform([.generate(instantiation: "g", count: 3, seed: 1)])
        #expect(session.settle())
        #expect(session.state.message?.text.hasPrefix("Generated") == true, "\(session.state.message?.text ?? "")")
        #expect(session.runner.stopBackgroundWork() == nil)
    }

    @Test func theInstantiationScreenRecomputesAtOnceAndSaves() throws {
        let fixture = try Fixture()
        var state = try fixture.state(size: Size(width: 100, height: 30))
        #expect(reduce(&state, .key(.char("I"))) == [.loadInstantiationSpec("travel")])
        let (spec, revision) = try fixture.store.effectiveSpec("travel")
        _ = reduce(&state, .instantiationSpecLoaded(spec, revision: revision))
        guard case .instantiate(let first) = state.top, let before = first.preview else { Issue.record("no preview"); return }
        fixture.press(&state, [.char("n")])
        guard case .instantiate(let second) = state.top, let after = second.preview else { Issue.record("no preview"); return }
        #expect(after.controls.seed == before.controls.seed + 1)
        #expect(after == (try Instantiator.instantiate(spec, revision: revision, controls: after.controls)))
        fixture.press(&state, [.char("+"), .char("+")])
        guard case .instantiate(let third) = state.top else { return }
        // The range stops at the spec's 14 rules, and says so.
        #expect(third.controls.minRules == 9 && third.controls.maxRules == 14)
        #expect(state.message?.text.contains("Already up to all 14 rules") == true)
        // Generating needs a saved instance; w asks for a name, Enter saves.
        fixture.press(&state, [.char("x")])
        #expect(state.message?.text.contains("Save the instance first") == true)
        _ = reduce(&state, .key(.char("w")))
        _ = reduce(&state, .key(.ctrl("u")))
        for key in [Key].typing("mine") { _ = reduce(&state, .key(key)) }
        guard case .saveInstantiation(let instance, let name)? = reduce(&state, .key(.enter)).first else { Issue.record("no save"); return }
        #expect(name == "mine" && instance == third.preview)
        _ = reduce(&state, .instantiationSaved(name: "mine", revision: 1))
        _ = reduce(&state, .key(.char("x")))
        for key in [Key.ctrl("u"), .char("7")] { _ = reduce(&state, .key(key)) }
        #expect(reduce(&state, .key(.enter)) == [.generate(instantiation: "mine", count: 7, seed: third.controls.seed)])
        let screen = render(state, size: Size(width: 100, height: 30), theme: .plain).text
        #expect(screen.contains("Instantiate travel r1") && screen.contains("saved as mine"))
        #expect(screen.contains("What the model is given (system)"))
        #expect(screen.contains("generating 0/7"), "counted from the moment it is asked for")

        // While it runs, x says how to stop it instead of starting a second one; X stops it.
        #expect(reduce(&state, .key(.char("x"))).isEmpty)
        #expect(state.message?.text.contains("A generation is running (0/7) · X stops it") == true)
        _ = reduce(&state, .generationProgress(done: 3, total: 7, note: "25 duplicates"))
        #expect(render(state, size: Size(width: 100, height: 30), theme: .plain).text.contains("generating 3/7 (25 duplicates)"),
                "a run making only duplicates says so, not a count that stands still")
        #expect(reduce(&state, .key(.char("X"))) == [.stopGeneration])
        #expect(state.message?.text == "Stopping the generation at 3/7…")
        _ = reduce(&state, .generationFinished(GenerationOutcome(instantiation: "mine", provider: "offline", asked: 7, taken: 3, kept: 3, stopped: true)))
        #expect(state.generation == nil && state.message?.text == "Generation stopped · 3 pairs kept · R in the spec view reviews them")
        #expect(reduce(&state, .key(.char("X"))).isEmpty)
        #expect(state.message?.text == "No generation is running")
        // Fewer new pairs than asked, because the project had them: said, with what to do.
        _ = reduce(&state, .generationFinished(GenerationOutcome(instantiation: "mine", provider: "offline", asked: 3, taken: 3, kept: 0, duplicates: 3)))
        #expect(state.message?.text.hasPrefix("Generated 0 pairs from mine (offline); 0 new of the 3 asked for, 3 already in the project — "
                                              + "this instance gives no more distinct pairs: widen it") == true, "\(state.message?.text ?? "")")
        // The prompt names the provider the config chose.
        state.generator = "openai qwen"
        _ = reduce(&state, .key(.char("x")))
        #expect(render(state, size: Size(width: 100, height: 30), theme: .plain).text.contains("Pairs to generate (openai qwen): 50"))
        _ = reduce(&state, .key(.escape))
        // :stop from the spec view.
        _ = reduce(&state, .key(.char("q")))
        _ = reduce(&state, .generationProgress(done: 1, total: 9, note: ""))
        _ = reduce(&state, .key(.char(":")))
        for key in [Key].typing("stop") { _ = reduce(&state, .key(key)) }
        #expect(reduce(&state, .key(.enter)) == [.stopGeneration])
    }

    @Test func theReviewFilterIsReadAsKeyValuePairs() {
        let base = QueueFilter(spec: "travel", text: "hotel")
        guard case .success(let filter) = parseFilter("status=flagged rule=travel.x strategy=role-play generator=openai", base: base) else {
            Issue.record("not parsed"); return
        }
        #expect(filter == QueueFilter(spec: "travel", rule: "travel.x", status: "flagged", strategy: "role-play", generator: "openai", text: "hotel"))
        #expect(filterText(filter) == "status=flagged rule=travel.x strategy=role-play generator=openai")
        guard case .success(let cleared) = parseFilter("", base: filter) else { Issue.record("empty"); return }
        #expect(cleared == QueueFilter(spec: "travel", text: "hotel"), "empty: every pending pair, spec and search kept")
        guard case .failure(let bad) = parseFilter("status=done", base: base) else { Issue.record("accepted"); return }
        #expect(bad.message.hasPrefix("Statuses: pending, accepted"))
        guard case .failure(let unknown) = parseFilter("colour=red", base: base) else { Issue.record("accepted"); return }
        #expect(unknown.message.contains("Unknown filter “colour”"))
        guard case .failure(let bare) = parseFilter("flagged", base: base) else { Issue.record("accepted"); return }
        #expect(bare.message.contains("key=value"))
    }
}

/// A lint finding on none of the rules ("the 3 items of this list under “Prohibited
/// Content” were read as no rules") was dropped from the workbench: the section it is in
/// shows it in its summary, and no other section does.
@Suite struct SectionLintTests {
    @Test func aSectionShowsTheFindingsOnNoneOfItsRules() throws {
        let fixture = try Fixture()
        var state = try fixture.state(size: Size(width: 120, height: 40))
        let sections = try #require(state.outline?.sections)
        let (first, second) = (try #require(sections.first), try #require(sections.dropFirst().first))
        let message = "the 2 items of this list under “\(first.title)” were read as no rules [list-without-rules]"
        _ = reduce(&state, .lintLoaded(spec: "travel", marks: [LintMark.noRule: [LintMark(severity: .warning, line: first.line, message: message)]]))
        func summary(of section: Section) throws -> String {
            let row = try #require(state.rows.firstIndex { if case .section(let id, _, _, _) = $0.content { id == section.id } else { false } })
            state.selection = row
            return render(state, size: Size(width: 120, height: 40), theme: .plain).text
        }
        let shown = try summary(of: first)
        #expect(shown.contains("Lint") && shown.contains("line \(first.line): the 2 items of this list"), "\(shown)")
        #expect(!(try summary(of: second)).contains("the 2 items of this list"))
    }
}
