import Foundation
import TenetSpec
import TenetStore

/// `tenet-bench pairs --wait-lines N --writers K`: how long other people's saves wait while
/// `tenet import pairs` runs.
///
/// A project with the travel sample; `tenet import pairs` of N distinct lines as a whole
/// process; meanwhile K writers — threads of this process, each with its own store and
/// connections, as annotators' processes would be — save annotation edits one after
/// another (the default 5 s busy timeout, as the CLI and served sessions use) until the
/// import exits. Each save's wall time is recorded; a save refused (the database stayed
/// locked past the timeout) is counted. The longest save is the longest wait a person saw.
enum ImportContention {
    static func run(lines: Int, writers: Int, tenet: String, directory: String) -> String {
        let file = directory + "/contention.jsonl"
        PairsBenchmark.write(lines, to: file)
        let db = directory + "/contention.db"
        StoreBenchmark.removeDatabase(db)
        StoreBenchmark.importSample(StoreBenchmark.openStore(db))
        let rules: [String]
        do { rules = try SpecReader.read(path: StoreBenchmark.sampleFile).rules.map(\.id) } catch { StoreBenchmark.fail("\(error)") }

        let saves = Saves()
        let group = DispatchGroup()
        for k in 0..<writers {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                let store = StoreBenchmark.openStore(db)
                var n = 0
                while saves.running {
                    n += 1
                    var change = AnnotationChange()
                    change.rationale = "writer \(k) save \(n)"
                    let start = StoreBenchmark.nanos()
                    let refused: Bool
                    do { _ = try store.annotate(rules[(k + n) % rules.count], change, message: "contention \(k)"); refused = false }
                    catch { refused = true }
                    saves.add(StoreBenchmark.elapsed(since: start), refused: refused)
                    usleep(20_000)      // a person saves now and then, not in a tight loop
                }
            }
            thread.start()
        }
        usleep(300_000)     // the writers are saving before the import starts
        let measured = StoreBenchmark.attempt { try ChildProcess.run([tenet, "import", "pairs", file, "--db", db]) }
        saves.stop()
        group.wait()
        let (times, refused) = saves.result
        let p = Percentiles(times)
        var out = String(format: "Saves while tenet import pairs runs (%d lines, %d writers, busy timeout 5 s)\n", lines, writers)
        out += String(format: "  import (whole process) %.2f s; %d saves, %d refused\n", measured.seconds, times.count, refused)
        out += "  save wall time   p50        p90        p99        max        mean\n"
        out += "  " + StoreBenchmark.row("", p, width: 15) + "\n"
        out += String(format: "target: no save refused: %@ (%d); longest wait <= ~1 s: %@ (%.0f ms)\n",
                      StoreBenchmark.verdict(refused == 0), refused, StoreBenchmark.verdict(p.max <= 1_100), p.max)
        return out
    }

    /// The writers' records, shared between threads.
    final class Saves: @unchecked Sendable {
        private let lock = NSLock()
        private var times: [Double] = []
        private var refused = 0
        private var going = true

        var running: Bool { lock.withLock { going } }
        func stop() { lock.withLock { going = false } }
        func add(_ ms: Double, refused: Bool) {
            lock.withLock {
                times.append(ms)
                if refused { self.refused += 1 }
            }
        }
        var result: ([Double], Int) { lock.withLock { (times, refused) } }
    }
}
