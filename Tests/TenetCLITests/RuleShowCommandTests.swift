import Foundation
import Testing

/// `tenet rule show` cuts a long example turn to one line and says how to see it whole;
/// `--full` shows every turn whole, line by line.
@Suite struct RuleShowCommandTests {
    let directory: String

    init() throws {
        directory = try TenetProcess.temporaryDirectory()
        #expect(try run(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md"]).status == 0)
    }

    func run(_ arguments: [String]) throws -> TenetProcess.Result {
        try TenetProcess.run(arguments + ["--db", directory + "/tenet.db"], in: directory, environment: ["TENET_USER": "alice"])
    }

    @Test func aLongTurnIsCutWithAHintAndFullShowsItWhole() throws {
        let cut = try run(["rule", "show", "travel.booking-consent"])
        #expect(cut.status == 0, "\(cut.stderr)")
        #expect(cut.stdout.contains("… (--full shows it all)"), "\(cut.stdout)")
        #expect(!cut.stdout.contains("with your saved card?"))
        let full = try run(["rule", "show", "travel.booking-consent", "--full"])
        #expect(full.status == 0, "\(full.stderr)")
        #expect(full.stdout.contains("        free cancellation until 10 May, for Alex Kim. Shall I book it with your saved card?\n"), "\(full.stdout)")
        #expect(!full.stdout.contains("--full shows it all") && !full.stdout.contains("↵"))
    }
}
