/// A fixed set of words, looked up by bytes: an ASCII word of up to 16 bytes is packed
/// into two integers and found in an open-addressed table with one multiply, instead of
/// hashing the `String` with SipHash. The prose reader asks several such sets about every
/// word it reads. Other words (longer, non-ASCII — where `String` equality is canonical
/// equivalence) are looked up in an ordinary `Set`, so the answers are `Set<String>`'s.
struct WordSet: ExpressibleByArrayLiteral, Sendable {
    fileprivate let set: Set<String>
    /// Pairs of packed words (`slots[2k]`, `slots[2k + 1]`); all zero is an empty slot.
    private let slots: [UInt64]
    private let shift: UInt64

    init(arrayLiteral words: String...) { self.init(words) }

    init(_ words: some Sequence<String>) {
        set = Set(words)
        var bits: UInt64 = 4
        while (1 << bits) < set.count * 3 { bits += 1 }
        shift = 64 - bits
        var slots = [UInt64](repeating: 0, count: 2 << bits)
        for word in set {
            guard let (a, b) = Self.pack(word) else { continue }
            var k = Self.slot(a, b, shift)
            let mask = (1 << Int(bits)) - 1
            while slots[2 * k] != 0 || slots[2 * k + 1] != 0 { k = (k + 1) & mask }
            slots[2 * k] = a
            slots[2 * k + 1] = b
        }
        self.slots = slots
    }

    /// A word packed once, for asking several sets about it. A packed word keeps no copy
    /// of its `String`: its bytes are its packed integers.
    struct Key: Equatable, Sendable {
        /// A packed word's integers, or the word when it is not packed. An enum, not a
        /// `String` beside an optional pair: a packed key then holds no `String` at all, so
        /// copying or freeing one (the prose reader keeps a key for every word it reads)
        /// retains and releases nothing.
        private enum Storage: Sendable {
            case packed(UInt64, UInt64)
            case word(String)
        }
        private let storage: Storage

        /// The word, when it is not packed (`""` when it is).
        fileprivate var word: String {
            if case .word(let word) = storage { return word }
            return ""
        }
        fileprivate var packed: (UInt64, UInt64)? {
            if case .packed(let a, let b) = storage { return (a, b) }
            return nil
        }

        init(_ word: String) {
            self.init(word, packed: WordSet.pack(word))
        }

        /// `word` packed from `bytes`, its UTF-8 as read (the same key as `Key(word)`:
        /// bytes that are not ASCII are not packed, and ASCII decodes as it is).
        init(_ word: String, bytes: UnsafeBufferPointer<UInt8>) {
            self.init(word, packed: WordSet.pack(bytes))
        }

        /// `word` with its bytes already packed by the caller (``ProseWords`` packs them as it
        /// reads them): `packed` must be what `Key(word)` packs, `nil` when that packs nothing.
        init(_ word: String, packed: (UInt64, UInt64)?) {
            if let (a, b) = packed { storage = .packed(a, b) } else { storage = .word(word) }
        }

        private init(packedOnly: (UInt64, UInt64)) {
            storage = .packed(packedOnly.0, packedOnly.1)
        }

        /// For a packed word of three or more bytes that ends in `'s`: the key of the word
        /// without it (`claude's` → `claude`). `nil` when the word does not end in `'s`, and
        /// `.some(nil)` when the bytes cannot answer (a word not packed, or `'s` alone) —
        /// then ask the `String`.
        var possessiveStem: Key?? {
            guard let (a, b) = packed else { return .some(nil) }
            // No packed byte is NUL, so the length is where the last non-zero byte is.
            let length = b != 0 ? 16 - b.leadingZeroBitCount / 8 : 8 - a.leadingZeroBitCount / 8
            guard length >= 3 else { return .some(nil) }
            func byte(_ k: Int) -> UInt64 { k < 8 ? (a >> (8 * UInt64(k))) & 0xFF : (b >> (8 * UInt64(k - 8))) & 0xFF }
            guard byte(length - 1) == 0x73, byte(length - 2) == 0x27 else { return nil }
            func cleared(_ x: UInt64, _ k: Int, from offset: Int) -> UInt64 {
                k >= offset && k < offset + 8 ? x & ~(0xFF << (8 * UInt64(k - offset))) : x
            }
            let a2 = cleared(cleared(a, length - 1, from: 0), length - 2, from: 0)
            let b2 = cleared(cleared(b, length - 1, from: 8), length - 2, from: 8)
            return .some(Key(packedOnly: (a2, b2)))
        }

        /// For a packed word, its length in bytes and its first eight bytes (byte `k` in bits
        /// `8k ..< 8k + 8`); `nil` for a word that is not packed.
        @inline(__always)
        var packedHead: (count: Int, head: UInt64)? {
            guard case .packed(let a, let b) = storage else { return nil }
            // No packed byte is NUL: the length is where the last byte that is not zero is.
            return (b != 0 ? 16 - b.leadingZeroBitCount / 8 : 8 - a.leadingZeroBitCount / 8, a)
        }

