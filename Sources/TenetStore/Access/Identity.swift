/// Who is acting, and how Tenet knows: every changeset records it.
///
/// The command line resolves it from how the person reached Tenet — the SSH key of a
/// served session, else the operating-system account — never from a name they typed,
/// except for the account that owns the database (which could rewrite the file anyway).
public struct Identity: Sendable, Equatable {
    /// How the person was identified.
    public enum Source: Sendable, Equatable {
        /// An SSH key registered with `tenet access add`, by its SHA256 fingerprint.
        case key(fingerprint: String)
        /// The local operating-system account (not the database's owner).
        case account(login: String)
        /// The account that owns the database. Acting as itself it is an admin whatever
        /// the access list says; acting as a person (`--user`) it has that person's role.
        case owner(login: String)
        /// The superuser, who can rewrite any file: treated as the owner, recorded as itself.
        case superuser(login: String)
    }

    /// The name changesets are attributed to.
    public var name: String
    public var source: Source
    /// Where the person connected from (`SSH_CONNECTION`'s address and port), or empty.
    public var client: String

    public init(name: String, source: Source, client: String = "") {
        self.name = name
        self.source = source
        self.client = client
    }

    /// A local user acting under `name` as the database's owner: what tests, benchmarks
    /// and single-user laptops use.
    public static func owner(_ name: String) -> Identity {
        Identity(name: name, source: .owner(login: name))
    }

    /// How the person was identified, as the log shows it: `key SHA256:…`, `account
    /// alice`, `owner tenet`, `superuser root`.
    public var identifiedBy: String {
        switch source {
        case .key(let fingerprint): return "key " + fingerprint
        case .account(let login): return "account " + login
        case .owner(let login): return "owner " + login
        case .superuser(let login): return "superuser " + login
        }
    }

    /// The owner acting as itself: an admin even when it is not on the access list.
    var isOwnerAsItself: Bool {
        switch source {
        case .owner(let login), .superuser(let login): return login == name
        default: return false
        }
    }
}

/// A person's name as access, changesets and `authorized_keys` use it: 1 to 32 of
/// lowercase letters, digits, `.`, `_` and `-`, starting with a letter or a digit.
public enum PersonName {
    /// Why `name` cannot be a person's name, or `nil` when it can.
    public static func problem(_ name: String) -> String? {
        let bytes = Array(name.utf8)
        guard (1...32).contains(bytes.count) else { return "a name is 1 to 32 characters; got \(bytes.count)" }
        func allowed(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2E || b == 0x5F || b == 0x2D }
        guard bytes.allSatisfy(allowed), let first = bytes.first, first != 0x2E, first != 0x5F, first != 0x2D else {
            return "a name is lowercase letters, digits, '.', '_' and '-', starting with a letter or digit"
        }
        return nil
    }
}
