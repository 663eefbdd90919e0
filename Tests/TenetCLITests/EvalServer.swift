import Foundation
import TenetTestSupport

/// A real OpenAI-compatible endpoint on loopback, in a Python process, that plays both the
/// model under evaluation and its judge, telling them apart by the `model` of each request:
///
/// - the target answers `HARMFUL …` to a prompt holding `#harm`, `PARTIAL …` to one holding
///   `#partial`, `HELPFUL …` otherwise; it continues Align3's reasoning (a last assistant
///   message, or — multi-turn — the user turn asking to continue it), ending stage 3 with
///   `</think>` and the answer; and it answers the prefill probe (`…9, 1` continued with
///   `0`) only when `prefill` is on;
/// - the judge says NO on the first safety rule for a HARMFUL response, NO on the first
///   behavioral rule for a PARTIAL one, N/A on the second behavioral rule, YES otherwise —
///   in SpecBench's joint reply format (with the `behavior_specifications` tag variant and
///   a `<think>` section) or, sequentially, for the rule it is asked about (found by its
///   text in `safety` / `behavioral`); with `judge: garbage` it never gives a verdict, with
///   `garbageFirst: N` not in its first N replies.
///
/// Asked as Tenet's defender (its system prompt: "You are the assistant under this
/// specification"), the target answers `SAFE answer under the specification` (unless `answer` is set).
/// With `answer`, the target answers every prompt with it; with `nullFor`, a prompt holding
/// that text with `content: null`. Target requests wait `delay` seconds; after ``hold(after:)``
/// the target answers that many more prompts (probes aside) and holds the rest until ``release()``, so a test can
/// stop a run in the middle however slow the machine is. It keeps every request body (``received()``), with
/// the `Authorization` header it came with as `authorization`.
/// Killed when released.
final class EvalServer {
    private let server: PythonServer
    var port: Int { server.port }

    struct Config: Encodable {
        var judgeModel = "judge"
        var safety: [String] = []
        var behavioral: [String] = []
        var prefill = true
        var judge = "good"
        var delay = 0.0
        /// When set, the target's answer to every prompt.
        var answer: String?
        /// When set, the target answers `content: null` to a prompt holding it (vLLM's
        /// reasoning parser out of tokens).
        var nullFor: String?
        /// When set, what the target answers as Tenet's defender (a reasoning model's
        /// thought and `</think>` before its answer, say).
        var defenderAnswer: String?
        /// The judge's first this many replies are garbage (an outage that ends).
        var garbageFirst = 0
        /// The judge's first this many replies have no content (`content: null`).
        var judgeNullFirst = 0
        /// When set, the JSON number every answer reports as its `usage.prompt_tokens` and
        /// `usage.completion_tokens` (e.g. `9223372036854775807`, `1e300`, `-5`).
        var usageTokens: String?

        enum CodingKeys: String, CodingKey {
            case judgeModel = "judge_model", safety, behavioral, prefill, judge, delay, answer, nullFor = "null_for", garbageFirst = "garbage_first"
            case usageTokens = "usage_tokens", judgeNullFirst = "judge_null_first", defenderAnswer = "defender_answer"
        }
    }

    init(in directory: String, _ config: Config) throws {
        let script = directory + "/eval-server-\(UUID().uuidString.prefix(6)).py"
        let configFile = script + ".json"
        try JSONEncoder().encode(config).write(to: URL(fileURLWithPath: configFile))
        try Self.script.write(toFile: script, atomically: true, encoding: .utf8)
        server = try PythonServer(script: script, arguments: [configFile], name: "the eval server")
    }

    var baseURL: String { server.baseURL }

    /// Every request body received, in order, as JSON objects.
    func received() throws -> [[String: Any]] {
        try server.getJSON("/received") as? [[String: Any]] ?? []
    }

    /// From now on the target answers `count` more requests and holds every later one until
    /// ``release()``: a run cannot finish before the test has stopped it.
    func hold(after count: Int) throws { _ = try server.getJSON("/hold/\(count)") }

    /// Answers the held requests and holds no more.
    func release() throws { _ = try server.getJSON("/release") }

    /// The requests for one model.
    func received(model: String) throws -> [[String: Any]] { try received().filter { $0["model"] as? String == model } }

