import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetUI

enum Reversal {
    static func print(_ result: ReversalResult, verb: String) {
        Output.write("\(verb) changeset \(result.reversed) in changeset \(result.changeset):\n")
        for revision in result.revisions {
            Output.write("  \(revision.kind.rawValue) \(SafeText.visible(revision.id)) → revision \(revision.revision) (changed: \(revision.changed.joined(separator: ", ")))\n")
        }
    }
}
