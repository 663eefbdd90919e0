/// Pairs the rules of two versions of a spec (see ``SpecDiff``).
enum RuleMatcher {
    struct Match: Sendable {
        var old: Int
        var new: Int
        var by: RuleChange.MatchedBy
    }

    static func match(_ old: [Rule], _ new: [Rule]) -> [Match] {
        var matches: [Match] = []
        var freeOld = Set(old.indices)
        var freeNew = Set(new.indices)
        func pair(_ o: Int, _ n: Int, _ by: RuleChange.MatchedBy) {
            matches.append(Match(old: o, new: n, by: by))
            freeOld.remove(o)
            freeNew.remove(n)
        }

        // 1. Explicit IDs written in both versions.
        var explicitOld: [String: Int] = [:]
        for (o, rule) in old.enumerated() where rule.explicitID && explicitOld[rule.id] == nil { explicitOld[rule.id] = o }
        for (n, rule) in new.enumerated() where rule.explicitID {
            if let o = explicitOld[rule.id], freeOld.contains(o) { pair(o, n, .id) }
        }
        // 2. Identical text.
        var byText: [String: [Int]] = [:]
        for o in old.indices where freeOld.contains(o) { byText[normalized(old[o].text), default: []].append(o) }
        for n in new.indices where freeNew.contains(n) {
            let key = normalized(new[n].text)
            guard !key.isEmpty, var candidates = byText[key], !candidates.isEmpty else { continue }
            pair(candidates.removeFirst(), n, .text)
            byText[key] = candidates
        }
        // 3. Generated IDs that agree.
        var generatedOld: [String: Int] = [:]
        for o in old.indices where freeOld.contains(o) && !old[o].explicitID { generatedOld[old[o].id] = o }
        for n in new.indices where freeNew.contains(n) && !new[n].explicitID {
            if let o = generatedOld[new[n].id], freeOld.contains(o) { pair(o, n, .generatedID) }
        }
        // 4. Similar wording, best pairs first. Candidates share at least one word that
        //    is not common to many rules, which keeps this near-linear on large specs.
        let oldWords = Dictionary(uniqueKeysWithValues: freeOld.map { ($0, words(old[$0])) })
        var index: [String: [Int]] = [:]
        for (o, set) in oldWords { for w in set { index[w, default: []].append(o) } }
        let common = max(50, freeOld.count / 10)
        var scored: [(score: Double, o: Int, n: Int)] = []
        for n in freeNew.sorted() {
            let mine = words(new[n])
            var candidates: Set<Int> = []
            for w in mine { if let list = index[w], list.count <= common { candidates.formUnion(list) } }
            for o in candidates {
                guard let theirs = oldWords[o] else { continue }
                let shared = mine.intersection(theirs).count
                let score = Double(shared) / Double(max(1, mine.union(theirs).count))
                if score >= SpecDiff.similarityThreshold { scored.append((score, o, n)) }
            }
        }
        for candidate in scored.sorted(by: { ($0.score, -$0.n, -$0.o) > ($1.score, -$1.n, -$1.o) })
        where freeOld.contains(candidate.o) && freeNew.contains(candidate.n) {
            pair(candidate.o, candidate.n, .similarity)
        }
        return matches
    }

    private static func normalized(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }

    private static func words(_ rule: Rule) -> Set<String> {
        Set((rule.title + " " + rule.text).lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
    }

    /// The members of a longest strictly increasing subsequence of `values` (patience
    /// sorting): the matched rules that kept their relative order. The others moved.
    static func longestIncreasingRun(_ values: [Int]) -> Set<Int> {
        var tails: [Int] = []          // index into values of the smallest tail of each length
        var previous = [Int](repeating: -1, count: values.count)
        for (i, v) in values.enumerated() {
            var low = 0, high = tails.count
            while low < high {
                let mid = (low + high) / 2
                if values[tails[mid]] < v { low = mid + 1 } else { high = mid }
            }
            if low > 0 { previous[i] = tails[low - 1] }
            if low == tails.count { tails.append(i) } else { tails[low] = i }
        }
        var result: Set<Int> = []
        var k = tails.last ?? -1
        while k >= 0 {
            result.insert(values[k])
            k = previous[k]
        }
        return result
    }
}
