import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GRDB
import TenetSpec
import TenetStore

/// `tenet-bench store`: the project store's figures, measured in one run.
///
/// 1. Commit latency: a versioned annotation edit (`ProjectStore.annotate` with an
///    expected revision) beside a bare single-row SQLite transaction (GRDB `DatabasePool`,
///    WAL, `synchronous = FULL`, one `INSERT` in its own IMMEDIATE transaction), calls
///    interleaved A, B, A, B… on the same disk.
/// 2. History: `log` and `blame` of a rule with 10,000 revisions, in-process and as whole
///    `tenet` processes.
/// 3. Reading a 20,000-rule project as of an old changeset (`ruleSummaries(asOf:)`) and
///    now, in-process and as `tenet rule list --as-of`.
///
/// The code here is not main-actor isolated on purpose: GRDB runs closures on its own
/// queues (see the storage notes).
enum StoreBenchmark {
    static let usage = """
        usage: tenet-bench store [--edits N (default 2000)] [--dir DIR] [--revisions N (default 10000)]
                                 [--rules N (default 20000)] [--reps N (default 50)] [--cli-runs N (default 20)]
                                 [--tenet PATH (default: tenet beside tenet-bench)] [--keep] [--rounds N (default 5)]

        Run from the package root: the commit benchmark imports SampleSpecs/travel-planning.md.
        --rounds cuts the commit-latency calls into N rounds: each round's p50, p99 and ratio to the
        bare commit, and the median over rounds, with the load average before and after.
        --dir puts the databases there (default: a fresh folder under $TMPDIR, removed afterwards
        unless --keep); the disk it is on decides the fsync cost.
        """

    struct Options {
        var edits = 2000
        var directory: String?
        var revisions = 10_000
        var rules = 20_000
        var reps = 50
        var cliRuns = 20
        var tenet: String?
        var keep = false
        var rounds = 5
    }

    static let sampleFile = "SampleSpecs/travel-planning.md"
    static let editedRule = "travel.budget-honesty"

    static func run(_ arguments: [String]) {
        let options = parseOptions(arguments)
        let directory: String
        let temporary = options.directory == nil
        if let dir = options.directory {
            directory = dir
        } else {
            directory = NSTemporaryDirectory() + "tenet-bench-store-\(getpid())"
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            fail("tenet-bench: cannot create \(directory): \(error.localizedDescription)")
        }
        defer { if temporary && !options.keep { try? FileManager.default.removeItem(atPath: directory) } }

        let tenet = options.tenet ?? FolderOfPath.folder(of: ChildProcess.currentExecutable()) + "/tenet"
        let haveCLI = FileManager.default.isExecutableFile(atPath: tenet)
        if !haveCLI { Console.note("note: no tenet binary at \(tenet); whole-process times are skipped (build it, or pass --tenet)") }

        var out = "Project store benchmark\n"
        out += "machine: \(machineLine())\n"
        out += "sqlite \(sqliteVersion()), databases in \(directory)\n"
        out += "percentiles: nearest rank over the samples (with fewer than 100 samples, p99 is the maximum)"

        Console.out(out)
        // Each part prints its figures as soon as it has them.
        Console.out(commitLatency(options, directory: directory))
        Console.out(history(options, directory: directory, tenet: haveCLI ? tenet : nil))
        Console.out(asOfRead(options, directory: directory, tenet: haveCLI ? tenet : nil))
        if !temporary || options.keep { Console.out("databases kept in \(directory)") }
    }

