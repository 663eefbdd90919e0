import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetUI

enum Reversal {
    /// Prints what an undo, redo or revert wrote; when it changed who has access, keeps the
    /// authorized_keys file in step (``AuthorizedKeysSync/follow(_:)``): restored access
    /// used to stay refused over SSH until someone ran `tenet access sync`.
    static func report(_ result: ReversalResult, verb: String, project: ProjectStore) {
        Output.write("\(verb) changeset \(result.reversed) in changeset \(result.changeset):\n")
        for revision in result.revisions {
            // A creation taken back or brought back says which: "(changed: removed)" read as a
            // second removal after a redo.
            let what = revision.changed == ["removed"]
                ? (revision.state == ProjectStore.removedState ? "removed" : "restored")
                : "changed: " + revision.changed.joined(separator: ", ")
            Output.write("  \(revision.kind.rawValue) \(SafeText.visible(revision.id)) → revision \(revision.revision) (\(what))\n")
        }
        if result.revisions.contains(where: { $0.kind == .person }) {
            Output.error(AuthorizedKeysSync.follow(project))
        }
    }
}
