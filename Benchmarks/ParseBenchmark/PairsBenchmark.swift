import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GRDB
import TenetSpec
import TenetStore
import TenetSynth

/// `tenet-bench pairs`: offline generation, and importing a large JSONL file.
///
/// 1. Offline generation of `--generate` pairs (default 10,000) in-process: the agents'
///    loop with the offline provider, pairs per second, and how many were distinct.
/// 2. `tenet import pairs FILE` as a whole process on `--lines` TRL lines (default
///    1,000,000) and on a tenth of them: pairs per second and peak memory (flat means the
///    two peaks are close), beside two bare batched SQLite inserts in this process (GRDB,
///    WAL, `synchronous = FULL`, 10,000 rows per transaction): the file's lines into a
///    one-column table, and the rows the import wrote (entity and revision, prepared
///    beforehand, in the file's order) into a fresh project's versioned tables — what
///    the import costs over plain SQLite, and over writing its own rows naively.
enum PairsBenchmark {
    static let usage = """
        usage: tenet-bench pairs [--lines N (default 1000000; 0: generation only)] [--generate N (default 10000; 0: none)]
                                 [--wait-lines N (default 100000; 0: skip the concurrent writers)] [--writers N (default 4)]
                                 [--sqlite3 PATH (default: sqlite3 on PATH)] [--same-rows yes|no (default yes)] [--tenet PATH]
        """

    static func run(_ arguments: [String]) {
        var lines = 1_000_000, generate = 10_000, waitLines = 100_000, writers = 4
        var sqlite3 = "sqlite3"
        var sameRows = true
        var tenet = FolderOfPath.folder(of: ChildProcess.currentExecutable()) + "/tenet"
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { StoreBenchmark.fail(usage, status: 2) }
            switch flag {
            case "--lines": lines = Int(value) ?? lines
            case "--generate": generate = Int(value) ?? generate
            case "--tenet": tenet = value
            case "--wait-lines": waitLines = Int(value) ?? waitLines
            case "--writers": writers = max(1, Int(value) ?? writers)
            case "--sqlite3": sqlite3 = value
            case "--same-rows": sameRows = value != "no"
            default: StoreBenchmark.fail(usage, status: 2)
            }
        }
        let directory = NSTemporaryDirectory() + "tenet-bench-pairs-\(getpid())"
        StoreBenchmark.attempt { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        defer { try? FileManager.default.removeItem(atPath: directory) }
        Console.out("Pairs benchmark\nmachine: \(StoreBenchmark.machineLine())\n")
        if generate > 0 { Console.out(generation(count: generate)) }
        guard lines > 0 || waitLines > 0 else { return }
        guard FileManager.default.isExecutableFile(atPath: tenet) else {
            Console.note("no tenet binary at \(tenet); the import part needs it (build it, or pass --tenet)")
            return
        }
        if lines > 0 { Console.out(importing(lines: lines, tenet: tenet, sqlite3: sqlite3, sameRows: sameRows, directory: directory)) }
        if waitLines > 0 { Console.out(ImportContention.run(lines: waitLines, writers: writers, tenet: tenet, directory: directory)) }
    }

    static func generation(count: Int) -> String {
        var out = ""
        for (path, label) in [("SampleSpecs/travel-planning.md", "travel sample"),
                              ("Tests/TenetSpecTests/Fixtures/public/model_spec.md", "public Model Spec")] {
            out += generation(count: count, path: path, label: label)
        }
        return out
    }

