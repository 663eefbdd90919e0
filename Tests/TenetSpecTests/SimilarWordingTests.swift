import Testing
@testable import TenetSpec

/// The diff's similar-wording step: exact against comparing every pair while under its
/// budget, and bounded when every rule shares words with every other.
@Suite struct SimilarWordingTests {
    typealias Rules = [(index: Int, words: [String])]

    /// Every pair at or above the threshold, each new rule's best ``keptPerRule`` (of
    /// equals, the nearest its place).
    static func everyPair(_ old: Rules, _ new: Rules, threshold: Double) -> Set<String> {
        var kept: Set<String> = []
        for (position, n) in new.enumerated() where !n.words.isEmpty {
            let mine = Set(n.words)
            let target = position * old.count / new.count
            var scored: [(score: Double, distance: Int, old: Int)] = []
            for (candidate, o) in old.enumerated() {
                let theirs = Set(o.words)
                let score = Double(mine.intersection(theirs).count) / Double(mine.union(theirs).count)
                if score >= threshold { scored.append((score, abs(candidate - target), o.index)) }
            }
            scored.sort { ($0.score, -$0.distance, -$0.old) > ($1.score, -$1.distance, -$1.old) }
            for s in scored.prefix(SimilarWording.keptPerRule) { kept.insert("\(s.old)-\(n.index)") }
        }
        return kept
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func findsWhatComparingEveryPairFinds(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        // Few words, some far commoner than others, so rules overlap at every degree.
        let vocabulary = (0..<40).map { "w\($0)" }
        func rule() -> [String] {
            (0..<random.int(in: 0...9)).map { _ in vocabulary[min(random.int(in: 0...39), random.int(in: 0...39))] }
        }
        let old: Rules = (0..<70).map { ($0 * 2, rule()) }
        let new: Rules = (0..<70).map { ($0 * 3, rule()) }
        for threshold in [0.5, 0.34, 0.8] {
            let found = SimilarWording(old: old, new: new).pairs(threshold: threshold)
            #expect(Set(found.map { "\($0.old)-\($0.new)" }) == Self.everyPair(old, new, threshold: threshold),
                    "seed \(seed), threshold \(threshold)")
            #expect(found.allSatisfy { $0.score >= threshold })
        }
    }

    @Test func prefixLengthsLeaveRoomForTheOverlapAndNoMore() {
        #expect(SimilarWording.prefixLength(1, threshold: 0.5) == 1)
        #expect(SimilarWording.prefixLength(4, threshold: 0.5) == 3)   // sharing 2 of 4 needs one of the first 3
        #expect(SimilarWording.prefixLength(5, threshold: 0.5) == 3)
        #expect(SimilarWording.prefixLength(10, threshold: 0.8) == 3)
    }

    /// 3,000 rules `{do, not, share, alpha, beta, xᵢ}` against as many with `yⱼ`: every
    /// pair overlaps by 5 of 7 words, nine million pairs. Each new rule is compared with
    /// its budget's worth, the nearest first, and keeps the nearest few.
    @Test func rulesThatAllShareTheirWordsCostTheBudgetNotTheSquare() {
        let count = 3000
        let old: Rules = (0..<count).map { ($0, ["do", "not", "share", "alpha", "beta", "x\($0)"]) }
        let new: Rules = (0..<count).map { ($0, ["do", "not", "share", "alpha", "beta", "y\($0)"]) }
        let found = SimilarWording(old: old, new: new).pairs(threshold: 0.5)
        #expect(found.count == count * SimilarWording.keptPerRule)
        #expect(found.allSatisfy { abs($0.old - $0.new) < SimilarWording.keptPerRule })
    }

    @Test func candidatesAreReadFromTheNearestOutwards() {
        #expect(Array(SimilarWording.NearestFirst([1, 4, 6, 9, 20], to: 5)) == [6, 4, 9, 1, 20])
        #expect(Array(SimilarWording.NearestFirst([1, 4], to: 50)) == [4, 1])
        #expect(Array(SimilarWording.NearestFirst([], to: 0)).isEmpty)
    }
}
