import Testing
import TenetSpec
import TenetStore
@testable import TenetUI

/// A pair kept with `--keep-failed` shows in review which gate it failed and why — and
/// blind mode hides it, since the reason names which answer is which.
@Suite struct ReviewCheckLineTests {
    static func screen(_ provenance: Provenance, blind: Bool = false) throws -> String {
        let fixture = try Fixture()
        var pair = ScreenSnapshotTests.bookingPair
        pair.provenance = provenance
        var state = try ScreenSnapshotTests.reviewState(fixture, size: Size(width: 100, height: 30), pair: pair)
        if blind { fixture.press(&state, [.char("b")]) }
        return render(state, size: Size(width: 100, height: 30), theme: .plain).text
    }

    static let failed = Provenance(generator: "openai", model: "m", judge: "FAIL: chosen-complies: it books without asking",
                                   checks: [QualityCheck(.answered, passed: true, reason: "both answers have text", by: "tenet"),
                                            QualityCheck(.chosenComplies, passed: false, reason: "it books without asking", by: "judge")])

    @Test func theFailedGateAndItsReasonAreShown() throws {
        let text = try Self.screen(Self.failed)
        #expect(text.contains("failed chosen-complies (judge): it books without asking"), "\(text)")
        #expect(!(try Self.screen(Self.failed, blind: true)).contains("it books without asking"))
    }

    @Test func aPassedPairSaysSoQuietlyAndAnImportedOneSaysNothing() throws {
        let passed = Provenance(generator: "openai", judge: "PASS: it asks first; it books at once",
                                checks: [QualityCheck(.chosenComplies, passed: true, reason: "it asks first", by: "judge")])
        #expect(try Self.screen(passed).contains("checks: PASS: it asks first; it books at once"))
        let imported = try Self.screen(Provenance(generator: "import"))
        #expect(!imported.contains("checks:") && !imported.contains("failed "))
    }
}
