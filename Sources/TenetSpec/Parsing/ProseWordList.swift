/// Words of prose as ``ProseWords`` reads them (lower case, apostrophes straight), kept as
/// keys: each word's ``WordSet/Key``, and the text of only the few words a key cannot hold
/// (longer than 16 bytes, or not ASCII). A word's `String` is made when it is asked for.
///
/// The prose reader reads every word of a document and asks the word lists about each one,
/// by key; it looks at the text of a few words a sentence. Keeping a `String` for every
/// word — made, stored, copied into each rule's words and freed — was the largest part of
/// reading prose. Reads as an array of the words: `list[i]` is the word, and two lists are
/// equal when their words are.
struct ProseWordList: RandomAccessCollection, Sendable, Equatable {
    /// One key for each word.
    private(set) var keys: [WordSet.Key] = []
    /// The text of the words whose keys are not packed, in order, and where each is.
    private var unpacked: [String] = []
    private var unpackedPositions: [Int] = []

    init() {}

    typealias Indices = Range<Int>

    var startIndex: Int { 0 }
    var endIndex: Int { keys.count }
    /// A range, not the default that steps through the list's own `index(after:)`.
    var indices: Range<Int> { 0..<keys.count }

    /// The word at `position`.
    subscript(position: Int) -> String {
        let key = keys[position]
        if let text = key.packedText { return text }
        return unpacked[Self.find(position, in: unpackedPositions)]
    }

    /// The key of the word at `position`.
    @inline(__always) func key(_ position: Int) -> WordSet.Key { keys[position] }

    /// Whether the word at `position` is the word whose key is `key` (a packed key: an
    /// ASCII word of up to 16 bytes), by key: no `String` is made. A position before the
    /// first word or past the last is no word: readers look ahead and behind a word
    /// ("the word after the comma"), and a sentence may end anywhere.
    /// (Every key that is not packed is the same key: one would match any such word.)
    @inline(__always) func isWord(_ position: Int, _ key: WordSet.Key) -> Bool {
        precondition(key.isPacked, "only a packed key names one word")
        return keys.indices.contains(position) && keys[position] == key
    }

    /// Whether the word at `position` is in `set`, by its key (its `String` is made only
    /// when the key is not packed); `false` for a position where there is no word.
    @inline(__always) func isWord(_ position: Int, in set: WordSet) -> Bool {
        keys.indices.contains(position) && set.contains(keys[position], self[position])
    }

    /// Adds a word whose key is `key` (`word` is kept only when the key is not packed).
    @inline(__always) mutating func append(_ word: @autoclosure () -> String, key: WordSet.Key) {
        if !key.isPacked {
            unpackedPositions.append(keys.count)
            unpacked.append(word())
        }
        keys.append(key)
    }

    /// Adds `other`'s words after these.
    mutating func append(contentsOf other: ProseWordList) {
        let offset = keys.count
        keys.append(contentsOf: other.keys)
        unpacked.append(contentsOf: other.unpacked)
        unpackedPositions.append(contentsOf: other.unpackedPositions.lazy.map { $0 + offset })
    }

    static func + (a: ProseWordList, b: ProseWordList) -> ProseWordList {
        var joined = a
        joined.append(contentsOf: b)
        return joined
    }

    /// The lists' words one after another.
    init(joining lists: [ProseWordList]) {
        keys.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for list in lists { append(contentsOf: list) }
    }

    /// The first `limit` words of the lists one after another.
    init(joining lists: [ProseWordList], limit: Int) {
        keys.reserveCapacity(Swift.min(limit, lists.reduce(0) { $0 + $1.count }))
        for list in lists {
            let room = limit - keys.count
            guard room > 0 else { break }
            if list.count <= room { append(contentsOf: list); continue }
            let offset = keys.count
            keys.append(contentsOf: list.keys[..<room])
            for (k, position) in list.unpackedPositions.enumerated() where position < room {
                unpacked.append(list.unpacked[k])
                unpackedPositions.append(position + offset)
            }
        }
    }

    /// Words already keyed: `keys` (moved in) and the text of the unpacked ones in order.
    init(keys: [WordSet.Key], unpacked: [String], at positions: [Int]) {
        assert(positions.count == unpacked.count && positions.allSatisfy { !keys[$0].isPacked }
               && keys.indices.filter { !keys[$0].isPacked } == positions, "one position for each word that is not packed, in order")
        self.keys = keys
        self.unpacked = unpacked
        unpackedPositions = positions
    }

    /// Where `position` is in the sorted `positions` (it is there).
    private static func find(_ position: Int, in positions: [Int]) -> Int {
        var low = 0, high = positions.count - 1
        while low < high {
            let middle = (low + high) / 2
            if positions[middle] < position { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
