import Foundation

/// Near-duplicate documents: two documents are near-duplicates when their sets of
/// 5-word shingles have a Jaccard similarity of at least ``threshold`` (0.8), estimated by
/// MinHash with 64 hash functions (standard error about 0.05 at 0.8) and found by
/// locality-sensitive hashing in 16 bands of 4 rows (a pair at 0.8 shares a band with
/// probability 0.9997; at 0.5, 0.65 — candidates are then confirmed on the whole
/// signature). Words are lower-cased runs of letters and digits, so spacing, case and
/// punctuation do not make two documents differ.
public enum MinHash {
    public static let shingleSize = 5
    public static let permutations = 64
    public static let bands = 16
    public static let threshold = 0.8

    /// The signature of a text: per hash function, the least hash over its shingles.
    public static func signature(_ text: String) -> [UInt64] {
        let words = DocumentWords.words(text).map(fnv)
        var minima = [UInt64](repeating: .max, count: permutations)
        func add(_ shingle: UInt64) {
            for i in 0..<permutations {
                let value = mix(shingle ^ seeds[i])
                if value < minima[i] { minima[i] = value }
            }
        }
        if words.count < shingleSize {
            add(words.reduce(0xcbf2_9ce4_8422_2325) { mix($0 &+ $1) })
        } else {
            for start in 0...(words.count - shingleSize) {
                var shingle: UInt64 = 0xcbf2_9ce4_8422_2325
                for word in words[start..<(start + shingleSize)] { shingle = mix(shingle &+ word) }
                add(shingle)
            }
        }
        return minima
    }

    /// The estimated Jaccard similarity of two signatures.
    public static func similarity(_ a: [UInt64], _ b: [UInt64]) -> Double {
        guard a.count == b.count, !a.isEmpty else { return 0 }
        var same = 0
        for i in a.indices where a[i] == b[i] { same += 1 }
        return Double(same) / Double(a.count)
    }

    static let seeds: [UInt64] = (0..<permutations).map { mix(UInt64($0) &* 0x9E37_79B9_7F4A_7C15 &+ 0x5851_F42D_4C95_7F2D) }

    /// splitmix64's finaliser.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func fnv(_ word: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}

/// The documents seen so far (stored, or made earlier in the run), for finding a new one's
/// near-duplicate. Thread-safe.
public final class NearDuplicateIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var signatures: [String: [UInt64]] = [:]
    private var buckets: [Int: [UInt64: [String]]] = [:]

    public init() {}

    /// How many documents it holds.
    public var count: Int { lock.withLock { signatures.count } }

    /// The ID of a held document this signature is a near-duplicate of, if any.
    public func match(_ signature: [UInt64]) -> (id: String, similarity: Double)? {
        lock.withLock {
            var best: (String, Double)?
            var looked = Set<String>()
            for band in 0..<MinHash.bands {
                for id in buckets[band]?[Self.key(signature, band)] ?? [] where looked.insert(id).inserted {
                    let similarity = MinHash.similarity(signature, signatures[id] ?? [])
                    if similarity >= MinHash.threshold, similarity > (best?.1 ?? 0) { best = (id, similarity) }
                }
            }
            return best.map { (id: $0.0, similarity: $0.1) }
        }
    }

    /// Holds a document.
    public func add(_ id: String, _ signature: [UInt64]) {
        lock.withLock {
            guard signatures[id] == nil else { return }
            signatures[id] = signature
            for band in 0..<MinHash.bands { buckets[band, default: [:]][Self.key(signature, band), default: []].append(id) }
        }
    }

    static func key(_ signature: [UInt64], _ band: Int) -> UInt64 {
        let rows = MinHash.permutations / MinHash.bands
        var key: UInt64 = 0
        for value in signature[(band * rows)..<((band + 1) * rows)] { key = MinHash.mix(key ^ value) }
        return key
    }
}
