import Foundation
import Testing
import TenetSpec
import TenetStore
import TenetUI
@testable import TenetWorkbench
import TenetTestSupport

/// A boundary example edited in $EDITOR is checked against its spec before it is saved,
/// as one typed in the built-in editor is.
@Suite struct ExampleEditorEffectsTests {
    /// A project with the travel spec and one example added in Tenet to a rule.
    final class Project {
        let directory: String
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let store: ProjectStore
        let key: String
        let number: Int

        init() throws {
            let text = try String(contentsOfFile: root + "/SampleSpecs/travel-planning.md", encoding: .utf8)
            directory = try temporaryDirectory("tenet-example-effects")
            store = try ProjectStore(path: directory + "/tenet.db", author: "alice")
            _ = try store.importSpec(try SpecReader.read(path: "SampleSpecs/travel-planning.md", text: text), text: text)
            key = try store.rule("travel.budget-honesty").key
            _ = try store.addExample(key, Example(verdict: .good, title: "Quotes the total", turns: [
                Turn(role: "user", content: "Is it cheap?"), Turn(role: "assistant", content: "About €420 in all."),
            ], line: 0))
            number = try store.rule(key).record.effective.examples.count
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }

        /// Runs `E` on the added example with an "editor" that runs the shell `script` on
        /// the draft ($1). (A shell function rather than a script file: a file just written
        /// can be busy for exec while another test forks.)
        func edit(with script: String) throws -> [Action] {
            let runner = EffectRunner(store: store, samplesPath: nil, editor: ExternalEditor(configured: "edit() { shift; \(script); }; edit"))
            defer { runner.removeDrafts() }
            return runner.run(.editExample(key: key, number: number))
        }
    }

    @Test func anUnchangedExampleSavesNothing() throws {
        let project = try Project()
        let revision = try project.store.rule(project.key).revision
        let actions = try project.edit(with: "true")
        guard case .unchanged(.example(let number))? = actions.first, actions.count == 1 else { Issue.record("\(actions)"); return }
        #expect(number == project.number)
        #expect(try project.store.rule(project.key).revision == revision)
    }

    @Test func freeTextUnderViolatesIsRefusedWithItsLine() throws {
        let project = try Project()
        let actions = try project.edit(with: #"sed -i 's/^violates:.*/violates: be nice/' "$1""#)
        guard case .hindered(.exampleInvalid(_, let problems, adding: false))? = actions.first else { Issue.record("\(actions)"); return }
        #expect(problems.map(\.line) == [8])
        #expect(problems.first?.message.hasPrefix("`violates: be nice` is not a rule ID in this spec; IDs look like travel.") == true)
        // The reducer words it, with the draft's path and the key that reopens it.
        var state = WorkbenchState(user: "alice", database: "tenet.db")
        _ = reduce(&state, actions[0])
        #expect(state.message?.text.contains(": line 8: `violates: be nice` is not a rule ID in this spec") == true, "\(state.message?.text ?? "")")
        #expect(state.message?.text.hasSuffix("nothing saved; E reopens your text") == true)
        let saved = try project.edit(with: #"sed -i 's/^violates:.*/violates: travel.booking-consent/' "$1""#)
        guard case .ruleSaved(let rule, _)? = saved.first else { Issue.record("\(saved)"); return }
        #expect(rule.record.effective.examples.last?.violates == ["travel.booking-consent"])
    }

    /// An answer edited in $EDITOR that fails the checks every stored pair passes is not
    /// saved, says why, and the next `e` reopens the text as typed (it used to fail with a
    /// generic error and lose the draft).
    @Test func aRefusedAnswerSaysWhyAndKeepsTheDraft() throws {
        let project = try Project()
        let pair = PreferencePair(spec: "travel", rules: ["travel.budget-honesty"], prompt: [Turn(role: "user", content: "Is it cheap?")],
                                  chosen: "About €420 in all.", rejected: "Very cheap!", provenance: Provenance(generator: "import", source: "t:1"))
        _ = try project.store.savePairs([pair], message: "pair")
        let revision = try project.store.pair(pair.id).revision
        let seen = project.directory + "/seen.txt"
        let runner = EffectRunner(store: project.store, samplesPath: nil,
                                  editor: ExternalEditor(configured: "edit() { shift; cat \"$1\" > '\(seen)'; printf 'Total \\001 420' > \"$1\"; }; edit"))
        defer { runner.removeDrafts() }
        let first = runner.run(.editAnswer(pair.id, chosen: true, expectedRevision: revision, filter: QueueFilter()))
        guard case .hindered(.answerRefused(let reason))? = first.first else { Issue.record("\(first)"); return }
        #expect(reason.contains("control character U+0001"), "\(reason)")
        #expect(try project.store.pair(pair.id).pair.chosen == "About €420 in all.", "nothing saved")
        var state = WorkbenchState(user: "alice", database: "tenet.db")
        _ = reduce(&state, first[0])
        #expect(state.message?.text.hasPrefix("Not saved: the chosen answer holds control character U+0001") == true, "\(state.message?.text ?? "")")
        #expect(state.message?.text.hasSuffix("e reopens your text") == true)
        _ = runner.run(.editAnswer(pair.id, chosen: true, expectedRevision: revision, filter: QueueFilter()))
        #expect(try String(contentsOfFile: seen, encoding: .utf8).hasPrefix("Total \u{01} 420"), "the draft as typed, reopened")
    }
}
