import TenetStore

/// A session `tenet serve` opened for a person who connected with their SSH key: who they
/// are and which database they work on, both fixed by the host before anything the
/// person asked for is parsed. Every command then opens the store as that person.
struct ServedSession: Sendable {
    var identity: Identity
    /// The project database, from the forced command in `authorized_keys`.
    var database: String

    /// The session of this process, set once by `tenet serve` before it runs the command
    /// (single-threaded at that point; read-only after).
    nonisolated(unsafe) static var current: ServedSession?
}
