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

    /// A word packed once, for asking several sets about it: its bytes, when it is an ASCII
    /// word of up to 16 bytes without NUL, in two integers. A word that is not packed (longer,
    /// not ASCII — where `String` equality is canonical equivalence) has the empty key, and
    /// a set asked about it reads the word itself (``WordSet/contains(_:_:)``).
    ///
    /// Two integers and nothing else: a key holds no `String`, so copying, moving or freeing
    /// the key of every word read (the prose reader keeps one for each) is copying bytes — no
    /// retain, no release, no per-element destroy when an array of keys is freed.
    struct Key: Equatable, Sendable {
        /// The first eight bytes (byte `k` in bits `8k ..< 8k + 8`) and the next eight; both
        /// zero for a word that is not packed (a packed word's first byte is never zero).
        fileprivate let a: UInt64, b: UInt64

        /// Whether the word is packed: its key alone answers for it.
        @inline(__always) var isPacked: Bool { a != 0 }

        fileprivate var packed: (UInt64, UInt64)? { a != 0 ? (a, b) : nil }

        init(_ word: String) {
            self.init(packed: WordSet.pack(word))
        }

        /// The key of the word whose UTF-8 is `bytes` (bytes that are not ASCII are not
        /// packed, and ASCII decodes as it is: the key of the word decoded from them).
        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.init(packed: WordSet.pack(bytes))
        }

        /// A word whose bytes the caller packed (``ProseWords`` packs them as it reads them):
        /// `packed` must be what `Key(word)` packs, `nil` when that packs nothing.
        @inline(__always)
        init(packed: (UInt64, UInt64)?) {
            if let (a, b) = packed { self.a = a; self.b = b } else { a = 0; b = 0 }
        }

        /// For a packed word of three or more bytes that ends in `'s`: the key of the word
        /// without it (`claude's` → `claude`). `nil` when the word does not end in `'s`, and
        /// `.some(nil)` when the bytes cannot answer (a word not packed, or `'s` alone) —
        /// then ask the `String`.
        var possessiveStem: Key?? {
            guard isPacked else { return .some(nil) }
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
            return .some(Key(packed: (a2, b2)))
        }

        /// For a packed word, its length in bytes and its first eight bytes (byte `k` in bits
        /// `8k ..< 8k + 8`); `nil` for a word that is not packed.
        @inline(__always)
        var packedHead: (count: Int, head: UInt64)? {
            guard isPacked else { return nil }
            // No packed byte is NUL: the length is where the last byte that is not zero is.
            return (b != 0 ? 16 - b.leadingZeroBitCount / 8 : 8 - a.leadingZeroBitCount / 8, a)
        }

        /// For a packed word, `body` of its bytes (its text); `nil` for a word that is not
        /// packed. No `String` is made.
        @inline(__always)
        func withPackedBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
            guard let (count, _) = packedHead else { return nil }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { buffer in
                let raw = UnsafeMutableRawPointer(buffer.baseAddress!)
                raw.storeBytes(of: a.littleEndian, as: UInt64.self)
                raw.storeBytes(of: b.littleEndian, toByteOffset: 8, as: UInt64.self)
                return body(UnsafeBufferPointer(rebasing: buffer[..<count]))
            }
        }

        /// For a packed word: whether it is longer than `minimum` bytes and ends in the two
        /// bytes `first`, `second`. `nil` for a word that is not packed.
        @inline(__always)
        func endsWith(_ first: UInt8, _ second: UInt8, longerThan minimum: Int) -> Bool? {
            guard let (count, _) = packedHead else { return nil }
            guard count > minimum, count >= 2 else { return false }
            func byte(_ k: Int) -> UInt8 { UInt8(truncatingIfNeeded: k < 8 ? a >> UInt64(8 * k) : b >> UInt64(8 * (k - 8))) }
            return byte(count - 2) == first && byte(count - 1) == second
        }

        /// Whether the word is a clause's number — digits and dots, a digit first (`3.1`,
        /// `12`, `4.2.1`). No `String` is made.
        var isNumeral: Bool {
            // The first byte alone answers for almost every word: read from the key's bits.
            let first = a & 0xFF
            guard first >= 0x30, first <= 0x39 else { return false }
            return withPackedBytes { bytes in bytes.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E } } ?? false
        }

        /// The word a packed key holds (its bytes are its text); `nil` when it is not packed.
        var packedText: String? {
            withPackedBytes { String(decoding: $0, as: UTF8.self) }
        }

        /// Whether the last byte of `word` (whose key this is) is `s`: only such a word can
        /// end in `'s` (``AssistantNames/isPossessive(_:_:)``). From the packed bytes when
        /// there are; `word` is read only when there are not.
        @inline(__always)
        func endsInS(_ word: @autoclosure () -> String) -> Bool {
            guard isPacked else { return word().utf8.last == 0x73 }
            // No packed byte is NUL: the last byte is the highest one that is not zero (`a`
            // is never zero: a packed word has a byte).
            let x = b != 0 ? b : a
            return (x >> UInt64((63 - x.leadingZeroBitCount) / 8 * 8)) & 0xFF == 0x73
        }
    }

    /// Whether `word` is a member.
    func contains(_ word: String) -> Bool {
        guard let (a, b) = Self.pack(word) else { return set.contains(word) }
        return contains(packed: a, b)
    }

    /// Whether `word`, whose key is `key`, is a member: from the key when the word is packed,
    /// from `word` (read only then) when it is not.
    @inline(__always)
    func contains(_ key: Key, _ word: @autoclosure () -> String) -> Bool {
        guard key.isPacked else { return set.contains(word()) }
        return contains(packed: key.a, key.b)
    }

    /// Whether the word packed as `a`, `b` (not both zero: no word packs so) is a member.
    @inline(__always)
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
    /// The mask of every member of every set, by its `String`: for words that are not
    /// packed. A `String` key is found by canonical equivalence, as `Set<String>` finds it,
    /// and members equivalent to each other share one entry whose mask has all their bits —
    /// so a word's entry holds exactly the sets that hold a member equal to it.
    private let unpackedMasks: [String: UInt64]
    /// Triples of packed word and mask (`slots[3k]`, `slots[3k + 1]`, `slots[3k + 2]`);
    /// a word of all zero is an empty slot.
    private let slots: [UInt64]
    private let shift: UInt64

    /// At most 64 sets.
    init(_ sets: [WordSet]) {
        precondition(sets.count <= 64)
        var unpackedMasks: [String: UInt64] = [:]
        for (k, set) in sets.enumerated() {
            for word in set.set { unpackedMasks[word, default: 0] |= 1 << UInt64(k) }
        }
        self.unpackedMasks = unpackedMasks
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

    /// Bit `k` set when the `k`-th set holds `word`, whose key is `key`: what
    /// `sets[k].contains(key, word)` answers. `word` is read only when it is not packed.
    @inline(__always)
    func mask(_ key: WordSet.Key, _ word: @autoclosure () -> String) -> UInt64 {
        // Not packed (long or not ASCII): the sets' members equal to it.
        guard let (a, b) = key.packed else { return unpackedMasks[word()] ?? 0 }
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
