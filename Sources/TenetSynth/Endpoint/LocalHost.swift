#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether an endpoint's host is on this machine or a private network — where a local
/// vLLM, llama.cpp server or Ollama runs without an API key — judged from the name as
/// written, without looking it up:
///
/// - `localhost` and names under `.localhost`, `.local` (mDNS), `.internal`, `.lan` and
///   `.home.arpa`, and single-label names (`gpu-box`, a Docker service `vllm`);
/// - IPv4 loopback (127/8), private (10/8, 172.16/12, 192.168/16), link-local
///   (169.254/16), shared (100.64/10, e.g. Tailscale) and `0.0.0.0`;
/// - IPv6 loopback (`::1`), unique-local (fc00::/7), link-local (fe80::/10), and IPv4
///   addresses mapped into IPv6.
///
/// Any other name — `api.openai.com`, `gpu.example.com` even if it resolves to a private
/// address — is not local.
public enum LocalHost {
    /// Whether `host` (as a URL gives it; IPv6 with or without brackets) is local.
    public static func contains(_ host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        while name.hasSuffix(".") { name.removeLast() }
        guard !name.isEmpty else { return false }
        if let v4 = ipv4(name) { return isLocal(v4) }
        if name.contains(":") { return ipv6IsLocal(name) }
        if name == "localhost" { return true }
        for suffix in [".localhost", ".local", ".internal", ".lan", ".home.arpa"] where name.hasSuffix(suffix) { return true }
        return !name.contains(".")
    }

    /// The four octets of a dotted IPv4 address.
    static func ipv4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = UInt8(part) else { return nil }
            octets.append(value)
        }
        return octets
    }

    static func isLocal(_ o: [UInt8]) -> Bool {
        switch (o[0], o[1]) {
        case (127, _), (10, _), (192, 168), (169, 254): return true
        case (172, 16...31), (100, 64...127): return true
        case (0, _): return o == [0, 0, 0, 0]
        default: return false
        }
    }

    static func ipv6IsLocal(_ text: String) -> Bool {
        var address = in6_addr()
        // A zone (`fe80::1%eth0`) is not part of the address.
        let bare = String(text.prefix { $0 != "%" })
        guard inet_pton(AF_INET6, bare, &address) == 1 else { return false }
        let bytes = withUnsafeBytes(of: &address) { Array($0) }
        if bytes == [UInt8](repeating: 0, count: 15) + [1] { return true }             // ::1
        if bytes[0] & 0xFE == 0xFC { return true }                                      // fc00::/7
        if bytes[0] == 0xFE, bytes[1] & 0xC0 == 0x80 { return true }                    // fe80::/10
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF { // ::ffff:a.b.c.d
            return isLocal(Array(bytes[12..<16]))
        }
        return false
    }
}
