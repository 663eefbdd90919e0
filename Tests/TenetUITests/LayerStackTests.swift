import Foundation
import Testing
import TenetSpec
import TenetStore
@testable import TenetUI
import TenetWorkbench

/// Screens and overlays form a stack: each `q`/`Esc` closes one layer and uncovers the one
/// beneath with its state as it was; only the bottom layer leaves the program, and it asks
/// first when work would stop with it.
@Suite struct LayerStackTests {
    static let size = Size(width: 100, height: 30)

    @Test func everyLayerOverTheSpecViewClosesOneAtATime() throws {
        let fixture = try Fixture()
        var state = try fixture.state(size: Self.size, select: "travel.budget-honesty")
        // Open: history, help over it; close help (history stays), close history.
        fixture.press(&state, [.char("H")])
        guard case .history = state.top else { Issue.record("H opened no history: \(state.top)"); return }
        fixture.press(&state, [.char("?")])
        #expect(state.layers.count == 3)
        for close in [Key.char("q"), .escape] {
            var copy = state
            #expect(reduce(&copy, .key(close)).isEmpty)
            guard case .history(let history) = copy.top else { Issue.record("\(close.label) did not uncover the history"); continue }
            #expect(history.entries.count > 0, "the history kept what it had loaded")
            _ = reduce(&copy, .key(close))
            #expect(copy.top == .browse && copy.atBottom)
        }
        // Each overlay of the spec view: a menu, an edit line, a prompt, the text editor.
        for (open, closeWith) in [([Key.char("a")], Key.escape), ([.char("a"), .char("s")], .escape), ([.char("/")], .escape),
                                  ([.char(":")], .escape), ([.char("r")], .escape), ([.char("X")], .char("q")), ([.char("I")], .char("q"))] {
            var copy = state
            copy.reset(to: .browse)
            fixture.press(&copy, open)
            #expect(copy.layers.count == 2, "\(open.map(\.label)) opened one layer: \(copy.layers)")
            _ = reduce(&copy, .key(closeWith))
            #expect(copy.layers == [.browse], "\(closeWith.label) closed \(open.map(\.label))")
        }
    }