        /// Whether the word's last byte is `s`: only such a word can end in `'s`
        /// (``AssistantNames/isPossessive(_:_:)``). From the packed bytes when there are.
        @inline(__always)
        var endsInS: Bool {
            guard case .packed(let a, let b) = storage else { return word.utf8.last == 0x73 }
            // No packed byte is NUL: the last byte is the highest one that is not zero (`a`
            // is never zero: a packed word has a byte).
            let x = b != 0 ? b : a
            return (x >> UInt64((63 - x.leadingZeroBitCount) / 8 * 8)) & 0xFF == 0x73
        }

        static func == (a: Key, b: Key) -> Bool { a.word == b.word && a.packed?.0 == b.packed?.0 && a.packed?.1 == b.packed?.1 }
    }

    func contains(_ word: String) -> Bool { contains(Key(word)) }

    func contains(_ key: Key) -> Bool {
        guard let (a, b) = key.packed else { return set.contains(key.word) }
        return contains(packed: a, b)
    }

    /// Whether the word packed as `a`, `b` (not both zero: no word packs so) is a member.
    func contains(packed a: UInt64, _ b: UInt64) -> Bool {
        let mask = slots.count / 2 - 1
        var k = Self.slot(a, b, shift)
        return slots.withUnsafeBufferPointer { s in
            while true {
                let x = s[2 * k], y = s[2 * k + 1]
                if x == a && y == b { return true }
                if x == 0 && y == 0 { return false }
                k = (k + 1) & mask
            }
        }
    }

    /// The word's bytes in two integers, or `nil` when it is empty, over 16 bytes, or holds
    /// a non-ASCII or NUL byte.
    @inline(__always)
    fileprivate static func pack(_ word: String) -> (UInt64, UInt64)? {
        if let packed = word.utf8.withContiguousStorageIfAvailable({ pack($0) }) { return packed }
        return Array(word.utf8).withUnsafeBufferPointer { pack($0) }
    }

    @inline(__always)
    private static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
        let n = bytes.count
        guard n > 0, n <= 16 else { return nil }
        var a: UInt64 = 0, b: UInt64 = 0
        for k in 0..<n {
            let byte = bytes[k]
            guard byte != 0, byte < 0x80 else { return nil }
            if k < 8 { a |= UInt64(byte) << (8 * UInt64(k)) } else { b |= UInt64(byte) << (8 * UInt64(k - 8)) }
        }
        return (a, b)
    }

    @inline(__always)
    fileprivate static func slot(_ a: UInt64, _ b: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: ((a &* 0x9E37_79B9_7F4A_7C15) ^ (b &* 0xC2B2_AE3D_27D4_EB4F)) >> shift)
    }
}

/// Several ``WordSet``s in one table: a word's mask has bit `k` set when the `k`-th set
/// holds it, found with one look-up instead of one per set. ``Polarity`` asks several
/// lists about every word of a sentence that names the assistant.
struct WordSetTable: Sendable {
    private let sets: [WordSet]
    /// Triples of packed word and mask (`slots[3k]`, `slots[3k + 1]`, `slots[3k + 2]`);
    /// a word of all zero is an empty slot.
    private let slots: [UInt64]
    private let shift: UInt64

    /// At most 64 sets.
    init(_ sets: [WordSet]) {
        precondition(sets.count <= 64)
        self.sets = sets
        var masks: [String: UInt64] = [:]
        for (k, set) in sets.enumerated() {
            for word in set.set where WordSet.pack(word) != nil { masks[word, default: 0] |= 1 << UInt64(k) }
        }
        var bits: UInt64 = 4
        while (1 << bits) < masks.count * 3 { bits += 1 }
        shift = 64 - bits
        var slots = [UInt64](repeating: 0, count: 3 << bits)
        let mask = (1 << Int(bits)) - 1
        for (word, wordMask) in masks {
            let (a, b) = WordSet.pack(word)!
            var k = WordSet.slot(a, b, shift)
            while slots[3 * k] != 0 || slots[3 * k + 1] != 0 { k = (k + 1) & mask }
            slots[3 * k] = a
            slots[3 * k + 1] = b
            slots[3 * k + 2] = wordMask
        }
        self.slots = slots
    }

    /// Bit `k` set when the `k`-th set holds the word: what `sets[k].contains(key)` answers.
    func mask(_ key: WordSet.Key) -> UInt64 {
        guard let (a, b) = key.packed else {
            // Not packed (long or not ASCII): each set's own answer, from its `Set<String>`.
            var mask: UInt64 = 0
            for (k, set) in sets.enumerated() where set.contains(key) { mask |= 1 << UInt64(k) }
            return mask
        }
        let wrap = slots.count / 3 - 1
        var k = WordSet.slot(a, b, shift)
        return slots.withUnsafeBufferPointer { s in
            while true {
                let x = s[3 * k], y = s[3 * k + 1]
                if x == a && y == b { return s[3 * k + 2] }
                if x == 0 && y == 0 { return 0 }
                k = (k + 1) & wrap
            }
        }
    }
}
