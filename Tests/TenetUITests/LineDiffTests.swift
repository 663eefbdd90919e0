import Testing
import TenetSpec
@testable import TenetUI

/// The review screen's line diff of an edited answer: a shortest edit script, removed
/// lines before added ones, and big answers with a few edits diffed rather than given up.
@Suite struct LineDiffTests {
    typealias Line = LineDiff.Line

    @Test func anEditShowsRemovedThenAddedBetweenCommonLines() throws {
        let diff = try #require(LineDiff.lines("a\nb\nc\nd", "a\nB\nC\nd\ne"))
        #expect(diff == [.same("a"), .removed("b"), .removed("c"), .added("B"), .added("C"), .same("d"), .added("e")])
        #expect(LineDiff.lines("same\ntext", "same\ntext") == [.same("same"), .same("text")])
        #expect(LineDiff.lines("", "new") == [.removed(""), .added("new")])
        #expect(LineDiff.lines("x\ny", "y") == [.removed("x"), .same("y")])
    }

    /// On random edits of random texts (few distinct lines, so many ways to align): the
    /// diff gives back both texts and keeps a longest common subsequence of lines.
    @Test func randomEditsRebuildBothTextsWithAsManyCommonLinesAsPossible() throws {
        var random = SeededRandom(seed: 21)
        for _ in 0..<400 {
            let old = (0..<Int(random.next() % 12)).map { _ in String(random.next() % 4) }
            var new = old
            for _ in 0..<Int(random.next() % 5) {
                let at = new.isEmpty ? 0 : Int(random.next() % UInt64(new.count))
                switch random.next() % 3 {
                case 0 where !new.isEmpty: new.remove(at: at)
                case 1: new.insert(String(random.next() % 5), at: at)
                default: if !new.isEmpty { new[at] = String(random.next() % 5) }
                }
            }
            let diff = try #require(LineDiff.lines(old.joined(separator: "\n"), new.joined(separator: "\n")))
            let oldLines = old.isEmpty ? [""] : old, newLines = new.isEmpty ? [""] : new
            var before: [String] = [], after: [String] = [], common = 0
            for line in diff {
                switch line {
                case .same(let text): before.append(text); after.append(text); common += 1
                case .removed(let text): before.append(text)
                case .added(let text): after.append(text)
                }
            }
            #expect(before == oldLines && after == newLines, "\(old) → \(new)")
            #expect(common == Self.longestCommon(oldLines, newLines), "\(old) → \(new): \(diff)")
        }
    }

    /// Once, a 200,000-line answer was shown without a diff (a million line pairs was the
    /// limit); a few edits in it now give a diff. Texts with nothing in common beyond the
    /// limit still fall back to the plain text.
    @Test func bigAnswersWithFewEditsAreDiffedAndUnrelatedOnesAreNot() throws {
        let old = (0..<200_000).map { "line \($0)" }
        var new = old
        new[10] = "changed"
        new.insert("inserted", at: 100_000)
        new.remove(at: 190_000)
        let diff = try #require(LineDiff.lines(old.joined(separator: "\n"), new.joined(separator: "\n")))
        #expect(diff.count == 200_002)
        #expect(diff.filter { if case .same = $0 { false } else { true } } == [.removed("line 10"), .added("changed"), .added("inserted"), .removed("line 189999")])
        let other = (0..<5_000).map { "other \($0)" }
        #expect(LineDiff.lines(old.prefix(5_000).joined(separator: "\n"), other.joined(separator: "\n")) == nil)
        // Lines moved far apart: more edits than the limit, however the greedy match runs.
        let reversed = old.prefix(3_000).reversed().joined(separator: "\n")
        #expect(LineDiff.lines(old.prefix(3_000).joined(separator: "\n"), reversed) == nil)
    }

    /// The length of a longest common subsequence, by the textbook table (small inputs only).
    static func longestCommon(_ a: [String], _ b: [String]) -> Int {
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        return table[0][0]
    }
}
