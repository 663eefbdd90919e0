import Foundation
import TenetSpec

extension GeneratedPair: CollectedItem {
    public var value: PreferencePair { pair }
}

/// Collects a generation run's pairs for saving (see ``RunCollector``): a pair is the
/// same as another when its content ID is.
public typealias PairCollector = RunCollector<GeneratedPair>

extension RunCollector where Item == GeneratedPair {
    /// A collector of up to `total` distinct pairs, saved `batchSize` at a time.
    public convenience init(total: Int, keepFailed: Bool = false, batchSize: Int = 25, save: @escaping Save) {
        var seen = Set<String>()
        self.init(total: total, keepFailed: keepFailed, batchSize: batchSize,
                  novelty: { seen.insert($0.pair.id).inserted ? .new : .duplicate }, save: save)
    }
}
