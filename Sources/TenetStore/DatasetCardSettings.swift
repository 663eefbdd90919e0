import Foundation
import GRDB
import TenetSpec

/// What a dataset card says about a project's data beyond its counts: its licence,
/// language and name on the Hugging Face Hub. Set with `tenet project set license ID`,
/// `language en,fr` and `pretty-name TEXT` (an empty value unsets); `tenet export pairs
/// --format hf` flags override them for one export.
public struct DatasetCardSettings: Sendable, Equatable {
    /// A Hub licence identifier (`cc-by-4.0`, `apache-2.0`, `mit`, `other` …).
    public var license: String?
    /// ISO 639 language codes (`en`, `fr`, `pt-BR` …).
    public var language: [String] = []
    /// The dataset's name as the Hub shows it: any text.
    public var prettyName: String?

    public init(license: String? = nil, language: [String] = [], prettyName: String? = nil) {
        self.license = license
        self.language = language
        self.prettyName = prettyName
    }

    /// The settings' names, as `tenet project set` takes them.
    public static let names = ["license", "language", "pretty-name"]

    /// Why `value` cannot be the setting `name` (one of ``names``), if it cannot.
    public static func problem(_ name: String, _ value: String) -> String? {
        guard !value.isEmpty else { return nil }
        switch name {
        case "license":
            let ok = value.count <= 64 && value.first.map { $0.isASCII && ($0.isLowercase || $0.isNumber) } == true
                && value.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || ".+-".contains($0)) }
            return ok ? nil : "a licence is a Hugging Face licence identifier such as cc-by-4.0, apache-2.0, mit or other; got \(SafeText.visible(value))"
        case "language":
            return languages(value) == nil ? "language is ISO 639 codes, comma-separated, such as en or en,fr or pt-BR; got \(SafeText.visible(value))" : nil
        case "pretty-name":
            return value.count <= 200 ? nil : "a pretty name is at most 200 characters; this one has \(value.count)"
        default:
            return "unknown setting \(name)"
        }
    }

    /// `en,fr` as codes; `nil` when one is not an ISO 639 code (with an optional region or
    /// script: `pt-BR`, `zh-Hant`).
    public static func languages(_ value: String) -> [String]? {
        let codes = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for code in codes {
            let parts = code.split(separator: "-", omittingEmptySubsequences: false)
            guard let base = parts.first, (2...3).contains(base.count), base.allSatisfy({ $0.isASCII && $0.isLowercase }),
                  parts.dropFirst().allSatisfy({ (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
            else { return nil }
        }
        return codes.isEmpty ? nil : codes
    }
}

extension ProjectStore {
    /// The project's dataset card settings.
    public func datasetCardSettings() throws(StoreError) -> DatasetCardSettings {
        try guarded {
            try reader.read { db in
                var settings = DatasetCardSettings()
                for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT name, value FROM project_setting WHERE name IN ('license', 'language', 'pretty-name')")) {
                    let name: String = row[0], value: String = row[1]
                    guard !value.isEmpty else { continue }
                    switch name {
                    case "license": settings.license = value
                    case "language": settings.language = DatasetCardSettings.languages(value) ?? []
                    default: settings.prettyName = value
                    }
                }
                return settings
            }
        }
    }
}
