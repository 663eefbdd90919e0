/// Makes an ``Instantiation`` of a spec under ``InstantiationControls``: pure and
/// deterministic — the controls' seed drives every choice through ``SeededRandom``.
///
/// 1. The pool: the spec's classified rules (unclassified too when asked), less those
///    excluded and those whose direction is unknown while their text is a bare behaviour
///    (``needsDirection(_:)``): rendered, such a rule reads as an instruction to do what
///    the spec may forbid. An empty pool is an error that says why and what to do. 2. The count: drawn from the range, clamped to the pool. 3. Rules asked
///    for with `include`. 4. Coverage: one rule from each top-level section (or family)
///    not yet represented, in a drawn order. 5. Balance: each further rule is of the kind
///    (and direction) that brings the sample closest to the target shares. 6. Order by
///    the conflict keys. 7. Parameter values, then placeholders filled. 8. A note for each
///    rule the rendered text leaves out (``Instantiation/unstated``).
public enum Instantiator {
    public static func instantiate(_ spec: Spec, revision: Int = 0, controls: InstantiationControls) throws(InstantiationError) -> Instantiation {
        try validate(spec, controls)
        var random = SeededRandom(seed: controls.seed)
        let drawn = random.int(in: controls.minRules...controls.maxRules)
        var notes: [String] = []

        let pool = Self.pool(spec, controls)
        let undirected = spec.rules.filter { needsDirection($0, in: spec.dialect) && !controls.exclude.contains($0.id) }
        if !undirected.isEmpty {
            notes.append(Self.undirectedNote(undirected))
        }
        if pool.isEmpty && controls.include.isEmpty { throw Self.emptyError(spec, controls, undirected: undirected) }
        var picked: [(rule: Rule, reason: String)] = []
        var pickedIDs = Set<String>()
        // What the balance asks of the picks so far, kept as they are made (counting the
        // picks for every candidate made drawing N of M rules take N × M steps).
        var safetyNow = 0, requireNow = 0, directedNow = 0
        // The pool's rules not yet picked, by their balance class (``BalanceClass``): the
        // balance's cost is the same for every rule of a class, so the best candidates are
        // whole classes, and one is drawn from them in pool order.
        var open = BalanceClass.Availability(pool)
        func take(_ rule: Rule, _ reason: String) {
            picked.append((rule, reason))
            pickedIDs.insert(rule.id)
            open.remove(id: rule.id)
            if rule.kind == .safety { safetyNow += 1 }
            if rule.direction == .require { requireNow += 1 }
            if rule.direction != nil { directedNow += 1 }
        }

        for id in controls.include {
            guard let rule = spec.rule(id), !pickedIDs.contains(id) else { continue }
            take(rule, "asked for (include)")
        }
        let count = max(picked.count, min(drawn, picked.count + open.count))
        if drawn > pool.count {
            notes.append("the range asked for \(drawn) rules; the spec has \(pool.count) to choose from")
        }

        // Targets: as asked, else the spec's own shares.
        let classified = pool.filter { $0.kind != .unclassified }
        let safetyTarget = controls.safetyShare ?? share(classified, where: { $0.kind == .safety })
        let directed = pool.filter { $0.direction != nil }
        let requireTarget = controls.requireShare ?? share(directed, where: { $0.direction == .require })

        /// How far a sample with `rule` added is from the target shares.
        func cost(_ safety: Bool, _ direction: Direction?) -> Double {
            let n = Double(picked.count + 1)
            let s = (Double(safetyNow) + (safety ? 1 : 0)) / n - safetyTarget
            var c = s * s
            if direction != nil {
                let r = (Double(requireNow) + (direction == .require ? 1 : 0)) / (Double(directedNow) + 1) - requireTarget
                c += 0.5 * r * r
            }
            return c
        }
        /// Why `choice` was drawn. When it moves the safety share away from the target
        /// because no rule on the other side is left to draw, the reason says so: "toward
        /// 25%" on a safety rule taken with every behavioral one drawn read as a mistake.
        func reason(_ choice: Rule) -> String {
            let safety = safetyNow + (choice.kind == .safety ? 1 : 0)
            let share = Double(safety) / Double(picked.count + 1)
            let away = choice.kind == .safety ? share > safetyTarget + 1e-9 : share < safetyTarget - 1e-9
            let otherLeft = BalanceClass.all.contains { $0.safety != (choice.kind == .safety) && open.count(of: $0) > 0 }
            return "balance: \(safety) of \(picked.count + 1) safety, toward \(percent(safetyTarget))"
                + (away && !otherLeft ? " (no \(choice.kind == .safety ? "other" : "safety") rule left to draw)" : "")
        }

        /// The candidate that moves the sample towards the target shares; ties drawn.
        func balanced(_ candidates: [Rule]) -> (Rule, String)? {
            guard !candidates.isEmpty else { return nil }
            let costs = candidates.map { cost($0.kind == .safety, $0.direction) }
            guard let best = costs.min() else { return nil }
            let ties = candidates.indices.filter { abs(costs[$0] - best) < 1e-12 }.map { candidates[$0] }
            guard let choice = random.element(of: ties) else { return nil }
            return (choice, reason(choice))
        }

        // Coverage.
        if controls.coverage != .none {
            let groupOf: (Rule) -> String? = controls.coverage == .sections ? { $0.path.first } : { $0.family }
            var groups: [String] = []
            var members: [String: [Rule]] = [:]
            for rule in pool {
                guard let g = groupOf(rule) else { continue }
                if members[g] == nil { groups.append(g) }
                members[g, default: []].append(rule)
            }
            var covered = Set(picked.compactMap { groupOf($0.rule) })
            var uncovered: [String] = []
            for group in random.shuffled(groups) {
                if covered.contains(group) { continue }
                guard picked.count < count else { uncovered.append(group); continue }
                if let (rule, _) = balanced((members[group] ?? []).filter { !pickedIDs.contains($0.id) }) {
                    take(rule, "covers \(controls.coverage == .sections ? "section" : "family") \(group)")
                    if let g = groupOf(rule) { covered.insert(g) }
                }
            }
            if !uncovered.isEmpty {
                notes.append("\(uncovered.count) \(controls.coverage.rawValue) left uncovered: \(count) rules cannot cover all \(groups.count)")
            }
        }

        // Balance: the best classes' rules not yet picked are the ties, in pool order.
        while picked.count < count {
            let costs = BalanceClass.all.map { open.count(of: $0) > 0 ? cost($0.safety, $0.direction) : .infinity }
            guard let best = costs.min(), best.isFinite else { break }
            let tied = BalanceClass.all.indices.filter { costs[$0].isFinite && abs(costs[$0] - best) < 1e-12 }.map { BalanceClass.all[$0] }
            let total = tied.reduce(0) { $0 + open.count(of: $1) }
            let rule = open.rule(at: random.int(in: 0...(total - 1)), among: tied)
            take(rule, reason(rule))
        }

        // Conflict order, then parameter values and placeholders.
        let position = Dictionary(spec.rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let ordered = picked.sorted { a, b in
            for key in controls.conflictOrder {
                let x = rank(a.rule, key, position), y = rank(b.rule, key, position)
                if x != y { return x < y }
            }
            return (position[a.rule.id] ?? 0) < (position[b.rule.id] ?? 0)
        }
        let parameters = values(spec, controls, &random)
        let filled = Dictionary(parameters.compactMap { p in p.value.map { (p.name, $0) } }, uniquingKeysWith: { a, _ in a })
        for p in parameters where p.source == .unset && ordered.contains(where: { $0.rule.placeholders.contains(p.name) }) {
            notes.append("parameter \(p.name) has no value, default or allowed values: {{\(p.name)}} stays in the text")
        }
        let declared = Set(spec.parameters.map(\.name))
        var undeclared: [String: [String]] = [:]
        for item in ordered { for name in item.rule.placeholders where !declared.contains(name) { undeclared[name, default: []].append(item.rule.id) } }
        for (name, users) in undeclared.sorted(by: { $0.key < $1.key }) {
            notes.append("{{\(name)}} (in \(users.joined(separator: ", "))) is no parameter of \(spec.id): it stays in the text; declare it in the spec's Parameters table")
        }
        let rules = ordered.map { item in
            InstantiatedRule(id: item.rule.id, title: fill(item.rule.title, filled), kind: item.rule.kind,
                             direction: item.rule.direction, priority: item.rule.priority, authority: item.rule.authority,
                             section: item.rule.path.first, family: item.rule.family, text: fill(item.rule.text, filled),
                             leadIn: item.rule.leadIn.map { fill($0, filled) }, permits: item.rule.permits ? true : nil,
                             reason: item.reason)
        }
        var instance = Instantiation(spec: spec.id, specTitle: spec.title, specRevision: revision, dialect: spec.dialect,
                                     controls: controls, drawnCount: drawn, parameters: parameters, rules: rules, notes: notes)
        for rule in instance.unstated {
            instance.notes.append("\(rule.id) is left out of the text: its direction is not annotated and its words do not say whether it is required or forbidden; set it with tenet rule set \(spec.id)/\(rule.id) --direction require|prohibit")
        }
        return instance
    }

    /// The rules an instance can draw from under `controls`: classified ones (unclassified
    /// too when let in), less those excluded and those that need a direction first.
    public static func pool(_ spec: Spec, _ controls: InstantiationControls) -> [Rule] {
        let excluded = Set(controls.exclude)
        return spec.rules.filter {
            !excluded.contains($0.id) && (controls.includeUnclassified || $0.kind != .unclassified) && !needsDirection($0, in: spec.dialect)
        }
    }

    /// A rule with no direction that an instance cannot give a model as it stands: its text
    /// is a bare behaviour (“Provide serious uplift to …”), which would read as an
    /// instruction to do what the spec may forbid, or a model would not be given it at all
    /// (``RuleStatement/stated(_:direction:leadIn:permits:authored:)`` leaves it out). It
    /// stays out of instances until someone says whether it is required or prohibited. A
    /// permission (“You may …”) states its own modality and is given as written.
    public static func needsDirection(_ rule: Rule, in dialect: Dialect?) -> Bool {
        guard rule.direction == nil, !rule.permits else { return false }
        return Polarity.isBareBehaviour(rule.text)
            || RuleStatement.stated(Instantiation.oneLine(rule.text), direction: nil, leadIn: rule.leadIn.map(Instantiation.oneLine),
                                    authored: dialect != .prose) == nil
    }

    private static func undirectedNote(_ rules: [Rule]) -> String {
        let ids = rules.prefix(3).map(\.id).joined(separator: ", ") + (rules.count > 3 ? ", …" : "")
        return "\(rules.count) rule\(rules.count == 1 ? "" : "s") left out: no direction, and the text alone reads as an instruction "
            + "(\(ids)); annotate with `tenet rule set ID --direction prohibit` (or require), or d in the workbench"
    }

    /// Why an instance would have no rules, and what to do about it.
    private static func emptyError(_ spec: Spec, _ controls: InstantiationControls, undirected: [Rule]) -> InstantiationError {
        let excluded = Set(controls.exclude)
        let candidates = spec.rules.filter { !excluded.contains($0.id) }
        guard !candidates.isEmpty else {
            if spec.rules.isEmpty {
                return InstantiationError(message: "\(spec.id) has no rules to sample: Tenet found none in it (see tenet parse and tenet lint); "
                    + "write each requirement as a rule heading, a bullet or a sentence that says what the assistant should or must not do")
            }
            return InstantiationError(message: "every rule of \(spec.id) is excluded; drop some --exclude")
        }
        var why: [String] = []
        var todo: [String] = []
        let unclassified = candidates.filter { $0.kind == .unclassified }.count
        if unclassified > 0 && !controls.includeUnclassified {
            why.append("\(unclassified) of its \(candidates.count) rules are unclassified")
            todo.append("classify them (`tenet rule set ID --kind safety|behavioral`, s or b in the workbench, or a `kinds:` map in the spec's front matter)")
            todo.append("let unclassified rules in (--unclassified, U in the workbench)")
        }
        if !undirected.isEmpty {
            why.append("\(undirected.count) have no direction and read as bare behaviours")
            todo.append("give them a direction (`tenet rule set ID --direction prohibit|require`, d in the workbench)")
        }
        return InstantiationError(message: "an instance of \(spec.id) would have no rules: " + why.joined(separator: "; ")
            + ". To fix it: " + todo.joined(separator: "; or ") + ".")
    }

    private static func validate(_ spec: Spec, _ controls: InstantiationControls) throws(InstantiationError) {
        guard controls.minRules >= 1, controls.minRules <= controls.maxRules else {
            throw InstantiationError(message: "rule count \(controls.minRules)..\(controls.maxRules) is not a range of at least 1 rule; write e.g. --rules 8..13")
        }
        for (label, share) in [("safety share", controls.safetyShare), ("require share", controls.requireShare)] {
            if let share, !(0...1).contains(share) {
                throw InstantiationError(message: "\(label) \(share) is not between 0 and 1")
            }
        }
        for id in controls.include + controls.exclude where spec.rule(id) == nil {
            throw InstantiationError(message: "no rule `\(id)` in \(spec.id); see tenet rule list --spec \(spec.id)")
        }
        if let both = controls.include.first(where: controls.exclude.contains) {
            throw InstantiationError(message: "rule `\(both)` is both included and excluded")
        }
        for (name, value) in controls.parameters.sorted(by: { $0.key < $1.key }) {
            guard let parameter = spec.parameters.first(where: { $0.name == name }) else {
                let known = spec.parameters.map(\.name)
                throw InstantiationError(message: "\(spec.id) has no parameter `\(name)`; it has: \(known.isEmpty ? "none" : known.joined(separator: ", "))")
            }
            if !parameter.values.isEmpty, !parameter.values.contains(value) {
                throw InstantiationError(message: "`\(value)` is not a value of \(name); allowed: \(parameter.values.joined(separator: ", "))")
            }
        }
    }

    private static func values(_ spec: Spec, _ controls: InstantiationControls, _ random: inout SeededRandom) -> [ParameterValue] {
        spec.parameters.map { parameter in
            if let given = controls.parameters[parameter.name] { return ParameterValue(name: parameter.name, value: given, source: .given) }
            if let value = parameter.defaultValue { return ParameterValue(name: parameter.name, value: value, source: .default) }
            if let value = random.element(of: parameter.values) { return ParameterValue(name: parameter.name, value: value, source: .drawn) }
            return ParameterValue(name: parameter.name, value: nil, source: .unset)
        }
    }

    /// `{{name}}` replaced by its value where it has one.
    static func fill(_ text: String, _ values: [String: String]) -> String {
        guard text.contains("{{") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else { out += rest[open.lowerBound...]; return out }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: [" "])
            out += values[name] ?? String(rest[open.lowerBound..<close.upperBound])
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    private static func rank(_ rule: Rule, _ key: ConflictKey, _ position: [String: Int]) -> Int {
        switch key {
        case .kind: return rule.kind == .safety ? 0 : rule.kind == .behavioral ? 1 : 2
        case .priority: return rule.priority ?? Int.max
        case .authority:
            guard let authority = rule.authority else { return Int.max }
            return Authority.allCases.firstIndex(of: authority) ?? Int.max
        case .document: return position[rule.id] ?? Int.max
        }
    }

    private static func share(_ rules: [Rule], where test: (Rule) -> Bool) -> Double {
        rules.isEmpty ? 0.5 : Double(rules.filter(test).count) / Double(rules.count)
    }

    private static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
}

private extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
