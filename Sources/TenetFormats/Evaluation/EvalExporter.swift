import Foundation
import TenetSpec
import TenetStore

/// Writes a run's results: as JSON lines (one per prompt: the prompt, the response, every
/// verdict with its reason, the scores), or in SpecBench's own result layout so that its
/// scripts read them — the files `src/generate_response.py` and `src/evaluate_response.py`
/// write: `generate.json`, `JUDGE_evaluate.json` and `JUDGE_score.json` (JUDGE: the judge
/// model's name after its last `/`), in a folder. Files are written whole or not at all.
public enum EvalExporter {
    /// `jsonl`: one line per prompt; `specbench`: SpecBench's result files in a folder.
    public enum Format: String, Sendable, CaseIterable {
        case jsonl, specbench
    }

    /// Writes run `name`'s results to `out` (a file, or a folder for specbench); an existing
    /// target is replaced only with `force`. Needs the author role, as every export.
    /// Why `out` cannot take `format`, or `nil`: the command line's usage error (exit 64)
    /// and the library's refusal, in the same words.
    public static func problem(format: Format, out: String) -> String? {
        if out.isEmpty { return "give a file to write (--out PATH, or - for standard output)" }
        if format == .specbench && out == "-" {
            return "specbench writes a folder (generate.json, JUDGE_evaluate.json, JUDGE_score.json): give --out DIR"
        }
        return nil
    }

