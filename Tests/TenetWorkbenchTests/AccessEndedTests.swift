import Foundation
import Testing
import TenetStore
import TenetUI
import TenetWorkbench
import TenetTestSupport

/// A person whose access is taken away while they review: the session closes, and the
/// pair on their screen goes back to the queue at once — not when its lease runs out.
extension ReviewCountsTests {
    @Test func aSessionClosedByRemovalGivesItsPairBack() throws {
        let screen = try Screen(path: path, user: "ann1")
        try screen.settle()
        let shown = try #require(screen.state.review?.current?.stored.id)
        let owner = try ProjectStore(path: path, author: "tenet")
        #expect(try owner.leases(shown).map(\.annotator) == ["ann1"])

        try owner.removePerson("ann1")
        try screen.settle(polling: true)
        #expect(screen.state.message?.text == "ann1 no longer has access to this project; the session was closed")
        #expect(try owner.leases(shown).isEmpty, "the pair is free for the next person")
        // And it is served to the next person at once.
        let next = try Screen(path: path, user: "ann2")
        try next.settle()
        #expect(next.state.review?.current?.stored.id == shown)
    }
}
