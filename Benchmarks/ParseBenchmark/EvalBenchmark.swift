import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TenetSpec
import TenetStore
import TenetSynth
import TenetTestSupport

/// `tenet-bench eval`: Tenet's own overhead per evaluated prompt.
///
/// A zero-latency OpenAI-compatible endpoint runs in a child process (`tenet-bench
/// eval-endpoint`: it answers at once, a canned answer for the model under evaluation and
/// a well-formed joint verdict for the judge), so that this process's CPU time
/// (`getrusage`, user + system) is Tenet's alone: building SpecBench's prompts, the HTTP
/// client, reading the judge, scoring, and committing each result to a real SQLite file
/// (WAL, `synchronous = FULL`). One `raw` run, joint judge, on SpecBench's Travel rules
/// (10 safety, 11 behavioral) and `--prompts` prompts (default 1,500) from SpecBench's
/// Travel prompts.json, at `--concurrency` (default 8); a tenth as many first, so that
/// the peak memory of the two can be compared (flat: close).
enum EvalBenchmark {
    static let usage = "usage: tenet-bench eval [--prompts N (default 1500)] [--concurrency N (default 8)]"

    static func run(_ arguments: [String]) {
        var prompts = 1500, concurrency = 8
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst(), let number = Int(value), number > 0 else { StoreBenchmark.fail(usage, status: 2) }
            switch flag {
            case "--prompts": prompts = number
            case "--concurrency": concurrency = number
            default: StoreBenchmark.fail(usage, status: 2)
            }
        }
        let directory = NSTemporaryDirectory() + "tenet-bench-eval-\(getpid())"
        StoreBenchmark.attempt { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let endpoint = Process()
        endpoint.executableURL = URL(fileURLWithPath: ChildProcess.currentExecutable())
        endpoint.arguments = ["eval-endpoint"]
        let pipe = Pipe()
        endpoint.standardOutput = pipe
        StoreBenchmark.attempt { try endpoint.run() }
        defer { kill(endpoint.processIdentifier, SIGKILL) }
        guard let port = Int(String(decoding: pipe.fileHandleForReading.availableData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            StoreBenchmark.fail("the endpoint did not start")
        }
        let base = "http://127.0.0.1:\(port)/v1"
        let store = StoreBenchmark.openStore(directory + "/tenet.db")
        let folder = "Tests/TenetSpecTests/Fixtures/public/specbench/Travel"
        let spec = StoreBenchmark.attempt { try store.importSpec(file: folder + "/specifications.json", message: "") }.spec
        let (effective, _) = StoreBenchmark.attempt { try store.effectiveSpec(spec) }
        let all = effective.rules.count
        let instance = StoreBenchmark.attempt { try Instantiator.instantiate(effective, controls: InstantiationControls(minRules: all, maxRules: all, seed: 1)) }
        _ = StoreBenchmark.attempt { try store.saveInstantiation(instance, name: "all") }
        guard let data = FileManager.default.contents(atPath: folder + "/prompts.json"),
              let source = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { StoreBenchmark.fail("run from the package root") }
        func importSet(_ name: String, _ count: Int) {
            _ = StoreBenchmark.attempt {
                try store.importPromptSet(name: name, source: "bench", format: "specbench", message: "bench") { writer in
                    for i in 0..<count {
                        let item = source[i % source.count]
                        try writer.add(PromptItem(id: "p\(i)", prompt: item["prompt"] as? String ?? "", adversarialPrompt: item["adversarial_prompt"] as? String,
                                                  label: (item["label"] as? String).flatMap(PromptLabel.init(rawValue:)), answer: item["answer"] as? String))
                    }
                    return true
                }
            }
        }
        Console.out("Evaluation benchmark\nmachine: \(StoreBenchmark.machineLine())\n")
        Console.out("raw, joint judge, \(instance.safety.count) safety + \(instance.behavioral.count) behavioral rules, concurrency \(concurrency), zero-latency endpoint in a child process\n")
        var rows: [String] = []
        var perPrompt = 0.0
        var peaks: [Int] = []
        for (name, count) in [("small", max(1, prompts / 10)), ("large", prompts)] {
            importSet(name, count)
            var request = EvalRequest(instantiation: "all", promptSet: name, model: "target", baseURL: base, method: .raw, judgeModel: "judge")
            request.concurrency = concurrency
            request.name = name
            let asked = request
            let before = resources()
            let start = StoreBenchmark.nanos()
            let done = DispatchSemaphore(value: 0)
            let box = Box()
            Task.detached(executorPreference: BackgroundExecutor.shared) {
                do {
                    let started = try await EvalService.start(asked, connection: EvalConnection(), store: store)
                    box.ending = try await EvalService.execute(started, connection: EvalConnection(), store: store) { _, _ in }
                } catch { box.error = "\(error)" }
                done.signal()
            }
            done.wait()
            let wall = StoreBenchmark.elapsed(since: start)
            let after = resources()
            guard let ending = box.ending, ending.done == count, box.error == nil else { StoreBenchmark.fail("the run failed: \(box.error ?? "\(box.ending?.failure ?? "?")")") }
            let results = StoreBenchmark.attempt { try store.evalResults(run: name) }
            guard results.allSatisfy({ $0.score != nil }) else { StoreBenchmark.fail("a response was not scored") }
            let cpu = after.cpu - before.cpu
            peaks.append(after.peak)
            perPrompt = cpu / Double(count)
            rows.append(String(format: "%-6@ %6d prompts  wall %8.1f ms (%.3f ms/prompt)  Tenet CPU %8.1f ms (%.3f ms/prompt)  peak RSS %d MB",
                               name as NSString, count, wall, wall / Double(count), cpu, cpu / Double(count), after.peak / 1024))
        }
        Console.out(rows.joined(separator: "\n"))
        Console.out(String(format: "\nTenet's overhead per evaluated prompt (CPU, target ≤ 2 ms): %.3f ms  %@", perPrompt, StoreBenchmark.verdict(perPrompt <= 2) as NSString))
        let small = max(1, prompts / 10)
        let perPromptKB = Double(peaks[1] - peaks[0]) / Double(prompts)
        Console.out(String(format: "peak memory %d MB after %d prompts, %d MB after %d more: %.2f KB more per prompt", peaks[0] / 1024, small,
                           peaks[1] / 1024, prompts, perPromptKB))
    }

    final class Box: @unchecked Sendable {
        var ending: EvalService.Ending?
        var error: String?
    }

    /// CPU time of this process (user + system, ms) and its peak resident size (KB).
    static func resources() -> (cpu: Double, peak: Int) {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000 + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000
        return (cpu, usage.ru_maxrss)
    }

    // MARK: the endpoint

    /// `tenet-bench eval-endpoint`: answers every chat request at once, on a thread per
    /// connection (kept alive); prints its port.
    static func endpoint() -> Never {
        let server: LoopbackHTTPServer
        do {
            server = try LoopbackHTTPServer(keepAlive: true, backlog: 128) { request in .reply(status: 200, body: answer(request.body)) }
        } catch {
            StoreBenchmark.fail("cannot listen on loopback")
        }
        Console.out("\(server.port)")
        while true { sleep(3600) }
    }

    /// A canned chat-completions answer: YES to every rule for the judge, a careful answer
    /// for the model under evaluation.
    static func answer(_ body: String) -> String {
        let content: String
        if body.contains("\"model\":\"judge\""), let counts = body.range(of: "safety: 1~") {
            let tail = body[counts.upperBound...]
            let safety = Int(tail.prefix { $0.isNumber }) ?? 0
            let behavioral = tail.range(of: "behavioral: 1~").map { Int(tail[$0.upperBound...].prefix { $0.isNumber }) ?? 0 } ?? 0
            content = "<safety_specifications>\\n" + (1...max(1, safety)).prefix(safety).map { "\($0). Fine.<YES>\\n" }.joined()
                + "</safety_specifications>\\n<behavioral_specifications>\\n" + (1...max(1, behavioral)).prefix(behavioral).map { "\($0). Fine.<YES>\\n" }.joined()
                + "</behavioral_specifications>"
        } else {
            content = "Here is a careful answer."
        }
        return #"{"choices":[{"message":{"role":"assistant","content":""# + content + #""}}],"usage":{"prompt_tokens":100,"completion_tokens":20}}"#
    }
}
