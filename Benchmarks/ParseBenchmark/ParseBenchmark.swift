import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TenetSpec

/// `tenet-bench`: Tenet's parse-to-rule-tree time and peak memory beside the bare
/// `cmark-gfm` command on the same large spec, measured interleaved in one run.
///
///     tenet-bench parse [--size-mb N] [--runs R] [--out DIR] [--no-lint]
///     tenet-bench generate [--size-mb N] [--out DIR]
///     tenet-bench parse-child FILE [--lint]
///
/// `parse-child` is what `parse` runs for Tenet's side: this binary, re-executed, reading
/// the file with `SpecReader.read(path:)` and printing a one-line summary of the tree.
@main
struct ParseBenchmark {
    static let usage = """
        usage: tenet-bench parse [--size-mb N (default 8)] [--runs R (default 7)] [--out DIR] [--no-lint]
               tenet-bench parse --corpus [--size-mb N] [--runs R]   (samples, Model Spec, prose, examples vs cmark-gfm -e table)
               tenet-bench generate [--size-mb N (default 8)] [--out DIR]
               tenet-bench parse-child FILE [--lint]
               tenet-bench store [--help for its options]
               tenet-bench tui [--rules N] [--runs N] [--keys N] [--tenet PATH]
               tenet-bench pairs [--lines N] [--generate N] [--tenet PATH]
               tenet-bench review [--pairs N] [--decisions N] [--runs N] [--tenet PATH]
               tenet-bench export [--pairs N] [--tenet PATH]
               tenet-bench eval [--prompts N] [--concurrency N]
               tenet-bench docs [--generate N] [--documents N] [--tenet PATH]
               tenet-bench serve [--runs N] [--pairs N] [--tenet PATH]   (root: a service account and sshd on loopback)
               tenet-bench startup [--runs N] [--tenet PATH]

        Run from the package root: the large spec is built from SampleSpecs/*.md.
        """

    static let cmarkArguments = ["--extension", "table", "--extension", "tasklist",
                                 "--extension", "strikethrough", "--extension", "autolink"]

