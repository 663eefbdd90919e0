/// Eight bytes of text read at once for ``ProseWords``: how many of them, from the first,
/// are ASCII letters or digits — the bytes of a word — and all eight in lower case. Prose
/// is mostly such runs, and reading a byte at a time cost about twenty instructions a byte.
///
/// Each byte is tested in its own eight bits, with no carry into the next: with its top bit
/// cleared a byte is at most `0x7F`, and each addition below keeps it under `0x100`, so its
/// top bit says whether it passed a bound. A byte whose top bit was set (not ASCII) is no
/// letter or digit.
enum LetterRun {
    private static let top: UInt64 = 0x8080_8080_8080_8080

    /// `bytes`: eight bytes, the first in the lowest eight bits. `count`: how many bytes
    /// from the first are `A-Z a-z 0-9` (0 through 8). `lower`: each byte with its top bit
    /// cleared and `0x20` set — a letter lower-cased, a digit as it is; the bytes of the run
    /// are what the byte-at-a-time reading made of them.
    @inline(__always)
    static func of(_ bytes: UInt64) -> (count: Int, lower: UInt64) {
        let ascii = bytes & 0x7F7F_7F7F_7F7F_7F7F
        let lower = ascii | 0x2020_2020_2020_2020
        // `lower` ≥ 0x61 (`a`) and ≤ 0x7A (`z`); `ascii` ≥ 0x30 (`0`) and ≤ 0x39 (`9`).
        let letter = (lower &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(lower &+ 0x0505_0505_0505_0505)
        let digit = (ascii &+ 0x5050_5050_5050_5050) & ~(ascii &+ 0x4646_4646_4646_4646)
        let stop = ~((letter | digit) & ~bytes) & top
        return (stop == 0 ? 8 : stop.trailingZeroBitCount / 8, lower)
    }
}
