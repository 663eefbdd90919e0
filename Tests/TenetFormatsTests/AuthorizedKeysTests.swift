import Foundation
import Testing
import TenetStore
@testable import TenetFormats

/// Public keys as `tenet access add` reads them, and Tenet's block of `authorized_keys`.
@Suite struct AuthorizedKeysTests {
    /// A real ed25519 public key and the fingerprint `ssh-keygen -lf` prints for it.
    static let key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJdxWjAuzfRzMLjaFURkBF5udfcYeaNYtlOtJJm/Enn3 alice@laptop"
    static let fingerprint = "SHA256:3aaGk11RbkDB+6/kn9HFAa5jugMj5eNiSwKLaKL96NQ"
    static let command = AuthorizedKeys.Command(binary: "/usr/local/bin/tenet", database: "/srv/tenet/tenet.db")

    func block(_ names: [String]) throws -> [String] {
        let parsed = try SSHPublicKey.parse(Self.key).get()
        return AuthorizedKeys.block(names.map { Person(name: $0, role: .annotator, keys: parsed) }, command: Self.command)
    }

    @Test func aKeyIsReadWithItsFingerprintAndASafeComment() throws {
        let keys = try SSHPublicKey.parse("# mine\n\n" + Self.key + "\n").get()
        #expect(keys == [PersonKey(type: "ssh-ed25519", key: String(Self.key.split(separator: " ")[1]), comment: "alice@laptop",
                                   fingerprint: Self.fingerprint)])
        let tricky = try SSHPublicKey.parse(Self.key + " \u{1B}]0;owned\u{07} \"quoted\"").get()
        #expect(tricky[0].comment == "alice@laptop ]0;owned \"quoted\"", "control characters never reach authorized_keys")
        for (text, reason) in [
            ("ssh-rsa " + String(Self.key.split(separator: " ")[1]), "is not a ssh-rsa key"),
            ("command=\"sh\" " + Self.key, "options before the key are not accepted"),
            ("-----BEGIN OPENSSH PRIVATE KEY-----", "this is a private key"),
            ("ssh-ed25519 !!!", "not valid base64"),
            ("ssh-dss AAAA", "unknown key type"),
            ("", "no public key here"),
        ] {
            guard case .failure(let problem) = SSHPublicKey.parse(text) else { Issue.record("\(text) was accepted"); continue }
            #expect(problem.reason.contains(reason), "\(problem)")
        }
    }

    @Test func theBlockForcesTenetServeWithRestrictAndPty() throws {
        let lines = try block(["alice"])
        #expect(lines.first == AuthorizedKeys.begin && lines.last == AuthorizedKeys.end)
        #expect(lines[1] == "command=\"'/usr/local/bin/tenet' serve --db '/srv/tenet/tenet.db' --key \(Self.fingerprint) alice\",restrict,pty "
                + String(Self.key.split(separator: " ")[0...1].joined(separator: " ")) + " alice alice@laptop")
        #expect(AuthorizedKeys.Command.problem("/srv/o'brien/tenet.db") != nil)
        #expect(AuthorizedKeys.Command.problem("relative/tenet.db") != nil)
        #expect(AuthorizedKeys.Command.problem("/srv/tenet/tenet.db") == nil)
    }

    @Test func onlyTheBlockIsRewrittenAndADamagedOneIsRefused() throws {
        let own = "ssh-ed25519 AAAAown me@host\n"
        let first = try AuthorizedKeys.splice(own, block: try block(["alice"])).get()
        #expect(first.hasPrefix(own))
        let second = try AuthorizedKeys.splice(first + "# after\n", block: try block(["bob"])).get()
        #expect(second.hasPrefix(own) && second.hasSuffix("# after\n") && second.contains(" bob ") && !second.contains(" alice "))
        #expect(try AuthorizedKeys.splice("", block: try block([])).get() == AuthorizedKeys.begin + "\n" + AuthorizedKeys.end + "\n")
        for (text, line, reason) in [
            (own + AuthorizedKeys.begin + "\n", 2, "never ends"),
            (AuthorizedKeys.end + "\n", 1, "without having started"),
            (first + first, 6, "a second Tenet block"),
        ] {
            guard case .failure(let damaged) = AuthorizedKeys.splice(text, block: try block(["x"])) else {
                Issue.record("a damaged file was rewritten"); continue
            }
            #expect(damaged.line == line && damaged.reason.contains(reason), "\(damaged)")
        }
    }

    @Test func mutatedInputsNeverCrashAndRewritingIsStable() throws {
        var state: UInt64 = 0x5EED
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        let seeds = [Self.key, AuthorizedKeys.begin + "\n" + Self.key + "\n" + AuthorizedKeys.end + "\n", "ssh-rsa AAAAB3Nza x\n# c\n"]
        for round in 0..<3000 {
            var bytes = Array(seeds[round % seeds.count].utf8)
            for _ in 0..<(1 + Int(next() % 6)) {
                let at = bytes.isEmpty ? 0 : Int(next() % UInt64(bytes.count))
                switch next() % 3 {
                case 0 where !bytes.isEmpty: bytes.remove(at: at)
                case 1: bytes.insert(UInt8(truncatingIfNeeded: next()), at: at)
                default: if !bytes.isEmpty { bytes[at] = UInt8(truncatingIfNeeded: next()) }
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            if case .success(let keys) = SSHPublicKey.parse(text) {
                for key in keys { #expect(!(key.type + key.key + key.comment).unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{7F}" }) }
            }
            if case .success(let once) = AuthorizedKeys.splice(text, block: try block(["alice"])) {
                #expect((try? AuthorizedKeys.splice(once, block: try block(["alice"])).get()) == once, "\(text.debugDescription)")
            }
        }
    }
}
