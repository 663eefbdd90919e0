import Foundation
import GRDB
import Testing
@testable import TenetStore

/// A save that finds the write lock taken tries again every millisecond (``BusyPolling``):
/// it lands once the lock is free, and is refused once its busy timeout has passed.
@Suite struct BusyPollingTests {
    let directory: String
    var path: String { directory + "/p.db" }

    init() throws { directory = try StoreSettingsTests.temporaryDirectory() }

    /// Holds the write lock from another connection until `release` is signalled; returns
    /// once the lock is held.
    func holdWriteLock(until release: DispatchSemaphore) throws -> DispatchGroup {
        let holder = try DatabaseQueue(path: path)
        let held = DispatchSemaphore(value: 0), done = DispatchGroup()
        done.enter()
        Thread {
            defer { done.leave() }
            try? holder.inDatabase { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                held.signal()
                release.wait()
                try db.execute(sql: "COMMIT")
            }
        }.start()
        held.wait()
        return done
    }

    @Test func aSaveWaitsForTheLockAndLandsOnceItIsFree() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try ProjectStore(path: path, author: "t")
        _ = try store.savePairs([PairStoreTests.pair(1)], message: "first")
        let release = DispatchSemaphore(value: 0)
        let holder = try holdWriteLock(until: release)
        let saved = Saved()
        let saver = Thread { saved.set(Result { try store.savePairs([PairStoreTests.pair(2)], message: "waited").added }) }
        saver.start()
        usleep(200_000)         // the save is waiting for the lock (or, on a slow machine, about to)
        #expect(saved.value == nil, "the save went through while another connection held the write lock")
        release.signal()
        holder.wait()
        let deadline = Date().addingTimeInterval(60)
        while saved.value == nil && Date() < deadline { usleep(10_000) }
        #expect(try saved.value?.get() == 1)
        #expect(try store.pairs().count == 2)
    }

    @Test func aSaveIsRefusedOnceItsBusyTimeoutHasPassed() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try ProjectStore(path: path, author: "t").savePairs([PairStoreTests.pair(1)], message: "first")
        let impatient = try ProjectStore(path: path, author: "t", busyTimeout: 0.3)
        let release = DispatchSemaphore(value: 0)
        let holder = try holdWriteLock(until: release)
        defer { release.signal(); holder.wait() }
        #expect(throws: StoreError.self) { try impatient.savePairs([PairStoreTests.pair(2)], message: "refused") }
    }

    final class Saved: @unchecked Sendable {
        private let lock = NSLock()
        private var result: Result<Int, any Error>?
        func set(_ value: Result<Int, any Error>) { lock.withLock { result = value } }
        var value: Result<Int, any Error>? { lock.withLock { result } }
    }
}
