import Foundation
import Testing

/// The review screen's "you N/M · done K" in a real terminal agrees with `tenet stats`
/// while another annotator decides and edits in another process.
@Suite(.serialized, .enabled(if: TmuxSession.shouldRun, "needs tmux"), .timeLimit(.minutes(3)))
struct ReviewCountsEndToEndTests {
    typealias Scratch = WorkbenchEndToEndTests.Scratch

    /// `tenet stats` for alice, in the header's words.
    static func stats(_ s: Scratch) throws -> String {
        let stats = try #require(try s.json(["stats"]) as? [String: Any])
        let statuses = stats["statuses"] as? [String: Int] ?? [:]
        let mine = ((stats["annotators"] as? [String: [String: Int]])?["alice"] ?? [:]).values.reduce(0, +)
        let done = ["accepted", "edited", "rejected", "disputed"].compactMap { statuses[$0] }.reduce(0, +)
        return "you \(mine)/\(statuses.values.reduce(0, +)) · done \(done)"
    }

    @Test func theHeaderAgreesWithTenetStatsAfterAnotherAnnotatorsEditSetsAVerdictAside() throws {
        let s = try Scratch()
        let (ids, tui) = try ReviewEndToEndTests.reviewTenPairs(s, overlap: 2)
        defer { tui.stop() }
        try tui.press("a")
        try ReviewEndToEndTests.waitForPair(tui, ids[1])
        try tui.press("a")
        try ReviewEndToEndTests.waitForPair(tui, ids[2])
        try tui.waitFor("you 2/10 · done 0", timeout: 20)
        #expect(try Self.stats(s) == "you 2/10 · done 0")

        // bob's accept finishes pair 1; his edit of pair 0 sets alice's accept aside.
        try "A better answer, by bob.\n".write(toFile: s.directory + "/bob.txt", atomically: true, encoding: .utf8)
        #expect(try s.tenet(["pair", "decide", ids[1], "accept"], user: "bob").status == 0)
        #expect(try s.tenet(["pair", "edit", ids[0], "--chosen-file", "bob.txt"], user: "bob").status == 0)
        let expected = try Self.stats(s)
        #expect(expected == "you 1/10 · done 1")
        try tui.waitFor(expected, timeout: 20)
        try tui.press("q")
        #expect(try WorkbenchEndToEndTests.exitStatus(tui) == 0)
    }
}
