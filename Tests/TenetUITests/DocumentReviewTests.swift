import Foundation
import Testing
import TenetSpec
import TenetStore
@testable import TenetUI

/// The workbench's midtraining views on a real project: `:midtrain` lists what to fix
/// before spending tokens, and the document review decides, flags and edits with the pair
/// review's keys, each decision stored before the next document shows.
@Suite struct DocumentReviewTests {
    static let size = Size(width: 110, height: 30)

    static func document(_ n: Int, rule: String) -> MidtrainDocument {
        MidtrainDocument(spec: "travel", specRevision: 1, rules: [rule], type: "essay", idea: "idea \(n)",
                         text: "Document \(n) about \(rule).\n\nIt explains why the rule matters, at some length.",
                         provenance: DocumentProvenance(generator: "offline-template", critic: "PASS: test"))
    }

    @Test func midtrainListsARuleMarkedGeneralWithItsFix() throws {
        let fixture = try Fixture()
        var change = AnnotationChange()
        change.concreteness = "general"
        _ = try fixture.store.annotate("travel.accessibility", change)
        var state = try fixture.state(size: Self.size)
        fixture.press(&state, [.char(":")] + .typing("midtrain") + [.enter])
        guard case .changes(let view) = state.top else { Issue.record(":midtrain opened \(state.top)"); return }
        let text = view.lines.map { $0.map(\.text).joined() }.joined(separator: "\n")
        #expect(view.title == "Midtraining readiness · travel")
        #expect(text.contains("13 of 14 rules ready; 1 thing to fix first"))
        #expect(text.contains("fix: tenet rule set travel/travel.accessibility --concreteness concrete"))
        fixture.press(&state, [.char("q")])
        #expect(state.top == .browse)
    }

    @Test func acceptFlagAndEditEachSavedBeforeTheNextDocument() throws {
        let fixture = try Fixture()
        let made = [Self.document(1, rule: "travel.booking-consent"), Self.document(2, rule: "travel.budget-honesty"),
                    Self.document(3, rule: "travel.no-border-evasion")]
        _ = try fixture.store.saveDocuments(made, message: "test documents")
        var state = try fixture.state(size: Self.size)
        fixture.press(&state, [.char(":")] + .typing("midtrain review") + [.enter])
        guard case .documents(let opened) = state.top else { Issue.record(":midtrain review opened \(state.top)"); return }
        #expect(opened.documents.count == 3)
        let first = try #require(opened.current)
        let screen = render(state, size: Self.size, theme: .plain).text
        #expect(screen.contains("Document 1/3"))
        #expect(screen.contains("why: "), "the rule's rationale is beside the document")

        fixture.press(&state, [.char("a")])
        #expect(try fixture.store.document(first.id).status == .accepted)
        guard case .documents(let afterAccept) = state.top else { Issue.record("left the review"); return }
        #expect(afterAccept.index == 1, "a decision moves on")

        let second = try #require(afterAccept.current)
        fixture.press(&state, [.char("f")] + .typing("says nothing new") + [.enter])
        let flagged = try fixture.store.document(second.id)
        #expect(flagged.status == .flagged && flagged.record.note == "says nothing new")

        let third = try #require({ () -> StoredDocument? in if case .documents(let v) = state.top { return v.current }; return nil }())
        // Long enough to be a document (Tenet's "written" gate reads an edit too).
        fixture.press(&state, [.char("e"), .alt(">")] + .typing(String(repeating: " Checked by a reviewer.", count: 16)) + [.ctrl("s")])
        let edited = try fixture.store.document(third.id)
        #expect(edited.status == .edited)
        #expect(edited.document.text.hasSuffix("Checked by a reviewer."))
        #expect(edited.record.original == third.document.text)
        #expect(edited.record.decidedBy == "alice")

        // The same decision given again is refused as given, and the review does not hang on it.
        fixture.press(&state, [.char("p"), .char("f")] + .typing("says nothing new") + [.enter])
        #expect(state.message?.text.contains("already flagged") == true, "\(String(describing: state.message))")
        guard case .documents(let afterRefusal) = state.top else { Issue.record("left the review"); return }
        #expect(!afterRefusal.loading && afterRefusal.index == 1)
        // p goes back, and a decision can be changed.
        fixture.press(&state, [.char("p"), .char("x")])
        #expect(try fixture.store.document(first.id).status == .rejected)
    }

    /// Accepting a rejected document after its edit (the edit sends it back to pending) is
    /// a decision like any other: the screen moves on. (It is `edited` then, and the screen
    /// took that for an edit and stayed.)
    @Test func acceptingAnEditedDocumentMovesOn() throws {
        let fixture = try Fixture()
        _ = try fixture.store.saveDocuments([Self.document(1, rule: "travel.booking-consent"), Self.document(2, rule: "travel.budget-honesty")],
                                            message: "test documents")
        var state = try fixture.state(size: Self.size)
        fixture.press(&state, [.char(":")] + .typing("midtrain review") + [.enter, .char("x"), .char("p")])
        fixture.press(&state, [.char("e"), .alt(">")] + .typing(String(repeating: " Checked by a reviewer.", count: 16)) + [.ctrl("s")])
        guard case .documents(let afterEdit) = state.top else { Issue.record("left the review"); return }
        #expect(afterEdit.index == 0, "an edit stays, to read what was saved")
        let first = try #require(afterEdit.current)
        #expect(first.status == .pending, "a rejected document goes back to pending with its edit")
        fixture.press(&state, [.char("a")])
        #expect(try fixture.store.document(first.id).status == .edited)
        guard case .documents(let afterAccept) = state.top else { Issue.record("left the review"); return }
        #expect(afterAccept.index == 1, "a decision moves on: \(String(describing: state.message))")
    }

    /// `u` undoes the last decision and shows the document it touched; `Ctrl-R` redoes it.
    @Test func undoBringsTheDecidedDocumentBackAndRedoDecidesItAgain() throws {
        let fixture = try Fixture()
        _ = try fixture.store.saveDocuments([Self.document(1, rule: "travel.booking-consent"), Self.document(2, rule: "travel.budget-honesty")],
                                            message: "test documents")
        var state = try fixture.state(size: Self.size)
        fixture.press(&state, [.char(":")] + .typing("midtrain review") + [.enter])
        guard case .documents(let opened) = state.top, let first = opened.current else { Issue.record("opened \(state.top)"); return }
        fixture.press(&state, [.char("x")])
        #expect(try fixture.store.document(first.id).status == .rejected)

        fixture.press(&state, [.char("u")])
        #expect(try fixture.store.document(first.id).status == .pending)
        guard case .documents(let undone) = state.top else { Issue.record("left the review"); return }
        #expect(!undone.loading && undone.index == 0 && undone.current?.status == .pending, "the undone document is shown as it is now")
        #expect(undone.decided == 0, "the undone decision no longer counts")
        #expect(state.message?.text.lowercased().contains("undid") == true, "\(String(describing: state.message))")

        fixture.press(&state, [.ctrl("r")])
        #expect(try fixture.store.document(first.id).status == .rejected)
        guard case .documents(let redone) = state.top else { Issue.record("left the review"); return }
        #expect(!redone.loading && redone.current?.id == first.id && redone.current?.status == .rejected && redone.decided == 1)
    }
}
