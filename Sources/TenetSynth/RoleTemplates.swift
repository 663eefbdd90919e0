import Foundation
import TenetSpec

/// The agents of the generation loop, one prompt template each.
public enum AgentRole: String, CaseIterable, Sendable, Codable {
    case planner, attacker, defender, violator, judge
}

/// The role prompt templates: files in `Templates/` shipped with Tenet, overridden by the
/// user's own `ROLE.md` in a templates folder (`$XDG_CONFIG_HOME/tenet/templates/`).
/// `{{name}}` marks are filled when a prompt is made.
public struct RoleTemplates: Sendable, Equatable {
    public var texts: [AgentRole: String]
    /// Where each came from (a path, or "built-in").
    public var origins: [AgentRole: String]

    /// The built-in templates, with any in `overrides` (a folder) taking their place.
    public static func load(overrides: String? = nil) throws(SynthError) -> RoleTemplates {
        var texts: [AgentRole: String] = [:]
        var origins: [AgentRole: String] = [:]
        for role in AgentRole.allCases {
            if let overrides, let data = FileManager.default.contents(atPath: overrides + "/\(role.rawValue).md") {
                texts[role] = String(decoding: data, as: UTF8.self)
                origins[role] = overrides + "/\(role.rawValue).md"
                continue
            }
            guard let url = Bundle.module.url(forResource: role.rawValue, withExtension: "md", subdirectory: "Templates"),
                  let data = try? Data(contentsOf: url) else {
                throw SynthError(message: "the built-in \(role.rawValue) template is missing from Tenet's resources; reinstall, or put \(role.rawValue).md in your templates folder")
            }
            texts[role] = String(decoding: data, as: UTF8.self)
            origins[role] = "built-in"
        }
        return RoleTemplates(texts: texts, origins: origins)
    }

    /// A template with its marks filled.
    public func render(_ role: AgentRole, _ values: [String: String]) -> String {
        var text = texts[role] ?? ""
        for (name, value) in values { text = text.replacingOccurrences(of: "{{\(name)}}", with: value) }
        return text
    }

    /// Each template's origin and the first 12 hex digits of its SHA-256, for provenance.
    public var fingerprints: [String: String] {
        Dictionary(uniqueKeysWithValues: AgentRole.allCases.map { role in
            (role.rawValue, "\(origins[role] ?? "?") sha256:\(PreferencePair.sha256(texts[role] ?? "").prefix(12))")
        })
    }
}

/// A problem with generation, worded for the user.
public struct SynthError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
