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
        #expect(lines.first == AuthorizedKeys.begin(for: "/srv/tenet/tenet.db") && lines.last == "# <<< tenet /srv/tenet/tenet.db")
        #expect(lines[1] == "command=\"'/usr/local/bin/tenet' serve --db '/srv/tenet/tenet.db' --key \(Self.fingerprint) alice\",restrict,pty "
                + String(Self.key.split(separator: " ")[0...1].joined(separator: " ")) + " alice alice@laptop")
        #expect(AuthorizedKeys.Command.problem("/srv/o'brien/tenet.db") != nil)
        #expect(AuthorizedKeys.Command.problem("relative/tenet.db") != nil)
        #expect(AuthorizedKeys.Command.problem("/srv/tenet/tenet.db") == nil)
    }

    @Test func onlyTheBlockIsRewrittenAndADamagedOneIsRefused() throws {
        let db = Self.command.database
        let own = "ssh-ed25519 AAAAown me@host\n"
        let first = try AuthorizedKeys.splice(own, block: try block(["alice"]), database: db).get()
        #expect(first.hasPrefix(own))
        let second = try AuthorizedKeys.splice(first + "# after\n", block: try block(["bob"]), database: db).get()
        #expect(second.hasPrefix(own) && second.hasSuffix("# after\n") && second.contains(" bob ") && !second.contains(" alice "))
        #expect(try AuthorizedKeys.splice("", block: try block([]), database: db).get()
                == AuthorizedKeys.begin(for: db) + "\n" + AuthorizedKeys.end(for: db) + "\n")
        for (text, line, reason) in [
            (own + AuthorizedKeys.begin(for: db) + "\n", 2, "never ends"),
            (AuthorizedKeys.end(for: db) + "\n", 1, "without having started"),
            (first + first, 6, "a second Tenet block for \(db) starts here"),
            (own + AuthorizedKeys.begin(for: db) + "\n" + AuthorizedKeys.end(for: "/other.db") + "\n", 3, "another project's marker"),
            (AuthorizedKeys.begin(for: db) + "\n" + AuthorizedKeys.begin(for: "/other.db") + "\n", 2, "inside the one that starts at line 1"),
        ] {
            guard case .failure(let damaged) = AuthorizedKeys.splice(text, block: try block(["x"]), database: db) else {
                Issue.record("a damaged file was rewritten"); continue
            }
            #expect(damaged.line == line && damaged.reason.contains(reason), "\(damaged)")
        }
    }

    /// Each project on the account has its own block; rewriting one keeps the others, and a
    /// block written before blocks were named belongs to the database its commands run.
    @Test func eachProjectKeepsItsOwnBlock() throws {
        let parsed = try SSHPublicKey.parse(Self.key).get()
        func block(_ name: String, _ database: String) -> [String] {
            AuthorizedKeys.block([Person(name: name, role: .annotator, keys: parsed)],
                                 command: .init(binary: "/usr/local/bin/tenet", database: database))
        }
        let one = try AuthorizedKeys.splice("", block: block("alice", "/srv/a.db"), database: "/srv/a.db").get()
        let two = try AuthorizedKeys.splice(one, block: block("dave", "/srv/b.db"), database: "/srv/b.db").get()
        #expect(two.hasPrefix(one) && two.contains("--db '/srv/b.db'") && two.contains(" alice "))
        let again = try AuthorizedKeys.splice(two, block: block("bob", "/srv/a.db"), database: "/srv/a.db").get()
        #expect(again.contains(" bob ") && !again.contains(" alice ") && again.contains(" dave "))
        #expect(AuthorizedKeys.hasBlock(again, database: "/srv/b.db") && !AuthorizedKeys.hasBlock(again, database: "/srv/c.db"))

        // Legacy blocks: the one running a.db is a.db's and is rewritten; b.db's is kept.
        func legacy(_ database: String) -> String {
            AuthorizedKeys.legacyBegin + "\n" + block("old", database)[1] + "\n" + AuthorizedKeys.legacyEnd + "\n"
        }
        let rewritten = try AuthorizedKeys.splice(legacy("/srv/a.db"), block: block("bob", "/srv/a.db"), database: "/srv/a.db").get()
        #expect(rewritten == block("bob", "/srv/a.db").joined(separator: "\n") + "\n")
        let kept = try AuthorizedKeys.splice(legacy("/srv/b.db"), block: block("bob", "/srv/a.db"), database: "/srv/a.db").get()
        #expect(kept.hasPrefix(legacy("/srv/b.db")) && kept.contains(" bob "))
        guard case .failure(let twice) = AuthorizedKeys.splice(legacy("/srv/b.db") + legacy("/srv/c.db"), block: [], database: "/srv/a.db") else {
            Issue.record("two unnamed blocks were rewritten"); return
        }
        #expect(twice.line == 4 && twice.reason.contains("a second Tenet block starts here"), "\(twice)")
    }

    @Test func keyLinesOutsideEveryBlockAreFound() throws {
        let db = Self.command.database
        let inside = try AuthorizedKeys.splice(Self.key + "\n# c\n", block: try block(["alice"]), database: db).get()
        let key = String(Self.key.split(separator: " ")[1])
        #expect(AuthorizedKeys.unrestrictedLines(inside, keys: [key]) == [1])
        #expect(AuthorizedKeys.unrestrictedLines(try AuthorizedKeys.splice("", block: try block(["alice"]), database: db).get(), keys: [key]).isEmpty)
    }

    @Test func mutatedInputsNeverCrashAndRewritingIsStable() throws {
        var state: UInt64 = 0x5EED
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        let db = Self.command.database
        let seeds = [Self.key, AuthorizedKeys.begin(for: db) + "\n" + Self.key + "\n" + AuthorizedKeys.end(for: db) + "\n",
                     AuthorizedKeys.legacyBegin + "\n" + Self.key + "\n" + AuthorizedKeys.legacyEnd + "\n", "ssh-rsa AAAAB3Nza x\n# c\n"]
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
            if case .success(let once) = AuthorizedKeys.splice(text, block: try block(["alice"]), database: db) {
                #expect((try? AuthorizedKeys.splice(once, block: try block(["alice"]), database: db).get()) == once, "\(text.debugDescription)")
            }
        }
    }
}
