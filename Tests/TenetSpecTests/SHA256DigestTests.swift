import Testing
import TenetSpec

/// SHA-256 through the system's libcrypto gives what `sha256sum` prints, streamed or not,
/// so pair IDs, prompt-set digests and key fingerprints stay what they were.
@Suite struct SHA256DigestTests {
    @Test func knownDigestsAsSha256sumPrintsThem() {
        #expect(SHA256Digest(of: "").hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Digest(of: "abc").hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Digest(of: [UInt8]("abc".utf8)).hex == SHA256Digest(of: "abc").hex)
        // `printf 'Tenet ✓ 東京\n%.0s' {1..100000} | sha256sum`
        let big = String(repeating: "Tenet ✓ 東京\n", count: 100_000)
        #expect(SHA256Digest(of: big).hex == "f3c1938965aa2cfe97e982a4ecbfd75c3a22f2e1b7745f8e3cee249e439b83b7")
        #expect(SHA256Digest(of: "abc").bytes.count == 32)
    }

    @Test func streamingGivesTheSameDigestAndStartsOver() {
        var hasher = SHA256Hasher()
        let line = "Tenet ✓ 東京\n"
        for _ in 0..<50_000 { hasher.update(line) }
        hasher.update([UInt8](line.utf8))
        for _ in 0..<49_999 { hasher.update(line) }
        #expect(hasher.finalize().hex == "f3c1938965aa2cfe97e982a4ecbfd75c3a22f2e1b7745f8e3cee249e439b83b7")
        // A finalized hasher is empty again.
        #expect(hasher.finalize().hex == SHA256Digest(of: "").hex)
        hasher.update(AnySequence("abc".utf8))
        #expect(hasher.finalize().hex == SHA256Digest(of: "abc").hex)
    }

    /// A pair's ID is the first 8 bytes of the digest of its fields with separators
    /// (`python3 -c "import hashlib; print(hashlib.sha256(…).hexdigest()[:16])"`).
    @Test func pairIDsAreWhatTheyWere() {
        let pair = PreferencePair(spec: "travel", prompt: [Turn(role: "user", content: "Book it — 東京")], chosen: "hello",
                                  rejected: "go away", provenance: Provenance(generator: "x"))
        #expect(pair.id == "p-523456a7c615bedc")
    }
}
