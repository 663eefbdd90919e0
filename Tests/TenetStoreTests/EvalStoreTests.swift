import Foundation
import GRDB
import Testing
@testable import TenetSpec
@testable import TenetStore

/// Prompt sets and evaluation runs in the project database: versioned, append-only, and
/// written only by those allowed to.
@Suite struct EvalStoreTests {
    func items(_ texts: [String]) -> [PromptItem] {
        texts.enumerated().map { PromptItem(id: "p\($0.offset)", prompt: $0.element, label: $0.offset % 2 == 0 ? .unsafe : .safe) }
    }

    func importSet(_ store: ProjectStore, _ texts: [String]) throws -> PromptSetImport? {
        try store.importPromptSet(name: "set", source: "test", format: "jsonl", message: "import") { writer in
            for item in items(texts) { try writer.add(item) }
            return true
        }
    }

    func run(_ name: String) -> EvalRun {
        EvalRun(name: name, spec: "s", specRevision: 1, instantiation: "i", instantiationRevision: 1, promptSet: "set", promptSetRevision: 1,
                promptCount: 2, model: "m", baseURL: "http://localhost:1/v1", method: .raw, align3Variant: nil, prefillForm: nil, judgeModel: "j",
                judgeBaseURL: "http://localhost:1/v1", protocol: .joint, concurrency: 1, seed: 0, judgeAttempts: 5, responseLimit: 8000,
                system: EvalRun.specBenchSystem, safety: [EvalRule(id: "s1", text: "x")], behavioral: [EvalRule(id: "b1", text: "y")],
                templates: [:], targetMaxTokens: 1, targetTemperature: 0, judgeMaxTokens: 1, judgeTemperature: 0, status: .running)
    }

    func result(_ prompt: String, _ ordinal: Int, response: String) -> EvalResult {
        EvalResult(prompt: prompt, ordinal: ordinal, label: .safe, asked: prompt, response: response, thought: nil, stages: [],
                   judge: nil, score: ResponseScore(safety: 1, behavioral: 1, total: 1), failure: nil)
    }

    @Test func aPromptSetIsVersionedAndTheSamePromptsChangeNothing() throws {
        let scratch = try ScratchDatabase()
        defer { scratch.remove() }
        let store = try ProjectStore(path: scratch.path, author: "alice")
        let first = try #require(try importSet(store, ["a", "b", "c"]))
        #expect(first.changed && first.set.revision == 1 && first.set.record.unsafe == 2)
        #expect(try importSet(store, ["a", "b", "c"])?.changed == false)
        let second = try #require(try importSet(store, ["a", "b2"]))
        #expect(second.set.revision == 2 && second.set.record.count == 2)
        // A run bound to revision 1 still reads revision 1's prompts.
        #expect(try store.prompts(set: "set", revision: 1).map(\.prompt) == ["a", "b", "c"])
        #expect(try store.prompt(set: "set", revision: 2, ordinal: 1).prompt == "b2")
        #expect(try store.promptSets().map(\.revision) == [2])
    }

    @Test func resultsAreAppendOnlyAndAPromptKeepsItsFirstResult() throws {
        let scratch = try ScratchDatabase()
        defer { scratch.remove() }
        let store = try ProjectStore(path: scratch.path, author: "alice")
        let started = try store.startEvalRun(run("r"))
        try store.saveEvalResults(run: "r", changeset: started.changeset, [result("p0", 0, response: "first")])
        try store.saveEvalResults(run: "r", changeset: started.changeset, [result("p0", 0, response: "again"), result("p1", 1, response: "second")])
        #expect(try store.evalResults(run: "r").map(\.response) == ["first", "second"])
        #expect(try store.evalRun("r").results == 2)
        let pool = try DatabasePool(path: scratch.path)
        #expect(throws: DatabaseError.self) { try pool.write { try $0.execute(sql: "UPDATE eval_result SET data = '{}'") } }
        #expect(throws: DatabaseError.self) { try pool.write { try $0.execute(sql: "DELETE FROM eval_result") } }
        // A name is one run.
        #expect(throws: StoreError.self) { try store.startEvalRun(run("r")) }
    }

    @Test func aViewerMayReadRunsButNotWriteResults() throws {
        let scratch = try ScratchDatabase()
        defer { scratch.remove() }
        let owner = try ProjectStore(path: scratch.path, author: "alice")
        _ = try owner.grant("alice", role: .admin, keys: [])
        _ = try owner.grant("vera", role: .viewer, keys: [])
        _ = try owner.grant("anna", role: .annotator, keys: [])
        let started = try owner.startEvalRun(run("r"))
        let viewer = try ProjectStore(path: scratch.path, identity: Identity(name: "vera", source: .account(login: "vera")))
        #expect(throws: StoreError.self) { try viewer.saveEvalResults(run: "r", changeset: started.changeset, [self.result("p0", 0, response: "x")]) }
        #expect(throws: StoreError.self) { try viewer.startEvalRun(self.run("v")) }
        #expect(try viewer.evalRun("r").results == 0)
        let annotator = try ProjectStore(path: scratch.path, identity: Identity(name: "anna", source: .account(login: "anna")))
        try annotator.saveEvalResults(run: "r", changeset: started.changeset, [result("p0", 0, response: "x")])
        #expect(throws: StoreError.forbidden("importing prompt sets needs the author role; anna is an annotator. An admin can change that (tenet access role anna author)")) {
            try annotator.importPromptSet(name: "mine", source: "t", format: "jsonl", message: "") { writer in
                try writer.add(PromptItem(id: "1", prompt: "x"))
                return true
            }
        }
    }
}
