import Foundation

/// A kind of midtraining document (an essay, a FAQ …) and what the writer is told it is like.
public struct DocumentType: Sendable, Equatable {
    /// Lower-case letters, digits and `-`: `essay`, `case-study`.
    public var name: String
    public var guidance: String

    public init(name: String, guidance: String) {
        self.name = name
        self.guidance = guidance
    }
}

/// The document types: `## name` sections of `doc-types.md`, the built-in file with the
/// user's own (`--templates DIR/doc-types.md`) over it — a type of the same name replaces
/// the built-in one, a new name adds one.
public struct DocumentTypes: Sendable, Equatable {
    /// In file order (built-in first, then the user's new ones).
    public var all: [DocumentType]
    /// Where each file came from and its fingerprint, for provenance.
    public var fingerprint: String

    /// The built-in types and the user's over them.
    public static func load(overrides: String? = nil) throws(SynthError) -> DocumentTypes {
        let builtIn = try TemplateFile.load("doc-types", overrides: nil)
        var types = try parse(builtIn.text, origin: builtIn.origin)
        var fingerprint = TemplateFile.fingerprint(builtIn.text, origin: builtIn.origin)
        if let overrides, let text = try TemplateFile.overridden(overrides + "/doc-types.md") {
            let path = overrides + "/doc-types.md"
            for type in try parse(text, origin: path) {
                if let index = types.firstIndex(where: { $0.name == type.name }) { types[index] = type } else { types.append(type) }
            }
            fingerprint += "; " + TemplateFile.fingerprint(text, origin: path)
        }
        return DocumentTypes(all: types, fingerprint: fingerprint)
    }

    /// The `## name` sections of a types file. A heading whose name is not lower-case
    /// letters, digits and `-` is an error naming the file and line.
    public static func parse(_ text: String, origin: String) throws(SynthError) -> [DocumentType] {
        var types: [DocumentType] = []
        var name: String?
        var body: [String] = []
        func close() {
            if let name { types.append(DocumentType(name: name, guidance: body.joined(separator: " ").trimmingCharacters(in: .whitespaces))) }
            body = []
        }
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("## ") {
                close()
                let candidate = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
                guard isName(candidate) else {
                    throw SynthError(message: "\(origin):\(number + 1): `\(candidate)` is not a document type name; use lower-case letters, digits and - (e.g. ## case-study)")
                }
                name = candidate
            } else if line.hasPrefix("# ") {
                close()
                name = nil
            } else if name != nil {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty { body.append(trimmed) }
            }
        }
        close()
        return types
    }

    /// The named types, in the order given; an unknown name is an error listing the known ones.
    public func select(_ names: [String]) throws(SynthError) -> [DocumentType] {
        guard !names.isEmpty else { return all }
        var chosen: [DocumentType] = []
        for name in names {
            guard let type = all.first(where: { $0.name == name }) else {
                throw SynthError(message: "unknown document type `\(name)`; types: \(all.map(\.name).joined(separator: ", ")) (add your own in DIR/doc-types.md with --templates DIR)")
            }
            if !chosen.contains(type) { chosen.append(type) }
        }
        return chosen
    }

    static func isName(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
