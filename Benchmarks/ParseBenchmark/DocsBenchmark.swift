import Foundation
import TenetSpec
import TenetStore
import TenetSynth

/// `tenet-bench docs`: midtraining documents.
///
/// 1. Offline generation of `--generate` documents (default 100,000) in-process, from the
///    travel sample and from the public Model Spec: the whole loop per document — plan,
///    idea, writer, Tenet's gates, the critic, the MinHash signature — and the collector's
///    near-duplicate check against every document kept so far. Documents per second, and
///    how many were distinct (the offline provider repeats itself once a spec's rules,
///    types and examples are used up; a model does not).
/// 2. `tenet export docs` as a whole process on `--documents` accepted documents (default
///    100,000) and on a tenth of them: documents per second and peak memory (flat when
///    the two peaks are close).
enum DocsBenchmark {
    static let usage = "usage: tenet-bench docs [--generate N (default 100000)] [--documents N (default 100000; 0: generation only)] [--tenet PATH]"

    static func run(_ arguments: [String]) {
        var generate = 100_000, documents = 100_000
        var tenet = FolderOfPath.folder(of: ChildProcess.currentExecutable()) + "/tenet"
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { StoreBenchmark.fail(usage, status: 2) }
            switch flag {
            case "--generate": generate = Int(value) ?? generate
            case "--documents": documents = Int(value) ?? documents
            case "--tenet": tenet = value
            default: StoreBenchmark.fail(usage, status: 2)
            }
        }
        Console.out("Midtraining documents benchmark\nmachine: \(StoreBenchmark.machineLine())\n")
        for (path, label) in [("SampleSpecs/travel-planning.md", "travel sample"), ("SampleSpecs/code-assistant.md", "code sample"),
                              ("Tests/TenetSpecTests/Fixtures/public/model_spec.md", "public Model Spec")] where generate > 0 {
            Console.out(generation(count: generate, path: path, label: label))
        }
        guard documents > 0 else { return }
        guard FileManager.default.isExecutableFile(atPath: tenet) else { StoreBenchmark.fail("no tenet binary at \(tenet) (build it, or pass --tenet)") }
        Console.out(export(documents, tenet: tenet))
    }

    /// The offline loop on every rule of a spec, through the collector (near-duplicates
    /// and all), saving nowhere: what generation itself costs.
    static func generation(count: Int, path: String, label: String) -> String {
        let spec: Spec
        do { spec = try SpecReader.read(path: path) } catch { StoreBenchmark.fail("run from the package root: \(error)") }
        let generator: DocumentGenerator
        do {
            let types = try DocumentTypes.load()
            generator = try DocumentGenerator(provider: OfflineDocumentProvider(), spec: spec, specRevision: 1, types: types.all,
                                              typesFingerprint: types.fingerprint, templates: nil, count: count, seed: 1)
        } catch {
            // The public Model Spec's rules carry no rationale of their own: offline, nothing can be written.
            return "Offline generation, \(label) (\(spec.rules.count) rules): none — \(error)\n"
        }
        let collector = DocumentCollector(total: count, batchSize: 1_000) { documents, _ in (documents.count, 0) }
        let start = StoreBenchmark.nanos()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            try? await generator.run(0..<count, concurrency: 4) { collector.deliver($0) }
            done.signal()
        }
        done.wait()
        let tally = collector.finish()
        let seconds = StoreBenchmark.elapsed(since: start) / 1000
        return String(format: "Offline generation, %@ (%d rules, %d skipped for no rationale or direction): %d documents made in %.2f s = %.0f documents/s, %.1f µs a document\n"
                      + "  kept %d distinct (%d dropped by a gate, %d near-duplicates, %d exact duplicates)\n",
                      label, spec.rules.count, generator.skipped.count, tally.made, seconds, Double(tally.made) / seconds,
                      seconds / Double(max(1, tally.made)) * 1e6, tally.kept, tally.dropped, tally.nearDuplicates, tally.duplicates)
    }

    /// `count` accepted documents in a fresh project, exported as a whole process.
    static func export(_ count: Int, tenet: String) -> String {
        let directory = NSTemporaryDirectory() + "tenet-bench-docs-\(getpid())"
        StoreBenchmark.attempt { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func database(_ count: Int, _ name: String) -> String {
            let path = directory + "/\(name).db"
            let store = StoreBenchmark.openStore(path)
            Console.note("setting up: \(count) accepted documents…")
            let start = StoreBenchmark.nanos()
            var batch: [MidtrainDocument] = []
            func flush() {
                _ = StoreBenchmark.attempt { try store.saveDocuments(batch, status: .accepted, message: "bench") }
                batch.removeAll(keepingCapacity: true)
            }
            for n in 0..<count {
                let text = "Document \(n). An assistant books only with explicit confirmation: before it commits trip \(n % 977) "
                    + "it states the total of \(100 + n % 900) euros and waits for a yes, because a booking made without one "
                    + "costs the traveller money they never agreed to spend. " + String(repeating: "It says so plainly. ", count: 20)
                batch.append(MidtrainDocument(spec: "travel", specRevision: 1, rules: ["travel.booking-consent"], type: "essay",
                                              idea: "trip \(n)", text: text,
                                              provenance: DocumentProvenance(generator: "offline-template", seed: "1#\(n)", critic: "PASS: bench")))
                if batch.count == 1_000 { flush() }
            }
            if !batch.isEmpty { flush() }
            Console.note(String(format: "  saved in %.1f s (%.0f documents/s, 1,000 per changeset)", StoreBenchmark.elapsed(since: start) / 1000,
                                Double(count) / (StoreBenchmark.elapsed(since: start) / 1000)))
            return path
        }
        let big = database(count, "big"), small = database(max(1, count / 10), "small")
        func run(_ db: String, _ count: Int) -> (seconds: Double, peakMB: Double, bytes: Int) {
            let out = directory + "/out-\(count).jsonl"
            let measured = StoreBenchmark.attempt { try ChildProcess.run([tenet, "export", "docs", "--out", out, "--db", db]) }
            let bytes = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
            return (measured.seconds, Double(measured.peakRSSKiB) / 1024, bytes)
        }
        let whole = run(big, count), tenth = run(small, max(1, count / 10))
        var out = "tenet export docs (jsonl, provenance columns), whole process\n"
        out += String(format: "  %8d documents   %7.2f s  %9.0f documents/s  peak %5.0f MB  %5.0f MB written\n",
                      count, whole.seconds, Double(count) / whole.seconds, whole.peakMB, Double(whole.bytes) / 1e6)
        out += String(format: "  %8d documents   %7.2f s  %9.0f documents/s  peak %5.0f MB\n",
                      max(1, count / 10), tenth.seconds, Double(max(1, count / 10)) / tenth.seconds, tenth.peakMB)
        out += String(format: "memory flat: %@ (peak %.0f MB vs %.0f MB for a tenth)\n",
                      StoreBenchmark.verdict(whole.peakMB < 1.5 * tenth.peakMB), whole.peakMB, tenth.peakMB)
        return out
    }
}