    /// Below the smallest window, the screen under the message is not drawn: a key must not
    /// act on it (`b` set a rule's kind; typing went into a hidden editor, `q` included).
    /// The quit key quits when nothing would be lost, and the message says which it is.
    @Test func aWindowTooSmallTakesNoKeyButQuit() throws {
        let fixture = try Fixture()
        var state = try fixture.state(size: Self.size, select: "travel.budget-honesty")
        let kind = try fixture.store.rule("travel.budget-honesty").record.effective.kind
        _ = reduce(&state, .resized(Size(width: 20, height: 5)))
        for key in [Key.char("s"), .char("b"), .char("u"), .enter, .char("a")] {
            #expect(reduce(&state, .key(key)).isEmpty, "\(key.label) did something unseen")
        }
        #expect(state.layers == [.browse])
        #expect(try fixture.store.rule("travel.budget-honesty").record.effective.kind == kind)
        #expect(render(state, size: state.viewport, theme: .plain).text.contains("now 20×5") && render(state, size: state.viewport, theme: .plain).text.contains("q quits"))
        #expect(reduce(&state, .key(.char("q"))) == [.quit])

        // With the rationale editor open, typing goes nowhere and q does not drop the text.
        _ = reduce(&state, .resized(Self.size))
        fixture.press(&state, [.char("r"), .ctrl("u")] + .typing("Typed"))
        _ = reduce(&state, .resized(Size(width: 20, height: 5)))
        #expect(render(state, size: state.viewport, theme: .plain).text.contains("enlarge to go on"))
        for key in [Key.char("x"), .char("q"), .ctrl("s"), .escape] { #expect(reduce(&state, .key(key)).isEmpty) }
        _ = reduce(&state, .resized(Self.size))
        guard case .text(let edit) = state.top else { Issue.record("the editor was closed: \(state.top)"); return }
        #expect(edit.area.text == "Typed")
    }

    @Test func quittingWithAGenerationRunningAsksFirst() throws {
        let fixture = try Fixture()
        var state = try fixture.state(size: Self.size)
        #expect(reduce(&state, .key(.char("q"))) == [.quit], "nothing running: q quits at once")
        state.generation = GenerationStatus(done: 4, total: 400)
        #expect(reduce(&state, .key(.char("q"))).isEmpty)
        guard case .confirm(let question) = state.top else { Issue.record("no question: \(state.top)"); return }
        #expect(question.question.contains("a generation (4 of 400 pairs) stops, keeping the pairs made so far"))
        // Any other key is neither answer.
        #expect(reduce(&state, .key(.char("x"))).isEmpty)
        guard case .confirm = state.top else { Issue.record("x answered the question"); return }
        #expect(reduce(&state, .key(.escape)).isEmpty && state.top == .browse)
        #expect(state.message?.text == "Still here; nothing stopped")
        _ = reduce(&state, .key(.char("q")))
        #expect(reduce(&state, .key(.char("y"))) == [.quit])
        // :quit asks too.
        var again = try fixture.state(size: Self.size)
        again.generation = GenerationStatus(done: 1, total: 9)
        fixture.press(&again, [.char(":")] + .typing("quit") + [.enter])
        guard case .confirm = again.top else { Issue.record(":quit did not ask: \(again.top)"); return }
    }

    @Test func tabCompletesCommandsAndTheirArguments() throws {
        let fixture = try Fixture(specs: ["travel-planning.md", "biochem-lab-assistant.md"])
        var state = try fixture.state(size: Self.size)
        func line() -> String { if case .prompt(let prompt) = state.top { return prompt.editor.text } else { return "(closed)" } }
        func found() -> String? { if case .prompt(let prompt) = state.top { return prompt.completion } else { return nil } }
        fixture.press(&state, [.char(":")] + .typing("the") + [.tab])
        #expect(line() == "theme ")
        fixture.press(&state, .typing("h") + [.tab])
        #expect(line() == "theme high-contrast")
        fixture.press(&state, [.ctrl("u")] + .typing("s") + [.tab])
        #expect(line() == "s" && found()?.contains("spec") == true && found()?.contains("stop") == true, "\(found() ?? "")")
        fixture.press(&state, .typing("pec b") + [.tab])
        #expect(line() == "spec biochem")
        fixture.press(&state, [.ctrl("u")] + .typing("go travel.budget") + [.tab])
        #expect(line() == "go travel.budget-honesty")
        fixture.press(&state, [.ctrl("u")] + .typing("undo x") + [.tab])
        #expect(found() == ":undo takes no argument")
        // The help lists the same table.
        let help = HelpScreen.lines(state.keymap, width: 100).map { $0.map(\.text).joined() }
        for command in LineCommands.all { #expect(help.contains { $0.contains(command.usage) }, "\(command.usage) in the help") }
    }

    /// `:open` of a file in which no rule was found imports it and says so, as lint does.
    @Test func openingAFileWithoutRulesSaysSo() throws {
        let fixture = try Fixture()
        var state = try fixture.state(size: Self.size)
        let draft = fixture.directory + "/draft.md"
        try "# Draft\n\nNothing here is a rule yet.\n".write(toFile: draft, atomically: true, encoding: .utf8)
        fixture.press(&state, [.char(":")] + .typing("open \(draft)") + [.enter])
        let message = try #require(state.message)
        #expect(message.isError && message.text.contains("no rules found") && message.text.contains("docs/specs.md"), "\(message.text)")
    }

    @Test func tabCompletesFilesAndTildeIsHome() throws {
        let fixture = try Fixture()
        var state = try fixture.state(size: Self.size)
        let folder = fixture.directory + "/specs"
        try FileManager.default.createDirectory(atPath: folder + "/nested", withIntermediateDirectories: true)
        try "# x\n".write(toFile: folder + "/alpha-spec.md", atomically: true, encoding: .utf8)
        fixture.press(&state, [.char(":")] + .typing("open \(folder)/al") + [.tab])
        guard case .prompt(let prompt) = state.top else { Issue.record("closed"); return }
        #expect(prompt.editor.text == "open \(folder)/alpha-spec.md")
        fixture.press(&state, [.ctrl("u")] + .typing("open \(folder)/ne") + [.tab])
        guard case .prompt(let nested) = state.top else { Issue.record("closed"); return }
        #expect(nested.editor.text == "open \(folder)/nested/")
        // In a served session no file on the host is listed.
        var served = try fixture.state(size: Self.size)
        served.served = true
        _ = reduce(&served, .key(.char(":")))
        for key in [Key].typing("open /e") { _ = reduce(&served, .key(key)) }
        #expect(reduce(&served, .key(.tab)).isEmpty)
        #expect(served.message?.text.hasPrefix("Not available in a served session") == true)
    }

    @Test func mergeAndQuestionOverlaysAtEverySize() throws {
        for (name, size) in ScreenSnapshotTests.sizes {
            let fixture = try Fixture()
            var state = try fixture.state(size: size, select: "travel.budget-honesty")
            let edit = FieldEdit(field: .scope, key: "travel/travel.budget-honesty", ruleID: "travel.budget-honesty", revision: 1,
                                 text: "Alice's scope: any trip with a fixed budget, including group trips booked by one person")
            openMerge(&state, .field(edit), theirs: "Bob's scope: trips where the traveller named a budget", author: "bob", revision: 2)
            Snapshot.assert(state, size: size, named: "merge-\(name)")
            state.reset(to: .browse)
            state.generation = GenerationStatus(done: 4, total: 400)
            _ = reduce(&state, .key(.char("q")))
            Snapshot.assert(state, size: size, named: "quit-question-\(name)")
        }
    }
}

/// The spec's declared parameters are shown with the section that declares them.
@Suite struct SpecParametersTests {
    @Test func theParametersSectionListsThem() throws {
        let fixture = try Fixture()
        var state = try fixture.state(size: Size(width: 120, height: 40))
        // Loaded the way the shell loads it (the outline carries the parameters).
        var effects: [Effect] = [.openSpec("travel", select: "parameters", quick: false)]
        fixture.run(&state, &effects)
        guard case .section(let id, _, _, _)? = state.selectedRow?.content else { Issue.record("no section selected"); return }
        #expect(id == "parameters")
        let screen = render(state, size: state.viewport, theme: .plain).text
        #expect(screen.contains("Parameters (3)"), "\(screen)")
        #expect(screen.contains("{{budget_tier}}") && screen.contains("{{traveller_type}}") && screen.contains("{{booking_tools}}"))
    }
}

/// `:archive` hides a spec imported by mistake; undo (or `:restore`) brings it back.
@Suite struct ArchiveCommandTests {
    @Test func archivingTheOpenSpecOpensAnotherAndUndoBringsItBack() throws {
        let fixture = try Fixture(specs: ["travel-planning.md", "biochem-lab-assistant.md"])
        var state = try fixture.state(size: Size(width: 100, height: 30))
        #expect(state.specs.map(\.id).sorted() == ["biochem", "travel"])
        fixture.press(&state, [.char(":")] + .typing("archive") + [.enter])
        #expect(state.specs.map(\.id) == ["biochem"] && state.outline?.id == "biochem")
        #expect(state.message?.text.hasPrefix("Archived travel (Travel Planning Assistant): hidden from lists, history kept · u or :restore travel brings it back") == true,
                "\(state.message?.text ?? "")")
        fixture.press(&state, [.char("u")])
        #expect(state.specs.map(\.id).sorted() == ["biochem", "travel"])
        // :restore on a spec that is not archived says so.
        fixture.press(&state, [.char(":")] + .typing("restore travel") + [.enter])
        #expect(state.message?.isError == true)
    }

    /// Archiving the last spec leaves the welcome screen, whose message says u brings it
    /// back: u did nothing there. And `i` stopped at the sample whose ID is archived,
    /// leaving the screen saying the project was empty and `:spec` finding nothing.
    @Test func afterTheLastSpecIsArchivedUndoAndTheSamplesWork() throws {
        let fixture = try Fixture(specs: ["travel-planning.md"])
        var state = try fixture.state(size: Size(width: 100, height: 30))
        fixture.press(&state, [.char(":")] + .typing("archive") + [.enter])
        #expect(state.layers.first == .welcome && state.specs.isEmpty)
        fixture.press(&state, [.char("u")])
        #expect(state.specs.map(\.id) == ["travel"] && state.outline?.id == "travel", "\(state.message?.text ?? "")")
        #expect(state.layers.first == .browse)

        fixture.press(&state, [.char(":")] + .typing("archive") + [.enter])
        #expect(state.layers.first == .welcome)
        let session = WorkbenchSession(state: state, runner: EffectRunner(store: fixture.store, samplesPath: "SampleSpecs", editor: nil))
        session.dispatch(.key(.char("i")))
        session.settle()
        #expect(session.state.specs.count == 4 && !session.state.specs.contains { $0.id == "travel" })
        #expect(session.state.layers.first == .browse && session.state.outline != nil)
        #expect(session.state.message?.isError == true && session.state.message?.text.contains("travel-planning.md") == true,
                "\(session.state.message?.text ?? "")")
    }
}
