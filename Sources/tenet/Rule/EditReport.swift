import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

/// The line an edit prints.
enum EditReport {
    static func print(_ result: EditResult) {
        if let changeset = result.changeset {
            Output.write("\(SafeText.visible(result.id)): revision \(result.revision), changeset \(changeset) (\(result.changed.joined(separator: ", ")))\n")
        } else {
            Output.write("\(SafeText.visible(result.id)): unchanged at revision \(result.revision)\n")
        }
    }
}
