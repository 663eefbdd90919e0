internal import CLazyCrypto

/// A SHA-256 digest, computed by the system's libcrypto (OpenSSL), loaded on the first
/// digest. No C type leaves this file: callers see bytes and hex digits only.
public struct SHA256Digest: Sendable, Hashable {
    /// The 32 bytes of the digest.
    public let bytes: [UInt8]

    /// The digest of `bytes`, in one call.
    public init(of bytes: some Sequence<UInt8>) {
        let digest = bytes.withContiguousStorageIfAvailable { Self.oneShot(UnsafeRawBufferPointer($0)) }
        self.bytes = digest ?? Array(bytes).withUnsafeBytes { Self.oneShot($0) }
    }

    /// The digest of `text`'s UTF-8 bytes.
    public init(of text: String) {
        var text = text
        bytes = text.withUTF8 { Self.oneShot(UnsafeRawBufferPointer($0)) }
    }

    fileprivate init(digest: [UInt8]) { bytes = digest }

    /// The 64 lower-case hex digits of the digest.
    public var hex: String { Self.hex(bytes) }

    /// Bytes as lower-case hex digits.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func oneShot(_ buffer: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: Int(TENET_SHA256_LENGTH)) { out, count in
            tenet_sha256(buffer.baseAddress, buffer.count, out.baseAddress)
            count = Int(TENET_SHA256_LENGTH)
        }
    }
}

/// SHA-256 over data given piece by piece (a stream of prompts, the fields of a pair).
/// It owns a libcrypto digest context, so it cannot be copied; ``finalize()`` returns the
/// digest and starts over.
public struct SHA256Hasher: ~Copyable {
    private let context: UnsafeMutableRawPointer

    /// A hasher that has seen nothing yet.
    public init() {
        // Allocation is the only way these fail: like any allocation failure, that ends the process.
        guard let context = tenet_sha256_new() else { fatalError("libcrypto could not allocate a SHA-256 context") }
        self.context = context
    }

    deinit { tenet_sha256_free(context) }

    /// Adds the bytes in `buffer`.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        tenet_sha256_update(context, base, buffer.count)
    }

    /// Adds `bytes`.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if done == nil { Array(bytes).withUnsafeBytes { update($0) } }
    }

    /// Adds `text`'s UTF-8 bytes.
    public mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// The digest of everything added since the start (or the last `finalize()`); the
    /// hasher then starts over, empty.
    public mutating func finalize() -> SHA256Digest {
        let digest = [UInt8](unsafeUninitializedCapacity: Int(TENET_SHA256_LENGTH)) { out, count in
            tenet_sha256_finish(context, out.baseAddress)
            count = Int(TENET_SHA256_LENGTH)
        }
        return SHA256Digest(digest: digest)
    }
}
