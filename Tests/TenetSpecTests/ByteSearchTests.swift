import Testing
@testable import TenetSpec

/// Eight bytes at a time finds what one byte at a time finds, at every offset and length.
@Suite struct ByteSearchTests {
    @Test func wordAtATimeSearchFindsTheFirstStopByte() {
        let alphabet: [UInt8] = [0x61, 0x20, 0x0A, 0x60, 0x5D, 0x7B, 0xE2, 0x80, 0x9C, 0x0B, 0x8A, 0xDD, 0xFB]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let count = Int.random(in: 0...40, using: &generator)
            // Mostly plain bytes, so that whole words are skipped.
            let bytes = (0..<count).map { _ in Int.random(in: 0..<6, using: &generator) == 0 ? alphabet.randomElement(using: &generator)! : 0x61 }
            bytes.withUnsafeBufferPointer { b in
                for start in 0...count {
                    let stop = (start..<count).first { [0x0A, 0x60, 0x5D, 0x7B].contains(b[$0]) } ?? count
                    #expect(ByteSearch.next(b, from: start) == stop)
                    #expect(ByteSearch.newline(b, from: start) == ((start..<count).first { b[$0] == 0x0A } ?? count))
                }
            }
        }
    }

    /// A byte pair is found wherever it stands, and not across a missing second byte.
    @Test func pairSearchFindsWhatAPlainScanFinds() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let bytes = (0..<Int.random(in: 0...24, using: &generator)).map { _ in [0x3C, 0x2F, 0x61, 0x0A].randomElement(using: &generator)! as UInt8 }
            let plain = bytes.indices.dropLast().contains { bytes[$0] == 0x3C && bytes[$0 + 1] == 0x2F }
            #expect(ByteSearch.contains(bytes, 0x3C, 0x2F) == plain, "\(bytes)")
        }
    }
}
