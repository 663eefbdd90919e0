import Foundation
import Testing
import TenetUI
@testable import TenetWorkbench

/// Saves in a row on a large spec ask for its lint once each; the lints that wait behind a
/// running one are folded into the newest, and findings land in the order asked for.
@Suite struct LintQueueTests {
    final class Runs: @unchecked Sendable {
        private let lock = NSLock()
        private var names: [String] = []
        func add(_ name: String) { lock.withLock { names.append(name) } }
        var all: [String] { lock.withLock { names } }
    }

    @Test func lintsThatWaitAreFoldedIntoTheNewest() throws {
        let queue = LintQueue(), mailbox = Mailbox(), runs = Runs()
        let first = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        @Sendable func marks(_ n: Int) -> [String: [LintMark]] { ["k": [LintMark(severity: .warning, line: n, message: "lint \(n)")]] }
        queue.request("one", mailbox: mailbox) {
            started.signal()
            first.wait()
            runs.add("one-1")
            return marks(1)
        }
        // The first lint is running; three more saves of "one" and one of "two" wait.
        #expect(started.wait(timeout: .now() + 60) == .success)
        for n in 2...4 { queue.request("one", mailbox: mailbox) { runs.add("one-\(n)"); return marks(n) } }
        queue.request("two", mailbox: mailbox) { runs.add("two-1"); return [:] }
        first.signal()

        var loaded: [(String, Int?)] = []
        let deadline = Date().addingTimeInterval(60)
        while mailbox.pending {
            try #require(Date() < deadline, "the lints did not end")
            for case .lintLoaded(let spec, let found) in mailbox.take() { loaded.append((spec, found["k"]?.first?.line)) }
            usleep(2_000)
        }
        for case .lintLoaded(let spec, let found) in mailbox.take() { loaded.append((spec, found["k"]?.first?.line)) }
        #expect(runs.all == ["one-1", "one-4", "two-1"])
        #expect(loaded.map(\.0) == ["one", "one", "two"])
        #expect(loaded.map(\.1) == [1, 4, nil])
    }
}
