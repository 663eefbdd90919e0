import Testing
import TenetSpec
import TenetStore
@testable import TenetUI

/// A review can cross specs: the title bar names the spec of the pair on screen, not the
/// spec the workbench opened first, and no file path on anyone's disk.
@Suite struct ReviewTitleTests {
    @Test func theTitleIsTheShownPairsOwnSpec() throws {
        let fixture = try Fixture()
        var state = try ScreenSnapshotTests.reviewState(fixture, size: Size(width: 100, height: 30), pair: ScreenSnapshotTests.bookingPair)
        state.specs.append(SpecListing(id: "code", title: "Code Assistant"))
        var other = ScreenSnapshotTests.bookingPair
        other.spec = "code"
        guard var review = state.review, var shown = review.current else { Issue.record("no pair on screen"); return }
        shown.stored.pair = other
        review.current = shown
        state.review = review
        let title = render(state, size: Size(width: 100, height: 30), theme: .plain).text.split(separator: "\n")[0]
        #expect(title.contains("Code Assistant · code") && !title.contains("Travel") && !title.contains(".md"), "\(title)")
    }
}
