// tenet-stress: processes that race on one project database, or get killed mid-write.
//
//   tenet-stress seed DB SPECFILE
//   tenet-stress increment DB --user U --rules r1,r2,r3 --count N [--no-check] [--seed S] [--barrier DIR --parties N]
//   tenet-stress ack-writer DB --user U --rule R
//
// All code lives in `StressTool` (no closures in top-level code: Swift 6 treats them as
// main-actor isolated).

import Foundation
import TenetSpec
import TenetStore

enum StressTool {
    static func run(_ arguments: [String]) -> Int32 {
        guard arguments.count >= 2 else { return usage() }
        do {
            switch arguments[1] {
            case "seed":
                guard arguments.count == 4 else { return usage() }
                try seed(db: arguments[2], specFile: arguments[3])
            case "increment":
                guard arguments.count >= 3 else { return usage() }
                var options = try Options(Array(arguments.dropFirst(3)), flags: ["--no-check"])
                try increment(db: arguments[2], user: try options.required("--user"),
                              rules: try options.required("--rules").split(separator: ",").map(String.init),
                              count: try options.integer("--count"), check: !options.flag("--no-check"),
                              seed: try options.optionalInteger("--seed").map { UInt64(bitPattern: Int64($0)) },
                              barrier: options.optional("--barrier"), parties: try options.optionalInteger("--parties") ?? 1)
            case "ack-writer":
                guard arguments.count >= 3 else { return usage() }
                var options = try Options(Array(arguments.dropFirst(3)), flags: [])
                try ackWriter(db: arguments[2], user: try options.required("--user"), rule: try options.required("--rule"))
            default:
                return usage()
            }
            return 0
        } catch let error as StoreError {
            printError("tenet-stress: \(error)")
            return error.exitCode
        } catch {
            printError("tenet-stress: \(error)")
            return 1
        }
    }

    static func usage() -> Int32 {
        printError("""
            usage: tenet-stress seed DB SPECFILE
                   tenet-stress increment DB --user U --rules r1,r2,r3 --count N [--no-check] [--seed S] [--barrier DIR --parties N]
                   tenet-stress ack-writer DB --user U --rule R
            """)
        return 2
    }

    // MARK: seed

    static func seed(db: String, specFile: String) throws {
        let store = try ProjectStore(path: db, author: "seed")
        let text = try String(contentsOfFile: specFile, encoding: .utf8)
        let report = try store.importSpec(try SpecReader.read(path: specFile), text: text)
        printLine("seeded \(report.spec): \(report.added.count) rules")
    }

    // MARK: increment

    /// `count=N` in the rationale annotation; no annotation is 0.
    static func counter(_ rationale: String?) throws -> Int {
        guard let rationale else { return 0 }
        guard rationale.hasPrefix("count="), let value = Int(rationale.dropFirst("count=".count)) else {
            throw StressError("rationale is not a counter: \(rationale)")
        }
        return value
    }

    /// `count` increments spread over `rules`. With `check`, each write carries the revision
    /// it read and a conflict means re-read and retry; without, the write lands on whatever
    /// is current (last writer wins), so increments get lost.
    ///
    /// With `barrier`, each process marks itself ready in that directory and starts only once
    /// `parties` are ready, so the race really overlaps however late the machine starts one.
    /// Writers wait up to a minute for each other: the race is about lost updates, not about
    /// how long a loaded machine keeps a lock.
    static func increment(db: String, user: String, rules: [String], count: Int, check: Bool, seed: UInt64?,
                          barrier: String?, parties: Int) throws {
        guard !rules.isEmpty, count >= 0 else { throw StressError("need at least one rule and a count ≥ 0") }
        let store = try ProjectStore(path: db, author: user, busyTimeout: 60)
        if let barrier { try waitForParties(barrier, user: user, parties: parties) }
        var random = SeededRandom(seed: seed ?? stableHash(user))
        var applied = 0
        var conflicts = 0
        for _ in 0..<count {
            let rule = rules[Int(random.next() % UInt64(rules.count))]
            while true {
                let current = try store.rule(rule)
                var change = AnnotationChange()
                change.rationale = "count=\(try counter(current.record.annotations.rationale) + 1)"
                let expected = check ? current.revision : nil
                let outcome = Result<EditResult, StoreError> { () throws(StoreError) -> EditResult in
                    try store.annotate(rule, change, expectedRevision: expected, message: "increment by \(user)")
                }
                switch outcome {
                case .success:
                    applied += 1
                case .failure(.conflict):
                    conflicts += 1
                    continue
                case .failure(let error):
                    throw error
                }
                break
            }
        }
        let json = try JSONSerialization.data(withJSONObject: ["user": user, "applied": applied, "conflicts": conflicts],
                                              options: [.sortedKeys])
        printLine(String(decoding: json, as: UTF8.self))
    }

    /// Marks `user` ready in `directory` and returns once `parties` are (or after 5 minutes).
    static func waitForParties(_ directory: String, user: String, parties: Int) throws {
        guard FileManager.default.createFile(atPath: directory + "/ready-" + user, contents: Data()) else {
            throw StressError("cannot write to the barrier directory \(directory)")
        }
        let deadline = Date().addingTimeInterval(300)
        while Date() < deadline {
            let ready = (try? FileManager.default.contentsOfDirectory(atPath: directory))?.filter { $0.hasPrefix("ready-") }.count ?? 0
            if ready >= parties { return }
            usleep(2_000)
        }
        throw StressError("only some of the \(parties) processes got ready within 5 minutes")
    }

    // MARK: ack-writer

    /// Writes `ack-USER-1`, `ack-USER-2`, … into the rule's rationale forever, printing
    /// `ack N` only after each commit has returned.
    static func ackWriter(db: String, user: String, rule: String) throws -> Never {
        let store = try ProjectStore(path: db, author: user)
        var n = 0
        while true {
            n += 1
            var change = AnnotationChange()
            change.rationale = "ack-\(user)-\(n)"
            _ = try store.annotate(rule, change, message: "ack \(n)")
            printLine("ack \(n)")
        }
    }

    // MARK: helpers

    static func printLine(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// FNV-1a, so a user's default seed is the same in every run.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}

struct StressError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// `--name value` options and bare flags.
struct Options {
    var values: [String: String] = [:]
    var flags: Set<String> = []

    init(_ arguments: [String], flags known: Set<String>) throws {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if known.contains(argument) {
                flags.insert(argument)
                index += 1
            } else if argument.hasPrefix("--"), index + 1 < arguments.count {
                values[argument] = arguments[index + 1]
                index += 2
            } else {
                throw StressError("unexpected argument `\(argument)`")
            }
        }
    }

    mutating func required(_ name: String) throws -> String {
        guard let value = values[name] else { throw StressError("missing \(name)") }
        return value
    }

    mutating func integer(_ name: String) throws -> Int {
        guard let value = Int(try required(name)) else { throw StressError("\(name) needs a number") }
        return value
    }

    func optional(_ name: String) -> String? { values[name] }

    mutating func optionalInteger(_ name: String) throws -> Int? {
        guard let text = values[name] else { return nil }
        guard let value = Int(text) else { throw StressError("\(name) needs a number") }
        return value
    }

    func flag(_ name: String) -> Bool { flags.contains(name) }
}

exit(StressTool.run(CommandLine.arguments))
