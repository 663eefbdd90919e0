import TenetSpec
import TenetStore

/// The texts of a pair that an export line is made of, each appended as a JSON string
/// literal: escaped from a decoded pair, or copied from a stored snapshot whose literals
/// are already escaped the same way (``PairSnapshotText``) — the same bytes either way.
protocol PairLineText {
    var turnCount: Int { get }
    func role(_ turn: Int, into out: inout [UInt8])
    func content(_ turn: Int, into out: inout [UInt8])
    /// Appends the turn's name; `false` (nothing appended) when it has none.
    func name(_ turn: Int, into out: inout [UInt8]) -> Bool
    func chosen(into out: inout [UInt8])
    func rejected(into out: inout [UInt8])
    func id(into out: inout [UInt8])
    func generator(into out: inout [UInt8])
    /// Appends the spec; `false` when the pair has none.
    func spec(into out: inout [UInt8]) -> Bool
    /// Appends the strategy; `false` when the pair has none.
    func strategy(into out: inout [UInt8]) -> Bool
    var specRevision: Int? { get }
    /// Appends the rule IDs as a JSON array.
    func rules(into out: inout [UInt8])
}

/// A decoded pair, its prompt as the line has it (led by the spec with `--with-spec`).
struct DecodedPairText: PairLineText {
    var pair: PreferencePair
    var prompt: [Turn]

    var turnCount: Int { prompt.count }
    func role(_ turn: Int, into out: inout [UInt8]) { JSONString.append(prompt[turn].role, to: &out) }
    func content(_ turn: Int, into out: inout [UInt8]) { JSONString.append(prompt[turn].content, to: &out) }
    func name(_ turn: Int, into out: inout [UInt8]) -> Bool {
        guard let name = prompt[turn].name else { return false }
        JSONString.append(name, to: &out)
        return true
    }
    func chosen(into out: inout [UInt8]) { JSONString.append(pair.chosen, to: &out) }
    func rejected(into out: inout [UInt8]) { JSONString.append(pair.rejected, to: &out) }
    func id(into out: inout [UInt8]) { JSONString.append(pair.id, to: &out) }
    func generator(into out: inout [UInt8]) { JSONString.append(pair.provenance.generator, to: &out) }
    func spec(into out: inout [UInt8]) -> Bool {
        guard let spec = pair.spec else { return false }
        JSONString.append(spec, to: &out)
        return true
    }
    func strategy(into out: inout [UInt8]) -> Bool {
        guard let strategy = pair.strategy else { return false }
        JSONString.append(strategy, to: &out)
        return true
    }
    var specRevision: Int? { pair.specRevision }
    func rules(into out: inout [UInt8]) { JSONLine.strings(pair.rules, into: &out) }
}

extension PairSnapshotText: PairLineText {
    var turnCount: Int { prompt.count }
    func role(_ turn: Int, into out: inout [UInt8]) { append(prompt[turn].role, to: &out) }
    func content(_ turn: Int, into out: inout [UInt8]) { append(prompt[turn].content, to: &out) }
    func name(_ turn: Int, into out: inout [UInt8]) -> Bool {
        guard let name = prompt[turn].name else { return false }
        append(name, to: &out)
        return true
    }
    func chosen(into out: inout [UInt8]) { append(chosen, to: &out) }
    func rejected(into out: inout [UInt8]) { append(rejected, to: &out) }
    func id(into out: inout [UInt8]) { append(id, to: &out) }
    func generator(into out: inout [UInt8]) { append(generator, to: &out) }
    func spec(into out: inout [UInt8]) -> Bool {
        guard let spec else { return false }
        append(spec, to: &out)
        return true
    }
    func strategy(into out: inout [UInt8]) -> Bool {
        guard let strategy else { return false }
        append(strategy, to: &out)
        return true
    }
    func rules(into out: inout [UInt8]) {
        out.append(0x5B)
        for (k, rule) in rules.enumerated() {
            if k > 0 { out.append(0x2C) }
            append(rule, to: &out)
        }
        out.append(0x5D)
    }
}
