import Foundation

/// Finding the next byte that matters in long runs of plain text, eight bytes at a time
/// (SWAR: a byte equal to `c` is a zero byte of `word ^ c…c`).
enum ByteSearch {
    /// The first index from `start` holding a line break, `` ` ``, `]` or `{` — what
    /// ``InlineScan`` stops at — or `b.count`.
    static func next(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        let n = b.count
        if let base = b.baseAddress {
            while i + 8 <= n {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if has(word, 0x0A) | has(word, 0x60) | has(word, 0x5D) | has(word, 0x7B) != 0 { break }
                i += 8
            }
        }
        while i < n {
            let c = b[i]
            if c == 0x0A || c == 0x60 || c == 0x5D || c == 0x7B { return i }
            i += 1
        }
        return n
    }

    /// The first index from `start` holding a line break, or `b.count`.
    /// `memchr`: on lines of a few dozen bytes it takes about half the instructions of
    /// eight bytes at a time in Swift (the Model Spec's footnote pass, line by line).
    static func newline(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < b.count, let base = b.baseAddress,
              let hit = memchr(base + start, 0x0A, b.count - start) else { return max(start, b.count) }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// How many bytes of `b` equal `byte`, found with `memchr` from one to the next: for a
    /// byte that is rare in the text (a line break).
    static func count(_ byte: UInt8, in b: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = b.baseAddress else { return 0 }
        var total = 0
        var offset = 0
        while offset < b.count, let hit = memchr(base + offset, Int32(byte), b.count - offset) {
            total += 1
            offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return total
    }

    /// Whether `bytes` holds `first` followed by `second` (`memchr` from one `first` to the next).
    static func contains(_ bytes: [UInt8], _ first: UInt8, _ second: UInt8) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return false }
            var from = 0
            while from + 1 < b.count, let hit = memchr(base + from, Int32(first), b.count - from - 1) {
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if b[at + 1] == second { return true }
                from = at + 1
            }
            return false
        }
    }

    /// Non-zero when a byte of `word` equals `byte`.
    @inline(__always)
    static func has(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let v = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080
    }
}