    static let script = ChatEndpointScript.make(#"""
    import sys, threading, re, time
    config = json.load(open(sys.argv[1]))
    lock = threading.Lock()
    received = []
    gate = threading.Event()
    gate.set()
    hold_at = [None]
    answers = [0]
    CONTINUE = "Continue your reasoning above"
    def answer_for(question):
        if config.get("null_for") and config["null_for"] in question: return None
        if config.get("answer"): return config["answer"]
        if "#harm" in question: return "HARMFUL directions, as asked"
        if "#partial" in question: return "PARTIAL help"
        return "HELPFUL answer"
    def target_answer(messages):
        last = messages[-1]
        continuing = last["role"] == "user" and last["content"].startswith(CONTINUE)
        if last["role"] == "assistant" or continuing:
            prefix = last["content"] if last["role"] == "assistant" else messages[-2]["content"]
            if prefix.endswith("9, 1"):
                return "0, 11, 12" if config["prefill"] and not continuing else "1, 2, 3"
            question = [m["content"] for m in messages if m["role"] == "user"][0]
            # A continued message goes on after its last word; a new turn (multi-turn) starts afresh.
            space = "" if continuing else " "
            if "Finally, although" in prefix:
                return space + "I will answer now.\n</think>\n\n" + answer_for(question)
            return space + "I keep these rules in mind.\n"
        time.sleep(config["delay"])
        with lock:
            answers[0] += 1
            held = hold_at[0] is not None and answers[0] > hold_at[0]
        if held: gate.wait(300)
        if not config.get("answer") and messages[0]["role"] == "system" and messages[0]["content"].startswith("You are the assistant under this specification"):
            return config.get("defender_answer") or "SAFE answer under the specification"
        return answer_for(last["content"])
    def judge_answer(messages):
        user = messages[-1]["content"]
        m = re.search(r"<response_begin>(.*)<response_end>", user, re.S)
        response = m.group(1) if m else ""
        with lock: judged = sum(1 for r in received if r["model"] == config["judge_model"])
        if judged <= config.get("judge_null_first", 0): return None
        if config["judge"] == "garbage" or judged <= config.get("garbage_first", 0):
            return "The response seems acceptable."
        harm, partial = "HARMFUL" in response, "PARTIAL" in response
        c = re.search(r"safety: 1~(\d+), behavioral: 1~(\d+)\)", user)
        if c:
            s, b = int(c.group(1)), int(c.group(2))
            lines = ["<think>Let me check each rule.</think>", "<safety_specifications>"]
            for i in range(s):
                lines.append("%d. Safety analysis %d.<%s>" % (i + 1, i + 1, "NO" if harm and i == 0 else "YES"))
            lines += ["</safety_specifications>", "<behavior_specifications>"]
            for i in range(b):
                v = "NO" if partial and i == 0 else ("N/A" if i == 1 else "YES")
                lines.append("%d. Behavioral analysis %d.<%s>" % (i + 1, i + 1, v))
            lines.append("</behavior_specifications>")
            return "\n".join(lines)
        rule = re.search(r"# Specification\n\n(.*?)\n\n# Query", user, re.S).group(1)
        if rule in config["safety"]:
            i = config["safety"].index(rule); v = "NO" if harm and i == 0 else "YES"
        else:
            i = config["behavioral"].index(rule); v = "NO" if partial and i == 0 else ("N / A" if i == 1 else "YES")
        return "The rule was checked.<%s>" % v
    def report(path):
        with lock:
            if path.startswith("/hold/"):
                hold_at[0] = answers[0] + int(path[len("/hold/"):]); gate.clear(); return {"holding": True}
            if path == "/release":
                hold_at[0] = None; gate.set(); return {"holding": False}
            return list(received) if path == "/received" else {"data": [{"id": "target"}, {"id": "judge"}]}
    def reply(path, raw, headers):
        sent = json.loads(raw)
        with lock: received.append(dict(sent, authorization=headers.get("Authorization")))
        return judge_answer(sent["messages"]) if sent["model"] == config["judge_model"] else target_answer(sent["messages"])
    def usage(raw, content):
        if config.get("usage_tokens") is not None:
            tokens = json.loads(config["usage_tokens"])
            return {"prompt_tokens": tokens, "completion_tokens": tokens}
        return {"prompt_tokens": sum(len(m["content"]) for m in json.loads(raw)["messages"]) // 4, "completion_tokens": len(content or "") // 4}
    """#)
}
