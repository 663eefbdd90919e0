import Foundation
import Testing

/// `tenet rule show` cuts a long example turn to one line and says how to see it whole;
/// `--full` shows every turn and reason whole, line by line.
@Suite struct RuleShowCommandTests {
    @Test func aLongTurnIsCutWithAHintAndFullShowsItWhole() throws {
        let project = try TravelProject()
        let cut = try project.run(["rule", "show", "travel.booking-consent"])
        #expect(cut.status == 0, "\(cut.stderr)")
        #expect(cut.stdout.contains("… (--full shows it all)"), "\(cut.stdout)")
        #expect(!cut.stdout.contains("with your saved card?"))
        let full = try project.run(["rule", "show", "travel.booking-consent", "--full"])
        #expect(full.status == 0, "\(full.stderr)")
        // The sample wraps this answer at 90 columns; read, it is one line (the wrap is a space).
        #expect(full.stdout.contains("€9 in local taxes, free cancellation until 10 May, for Alex Kim. Shall I book it with your saved card?\n"),
                "\(full.stdout)")
        #expect(!full.stdout.contains("--full shows it all") && !full.stdout.contains("↵"))
    }
}
