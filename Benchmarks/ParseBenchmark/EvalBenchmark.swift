import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TenetSpec
import TenetStore
import TenetSynth

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
    /// connection; prints its port.
    static func endpoint() -> Never {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) } }
        guard bound == 0, listen(fd, 128) == 0 else { StoreBenchmark.fail("cannot listen on loopback") }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &size) } }
        Console.out("\(UInt16(bigEndian: address.sin_port))")
        while true {
            let client = accept(fd, nil, nil)
            if client < 0 { continue }
            Thread { serve(client) }.start()
        }
    }

    static func serve(_ client: Int32) {
        defer { close(client) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var data = [UInt8]()
        while true {
            var expected: Int?
            var headerEnd: Int?
            while expected.map({ data.count < $0 }) ?? true {
                let n = recv(client, &buffer, buffer.count, 0)
                if n <= 0 { return }
                data += buffer[0..<n]
                if headerEnd == nil, let end = find(data, [13, 10, 13, 10]) {
                    headerEnd = end
                    let head = String(decoding: data[..<end], as: UTF8.self).lowercased()
                    let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                        .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                    expected = end + 4 + length
                }
            }
            let body = String(decoding: data[(headerEnd! + 4)..<expected!], as: UTF8.self)
            data.removeFirst(expected!)
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
            let json = #"{"choices":[{"message":{"role":"assistant","content":""# + content + #""}}],"usage":{"prompt_tokens":100,"completion_tokens":20}}"#
            let reply = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(json.utf8.count)\r\n\r\n" + json
            _ = Array(reply.utf8).withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }
    }

    static func find(_ data: [UInt8], _ needle: [UInt8]) -> Int? {
        guard data.count >= needle.count else { return nil }
        var i = 0
        while i <= data.count - needle.count {
            if data[i] == needle[0] && data[i + 1] == needle[1] && data[i + 2] == needle[2] && data[i + 3] == needle[3] { return i }
            i += 1
        }
        return nil
    }
}
