import Foundation
import TenetSpec

extension GeneratedDocument: CollectedItem {
    public var value: MidtrainDocument { document }
}

/// Collects a document run's output for saving (see ``RunCollector``): an exact copy or
/// a near-duplicate (``MinHash``, shingle Jaccard ≥ 0.8) of a document stored or kept
/// earlier is counted and not kept.
public typealias DocumentCollector = RunCollector<GeneratedDocument>

extension RunCollector where Item == GeneratedDocument {
    /// `index` holds the documents already stored (near-duplicates of them are not kept).
    /// `notTaken` hears each document that was not kept — dropped, a duplicate or a
    /// near-duplicate — so that its plan item can be written again.
    public convenience init(total: Int, keepFailed: Bool = false, batchSize: Int = 25, index: NearDuplicateIndex = NearDuplicateIndex(),
                            notTaken: (@Sendable (GeneratedDocument) -> Void)? = nil, save: @escaping Save) {
        self.init(total: total, keepFailed: keepFailed, batchSize: batchSize,
                  novelty: { generated in
                      guard let near = index.match(generated.signature) else { return .new }
                      return near.similarity >= 1 && near.id == generated.document.id ? .duplicate : .nearDuplicate
                  },
                  took: { index.add($0.document.id, $0.signature) },
                  notTaken: notTaken, save: save)
    }
}
