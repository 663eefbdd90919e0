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
        // 2. Identical text: old rules with the same text are taken in order.
        var byText: [String: (olds: [Int], next: Int)] = [:]
        for o in old.indices where freeOld.contains(o) { byText[normalized(old[o].text), default: ([], 0)].olds.append(o) }
        for n in new.indices where freeNew.contains(n) {
            let key = normalized(new[n].text)
            guard !key.isEmpty, let entry = byText[key], entry.next < entry.olds.count else { continue }
            pair(entry.olds[entry.next], n, .text)
            byText[key]!.next += 1
        }
        // 3. Generated IDs that agree.
        var generatedOld: [String: Int] = [:]
        for o in old.indices where freeOld.contains(o) && !old[o].explicitID { generatedOld[old[o].id] = o }
        for n in new.indices where freeNew.contains(n) && !new[n].explicitID {
            if let o = generatedOld[new[n].id], freeOld.contains(o) { pair(o, n, .generatedID) }
        }
        // 4. Similar wording, best pairs first.
        let similar = SimilarWording(old: freeOld.sorted().map { ($0, words(old[$0])) },
                                     new: freeNew.sorted().map { ($0, words(new[$0])) })
        for candidate in similar.pairs(threshold: SpecDiff.similarityThreshold)
            .sorted(by: { ($0.score, -$0.new, -$0.old) > ($1.score, -$1.new, -$1.old) })
        where freeOld.contains(candidate.old) && freeNew.contains(candidate.new) {
            pair(candidate.old, candidate.new, .similarity)
        }
        return matches
    }

    private static func normalized(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }

    private static func words(_ rule: Rule) -> [String] {
        (rule.title + " " + rule.text).lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
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
