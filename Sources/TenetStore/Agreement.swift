/// Inter-annotator agreement on nominal labels (accept, reject, flag, tie).
public enum Agreement {
    /// Cohen's κ for two annotators over the items both labelled: `(p_o − p_e) / (1 − p_e)`.
    /// `nil` with no shared items, or when chance agreement is already certain (both
    /// always gave the same one label), where κ is undefined.
    public static func cohensKappa<Label: Hashable>(_ pairs: [(Label, Label)]) -> Double? {
        guard !pairs.isEmpty else { return nil }
        let n = Double(pairs.count)
        let observed = Double(pairs.filter { $0.0 == $0.1 }.count) / n
        var first: [Label: Double] = [:], second: [Label: Double] = [:]
        for (a, b) in pairs {
            first[a, default: 0] += 1
            second[b, default: 0] += 1
        }
        let expected = first.reduce(0.0) { $0 + ($1.value / n) * ((second[$1.key] ?? 0) / n) }
        guard expected < 1 else { return nil }
        return (observed - expected) / (1 - expected)
    }

    /// Krippendorff's α for nominal data: `1 − D_o / D_e` from the coincidence matrix of
    /// the units with two or more labels (any number of annotators, missing labels allowed).
    /// `nil` when fewer than two labels are pairable or all are the same value.
    public static func krippendorffAlpha<Label: Hashable>(_ units: [[Label]]) -> Double? {
        var coincidence: [Label: [Label: Double]] = [:]
        for unit in units where unit.count >= 2 {
            let weight = 1.0 / Double(unit.count - 1)
            for i in unit.indices {
                for j in unit.indices where i != j {
                    coincidence[unit[i], default: [:]][unit[j], default: 0] += weight
                }
            }
        }
        let totals = coincidence.mapValues { $0.values.reduce(0, +) }
        let n = totals.values.reduce(0, +)
        guard n > 1 else { return nil }
        var disagreement = 0.0
        for (c, row) in coincidence { for (k, count) in row where c != k { disagreement += count } }
        var expected = 0.0
        for (c, nc) in totals { for (k, nk) in totals where c != k { expected += nc * nk } }
        guard expected > 0 else { return nil }
        return 1 - (n - 1) * disagreement / expected
    }
}
