import Foundation
import Testing

/// A fresh project with the travel sample imported, for a test that runs the real binary in
/// it (as `alice` unless told otherwise).
struct TravelProject {
    let directory: String

    init() throws {
        directory = try TenetProcess.temporaryDirectory()
        let imported = try run(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md"])
        try #require(imported.status == 0, "\(imported.stderr)")
    }

    func run(_ arguments: [String], user: String = "alice") throws -> TenetProcess.Result {
        try TenetProcess.run(arguments + ["--db", directory + "/tenet.db"], in: directory, environment: ["TENET_USER": user])
    }
}
