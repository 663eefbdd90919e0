import Foundation
import TenetSpec
import TenetStore

/// Reading OpenSSH public keys (`.pub` files, one key a line) into ``PersonKey``s with
/// their SHA256 fingerprints, as `ssh-keygen -lf` prints them.
public enum SSHPublicKey {
    /// Key types OpenSSH accepts in `authorized_keys`.
    public static let types: Set<String> = [
        "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
    ]

    /// A problem with one line of a key file.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    /// Every key in a `.pub` file's text. Blank lines and `#` comments are skipped;
    /// anything else that is not a public key is a problem with its line number. Options
    /// before the key (`command=…`) are refused: Tenet writes those itself.
    public static func parse(_ text: String) -> Result<[PersonKey], Problem> {
        var keys: [PersonKey] = []
        for (index, raw) in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map({ String(decoding: $0, as: UTF8.self) }).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            switch parseLine(line) {
            case .success(let key): keys.append(key)
            case .failure(let reason): return .failure(Problem(line: index + 1, reason: reason.description))
            }
        }
        guard !keys.isEmpty else { return .failure(Problem(line: 1, reason: "no public key here (expected a line such as `ssh-ed25519 AAAA… you@host`)")) }
        return .success(keys)
    }

    private struct Reason: Error, CustomStringConvertible { var description: String }

    private static func parseLine(_ line: String) -> Result<PersonKey, Reason> {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count >= 2 else { return .failure(Reason(description: "expected `TYPE KEY [COMMENT]`")) }
        guard types.contains(fields[0]) else {
            if fields[0].contains("BEGIN") { return .failure(Reason(description: "this is a private key; give the .pub file")) }
            if fields[0].contains("=") || fields[0].contains(",") {
                return .failure(Reason(description: "options before the key are not accepted; Tenet writes them itself"))
            }
            return .failure(Reason(description: "unknown key type `\(String(fields[0].prefix(40)))`; types: \(types.sorted().joined(separator: ", "))"))
        }
        guard fields[1].count <= 16_384, let blob = Data(base64Encoded: fields[1]), blob.count >= 4 else {
            return .failure(Reason(description: "the key is not valid base64"))
        }
        // The blob starts with its own type, length-prefixed: it must agree with the line.
        let length = blob.prefix(4).reduce(0) { $0 << 8 | Int($1) }
        guard length > 0, blob.count >= 4 + length, String(decoding: blob.dropFirst(4).prefix(length), as: UTF8.self) == fields[0] else {
            return .failure(Reason(description: "the key's data is not a \(fields[0]) key"))
        }
        let digest = Data(SHA256Digest(of: blob).bytes).base64EncodedString().replacingOccurrences(of: "=", with: "")
        // The comment goes into authorized_keys: printable ASCII only, one line, short.
        let comment = String(fields.dropFirst(2).joined(separator: " ").unicodeScalars
            .filter { $0.value >= 0x20 && $0.value < 0x7F }.prefix(100).map(Character.init))
        return .success(PersonKey(type: fields[0], key: fields[1], comment: comment, fingerprint: "SHA256:" + digest))
    }
}
