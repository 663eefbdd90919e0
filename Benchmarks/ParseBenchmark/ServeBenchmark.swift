import Foundation
import TenetSpec
import TenetTestSupport

/// `tenet-bench serve`: `ssh HOST review` from the start of `ssh` to the review screen's
/// first frame, beside a bare `ssh HOST true` over the same loopback server and key —
/// the difference is Tenet's share (opening the project, authorizing the key, the
/// terminal, the first pair). Interleaved runs, medians. Needs root: it makes a service
/// account and runs Debian's sshd on a free loopback port, as the serving tests do.
enum ServeBenchmark {
    static let usage = "usage: tenet-bench serve [--runs N (default 21)] [--pairs N (default 200)] [--tenet PATH]"
    /// Tenet's share of a served review's start, in milliseconds (the issue's target).
    static let target = 50.0

    static func run(_ arguments: [String]) {
        var runs = 21
        var pairs = 200
        var tenet = FolderOfPath.folder(of: ChildProcess.currentExecutable()) + "/tenet"
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { StoreBenchmark.fail(usage, status: 2) }
            switch flag {
            case "--runs": runs = Int(value) ?? runs
            case "--pairs": pairs = Int(value) ?? pairs
            case "--tenet": tenet = value
            default: StoreBenchmark.fail(usage, status: 2)
            }
        }
        guard SSHHost.available else { StoreBenchmark.fail("tenet-bench serve needs root and openssh-server (apt-get install openssh-server)") }
        let host = StoreBenchmark.attempt { try SSHHost(tenet: tenet, package: FileManager.default.currentDirectoryPath) }
        defer { host.stop() }
        // A failure from here on removes the account and the server before exiting.
        func attempt<T>(_ body: () throws -> T) -> T {
            do { return try body() } catch {
                host.stop()
                StoreBenchmark.fail("tenet-bench serve: \(error)")
            }
        }
        let key = attempt { try host.key("ann") }
        Console.out("Serving benchmark\nmachine: \(StoreBenchmark.machineLine())\n")
        Console.note("setting up: the travel sample, \(pairs) offline pairs, one annotator…")
        let spec = host.home + "/travel.md"
        attempt {
            try FileManager.default.copyItem(atPath: "SampleSpecs/travel-planning.md", toPath: spec)
            for step in [["import", "spec", spec], ["instantiate", "travel", "--seed", "1", "--save", "trip"],
                         ["generate", "--instantiation", "trip", "--count", "\(pairs)", "--seed", "1"],
                         ["access", "add", "ann", "--role", "annotator", "--key", key + ".pub"]] {
                let result = try host.asAccount(step + ["--db", host.database])
                guard result.status == 0 else { throw SSHHost.Failure(description: "\(step.joined(separator: " ")): \(result.stderr)") }
            }
        }
        // The baseline: a key of its own whose line runs `true` (OpenSSH through the account's
        // shell, as for Tenet's forced command) — a bare `ssh HOST true`.
        let bareKey = attempt { try host.key("bare") }
        attempt {
            let file = host.home + "/.ssh/authorized_keys"
            let line = "command=\"true\",restrict " + (try String(contentsOfFile: bareKey + ".pub", encoding: .utf8))
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(line.utf8))
            try handle.close()
        }
        var bare: [Double] = [], review: [Double] = []
        for run in 0...runs {
            let a = attempt { try time(host.sshArguments(bareKey) + ["true"], until: nil) }
            let b = attempt { try time(host.sshArguments(key, tty: true) + ["review"], until: "REJECTED") }
            if run > 0 { bare.append(a); review.append(b) }   // the first pair is a warm-up
        }
        let share = (median(review) - median(bare)) * 1000
        var out = "ssh over loopback, \(runs) interleaved runs after one warm-up (milliseconds: median, min–max)\n"
        out += String(format: "  ssh HOST true                 %7.1f  (%.1f–%.1f)\n", median(bare) * 1000, bare.min()! * 1000, bare.max()! * 1000)
        out += String(format: "  ssh -t HOST review, 1st frame %7.1f  (%.1f–%.1f)\n", median(review) * 1000, review.min()! * 1000, review.max()! * 1000)
        out += String(format: "  Tenet's share                 %7.1f   target <= %.0f ms: %@\n", share, target, share <= target ? "MET" : "MISSED")
        Console.out(out)
    }

    /// Seconds from starting `arguments` to `marker` in its output (or to its exit when
    /// `marker` is nil); a program still running then is ended.
    static func time(_ arguments: [String], until marker: String?) throws -> Double {
        let start = ChildProcess.monotonicSeconds()
        let child = try SSHHost.spawn(arguments)
        close(child.input)
        var seen = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var found = false
        let needle = Array((marker ?? "").utf8)
        while true {
            let n = read(child.output, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            seen += buffer[0..<n]
            if !needle.isEmpty, seen.count >= needle.count,
               seen.indices.dropLast(needle.count - 1).contains(where: { seen[$0..<($0 + needle.count)].elementsEqual(needle) }) {
                found = true
                break
            }
        }
        let elapsed = ChildProcess.monotonicSeconds() - start
        if marker != nil { kill(child.pid, SIGTERM) }
        close(child.output)
        _ = SSHHost.readAll(child.error)
        let status = SSHHost.wait(child.pid)
        if let marker, !found { throw SSHHost.Failure(description: "no \(marker) on the screen: \(String(decoding: seen.suffix(300), as: UTF8.self))") }
        if marker == nil && status != 0 { throw SSHHost.Failure(description: "\(arguments.last ?? "") exited \(status)") }
        return elapsed
    }
}
