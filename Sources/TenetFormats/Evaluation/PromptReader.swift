import Foundation
import TenetSpec
import TenetStore

/// Reads prompts to evaluate on: SpecBench's `prompts.json` (an array of objects with
/// `prompt`, `adversarial_prompt`, `label` safe/unsafe, `prompt_comment`, `answer`), a
/// JSONL file of such objects (`{"prompt": …, "label"?: …, "id"?: …}`, one per line), a
/// spec's boundary examples, or reviewed pairs. A bad item is reported with its line and
/// what is wrong.
public enum PromptReader {
    /// A problem with one item of a file.
    public struct Problem: Error, Sendable, Equatable {
        public var line: Int
        public var message: String
        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }
    }

    /// Every problem of a file.
    public struct Problems: Error, Sendable, Equatable {
        public var list: [Problem]
    }

    /// What is wrong with one item.
    public struct ItemProblem: Error, Sendable, Equatable, ExpressibleByStringLiteral, CustomStringConvertible {
        public var message: String
        public init(_ message: String) { self.message = message }
        public init(stringLiteral value: String) { message = value }
        public var description: String { message }
    }

    /// One JSON object as a prompt. `number` is the item's place (from 1), its ID unless
    /// it has one; `source` names where it came from.
    public static func item(_ value: Any, number: Int, source: String) -> Result<PromptItem, ItemProblem> {
        guard let object = value as? [String: Any] else { return .failure("a prompt must be a JSON object") }
        func text(_ key: String) -> Result<String?, ItemProblem> {
            switch object[key] {
            case nil, is NSNull: return .success(nil)
            case let string as String: return .success(string)
            default: return .failure(ItemProblem("`\(key)` must be a string"))
            }
        }
        let known: Set<String> = ["id", "prompt", "adversarial_prompt", "label", "prompt_comment", "comment", "answer", "source"]
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            return .failure(ItemProblem("unknown key `\(unknown)` (known: \(known.sorted().joined(separator: ", ")))"))
        }
        do {
            guard let prompt = try text("prompt").get(), !prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                return .failure("`prompt` is missing or empty")
            }
            var label: PromptLabel?
            if let raw = try text("label").get() {
                guard let read = PromptLabel(rawValue: raw) else { return .failure(ItemProblem("`label` is `\(raw)`; it must be safe or unsafe")) }
                label = read
            }
            var id = String(number)
            switch object["id"] {
            case nil, is NSNull: break
            case let string as String where !string.isEmpty: id = string
            case let number as NSNumber: id = number.stringValue
            default: return .failure("`id` must be a non-empty string or a number")
            }
            let adversarial = try text("adversarial_prompt").get()
            let origin = try text("source").get()
            // The text check every stored text passes (as `import pairs` does): no NUL,
            // escape or other control character but tab, newline and CRLF.
            for key in ["prompt", "adversarial_prompt", "prompt_comment", "comment", "answer", "source"] {
                if let value = object[key] as? String, let problem = QualityCheck.textProblem(value, "`\(key)`", limit: nil) {
                    return .failure(ItemProblem(problem))
                }
            }
            // An ID is shown on its own (`eval show RUN --prompt ID`): one line, nothing a
            // terminal acts on, no bidi controls.
            if let problem = ShownName.problem(id, maximumLength: 256) { return .failure(ItemProblem("`id` \(problem)")) }
            return .success(PromptItem(id: id, prompt: prompt, adversarialPrompt: adversarial?.isEmpty == true ? nil : adversarial, label: label,
                                       comment: try text("prompt_comment").get() ?? text("comment").get(),
                                       answer: object["answer"] is String ? object["answer"] as? String : nil,
                                       source: source + (origin.map { " (\($0))" } ?? "")))
        } catch let problem as ItemProblem {
            return .failure(problem)
        } catch {
            return .failure(ItemProblem("\(error)"))
        }
    }

    /// One line of a JSONL file.
    public static func jsonLine(_ line: String, number: Int, file: String, ordinal: Int) -> Result<PromptItem, Problem> {
        // The store's parser says where and why a line is not JSON (a lone surrogate, a key
        // twice), as `import pairs` does; Foundation's only that it is not.
        if let (offset, reason) = JSONValue.syntaxError(in: Data(line.utf8)) {
            return .failure(Problem(line: number, message: "not valid JSON at byte \(offset + 1): \(reason)"))
        }
        guard let value = try? JSONSerialization.jsonObject(with: Data(line.utf8)) else {
            return .failure(Problem(line: number, message: "not a JSON object"))
        }
        return item(value, number: ordinal, source: "\(file):\(number)").mapError { Problem(line: number, message: $0.message) }
    }

    /// The largest `prompts.json` read: 256 MiB (SpecBench's own is under 2 MiB; the
    /// whole file is in memory while it is read).
    public static let maximumSpecBenchBytes = 256 << 20
    /// The most prompts one set holds (SpecBench's own sets have hundreds).
    public static let maximumPrompts = 1_000_000

    /// SpecBench's `prompts.json`: a JSON array of prompt objects. Every problem is listed,
    /// with the line its object starts on.
    ///
    /// Read one element at a time: the whole file as Foundation's objects took about 80
    /// bytes of memory a byte (a 79 MB file aborted), and a file of more than
    /// ``maximumPrompts`` is refused at the element past it, as a JSONL set is, before any is
    /// read. An object that gives a key twice is refused, as in JSONL.
    public static func specBench(_ data: Data, file: String) -> Result<[PromptItem], Problems> {
        let bytes = [UInt8](data)
        if let bad = InputFile.invalidUTF8(in: bytes) {
            return .failure(Problems(list: [Problem(line: bad.line, message: bad.reason)]))
        }
        let notAnArray = "SpecBench's prompts.json is an array of objects with `prompt` and `label`"
        let scan = bytes.withUnsafeBufferPointer { ArrayElements.scan($0, limit: maximumPrompts) }
        guard let scan else {
            return .failure(Problems(list: [Problem(line: 1, message: "not a JSON array: \(notAnArray)")]))
        }
        if let line = scan.overLimitLine {
            return .failure(Problems(list: [Problem(line: line, message: "more than \(maximumPrompts) prompts; split them into several sets")]))
        }
        var items: [PromptItem] = []
        var problems = scan.problems.map { Problem(line: $0.line, message: "not JSON (\($0.reason)): \(notAnArray)") }
        var ids = Set<String>()
        items.reserveCapacity(scan.elements.count)
        for (index, element) in scan.elements.enumerated() {
            let line = element.line
            let json = Data(bytes[element.range])
            // The store's parser says where and why an element is not JSON, and refuses a
            // key given twice (Foundation keeps the last).
            if let (offset, reason) = JSONValue.syntaxError(in: json) {
                problems.append(Problem(line: line + bytes[element.range.lowerBound..<(element.range.lowerBound + offset)].count { $0 == 0x0A },
                                        message: "not JSON (\(reason)): \(notAnArray)"))
                continue
            }
            guard let value = try? JSONSerialization.jsonObject(with: json, options: [.fragmentsAllowed]) else {
                problems.append(Problem(line: line, message: "not JSON: \(notAnArray)"))
                continue
            }
            switch item(value, number: index + 1, source: "\(file):\(line)") {
            case .success(let read):
                if !ids.insert(read.id).inserted { problems.append(Problem(line: line, message: "prompt ID `\(read.id)` appears twice")) }
                items.append(read)
            case .failure(let problem): problems.append(Problem(line: line, message: problem.message))
            }
        }
        if scan.elements.isEmpty && problems.isEmpty { problems.append(Problem(line: 1, message: "the array holds no prompts")) }
        problems.sort { $0.line < $1.line }
        return problems.isEmpty ? .success(items) : .failure(Problems(list: problems))
    }

    /// The requests of a spec's boundary examples: for each conversation (examples of one
    /// `<comparison>` share theirs), the last user turn is the prompt and the turns before
    /// it its context. The label says whether answering helpfully is allowed, as SpecBench's
    /// does: `unsafe` when the example's rule is a safety rule and an answer to the request
    /// was judged BAD — the request probes the boundary; `safe` otherwise (a behavioral
    /// rule's request, or a safety rule's request with only good answers: the allowed side
    /// of the boundary). A GOOD answer becomes the reference answer.
    public static func fromSpec(_ spec: Spec) -> [PromptItem] {
        var items: [PromptItem] = []
        var index: [String: Int] = [:]
        for rule in spec.rules {
            for (number, example) in rule.examples.enumerated() {
                guard let lastUser = example.turns.lastIndex(where: { $0.role == "user" }) else { continue }
                let context = Array(example.turns[..<lastUser])
                let prompt = example.turns[lastUser].content
                let key = rule.id + "\u{1F}" + (context + [example.turns[lastUser]]).map { $0.role + ":" + $0.content }.joined(separator: "\u{1E}")
                let good = example.verdict == .good ? example.turns[(lastUser + 1)...].last { $0.role == "assistant" }?.content : nil
                let probe = rule.kind == .safety && example.verdict == .bad
                if let at = index[key] {
                    if probe { items[at].label = .unsafe; items[at].comment = nil }
                    if items[at].answer == nil, let good { items[at].answer = good }
                    continue
                }
                index[key] = items.count
                items.append(PromptItem(id: "\(rule.id)#\(number + 1)", prompt: prompt, context: context.isEmpty ? nil : context,
                                        label: probe ? .unsafe : .safe, answer: good,
                                        source: "spec \(spec.id) rule \(rule.id) example \(number + 1)", rule: rule.id))
            }
        }
        return items
    }

    /// The prompts of reviewed pairs (accepted or edited): the last user turn, the turns
    /// before it as context, the chosen answer as the reference answer. Labelled `unsafe`
    /// when the pair targets a safety rule with a probing strategy, `safe` when it targets a
    /// behavioral rule or its request was made to look risky while allowed (`safe-looking`).
    public static func fromPairs(_ pairs: [StoredPair], kinds: [String: RuleKind]) -> [PromptItem] {
        var seen = Set<String>()
        return pairs.compactMap { stored in
            let pair = stored.pair
            guard let lastUser = pair.prompt.lastIndex(where: { $0.role == "user" }) else { return nil }
            let key = pair.prompt.map { $0.role + ":" + $0.content }.joined(separator: "\u{1E}")
            guard seen.insert(key).inserted else { return nil }
            let rule = pair.rules.first
            let safety = rule.map { kinds[$0] == .safety } ?? false
            let context = Array(pair.prompt[..<lastUser])
            return PromptItem(id: pair.id, prompt: pair.prompt[lastUser].content, context: context.isEmpty ? nil : context,
                              label: safety && pair.strategy != "safe-looking" ? .unsafe : .safe, answer: pair.chosen,
                              source: "pair \(pair.id) (\(stored.status))", rule: rule)
        }
    }
}
