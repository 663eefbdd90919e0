import Foundation
import TenetSpec
import TenetStore
@testable import TenetUI
import TenetWorkbench
import TenetTestSupport

/// A real project database in a temporary folder with sample specs imported, and the
/// workbench state loaded from it the way the shell loads it.
final class Fixture {
    let directory: String
    let store: ProjectStore

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    init(specs: [String] = ["travel-planning.md"]) throws {
        directory = try temporaryDirectory("tenet-ui")
        store = try ProjectStore(path: directory + "/tenet.db", author: "alice", session: "test")
        for name in specs {
            // A fixed path, so snapshots do not depend on where the repository lives.
            let path = Self.packageRoot + "/SampleSpecs/" + name
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let spec = try SpecReader.read(path: "SampleSpecs/" + name, text: text)
            _ = try store.importSpec(spec, text: text)
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    func outline(_ id: String) throws -> SpecOutline {
        let spec = try store.spec(id)
        return SpecOutline(id: id, title: spec.record.title, file: spec.record.file, revision: spec.revision,
                           sections: spec.record.sections, rules: try store.ruleOutlines(spec: id))
    }

    /// A state with the spec open, as the shell would have it after its effects ran.
    func state(_ spec: String = "travel", size: Size = Size(width: 80, height: 24), select: String? = nil) throws -> WorkbenchState {
        var state = WorkbenchState(user: "alice", database: "tenet.db")
        _ = reduce(&state, .resized(size))
        _ = reduce(&state, .specsLoaded(try store.specList().map { SpecListing(id: $0.id, title: $0.title) }))
        var effects = reduce(&state, .specLoaded(try outline(spec), select: select))
        run(&state, &effects)
        return state
    }

    /// The workbench's own effect runner on this project (no external editor: texts open
    /// in the built-in one).
    private(set) lazy var runner = EffectRunner(store: store, samplesPath: nil, editor: nil)

    /// Runs effects the way the shell does — through the one interpreter, the real effect
    /// runner, until none are left and background work has ended.
    func run(_ state: inout WorkbenchState, _ effects: inout [Effect]) {
        let session = WorkbenchSession(state: state, runner: runner)
        session.perform(effects)
        session.settle()
        state = session.state
        effects = []
    }

    /// Presses keys, running effects in between.
    func press(_ state: inout WorkbenchState, _ keys: [Key]) {
        for key in keys {
            var effects = reduce(&state, .key(key))
            run(&state, &effects)
        }
    }
}

extension Array where Element == Key {
    /// Keys from a string: each character is typed.
    static func typing(_ text: String) -> [Key] { text.map { Key.char($0) } }
}