    static func parseOptions(_ arguments: [String]) -> Options {
        var options = Options()
        var rest = arguments[...]
        func value(_ flag: String) -> String {
            guard let v = rest.popFirst() else { fail("\(flag) needs a value\n\(usage)", status: 2) }
            return v
        }
        func count(_ flag: String) -> Int {
            guard let v = Int(value(flag)), v > 0 else { fail("\(flag) needs a positive whole number", status: 2) }
            return v
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--edits": options.edits = count(flag)
            case "--dir": options.directory = value(flag)
            case "--revisions": options.revisions = count(flag)
            case "--rules": options.rules = count(flag)
            case "--reps": options.reps = count(flag)
            case "--cli-runs": options.cliRuns = count(flag)
            case "--tenet": options.tenet = value(flag)
            case "--keep": options.keep = true
            case "--rounds": options.rounds = count(flag)
            case "-h", "--help": Console.out(usage); exit(0)
            default: fail("unknown option `\(flag)`\n\(usage)", status: 2)
            }
        }
        return options
    }

    // MARK: - 1. commit latency

    static func commitLatency(_ options: Options, directory: String) -> String {
        let storePath = directory + "/commit.db"
        let floorPath = directory + "/floor.db"
        let barePath = directory + "/bare.db"
        for path in [storePath, floorPath, barePath] { removeDatabase(path) }

        let store = openStore(storePath)
        importSample(store)
        var revision = check { () throws(StoreError) in try store.rule(editedRule).revision }

        // C's database: the same project, written by the store once and then only by SQL.
        do {
            let copy = openStore(floorPath)
            importSample(copy)
        }
        func openPool(_ path: String, _ setUp: (Database) throws -> Void = { _ in }) -> DatabasePool {
            do {
                var configuration = Configuration()
                configuration.busyMode = .timeout(5)
                let pool = try DatabasePool(path: path, configuration: configuration)
                try pool.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA synchronous = FULL")
                    try setUp(db)
                }
                return pool
            } catch {
                fail("tenet-bench: cannot open \(path): \(error)")
            }
        }
        let bare = openPool(barePath) { db in
            try db.execute(sql: "CREATE TABLE item (id INTEGER PRIMARY KEY, value TEXT NOT NULL)")
        }
        let floor = openPool(floorPath)
        let floorKey: String = attempt {
            try floor.read { try String.fetchOne($0, sql: "SELECT id FROM revision WHERE kind = 'rule' AND name = ?", arguments: [editedRule]) ?? "" }
        }

        // Every side must really sync every commit.
        let storeSync = check { () throws(StoreError) in try store.synchronousMode() }
        let storeJournal = check { () throws(StoreError) in try store.journalMode() }
        func mode(_ pool: DatabasePool) -> String {
            attempt {
                try pool.writeWithoutTransaction { db in
                    "\(try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "") \(try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1)"
                }
            }
        }
        let modes = ["\(storeJournal) \(storeSync)", mode(floor), mode(bare)]
        guard modes.allSatisfy({ $0 == "wal 2" }) else {
            fail("tenet-bench: expected WAL + synchronous=2 (FULL) on every side; got store/floor/bare: \(modes)")
        }

        func versionedEdit(_ i: Int) {
            var change = AnnotationChange()
            change.rationale = "r\(i)"
            let result = check { () throws(StoreError) in
                try store.annotate(editedRule, change, expectedRevision: revision)
            }
            guard result.changeset != nil, result.revision == revision + 1 else {
                fail("tenet-bench: edit \(i) did not write revision \(revision + 1) (got \(result.revision))")
            }
            revision = result.revision
        }
        // The SQL a versioned edit cannot do without (ProjectStore.write's statements):
        // head check, previous snapshot, changeset row, revision row (the schema's triggers
        // check the head and advance it). Prepared once; no JSON, no Swift snapshot work.
        var floorRevision = 0
        func sqlEdit(_ i: Int) {
            attempt {
                try floor.writeWithoutTransaction { db in
                    try db.inTransaction(.immediate) {
                        let head = try Int.fetchOne(db.cachedStatement(sql: "SELECT head_rev FROM entity WHERE kind = 'rule' AND id = ?"),
                                                    arguments: [floorKey]) ?? 0
                        guard let previous = try Row.fetchOne(db.cachedStatement(sql: """
                            SELECT data, name, title, state FROM revision WHERE kind = 'rule' AND id = ? AND rev = ?
                            """), arguments: [floorKey, head]) else { fail("tenet-bench: no revision \(head) of \(floorKey)") }
                        try db.cachedStatement(sql: """
                            INSERT INTO changeset (author, created_at, session, kind, undoes, message) VALUES (?, ?, ?, 'edit', NULL, '')
                            """).execute(arguments: ["bench", "2026-01-01T00:00:00.000Z", "bench"])
                        let changeset = db.lastInsertedRowID
                        try db.cachedStatement(sql: "INSERT OR IGNORE INTO entity (kind, id, parent, head_rev) VALUES ('rule', ?, 'travel', 0)")
                            .execute(arguments: [floorKey])
                        try db.cachedStatement(sql: """
                            INSERT INTO revision (kind, id, rev, parent_rev, changeset, op, changed, name, title, state, data)
                            VALUES ('rule', ?, ?, ?, ?, 'update', 'annotations.rationale', ?, ?, ?, ?)
                            """).execute(arguments: [floorKey, head + 1, head, changeset, previous[1], previous[2], previous[3],
                                                     withRationale(previous[0], "r\(i)")])
                        floorRevision = head + 1
                        return .commit
                    }
                }
            }
        }
        func bareCommit(_ i: Int) {
            attempt {
                try bare.writeWithoutTransaction { db in
                    try db.inTransaction(.immediate) {
                        try db.execute(sql: "INSERT INTO item (value) VALUES (?)", arguments: ["r\(i)"])
                        return .commit
                    }
                }
            }
        }

        let warmUp = min(100, max(10, options.edits / 20))
        Console.note("commit latency: \(warmUp) untimed warm-up commits per side, then \(options.edits) interleaved…")
        for i in 0..<warmUp {
            versionedEdit(-1 - i)
            bareCommit(-1 - i)
            sqlEdit(-1 - i)
        }
        var versioned: [Double] = [], plain: [Double] = [], sql: [Double] = []
        let load = loadAverage()
        for i in 0..<options.edits {
            var start = nanos()
            versionedEdit(i)
            versioned.append(elapsed(since: start))
            start = nanos()
            bareCommit(i)
            plain.append(elapsed(since: start))
            start = nanos()
            sqlEdit(i)
            sql.append(elapsed(since: start))
        }
        let rows: Int = attempt { try bare.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM item") ?? 0 } }
        let total = options.edits + warmUp
        guard rows == total, revision == total + 1, floorRevision == total + 1 else {
            fail("tenet-bench: commit counts do not add up (bare rows \(rows), rule revisions \(revision) and \(floorRevision), expected \(total + 1))")
        }

        let a = Percentiles(versioned), b = Percentiles(plain), c = Percentiles(sql)
        let rounds = Rounds([.init(name: "A", samples: versioned), .init(name: "B", samples: plain), .init(name: "C", samples: sql)],
                            rounds: options.rounds)
        let (p50Ratio, p99Ratio) = rounds.ratio(0, to: 1)
        func ratios(_ x: Percentiles, _ y: Percentiles) -> String {
            [x.p50 / y.p50, x.p90 / y.p90, x.p99 / y.p99, x.max / y.max, x.mean / y.mean]
                .map { String(format: "%.2f×", $0).padding(toLength: 11, withPad: " ", startingAt: 0) }.joined()
        }
        var out = "\n1. Commit latency — \(options.edits) calls per side, interleaved A,B,C,A,B,C… after \(warmUp) warm-up calls each\n"
        out += "   every side: its own database file in the same folder, WAL, PRAGMA synchronous = 2 (FULL) checked on the writing connection\n"
        out += "   A: store.annotate(\"\(editedRule)\", rationale, expectedRevision:) — the whole call\n"
        out += "   B: bare commit: GRDB DatabasePool, BEGIN IMMEDIATE; INSERT INTO item (value) VALUES (?); COMMIT\n"
        out += "   C: SQL floor of a versioned edit: the store's schema and triggers, only the statements ProjectStore.write runs\n"
        out += "      (head_rev, previous snapshot, INSERT changeset, INSERT OR IGNORE entity, INSERT revision), cached, in one IMMEDIATE transaction\n\n"
        out += "   side            p50        p90        p99        max        mean     per s (1/mean)\n"
        out += "   " + row("A versioned", a) + "\n"
        out += "   " + row("B bare commit", b) + "\n"
        out += "   " + row("C SQL floor", c) + "\n"
        out += "   A/B             " + ratios(a, b) + "\n"
        out += "   C/B             " + ratios(c, b) + "\n"
        out += "\n   in \(rounds.figures.count) rounds of \(options.edits / rounds.figures.count) calls per side (ratios within each round; load average \(load) before, \(loadAverage()) after):\n"
        out += rounds.table(baseline: 1, indent: "   ")
        out += String(format: "   target ≤ 1.5× the bare commit, median round: p50 %@ (%.2f×), p99 %@ (%.2f×)\n",
                      verdict(p50Ratio <= 1.5), p50Ratio, verdict(p99Ratio <= 1.5), p99Ratio)
        out += "   rule \(editedRule) ended at revision \(revision) (A) and \(floorRevision) (C); bare table has \(rows) rows\n"

        // Where an edit's time goes, from the outside: annotate reads the rule (with its
        // spec) inside the transaction and again after it; store.rule does that read alone.
        var reads: [Double] = []
        for _ in 0..<min(200, options.edits) {
            let start = nanos()
            _ = check { () throws(StoreError) in try store.rule(editedRule) }
            reads.append(elapsed(since: start))
        }
        out += "   context, \(reads.count) calls after the run — the read that annotate does twice (in its transaction and after):\n"
        out += "   " + row("store.rule(RULE)", Percentiles(reads)) + "\n"
        return out
    }

    /// A rule snapshot's JSON with `annotations.rationale` set to `value` (text surgery:
    /// the floor must not pay for JSON).
    static func withRationale(_ data: String, _ value: String) -> String {
        let marker = "\"annotations.rationale\":\""
        var data = data
        if let found = data.range(of: marker), let end = data[found.upperBound...].firstIndex(of: "\"") {
            data.replaceSubrange(found.upperBound..<end, with: value)
        } else {
            data = "{" + marker + value + "\"," + data.dropFirst()
        }
        return data
    }

    // MARK: - 2. history of a rule with many revisions

    static func history(_ options: Options, directory: String, tenet: String?) -> String {
        let path = directory + "/history.db"
        removeDatabase(path)
        let store = openStore(path)
        importSample(store)
        var revision = check { () throws(StoreError) in try store.rule(editedRule).revision }
        let target = options.revisions
        Console.note("history: writing \(target - revision) edits of \(editedRule) (untimed setup)…")
        let setupStart = nanos()
        var setupEdits: [Double] = []
        while revision < target {
            var change = AnnotationChange()
            change.rationale = "h\(revision)"
            if revision % 100 == 0 { change.priority = revision / 100 % 5 + 1 }
            let start = nanos()
            let result = check { () throws(StoreError) in try store.annotate(editedRule, change, expectedRevision: revision) }
            setupEdits.append(elapsed(since: start))
            revision = result.revision
        }
        let setup = elapsed(since: setupStart)

        // Warm up, then interleave log and blame.
        for _ in 0..<3 {
            _ = check { () throws(StoreError) in try store.log(rule: editedRule) }
            _ = check { () throws(StoreError) in try store.blame(rule: editedRule) }
        }
        var logTimes: [Double] = [], blameTimes: [Double] = []
        var logCount = 0, blameCount = 0, oldest = 0
        for _ in 0..<options.reps {
            var start = nanos()
            let entries = check { () throws(StoreError) in try store.log(rule: editedRule) }
            logTimes.append(elapsed(since: start))
            logCount = entries.count
            start = nanos()
            let (_, lines) = check { () throws(StoreError) in try store.blame(rule: editedRule) }
            blameTimes.append(elapsed(since: start))
            blameCount = lines.count
            oldest = lines.map(\.revision).min() ?? 0
        }
        guard logCount == min(50, revision) else { fail("tenet-bench: log returned \(logCount) entries, expected \(min(50, revision))") }

        var out = "\n2. History of one rule with \(revision) revisions (setup: \(String(format: "%.1f", setup / 1000)) s of edits at FULL, untimed)\n"
        out += "   in-process, \(options.reps) calls each, interleaved after 3 warm-up calls:\n"
        out += "   call                               p50        p90        p99        max        mean\n"
        out += "   " + row("store.log(rule:) [limit 50]", logTimes, width: 35) + "\n"
        out += "   " + row("store.blame(rule:)", blameTimes, width: 35) + "\n"
        out += "   log returned \(logCount) entries; blame \(blameCount) fields, oldest from revision \(oldest)\n"
        // An edit must not slow down as the rule's history grows.
        let span = min(500, setupEdits.count / 4)
        if span > 0 {
            let early = Percentiles(Array(setupEdits.prefix(span))), late = Percentiles(Array(setupEdits.suffix(span)))
            out += "   the setup's edits as the history grew (store.annotate, durable), first and last \(span):\n"
            out += "   " + row("first \(span) edits", early, width: 35) + "\n"
            out += "   " + row("last \(span) edits", late, width: 35) + "\n"
            out += String(format: "   last/first: p50 %.2f×, p99 %.2f× (flat: about 1×)\n", late.p50 / early.p50, late.p99 / early.p99)
        }

        if let tenet {
            let runs = options.cliRuns
            let commands: [(String, [String])] = [
                ("/bin/true (spawn floor)", ["/bin/true"]),
                ("tenet --version", [tenet, "--version"]),
                ("tenet log RULE", [tenet, "log", editedRule, "--db", path]),
                ("tenet blame RULE", [tenet, "blame", editedRule, "--db", path]),
            ]
            let times = wholeProcess(commands, runs: runs)
            out += "   whole process (spawn to reaped, stdout to /dev/null), \(runs) runs each, interleaved after 1 warm-up:\n"
            out += "   command                            p50        p90        p99        max        mean\n"
            for (name, samples) in zip(commands.map(\.0), times) {
                out += "   " + row(name, samples, width: 35) + "\n"
            }
            out += "   (the CLI's RULE is \(editedRule), --db \(path))\n"
            out += String(format: "   target < 10 ms: in-process log %@ (p50 %.3f ms), blame %@ (p50 %.3f ms); "
                          + "whole process log %@ (p50 %.1f ms), blame %@ (p50 %.1f ms)\n",
                          verdict(Percentiles(logTimes).p50 < 10), Percentiles(logTimes).p50,
                          verdict(Percentiles(blameTimes).p50 < 10), Percentiles(blameTimes).p50,
                          verdict(Percentiles(times[2]).p50 < 10), Percentiles(times[2]).p50,
                          verdict(Percentiles(times[3]).p50 < 10), Percentiles(times[3]).p50)
        } else {
            out += String(format: "   target < 10 ms: in-process log %@ (p50 %.3f ms), blame %@ (p50 %.3f ms)\n",
                          verdict(Percentiles(logTimes).p50 < 10), Percentiles(logTimes).p50,
                          verdict(Percentiles(blameTimes).p50 < 10), Percentiles(blameTimes).p50)
        }
        return out
    }

    // MARK: - 3. a large project as of an old changeset

    static func asOfRead(_ options: Options, directory: String, tenet: String?) -> String {
        let path = directory + "/large.db"
        removeDatabase(path)
        let specPath = directory + "/bench-\(options.rules).md"
        let editedPath = directory + "/bench-\(options.rules)-edited.md"
        let original = syntheticSpec(rules: options.rules, edited: false)
        let edited = syntheticSpec(rules: options.rules, edited: true)
        do {
            try original.write(toFile: specPath, atomically: true, encoding: .utf8)
            try edited.write(toFile: editedPath, atomically: true, encoding: .utf8)
        } catch {
            fail("tenet-bench: cannot write \(specPath): \(error)")
        }
        let store = openStore(path)

        Console.note("as-of: importing a \(options.rules)-rule spec (untimed setup)…")
        var start = nanos()
        let first = importFile(store, specPath, text: original)
        let firstImport = elapsed(since: start)
        guard let firstChangeset = first.changeset, first.added.count == options.rules else {
            fail("tenet-bench: first import added \(first.added.count) rules, expected \(options.rules)")
        }
        _ = check { () throws(StoreError) in try store.tag("bench-v1") }
        Console.note("as-of: re-importing with every 10th rule's text changed (untimed setup)…")
        start = nanos()
        let second = importFile(store, editedPath, text: edited)
        let secondImport = elapsed(since: start)
        let expectedChanged = options.rules / 10
        guard second.changeset != nil, second.changed.count == expectedChanged else {
            fail("tenet-bench: re-import changed \(second.changed.count) rules, expected \(expectedChanged)")
        }
        let tagged = check { () throws(StoreError) in try store.changeset(named: "bench-v1") }
        guard tagged == firstChangeset else { fail("tenet-bench: tag bench-v1 names \(tagged), expected \(firstChangeset)") }

        func checkSummaries(_ rules: [RuleSummary], asOf: Bool) {
            let newer = rules.filter { $0.revision > 1 }.count
            guard rules.count == options.rules, newer == (asOf ? 0 : expectedChanged) else {
                fail("tenet-bench: ruleSummaries(asOf: \(asOf)) read \(rules.count) rules, \(newer) past revision 1")
            }
        }
        for _ in 0..<2 {
            checkSummaries(check { () throws(StoreError) in try store.ruleSummaries(asOf: firstChangeset) }, asOf: true)
            checkSummaries(check { () throws(StoreError) in try store.ruleSummaries() }, asOf: false)
        }
        let reps = max(20, options.reps / 2 - options.reps / 2 % 10)
        var old: [Double] = [], now: [Double] = []
        for _ in 0..<reps {
            start = nanos()
            let a = check { () throws(StoreError) in try store.ruleSummaries(asOf: firstChangeset) }
            old.append(elapsed(since: start))
            start = nanos()
            let b = check { () throws(StoreError) in try store.ruleSummaries() }
            now.append(elapsed(since: start))
            precondition(a.count == b.count)
        }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0

        // Context: one rule read and one edit in this large project (each reads the spec's
        // snapshot, which holds the whole file's text).
        var ruleReads: [Double] = [], edits: [Double] = []
        var rev = check { () throws(StoreError) in try store.rule("bench.r1").revision }
        for i in 0..<5 {
            start = nanos()
            _ = check { () throws(StoreError) in try store.rule("bench.r1") }
            ruleReads.append(elapsed(since: start))
            var change = AnnotationChange()
            change.rationale = "large \(i)"
            start = nanos()
            rev = check { () throws(StoreError) in try store.annotate("bench.r1", change, expectedRevision: rev) }.revision
            edits.append(elapsed(since: start))
        }

        var out = "\n3. A \(options.rules)-rule project read as of an old changeset\n"
        out += String(format: "   spec: %@ (%.2f MiB, one file); import 1 = changeset %lld (tag bench-v1, %.1f s), "
                      + "import 2 changed %d rules = changeset %lld (%.1f s); database %.1f MiB\n",
                      specPath, Double(original.utf8.count) / 1_048_576, firstChangeset, firstImport / 1000,
                      second.changed.count, second.changeset ?? 0, secondImport / 1000, Double(bytes) / 1_048_576)
        out += "   in-process, \(reps) calls each, interleaved after 2 warm-up calls (each returns \(options.rules) summaries):\n"
        out += "   call                               p50        p90        p99        max        mean\n"
        out += "   " + row("ruleSummaries(asOf: \(firstChangeset))", old, width: 35) + "\n"
        out += "   " + row("ruleSummaries() [current]", now, width: 35) + "\n"
        out += "   context, 5 calls each on rule bench.r1 of this project (made after the timed reads):\n"
        out += "   " + row("store.rule(\"bench.r1\")", ruleReads, width: 35) + "\n"
        out += "   " + row("store.annotate(\"bench.r1\", …)", edits, width: 35) + "\n"
        var wholeAsOf: Percentiles?
        if let tenet {
            let runs = max(5, options.cliRuns / 2)
            let commands: [(String, [String])] = [
                ("tenet rule list --as-of \(firstChangeset)", [tenet, "rule", "list", "--as-of", String(firstChangeset), "--db", path]),
                ("tenet rule list --as-of bench-v1", [tenet, "rule", "list", "--as-of", "bench-v1", "--db", path]),
                ("tenet rule list [current]", [tenet, "rule", "list", "--db", path]),
            ]
            let times = wholeProcess(commands, runs: runs, stderr: "/dev/null")
            wholeAsOf = Percentiles(times[0])
            out += "   whole process (stdout and stderr to /dev/null), \(runs) runs each, interleaved after 1 warm-up:\n"
            out += "   command                            p50        p90        p99        max        mean\n"
            for (name, samples) in zip(commands.map(\.0), times) {
                out += "   " + row(name, samples, width: 35) + "\n"
            }
        }
        let p = Percentiles(old)
        out += String(format: "   target < 100 ms: in-process %@ (p50 %.1f ms, p99 %.1f ms)", verdict(p.p50 < 100), p.p50, p.p99)
        if let wholeAsOf {
            out += String(format: "; whole process %@ (p50 %.1f ms, p99 %.1f ms)", verdict(wholeAsOf.p50 < 100), wholeAsOf.p50, wholeAsOf.p99)
        }
        return out + "\n"
    }

    /// A spec with `rules` rule headings in sections of 1,000; with `edited`, every 10th
    /// rule's text is different.
    static func syntheticSpec(rules: Int, edited: Bool) -> String {
        var text = "# Benchmark spec {#bench}\n\nA synthetic spec with \(rules) rules for the store benchmark.\n"
        text.reserveCapacity(rules * 120)
        for n in 1...rules {
            if n % 1000 == 1 {
                let part = n / 1000 + 1
                text += "\n## Part \(part) {#bench.part\(part)}\n"
            }
            text += "\n### Rule \(n) {#bench.r\(n) kind=behavioral}\n\n"
            if edited && n % 10 == 0 {
                text += "Rule \(n) now says the assistant should answer case \(n) with the revised wording.\n"
            } else {
                text += "Rule \(n) says the assistant should answer case \(n) plainly and completely.\n"
            }
        }
        return text
    }

    // MARK: - whole processes

    /// Runs each command `runs` times, interleaved, after one warm-up each; milliseconds.
    static func wholeProcess(_ commands: [(String, [String])], runs: Int, stderr: String? = nil) -> [[Double]] {
        func once(_ command: [String]) -> Double {
            do {
                if let stderr {
                    return try ChildProcess.run(["/bin/sh", "-c", "exec \"$@\" 2>\(stderr)", "sh"] + command).seconds * 1000
                }
                return try ChildProcess.run(command).seconds * 1000
            } catch {
                fail("tenet-bench: \(error)")
            }
        }
        for (_, command) in commands { _ = once(command) }
        var times = Array(repeating: [Double](), count: commands.count)
        for _ in 0..<runs {
            for (i, (_, command)) in commands.enumerated() { times[i].append(once(command)) }
        }
        return times
    }

    // MARK: - helpers

    static func openStore(_ path: String) -> ProjectStore {
        check { () throws(StoreError) in try ProjectStore(path: path, author: "bench") }
    }

    static func importSample(_ store: ProjectStore) {
        let text: String
        do { text = try String(contentsOfFile: sampleFile, encoding: .utf8) } catch {
            fail("tenet-bench: cannot read \(sampleFile) (run from the package root): \(error.localizedDescription)")
        }
        _ = importFile(store, sampleFile, text: text)
    }

    static func importFile(_ store: ProjectStore, _ path: String, text: String) -> ImportReport {
        let spec: Spec
        do { spec = try SpecReader.read(path: path) } catch { fail("tenet-bench: \(error)") }
        return check { () throws(StoreError) in try store.importSpec(spec, text: text) }
    }

    static func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    static func check<T>(_ body: () throws(StoreError) -> T) -> T {
        do { return try body() } catch { fail("tenet-bench: \(error.description)") }
    }

    @discardableResult
    static func attempt<T>(_ body: () throws -> T) -> T {
        do { return try body() } catch { fail("tenet-bench: \(error)") }
    }

    static func nanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// Milliseconds since `start`.
    static func elapsed(since start: UInt64) -> Double { Double(nanos() - start) / 1e6 }

    static func verdict(_ met: Bool) -> String { met ? "MET" : "MISSED" }

    static func row(_ name: String, _ samples: [Double], width: Int = 16) -> String {
        row(name, Percentiles(samples), width: width)
    }

    static func row(_ name: String, _ p: Percentiles, width: Int = 16) -> String {
        let label = name.count >= width ? name + " " : name.padding(toLength: width, withPad: " ", startingAt: 0)
        return label + [p.p50, p.p90, p.p99, p.max, p.mean].map { format($0) }.joined()
            + (width == 16 ? String(format: "%.0f", 1000 / p.mean) : "")
    }

    /// A duration in ms, padded to a column.
    static func format(_ ms: Double) -> String {
        let text = ms < 1 ? String(format: "%.3f ms", ms) : ms < 100 ? String(format: "%.2f ms", ms) : String(format: "%.0f ms", ms)
        return text.padding(toLength: 11, withPad: " ", startingAt: 0)
    }

    static func machineLine() -> String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? "?"
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
        return "\(ProcessInfo.processInfo.activeProcessorCount) CPUs (\(cpu)), load average \(load) at start"
    }

    static func sqliteVersion() -> String {
        (try? DatabaseQueue().read { try String.fetchOne($0, sql: "SELECT sqlite_version()") }) .flatMap { $0 } ?? "?"
    }

    static func fail(_ message: String, status: Int32 = 1) -> Never {
        Console.note(message)
        exit(status)
    }
}

/// Nearest-rank percentiles of samples in milliseconds.
struct Percentiles {
    var p50: Double, p90: Double, p99: Double, max: Double, mean: Double

    init(_ samples: [Double]) {
        let sorted = samples.sorted()
        func rank(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            let index = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
            return sorted[Swift.max(0, Swift.min(sorted.count - 1, index))]
        }
        p50 = rank(50)
        p90 = rank(90)
        p99 = rank(99)
        max = sorted.last ?? 0
        mean = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count)
    }
}
