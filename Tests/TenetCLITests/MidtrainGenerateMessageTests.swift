import Foundation
import Testing

/// What `midtrain generate` says when it keeps nothing.
@Suite struct MidtrainGenerateMessageTests {
    /// The same run again makes only documents the project has: it says no document is
    /// new, not that none passed the gates, and gives no `--keep-failed` advice — least of
    /// all to a run that was given it.
    @Test func aRunOfOnlyDuplicatesSaysSoAndGivesNoGateAdvice() throws {
        let p = try TravelProject()
        // Every document the first 12 attempts of seed 9 make, and many more: each attempt
        // makes the same document from the same seed, so a run of 3 (12 attempts) can only
        // make documents the project has.
        #expect(try p.run(["midtrain", "generate", "travel", "--count", "1000", "--seed", "9"]).status == 0)
        let arguments = ["midtrain", "generate", "travel", "--count", "3", "--seed", "9"]
        for extra in [[], ["--keep-failed"]] {
            let again = try p.run(arguments + extra)
            #expect(again.status == 1, "\(again.stderr)")
            #expect(again.stderr.contains("tenet: no new document;") && !again.stderr.contains("passed the gates"), "\(extra): \(again.stderr)")
            #expect(!again.stderr.contains("See why with --keep-failed"), "\(extra): \(again.stderr)")
        }
    }
}
