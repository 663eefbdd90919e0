import Testing
@testable import TenetStore

/// Agreement figures against values worked out by hand.
@Suite struct AgreementTests {
    @Test func cohensKappaByHand() throws {
        // 10 items: both accept 4, both reject 3, A accept/B reject 2, A reject/B accept 1.
        // p_o = 7/10; A accepts 6/10, B accepts 5/10: p_e = .6·.5 + .4·.5 = .5; κ = .2/.5 = .4
        let pairs = Array(repeating: ("accept", "accept"), count: 4) + Array(repeating: ("reject", "reject"), count: 3)
            + Array(repeating: ("accept", "reject"), count: 2) + [("reject", "accept")]
        #expect(abs(try #require(Agreement.cohensKappa(pairs)) - 0.4) < 1e-12)
        #expect(Agreement.cohensKappa([("a", "a"), ("b", "b")]) == 1)
        #expect(Agreement.cohensKappa([("a", "b"), ("b", "a")]) == -1)
        #expect(Agreement.cohensKappa([("a", "a"), ("a", "a")]) == nil, "undefined when chance agreement is 1")
        #expect(Agreement.cohensKappa([(String, String)]()) == nil)
    }

    @Test func krippendorffAlphaByHand() throws {
        // Two coders, 4 units: (a,a) (a,b) (b,b) (b,b). Coincidences: o_aa = 2, o_ab = o_ba = 1,
        // o_bb = 4; n_a = 3, n_b = 5, n = 8. α = 1 − (n−1)·(o_ab+o_ba) / (n_a·n_b + n_b·n_a)
        //   = 1 − 7·2 / 30 = 8/15.
        let units = [["a", "a"], ["a", "b"], ["b", "b"], ["b", "b"]]
        #expect(abs(try #require(Agreement.krippendorffAlpha(units)) - 8.0 / 15.0) < 1e-12)
        // Three coders on one unit with a missing value elsewhere: units of one label are ignored.
        // (a,a,b): pairs a–a ×2, a–b ×2, b–a ×2, weight 1/2 each → o_aa = 1, o_ab = o_ba = 1;
        // (b,b): o_bb = 2. n_a = 2, n_b = 3, n = 5. α = 1 − 4·2 / (2·3·2) = 1 − 8/12 = 1/3.
        let mixed = [["a", "a", "b"], ["b", "b"], ["a"]]
        #expect(abs(try #require(Agreement.krippendorffAlpha(mixed)) - 1.0 / 3.0) < 1e-12)
        #expect(Agreement.krippendorffAlpha([["a", "a"], ["b", "b"]]) == 1)
        #expect(Agreement.krippendorffAlpha([["a", "a"], ["a", "a"]]) == nil, "no variation: undefined")
        #expect(Agreement.krippendorffAlpha([["a"]]) == nil)
    }

    @Test func kappaAndAlphaDifferWhenTheCodersMarginalsDiffer() throws {
        // 100 items: x–x 40, y–y 40, x–y 20 (A says x 60 times, B 40 times).
        // κ: p_o = .8, p_e = .6·.4 + .4·.6 = .48 → κ = .32/.52 = 8/13.
        // α pools the marginals: o_xy = o_yx = 20, n_x = n_y = 100, n = 200 →
        //   α = 1 − 199·40 / (2·100·100) = 0.602.
        let pairs = Array(repeating: ("x", "x"), count: 40) + Array(repeating: ("y", "y"), count: 40) + Array(repeating: ("x", "y"), count: 20)
        #expect(abs(try #require(Agreement.cohensKappa(pairs)) - 8.0 / 13.0) < 1e-12)
        #expect(abs(try #require(Agreement.krippendorffAlpha(pairs.map { [$0.0, $0.1] })) - 0.602) < 1e-12)
    }
}