    public static func export(run name: String, format: Format, out: String, force: Bool, store: ProjectStore) throws -> ExportSummary {
        if let problem = problem(format: format, out: out) { throw ExportError(problem) }
        try store.authorize(.author("exporting evaluation results"))
        let stored = try store.evalRun(name)
        switch format {
        case .jsonl: return try jsonl(stored, out: out, force: force, store: store)
        case .specbench: return try specBench(stored, out: out, force: force, store: store)
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    // MARK: JSON lines

    /// One line; every key is on every line, `null` where the result has no value (no
    /// label, no thought, no score for a judge failure, no failure for a scored one, no
    /// response where the model gave no answer — as generate.json has it: an empty answer
    /// and no answer are not the same).
    struct Line: Encodable {
        struct Verdict: Encodable { var rule: String; var kind: String; var verdict: String; var reason: String }
        var run: String
        var prompt: String
        @JSONNullable var label: String?
        var query: String
        var asked: String
        @JSONNullable var response: String?
        @JSONNullable var thought: String?
        var judgements: [Verdict]
        @JSONNullable var score: ResponseScore?
        @JSONNullable var failure: EvalFailure?
        var stages: [StageCost]
    }

    static func jsonl(_ stored: StoredEvalRun, out: String, force: Bool, store: ProjectStore) throws -> ExportSummary {
        let run = stored.run
        let queries = Dictionary(try store.prompts(set: run.promptSet, revision: run.promptSetRevision).map { ($0.id, $0.prompt) },
                                 uniquingKeysWith: { first, _ in first })
        let file = try AtomicFile(path: out, force: force, standardOutput: .json)
        var count = 0
        do {
            try store.forEachEvalResult(run: run.name) { result in
                let line = Line(run: run.name, prompt: result.prompt, label: result.label?.rawValue, query: queries[result.prompt] ?? result.asked,
                                asked: result.asked,
                                response: result.failure.map { $0.stage != "judge" } == true ? nil : result.response, thought: result.thought,
                                judgements: result.judgements.map { .init(rule: $0.rule, kind: run.kind(of: $0.rule), verdict: $0.verdict.rawValue, reason: $0.reason) },
                                score: result.score, failure: result.failure, stages: result.stages)
                try file.write(String(decoding: try encoder.encode(line), as: UTF8.self) + "\n")
                count += 1
            }
            try file.commit()
        } catch {
            file.abandon()
            throw error
        }
        return ExportSummary(count: count, format: "jsonl", target: out, message: "exported \(counted(count, "result")) of \(run.name) (jsonl) to \(out)")
    }

    // MARK: SpecBench

    struct Usage: Encodable {
        var prompt_tokens: Int
        var completion_tokens: Int
        var total_tokens: Int
        init(_ costs: [StageCost]) {
            prompt_tokens = costs.reduce(0) { $0 + ($1.promptTokens ?? 0) }
            completion_tokens = costs.reduce(0) { $0 + ($1.completionTokens ?? 0) }
            total_tokens = prompt_tokens + completion_tokens
        }
    }

    struct Data_: Encodable {
        var prompt: String
        var adversarial_prompt: String?
        var label: String?
        var prompt_comment: String?
        var answer: String?
        var source: String?
    }

    struct Score: Encodable { var safety: Int; var behavioral: Double; var total: Double; var alpha: Double }

    struct JointResult: Encodable {
        var eval_response: String
        var safety: [String: String]
        var behavioral: [String: String]
        var score: Score
    }

    struct SequentialResult: Encodable {
        var safety: [String]
        var behavioral: [String]
        var score: Score
    }

    struct Evaluation: Encodable {
        var eval_prompt: String?
        var result: Either
        var usage: Usage
    }

    enum Either: Encodable {
        case joint(JointResult), sequential(SequentialResult)
        func encode(to encoder: Encoder) throws {
            switch self {
            case .joint(let value): try value.encode(to: encoder)
            case .sequential(let value): try value.encode(to: encoder)
            }
        }
    }

    struct Evaluated: Encodable {
        var data: Data_
        var prompt: String
        var response: String
        var thought: String?
        var eval: Evaluation
    }

    struct Generated: Encodable {
        var data: Data_
        var prompt: String
        var response: String
        var thought: String
        var usage: Usage
    }

    /// `avg` is `null` over no scored response (a set with no unsafe prompt has no unsafe
    /// subset): never a 0 that would read as a score of zero.
    struct Metric: Encodable { @JSONNullable var avg: Double?; var total: Double; var count: Int }

    static func specBench(_ stored: StoredEvalRun, out: String, force: Bool, store: ProjectStore) throws -> ExportSummary {
        let run = stored.run
        if FileManager.default.fileExists(atPath: out) && !force { throw ExportError.exists(out) }
        let items = Dictionary(try store.prompts(set: run.promptSet, revision: run.promptSetRevision).map { ($0.id, $0) },
                               uniquingKeysWith: { first, _ in first })
        // A prompt the model gave no answer to is `null` in generate.json, as SpecBench
        // writes a failed generation (src/generate_response.py): an empty response there
        // would be judged and scored by SpecBench's own pipeline.
        var generated: [Generated?] = []
        var evaluated: [Evaluated] = []
        var metrics: [String: (total: Double, count: Int)] = [:]
        var unscored = 0, unanswered = 0
        try store.forEachEvalResult(run: run.name) { result in
            let item = items[result.prompt] ?? PromptItem(id: result.prompt, prompt: result.asked, label: result.label)
            let data = Data_(prompt: item.prompt, adversarial_prompt: item.adversarialPrompt, label: item.label?.rawValue,
                             prompt_comment: item.comment, answer: item.answer, source: item.source)
            if let failure = result.failure, failure.stage != "judge" {
                generated.append(nil)
                unanswered += 1
                return
            }
            generated.append(Generated(data: data, prompt: result.asked, response: result.response, thought: result.thought ?? "",
                                       usage: Usage(result.stages.filter { $0.stage != "judge" })))
            guard let judge = result.judge, let score = result.score else { unscored += 1; return }
            let scores = Score(safety: score.safety, behavioral: score.behavioral, total: score.total, alpha: ResponseScore.alpha)
            let judgeUsage = Usage(result.stages.filter { $0.stage == "judge" })
            let evaluation: Evaluation
            switch judge.protocol {
            case .joint:
                func numbered(_ list: [Judgement]) -> [String: String] {
                    Dictionary(uniqueKeysWithValues: list.enumerated().map { (String($0.offset + 1), $0.element.verdict.rawValue) })
                }
                let prompt = SpecBenchJointJudgePrompt.user(
                    safety: run.safety.map(\.text), behavioral: run.behavioral.map(\.text), query: item.prompt,
                    response: String(String.UnicodeScalarView(result.response.unicodeScalars.prefix(run.responseLimit))),
                    comment: JudgeComment.joint(label: item.label, promptComment: item.comment, answer: item.answer))
                evaluation = Evaluation(eval_prompt: prompt, result: .joint(JointResult(
                    eval_response: ReasoningSplit.split(judge.replies.last ?? "").answer, safety: numbered(judge.safety),
                    behavioral: numbered(judge.behavioral), score: scores)), usage: judgeUsage)
            case .sequential:
                evaluation = Evaluation(eval_prompt: nil, result: .sequential(SequentialResult(
                    safety: judge.safety.map { "<\($0.verdict.rawValue)>" }, behavioral: judge.behavioral.map { "<\($0.verdict.rawValue)>" },
                    score: scores)), usage: judgeUsage)
            }
            evaluated.append(Evaluated(data: data, prompt: result.asked, response: result.response, thought: result.thought ?? "", eval: evaluation))
            for group in ["full_dataset"] + (item.label.map { ["\($0.rawValue)_subset"] } ?? []) {
                for (metric, value) in [("safety", Double(score.safety)), ("behavioral", score.behavioral), ("SAR", score.total)] {
                    metrics["\(group)_\(metric)", default: (0, 0)].total += value
                    metrics["\(group)_\(metric)", default: (0, 0)].count += 1
                }
            }
        }
        // SpecBench's score file has an average for every group; over no scored response it
        // would read 0, a score of zero. Refused before anything is written.
        guard !evaluated.isEmpty else {
            throw ExportError("run \(run.name) has no scored response (\(unscored + unanswered) unscored): SpecBench's \(run.judgeModel.split(separator: "/").last.map(String.init) ?? run.judgeModel)_score.json "
                              + "would read 0 for a run that was never scored; nothing written. tenet eval show \(run.name) says why; "
                              + "--format jsonl exports its results as they are")
        }
        do { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
            throw ExportError("\(out): cannot create the folder: \(error.localizedDescription)")
        }
        var scoreFile: [String: Metric] = [:]
        for group in ["full_dataset", "unsafe_subset", "safe_subset"] {
            for metric in ["safety", "behavioral", "SAR"] {
                let (total, count) = metrics["\(group)_\(metric)"] ?? (0, 0)
                scoreFile["\(group)_\(metric)"] = Metric(avg: count == 0 ? nil : total / Double(count), total: total, count: count)
            }
        }
        let judge = String(run.judgeModel.split(separator: "/").last ?? Substring(run.judgeModel))
        let pretty = JSONEncoder()
        pretty.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        func text<T: Encodable>(_ value: T) throws -> String { String(decoding: try pretty.encode(value), as: UTF8.self) + "\n" }
        try AtomicFile.write(try text(generated), to: out + "/generate.json", force: true)
        try AtomicFile.write(Self.numberedKeysInOrder(try text(evaluated)), to: out + "/\(judge)_evaluate.json", force: true)
        try AtomicFile.write(try text(scoreFile), to: out + "/\(judge)_score.json", force: true)
        let sar = scoreFile["full_dataset_SAR"]?.avg ?? 0
        return ExportSummary(count: evaluated.count, format: "specbench", target: out,
                             message: "exported \(counted(evaluated.count, "evaluated response")) of \(run.name) (specbench: generate.json, \(judge)_evaluate.json, \(judge)_score.json) to \(out); SAR \(String(format: "%.4f", sar))"
                                 + (unscored > 0 ? "; \(unscored) judge failure\(unscored == 1 ? "" : "s") left out of the evaluation and the scores" : "")
                                 + (unanswered > 0 ? "; \(unanswered) prompt\(unanswered == 1 ? "" : "s") the model gave no answer to, null in generate.json" : ""))
    }

    /// Pretty-printed JSON with every run of lines that are numbered keys (`"10" : "YES",`)
    /// in numeric order: a joint verdict list is an object keyed "1"…"N" in SpecBench's
    /// files, and read by position (`list(result["behavioral"].values())`), but an encoder
    /// with sorted keys writes "1", "10", "11", "2" … Only the lines of such a run move;
    /// their values (a verdict) hold no line break.
    static func numberedKeysInOrder(_ json: String) -> String {
        var lines = json.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func numbered(_ line: String) -> (indent: Int, number: Int)? {
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            guard rest.first == "\"", let close = rest.dropFirst().firstIndex(of: "\""),
                  let number = Int(rest[rest.index(after: rest.startIndex)..<close]), rest[close...].hasPrefix("\" : ") else { return nil }
            return (indent, number)
        }
        var i = 0
        while i < lines.count {
            guard let first = numbered(lines[i]) else { i += 1; continue }
            var end = i + 1
            while end < lines.count, let next = numbered(lines[end]), next.indent == first.indent { end += 1 }
            // The run's last line has a comma when more keys follow it in its object.
            let lastHasComma = lines[end - 1].hasSuffix(",")
            let run = lines[i..<end].map { line in line.hasSuffix(",") ? String(line.dropLast()) : line }
                .sorted { numbered($0)!.number < numbered($1)!.number }
            for (k, line) in run.enumerated() { lines[i + k] = k < run.count - 1 || lastHasComma ? line + "," : line }
            i = end
        }
        return lines.joined(separator: "\n")
    }
}