    struct Options {
        var sizeMiB = 8.0
        var runs = 7
        var outDirectory: String?
        var lint = true
        /// Each class of real document beside cmark-gfm (see ``ParseCorpus``).
        var corpus = false
    }

    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        guard !arguments.isEmpty else { fail(usage, status: 2) }
        let command = arguments.removeFirst()
        switch command {
        case "parse":
            let options = parseOptions(arguments)
            if options.corpus { ParseCorpus.run(options) } else { runParse(options) }
        case "generate":
            runGenerate(parseOptions(arguments))
        case "store":
            StoreBenchmark.run(arguments)
        case "tui":
            TUIBenchmark.run(arguments)
        case "pairs":
            PairsBenchmark.run(arguments)
        case "review":
            ReviewBenchmark.run(arguments)
        case "serve":
            ServeBenchmark.run(arguments)
        case "startup":
            StartupBenchmark.run(arguments)
        case "eval":
            EvalBenchmark.run(arguments)
        case "eval-endpoint":
            EvalBenchmark.endpoint()
        case "export":
            ExportBenchmark.run(arguments)
        case "docs":
            DocsBenchmark.run(arguments)
        case "parse-child":
            guard let file = arguments.first else { fail(usage, status: 2) }
            runChild(file: file, lint: arguments.dropFirst().contains("--lint"))
        case "-h", "--help", "help":
            Console.out(usage)
        default:
            fail("unknown command `\(command)`\n\(usage)", status: 2)
        }
    }

    static func parseOptions(_ arguments: [String]) -> Options {
        var options = Options()
        var rest = arguments[...]
        func value(_ flag: String) -> String {
            guard let v = rest.popFirst() else { fail("\(flag) needs a value\n\(usage)", status: 2) }
            return v
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--size-mb":
                guard let v = Double(value(flag)), v > 0 else { fail("--size-mb needs a positive number", status: 2) }
                options.sizeMiB = v
            case "--runs":
                guard let v = Int(value(flag)), v > 0 else { fail("--runs needs a positive whole number", status: 2) }
                options.runs = v
            case "--out":
                options.outDirectory = value(flag)
            case "--no-lint":
                options.lint = false
            case "--corpus":
                options.corpus = true
            default:
                fail("unknown option `\(flag)`\n\(usage)", status: 2)
            }
        }
        return options
    }

    // MARK: - generate

    /// Builds the large spec in `--out` (or a fresh temporary folder) and returns it with
    /// the folder and whether that folder is ours to remove.
    static func makeSpec(_ options: Options) -> (SpecGenerator.Output, directory: String, temporary: Bool) {
        let samplesDirectory = FileManager.default.currentDirectoryPath + "/SampleSpecs"
        let samples: [SpecGenerator.Sample]
        do { samples = try SpecGenerator.samples(in: samplesDirectory) } catch { fail("tenet-bench: \(error)") }

        let directory: String
        let temporary = options.outDirectory == nil
        if let out = options.outDirectory {
            directory = out
        } else {
            directory = NSTemporaryDirectory() + "tenet-bench-\(getpid())"
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            fail("tenet-bench: cannot create \(directory): \(error.localizedDescription)")
        }
        let name = "spec-\(formatNumber(options.sizeMiB))mb.md"
        let target = Int(options.sizeMiB * 1_048_576)
        do {
            let output = try SpecGenerator.generate(samples: samples, targetBytes: target, to: directory + "/" + name)
            return (output, directory, temporary)
        } catch {
            fail("tenet-bench: \(error)")
        }
    }

    static func runGenerate(_ options: Options) {
        let (spec, _, _) = makeSpec(options)
        Console.out("\(spec.path): \(String(format: "%.2f", Double(spec.bytes) / 1_048_576)) MiB, "
                    + "\(spec.lines) lines, \(spec.copies) copies of \(spec.samples.joined(separator: ", "))")
    }

    // MARK: - parse

    static func runParse(_ options: Options) {
        guard let cmark = ChildProcess.which("cmark-gfm") else {
            fail("tenet-bench: the `cmark-gfm` command is not on PATH; install cmark-gfm to compare against it")
        }
        let me = ChildProcess.currentExecutable()
        let (spec, directory, temporary) = makeSpec(options)
        defer { if temporary { try? FileManager.default.removeItem(atPath: directory) } }
        let file = spec.path
        let childOut = directory + "/child-output.txt"
        let mib = Double(spec.bytes) / 1_048_576
        Console.note("generated \(file): \(String(format: "%.2f", mib)) MiB, \(spec.lines) lines, "
                     + "\(spec.copies) copies of \(spec.samples.joined(separator: ", "))")

        let cmarkCommand = [cmark] + cmarkArguments + [file]
        let tenetCommand = [me, "parse-child", file]

        func measure(_ command: [String], stdout: String = "/dev/null") -> Measurement {
            do { return try ChildProcess.run(command, stdoutPath: stdout) } catch { fail("tenet-bench: \(error)") }
        }
        func childSummary() -> String {
            (try? String(contentsOfFile: childOut, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? "(no output)"
        }

        // What a child inherits from this process in ru_maxrss (see SpecGenerator).
        let floor = median((0..<3).map { _ in Double(measure(["/bin/true"]).peakRSSKiB) })

        var lintSummary = "not run (--no-lint)"
        if options.lint {
            Console.note("linting the generated spec (untimed)…")
            _ = measure([me, "parse-child", file, "--lint"], stdout: childOut)
            lintSummary = childSummary()
        }

        Console.note("warm-up (untimed): cmark-gfm, Tenet")
        _ = measure(cmarkCommand)
        _ = measure(tenetCommand, stdout: childOut)
        let treeSummary = childSummary()

        var cmarkRuns: [Measurement] = [], tenetRuns: [Measurement] = []
        for run in 1...options.runs {
            let a = measure(cmarkCommand)
            cmarkRuns.append(a)
            let b = measure(tenetCommand, stdout: childOut)
            tenetRuns.append(b)
            if childSummary() != treeSummary {
                fail("tenet-bench: run \(run) read a different tree: \(childSummary()) vs \(treeSummary)")
            }
            Console.note(String(format: "run %d/%d: cmark-gfm %.3f s %.1f MiB | Tenet %.3f s %.1f MiB",
                                run, options.runs, a.seconds, Double(a.peakRSSKiB) / 1024,
                                b.seconds, Double(b.peakRSSKiB) / 1024))
        }

        let report = Report(
            mib: mib, lines: spec.lines, copies: spec.copies, samples: spec.samples, runs: options.runs,
            cmark: Stats(cmarkRuns), tenet: Stats(tenetRuns),
            cmarkCommand: "cmark-gfm " + cmarkArguments.joined(separator: " ") + " FILE > /dev/null",
            tree: treeSummary, lint: lintSummary, floorKiB: floor)
        Console.out(report.render())
        if !temporary { Console.out("spec kept at \(file)") }
    }

    // MARK: - parse-child

    /// Reads `file` into a rule tree and prints counts that depend on every rule, so the
    /// work cannot be optimised away. With `lint`, also lints it and counts findings.
    static func runChild(file: String, lint: Bool) {
        let spec: Spec
        do { spec = try SpecReader.read(path: file) } catch { fail("tenet-bench: \(error)") }
        var examples = 0, textBytes = 0
        for rule in spec.rules {
            examples += rule.examples.count
            textBytes += rule.text.utf8.count
        }
        var sections = 0
        var stack = spec.sections
        while let section = stack.popLast() {
            sections += 1
            stack += section.sections
        }
        var line = "rules=\(spec.rules.count) examples=\(examples) sections=\(sections) "
            + "parameters=\(spec.parameters.count) diagnostics=\(spec.diagnostics.count) text=\(textBytes)"
        if lint {
            let findings = Linter.lint(spec)
            let errors = findings.filter { $0.severity == .error }
            let warnings = findings.filter { $0.severity == .warning }
            var codes: [String: Int] = [:]
            for finding in errors { codes["\(finding.code)", default: 0] += 1 }
            let byCode = codes.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: ", ")
            line = "\(errors.count) errors\(byCode.isEmpty ? "" : " (\(byCode))"), \(warnings.count) warnings"
            for finding in errors.prefix(5) { Console.note("  \(finding)") }
        }
        Console.out(line)
        // As `tenet parse` does: the spec is held until the process exits, not freed rule
        // by rule first.
        specHeldUntilExit = spec
    }

    // MARK: - helpers

    static func fail(_ message: String, status: Int32 = 1) -> Never {
        Console.note(message)
        exit(status)
    }

    static func formatNumber(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

/// Unbuffered output: `print` buffers, and `fflush(stdout)` does not compile under Swift 6.
enum Console {
    static func out(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
    static func note(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }
}

/// The spec `parse-child` read, held until the process exits (see `runChild`).
nonisolated(unsafe) private var specHeldUntilExit: Spec?