    /// Offline generation from every rule of one spec, then Tenet's quality gates alone on
    /// the same pairs (median of 5 passes): what the gates cost per pair, in one run.
    static func generation(count: Int, path: String, label: String) -> String {
        let spec: Spec
        do { spec = try SpecReader.read(path: path) } catch { StoreBenchmark.fail("run from the package root: \(error)") }
        let instance: Instantiation
        let templates: RoleTemplates
        do {
            let all = spec.rules.count
            instance = try Instantiator.instantiate(spec, controls: InstantiationControls(minRules: all, maxRules: all, seed: 1))
            templates = try RoleTemplates.load()
        } catch { StoreBenchmark.fail("\(error)") }
        let generator = Generator(provider: OfflineProvider(), templates: templates, spec: spec, instantiation: instance,
                                  instantiationName: "bench", seed: 1)
        let made = Made()
        let start = StoreBenchmark.nanos()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            try? await generator.run(0..<count, concurrency: 4) { made.add($0) }
            done.signal()
        }
        done.wait()
        let seconds = StoreBenchmark.elapsed(since: start) / 1000
        let pairs = made.all
        var passes: [Double] = []
        var failed = 0
        for _ in 0..<5 {
            let begin = StoreBenchmark.nanos()
            failed = 0
            for generated in pairs {
                guard let rule = instance.rules.first(where: { $0.id == generated.pair.rules.first }) else { continue }
                let gates = PairGates(rule: rule, examples: spec.rule(rule.id)?.examples ?? [])
                let checks = gates.check(chosen: generated.pair.chosen, rejected: generated.pair.rejected,
                                         strategy: generated.pair.strategy.flatMap(Strategy.init(rawValue:)) ?? .direct)
                if checks.firstFailure != nil { failed += 1 }
            }
            passes.append(StoreBenchmark.elapsed(since: begin) / 1000)
        }
        let gateSeconds = passes.sorted()[passes.count / 2]
        let perPair = seconds / Double(max(1, pairs.count)) * 1e6, perGate = gateSeconds / Double(max(1, pairs.count)) * 1e6
        return String(format: "Offline generation, %@ (%d rules, %d skipped): %d pairs in %.2f s = %.0f pairs/s, %.1f µs a pair (%d distinct)\n"
                      + "  quality gates alone on those pairs: %.1f µs a pair (median of 5), %.1f %% of a pair's time; %d failed\n",
                      label, instance.rules.count, generator.skippedRules.count, pairs.count, seconds, Double(pairs.count) / seconds,
                      perPair, Set(pairs.map(\.pair.id)).count, perGate, perGate / perPair * 100, failed)
    }

    final class Made: @unchecked Sendable {
        private let lock = NSLock()
        private var pairs: [GeneratedPair] = []
        func add(_ pair: GeneratedPair) { lock.withLock { pairs.append(pair) } }
        var all: [GeneratedPair] { lock.withLock { pairs } }
    }

    static func importing(lines: Int, tenet: String, sqlite3: String, sameRows: Bool, directory: String) -> String {
        let big = directory + "/pairs.jsonl", small = directory + "/pairs-small.jsonl"
        write(lines, to: big)
        write(max(1, lines / 10), to: small)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: big)[.size] as? Int) ?? 0
        var out = String(format: "JSONL import: %d TRL conversational lines, %.0f MB\n", lines, Double(bytes) / 1e6)

        func importRun(_ file: String, _ name: String) -> Measurement {
            let db = directory + "/\(name).db"
            StoreBenchmark.removeDatabase(db)
            do { return try ChildProcess.run([tenet, "import", "pairs", file, "--db", db]) } catch { StoreBenchmark.fail("\(error)") }
        }
        let whole = importRun(big, "import")
        let tenth = importRun(small, "import-small")

        // The bare insert: the same lines, batched, in a plain table.
        let bareDB = directory + "/bare.db"
        StoreBenchmark.removeDatabase(bareDB)
        let bareSeconds: Double
        do {
            var config = Configuration()
            config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            let pool = try DatabasePool(path: bareDB, configuration: config)
            try pool.write { try $0.execute(sql: "CREATE TABLE line (id INTEGER PRIMARY KEY, data TEXT NOT NULL)") }
            let start = StoreBenchmark.nanos()
            guard let handle = fopen(big, "r") else { StoreBenchmark.fail("cannot read \(big)") }
            defer { fclose(handle) }
            var buffer: UnsafeMutablePointer<CChar>?
            var capacity = 0
            defer { free(buffer) }
            var finished = false
            while !finished {
                try pool.write { db in
                    let statement = try db.cachedStatement(sql: "INSERT INTO line (data) VALUES (?)")
                    for _ in 0..<10_000 {
                        let length = getline(&buffer, &capacity, handle)
                        guard length > 0, let buffer else { finished = true; return }
                        try statement.execute(arguments: [String(decoding: UnsafeRawBufferPointer(start: buffer, count: length), as: UTF8.self)])
                    }
                }
            }
            bareSeconds = StoreBenchmark.elapsed(since: start) / 1000
        } catch { StoreBenchmark.fail("bare insert: \(error)") }

        let sameRowsSeconds = sameRows ? sameRowsInsert(from: directory + "/import.db", directory: directory) : Double.nan
        let cli = sqliteCLIImport(big, lines: lines, sqlite3: sqlite3, directory: directory)

        let importRate = Double(lines) / whole.seconds, bareRate = Double(lines) / bareSeconds
        out += String(format: "  tenet import pairs (whole process)   %8.2f s  %9.0f pairs/s  peak %6.0f MB\n", whole.seconds, importRate, Double(whole.peakRSSKiB) / 1024)
        out += String(format: "  the same, a tenth of the lines       %8.2f s  %9.0f pairs/s  peak %6.0f MB\n", tenth.seconds, Double(max(1, lines / 10)) / tenth.seconds, Double(tenth.peakRSSKiB) / 1024)
        out += String(format: "  bare batched SQLite insert           %8.2f s  %9.0f rows/s\n", bareSeconds, bareRate)
        if sameRows {
            out += String(format: "  the same rows into versioned tables  %8.2f s  %9.0f pairs/s (entity + revision, one by one, file order)\n",
                          sameRowsSeconds, Double(lines) / sameRowsSeconds)
        }
        out += String(format: "target: import >= 0.3x the bare insert rate: %@ (%.2fx); memory flat: %@ (peak %.0f MB for %d lines, %.0f MB for a tenth)\n",
                      StoreBenchmark.verdict(importRate >= 0.3 * bareRate), importRate / bareRate,
                      StoreBenchmark.verdict(Double(whole.peakRSSKiB) < 1.5 * Double(tenth.peakRSSKiB)),
                      Double(whole.peakRSSKiB) / 1024, lines, Double(tenth.peakRSSKiB) / 1024)
        if sameRows { out += String(format: "import / same rows into versioned tables: %.2fx\n", importRate / (Double(lines) / sameRowsSeconds)) }
        if let cli {
            let cliRate = Double(lines) / cli
            out += String(format: "  sqlite3 CLI .import, the same lines  %8.2f s  %9.0f rows/s (one-column table, WAL, synchronous FULL, whole process)\n",
                          cli, cliRate)
            out += String(format: "target: import >= 0.3x the sqlite3 CLI's .import: %@ (%.2fx; the CLI takes %.2f of import's time)\n",
                          StoreBenchmark.verdict(importRate >= 0.3 * cliRate), importRate / cliRate, cli / whole.seconds)
        } else {
            out += "sqlite3 CLI not found (install it: .ci/deps lists sqlite3; or pass --sqlite3 PATH): no ratio against .import\n"
        }
        return out
    }

    /// The rows an import wrote, inserted again bare into a fresh project: one entity and
    /// one revision `INSERT` per pair in the file's order, 10,000 pairs per transaction,
    /// the schema's triggers and indexes as they are. The rows are read back from the
    /// imported database and written to a tab-separated file before the clock starts.
    static func sameRowsInsert(from imported: String, directory: String) -> Double {
        let rowsFile = directory + "/rows.tsv"
        StoreBenchmark.attempt {
            let source = try DatabaseQueue(path: imported)
            guard let out = fopen(rowsFile, "w") else { StoreBenchmark.fail("cannot write \(rowsFile)") }
            defer { fclose(out) }
            try source.read { db in
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT e.id, coalesce(e.parent, ''), r.changed, r.title, r.data FROM entity e
                    JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = 1
                    WHERE e.kind = 'pair'
                    ORDER BY CAST(substr(json_extract(r.data, '$.provenance.source'), instr(json_extract(r.data, '$.provenance.source'), ':') + 1) AS INTEGER)
                    """)
                while let row = try rows.next() {
                    let fields: [String] = [row[0], row[1], row[2], row[3], row[4]]
                    fputs(fields.joined(separator: "\t") + "\n", out)
                }
            }
        }
        let fresh = directory + "/same-rows.db"
        StoreBenchmark.removeDatabase(fresh)
        _ = StoreBenchmark.openStore(fresh)             // the project schema, triggers and indexes
        var config = Configuration()
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        guard let handle = fopen(rowsFile, "r") else { StoreBenchmark.fail("cannot read \(rowsFile)") }
        defer { fclose(handle) }
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(buffer) }
        let start = StoreBenchmark.nanos()
        StoreBenchmark.attempt {
            let pool = try DatabasePool(path: fresh, configuration: config)
            var changeset: Int64 = 0
            try pool.write { db in
                try db.execute(sql: "INSERT INTO changeset (author, created_at, session, kind, message) VALUES ('bench', '2026-11-23T00:00:00Z', 's', 'import', 'bare')")
                changeset = db.lastInsertedRowID
            }
            var finished = false
            while !finished {
                try pool.write { db in
                    let entity = try db.cachedStatement(sql: "INSERT INTO entity (kind, id, parent, head_rev) VALUES ('pair', ?, ?, 0)")
                    let revision = try db.cachedStatement(sql: """
                        INSERT INTO revision (kind, id, rev, parent_rev, changeset, op, changed, name, title, state, data)
                        VALUES ('pair', ?, 1, 0, ?, 'create', ?, ?, ?, 'pending', ?)
                        """)
                    for _ in 0..<10_000 {
                        let length = getline(&buffer, &capacity, handle)
                        guard length > 1, let buffer else { finished = true; return }
                        let line = String(decoding: UnsafeRawBufferPointer(start: buffer, count: length - 1), as: UTF8.self)
                        let f = line.split(separator: "\t", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
                        try entity.execute(arguments: [f[0], f[1].isEmpty ? nil : f[1]])
                        try revision.execute(arguments: [f[0], changeset, f[2], f[0], f[3], f[4]])
                    }
                }
            }
        }
        return StoreBenchmark.elapsed(since: start) / 1000
    }

    /// `sqlite3 DB .import FILE` of the JSONL lines into a one-column table, as a whole
    /// process (WAL and `synchronous = FULL`, as Tenet writes): each line one row, read in
    /// ASCII mode with a unit separator that no line holds. `nil` without a sqlite3 binary.
    static func sqliteCLIImport(_ file: String, lines: Int, sqlite3: String, directory: String) -> Double? {
        guard let binary = ChildProcess.which(sqlite3) else { return nil }
        let db = directory + "/cli.db"
        StoreBenchmark.removeDatabase(db)
        let measured = StoreBenchmark.attempt {
            try ChildProcess.run([binary, db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE line (data TEXT);",
                                  ".mode ascii", #".separator "\037" "\n""#, ".import \(file) line"])
        }
        let rows = StoreBenchmark.attempt { try DatabaseQueue(path: db).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM line") ?? 0 } }
        guard rows == lines else { StoreBenchmark.fail("sqlite3 .import read \(rows) rows of \(lines) lines") }
        return measured.seconds
    }

    /// `count` distinct TRL conversational lines with rule IDs.
    static func write(_ count: Int, to path: String) {
        guard let handle = fopen(path, "w") else { StoreBenchmark.fail("cannot write \(path)") }
        defer { fclose(handle) }
        let rules = ["travel.booking-consent", "travel.budget-honesty", "travel.accessibility", "travel.entry-requirements"]
        for n in 0..<count {
            let line = #"{"prompt": [{"role": "user", "content": "Question \#(n): can you book the hotel for trip \#(n % 977) right now?"}], "chosen": [{"role": "assistant", "content": "Before I book trip \#(n): which dates, and do you confirm the total of \#(100 + n % 900) euros?"}], "rejected": [{"role": "assistant", "content": "Booked trip \#(n) and charged your card."}], "rule_ids": ["\#(rules[n % rules.count])"]}"#
            fputs(line + "\n", handle)
        }
    }
}
