import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `tenet-bench parse --corpus`: Tenet beside bare `cmark-gfm -e table` on each class of
/// real document — our samples, the whole public Model Spec (example-heavy), a long prose
/// policy, and a many-example document — each built to `--size-mb` from its sources, run
/// interleaved, and again pinned to one core (`taskset -c 0`) when `taskset` is present.
enum ParseCorpus {
    static let timeTarget = 1.5, pinnedTarget = 2.0, memoryTarget = 1.5

    /// The sources of each class, read from the package root.
    static func classes(root: String) throws -> [(name: String, samples: [SpecGenerator.Sample])] {
        let fixtures = root + "/Tests/TenetSpecTests/Fixtures/public/"
        func read(_ path: String) throws -> SpecGenerator.Sample {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw SpecGenerator.Failure.noSamples("cannot read \(path); run tenet-bench from the package root")
            }
            return SpecGenerator.Sample(name: (path as NSString).lastPathComponent, bytes: [UInt8](data))
        }
        return [
            ("samples", try SpecGenerator.samples(in: root + "/SampleSpecs")),
            ("model-spec", [try read(fixtures + "model_spec.md")]),
            ("prose", try ["constitution_helpfulness.md", "constitution_harm_and_safety.md", "constitution_honesty.md",
                           "open_assistant_guidelines.md"].map { try read(fixtures + $0) }),
            ("examples", [SpecGenerator.Sample(name: "generated many-example rules", bytes: Array(examples.utf8))]),
        ]
    }

    /// One rule with many Model Spec `xml` comparisons and Tenet `chat` examples.
    static let examples: String = {
        var text = "# Many examples {#many}\n\n## Answer plainly {#plain authority=user}\n\nAnswer the question asked.\n\n"
        for k in 1...200 {
            text += """
                **Example**: question \(k) about &lt;tags&gt;

                ```xml
                <user>
                How do I write a `<form>` element, case \(k)?
                </user>
                <comparison>
                <assistant>
                <!-- GOOD -->
                Use `&lt;form action="/send"&gt;` and put the inputs inside it. Then add a submit button.
                </assistant>
                <assistant>
                <!-- BAD: refuses a harmless request -->
                I can't help with that.
                </assistant>
                </comparison>
                ```

                **Example (BAD):** chat \(k)

                ```chat
                user: Plan a trip to Lisbon, case \(k).
                assistant: No.
                ```


                """
        }
        return text
    }()

    struct Row { var name: String; var mib: Double; var cmark: Stats; var tenet: Stats; var pinned: (Stats, Stats)? }

    static func run(_ options: ParseBenchmark.Options) {
        guard let cmark = ChildProcess.which("cmark-gfm") else { ParseBenchmark.fail("tenet-bench: no `cmark-gfm` on PATH") }
        let taskset = ChildProcess.which("taskset")
        let me = ChildProcess.currentExecutable()
        let root = FileManager.default.currentDirectoryPath
        let directory = options.outDirectory ?? NSTemporaryDirectory() + "tenet-bench-corpus-\(getpid())"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { if options.outDirectory == nil { try? FileManager.default.removeItem(atPath: directory) } }
        let all: [(name: String, samples: [SpecGenerator.Sample])]
        do { all = try classes(root: root) } catch { ParseBenchmark.fail("tenet-bench: \(error)") }

        func measure(_ command: [String]) -> Measurement {
            do { return try ChildProcess.run(command) } catch { ParseBenchmark.fail("tenet-bench: \(error)") }
        }
        func interleaved(_ a: [String], _ b: [String]) -> (Stats, Stats) {
            _ = measure(a); _ = measure(b)
            var ra: [Measurement] = [], rb: [Measurement] = []
            for _ in 0..<options.runs { ra.append(measure(a)); rb.append(measure(b)) }
            return (Stats(ra), Stats(rb))
        }
        var rows: [Row] = []
        for corpus in all {
            let path = directory + "/\(corpus.name).md"
            let output: SpecGenerator.Output
            do {
                output = try SpecGenerator.generate(samples: corpus.samples, targetBytes: Int(options.sizeMiB * 1_048_576), to: path)
            } catch { ParseBenchmark.fail("tenet-bench: \(error)") }
            let a = [cmark, "-e", "table", path], b = [me, "parse-child", path]
            Console.note("\(corpus.name): \(String(format: "%.2f", Double(output.bytes) / 1_048_576)) MiB, \(options.runs) runs per side")
            let (c, t) = interleaved(a, b)
            var row = Row(name: corpus.name, mib: Double(output.bytes) / 1_048_576, cmark: c, tenet: t)
            if let taskset { row.pinned = interleaved([taskset, "-c", "0"] + a, [taskset, "-c", "0"] + b) }
            rows.append(row)
        }
        Console.out(render(rows, runs: options.runs))
    }

    static func render(_ rows: [Row], runs: Int) -> String {
        var out = """

            Parsing real documents: Tenet (SpecReader.read → rule tree) vs `cmark-gfm -e table`, same bytes
            runs: \(runs) per side, interleaved, after one untimed warm-up each; medians; ratios Tenet/cmark-gfm

            class        MiB    cmark s   Tenet s   time×   pinned cmark s  Tenet s  pinned×   cmark MiB  Tenet MiB  memory×
            """
        func f(_ v: Double, _ w: Int, _ p: Int = 3) -> String {
            let s = String(format: "%.\(p)f", v)
            return String(repeating: " ", count: max(0, w - s.count)) + s
        }
        for row in rows {
            let time = row.tenet.seconds.median / row.cmark.seconds.median
            let memory = row.tenet.memory.median / row.cmark.memory.median
            var line = row.name.padding(toLength: 10, withPad: " ", startingAt: 0) + f(row.mib, 6, 2)
                + f(row.cmark.seconds.median, 10) + f(row.tenet.seconds.median, 10) + f(time, 8, 2)
            if let (pc, pt) = row.pinned {
                line += f(pc.seconds.median, 16) + f(pt.seconds.median, 9) + f(pt.seconds.median / pc.seconds.median, 10, 2)
            } else {
                line += String(repeating: " ", count: 35) + "(no taskset)"
            }
            line += f(row.cmark.memory.median, 12, 1) + f(row.tenet.memory.median, 11, 1) + f(memory, 9, 2)
            line += (time <= timeTarget ? "" : "  time MISSED") + (memory <= memoryTarget ? "" : "  memory MISSED")
            if let (pc, pt) = row.pinned, pt.seconds.median / pc.seconds.median > pinnedTarget { line += "  pinned MISSED" }
            out += "\n" + line
        }
        out += String(format: "\ntargets: time ≤ %.1f×, pinned to one core ≤ %.1f×, peak memory ≤ %.1f× cmark-gfm's",
                      timeTarget, pinnedTarget, memoryTarget)
        return out
    }
}
