/// The `String`s of words already read, by their packed bytes (``WordSet/Key``), so that
/// ``ProseWords`` hands out a word it has seen instead of decoding and validating its bytes
/// again: prose repeats a few hundred words over and over, and making a `String` per word
/// was the largest part of reading its sentences.
///
/// Direct-mapped: each packed word has one slot, and a word seen later takes the slot over.
/// A hit returns the very `String` that decoding the same bytes would make (a packed word is
/// ASCII, at most 16 bytes, no NUL, so its bytes are its text), so answers never depend on
/// what the cache holds. A class, so that one cache serves every sentence a thread reads;
/// not `Sendable`: each thread makes its own (``ProseReader/readRegions``).
final class WordCache {
    /// Pairs of packed words (`slots[2k]`, `slots[2k + 1]`); all zero is an empty slot
    /// (no word packs to zero). Memory the cache owns (allocated here, freed in `deinit`),
    /// reached through `let` pointers: stored arrays in a class would be checked for
    /// exclusive access at run time on every look-up, which cost more than the cache saved.
    private let slots: UnsafeMutablePointer<UInt64>
    /// The word of each slot (`""` in an empty one); all `count` initialized.
    private let words: UnsafeMutablePointer<String>
    private let count: Int

    /// `bits`: the cache holds up to 2^`bits` words.
    init(bits: Int = 12) {
        count = 1 << bits
        slots = .allocate(capacity: 2 * count)
        slots.initialize(repeating: 0, count: 2 * count)
        words = .allocate(capacity: count)
        words.initialize(repeating: "", count: count)
    }

    deinit {
        words.deinitialize(count: count)
        words.deallocate()
        slots.deallocate()
    }

    /// The word packed as `a`, `b` (its bytes, as ``WordSet`` packs them): the cached
    /// `String` when the slot holds it, otherwise `make()`, which is cached.
    @inline(__always)
    func word(packed a: UInt64, _ b: UInt64, make: () -> String) -> String {
        // The top bits of the product, masked to a slot index: always in 0..<count.
        let k = Int(truncatingIfNeeded: ((a &* 0x9E37_79B9_7F4A_7C15) ^ (b &* 0xC2B2_AE3D_27D4_EB4F)) >> 40) & (count - 1)
        if slots[2 * k] == a && slots[2 * k + 1] == b { return words[k] }
        let made = make()
        slots[2 * k] = a
        slots[2 * k + 1] = b
        words[k] = made
        return made
    }
}
