import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetUI

extension DocumentStatus: ChoiceArgument {}

/// A document as `list --json` and `show --json` print it.
struct DocumentJSON: Encodable {
    var id: String
    var revision: Int
    var status: String
    var decidedBy: String?
    var note: String?
    var edited: Bool
    var original: String?
    var document: MidtrainDocument

    init(_ stored: StoredDocument) {
        id = stored.id
        revision = stored.revision
        status = stored.status.rawValue
        decidedBy = stored.record.decidedBy
        note = stored.record.note
        edited = stored.record.original != nil
        original = stored.record.original
        document = stored.document
    }
}
