import Foundation
import Testing

/// `tenet spec archive` and `tenet spec restore`, as an author (or a script) uses them on
/// a real database: a spec imported by mistake is set aside, its history kept.
@Suite struct SpecArchiveCommandTests {
    let p: StoreCommandTests.Project

    init() throws {
        p = try StoreCommandTests.Project()
        try FileManager.default.copyItem(atPath: TenetProcess.root + "/SampleSpecs/code-assistant.md", toPath: p.directory + "/code-assistant.md")
        for file in ["travel-planning.md", "code-assistant.md"] {
            let imported = try p.tenet(["import", "spec", file])
            #expect(imported.status == 0, "\(imported.stderr)")
        }
        #expect(try p.tenet(["import", "pairs", "--from-spec", "travel"]).status == 0)
    }

    func specs(_ arguments: [String] = []) throws -> [String] {
        (try p.json(["spec", "list"] + arguments) as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    @Test func archiveHidesTheSpecAndUndoOrRestoreBringsItBack() throws {
        let archived = try p.tenet(["spec", "archive", "travel"])
        #expect(archived.status == 0, "\(archived.stderr)")
        #expect(archived.stdout == "archived travel (Travel Planning Assistant): revision 2, changeset 4 · tenet spec restore travel or tenet undo brings it back\n")
        #expect(try specs() == ["code"])
        #expect(try specs(["--archived"]) == ["code", "travel"])
        let listed = try p.tenet(["spec", "list", "--archived"]).stdout
        #expect(listed.contains("travel  Travel Planning Assistant  revision 2  tenet  ") && listed.hasSuffix("travel-planning.md  archived\n"))
        let json = try #require(try p.json(["spec", "list", "--archived"]) as? [[String: Any]])
        #expect(json.map { $0["archived"] as? Bool } == [false, true])
        #expect(try p.tenet(["spec", "show", "travel"]).stdout.contains(" · ARCHIVED (tenet spec restore travel)"))
        #expect(try p.tenet(["log", "--limit", "1"]).stdout.contains("alice        edit    archive spec travel"))
        #expect(!(try p.tenet(["rule", "list"])).stdout.contains("travel."))

        // Out of the review queue and of new exports; named, still there.
        let next = try p.tenet(["pair", "next", "--json"])
        #expect(next.status == 0 && next.stdout == "null\n", "\(next.stderr)")
        let exported = try p.tenet(["export", "pairs", "--status", "pending", "--out", "-"])
        #expect(exported.status == 0 && exported.stdout.isEmpty && exported.stderr.contains("exported 0 pairs"), "\(exported.stderr)")
        let named = try p.tenet(["export", "pairs", "--status", "pending", "--spec", "travel", "--out", "-"])
        #expect(named.stdout.split(separator: "\n").count == 8, "\(named.stderr)")

        let undone = try p.tenet(["undo"])
        #expect(undone.status == 0 && undone.stdout.contains("spec travel → revision 3 (changed: archived)"), "\(undone.stderr)")
        #expect(try specs() == ["code", "travel"])

        #expect(try p.tenet(["spec", "archive", "travel"]).status == 0)
        let restored = try p.tenet(["spec", "restore", "travel"])
        #expect(restored.status == 0 && restored.stdout == "restored travel (Travel Planning Assistant): revision 5, changeset 7\n", "\(restored.stderr)")
        #expect(try specs() == ["code", "travel"])
        #expect(try p.tenet(["pair", "next"]).stdout.contains("spec: travel"))
        // The whole story stays in the spec's history.
        let log = try p.tenet(["log", "--limit", "4"]).stdout
        for said in ["restore spec travel", "archive spec travel", "undo of changeset 4"] { #expect(log.contains(said), "\(said)\n\(log)") }
    }

    @Test func unknownAlreadyArchivedAndNotArchivedSpecsAreClearErrors() throws {
        let unknown = try p.tenet(["spec", "archive", "nope"])
        #expect(unknown.status == 1 && unknown.stderr == "tenet: no spec `nope`; the project has: code, travel\n")
        #expect(try p.tenet(["spec", "archive", "travel"]).status == 0)
        let twice = try p.tenet(["spec", "archive", "travel"])
        #expect(twice.status == 1 && twice.stderr == "tenet: spec `travel` is already archived; tenet spec restore travel brings it back\n")
        let notArchived = try p.tenet(["spec", "restore", "code"])
        #expect(notArchived.status == 1)
        #expect(notArchived.stderr == "tenet: spec `code` is not archived; nothing to restore (tenet spec list --archived lists the archived ones)\n")
        let reimport = try p.tenet(["import", "spec", "travel-planning.md"])
        #expect(reimport.status == 1)
        #expect(reimport.stderr.hasPrefix("tenet: spec `travel` is archived; restore it first (tenet spec restore travel), then import "))
        #expect(try p.tenet(["log", "--limit", "1"]).stdout.contains("archive spec travel"), "nothing written by the refusals")
    }

    @Test func anAnnotatorIsRefusedWithExit77() throws {
        // As itself (no --user, no $TENET_USER) the database's owner is an admin.
        #expect(try p.tenet(["access", "add", "bob", "--role", "annotator"], user: "").status == 0)
        #expect(try p.tenet(["access", "add", "alice", "--role", "author"], user: "").status == 0)
        // Acting as bob, it has bob's role.
        let refused = try p.tenet(["spec", "archive", "travel"], user: "bob")
        #expect(refused.status == 77)
        #expect(refused.stderr.contains("refused: changing specs and rules needs the author role; bob is an annotator"), "\(refused.stderr)")
        #expect(try specs() == ["code", "travel"])
        #expect(try p.tenet(["spec", "archive", "travel"], user: "alice").status == 0)
        #expect(try p.tenet(["spec", "restore", "travel"], user: "bob").status == 77)
    }
}
