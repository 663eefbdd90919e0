import Foundation
import TenetResources
import TenetSpec

/// The agents of the generation loop, one prompt template each.
public enum AgentRole: String, CaseIterable, Sendable, Codable {
    case planner, attacker, defender, violator, judge
}

/// The role prompt templates: files in `Templates/` shipped with Tenet, overridden by the
/// user's own `ROLE.md` in a templates folder (`$XDG_CONFIG_HOME/tenet/templates/`).
/// `{{name}}` marks are filled when a prompt is made.
///
/// The built-in ones are found beside the binary: in SwiftPM's resource bundle next to a
/// built `tenet` (`swift build`, `swift run`), or in `share/tenet/templates` of the prefix
/// it was installed to (`make install`). `Bundle.module` is not used: on Linux it falls
/// back to the absolute path of the build folder and stops the program when that is gone.
public struct RoleTemplates: Sendable, Equatable {
    public var texts: [AgentRole: String]
    /// Where each came from (a path, or "built-in").
    public var origins: [AgentRole: String]

    /// The built-in templates, with any in `overrides` (a folder) taking their place.
    public static func load(overrides: String? = nil) throws(SynthError) -> RoleTemplates {
        var texts: [AgentRole: String] = [:]
        var origins: [AgentRole: String] = [:]
        for role in AgentRole.allCases {
            let file = try TemplateFile.load(role.rawValue, overrides: overrides)
            texts[role] = file.text
            origins[role] = file.origin
        }
        return RoleTemplates(texts: texts, origins: origins)
    }

    /// The folder of the built-in templates, or nil when neither layout has one.
    public static let builtInDirectory: String? = {
        var candidates: [String] = []
        // As TENET_THEMES and TENET_SAMPLES: a binary copied away from its share/ folder.
        if let folder = ProcessInfo.processInfo.environment["TENET_TEMPLATES"], !folder.isEmpty { candidates.append(folder) }
        for folder in InstalledResources.executableDirectories {
            // SwiftPM's bundle beside a built binary: PACKAGE_TARGET, `.resources` on Linux,
            // `.bundle` on macOS.
            for bundle in ["Tenet_TenetSynth.resources", "Tenet_TenetSynth.bundle"] {
                let path = folder.appendingPathComponent(bundle).path
                if let resources = Bundle(path: path)?.resourcePath { candidates.append(resources + "/Templates") }
                candidates.append(path + "/Templates")
            }
            candidates.append(folder.appendingPathComponent("../share/tenet/templates").standardized.path)
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/\(AgentRole.planner.rawValue).md") }
    }()

    /// A template with its marks filled.
    public func render(_ role: AgentRole, _ values: [String: String]) -> String {
        TemplateFile.fill(texts[role] ?? "", values)
    }

    /// Each template's origin and the first 12 hex digits of its SHA-256, for provenance.
    public var fingerprints: [String: String] {
        Dictionary(uniqueKeysWithValues: AgentRole.allCases.map { role in
            (role.rawValue, TemplateFile.fingerprint(texts[role] ?? "", origin: origins[role] ?? "?"))
        })
    }
}

/// One prompt template file, `NAME.md`: the user's own in a templates folder (`--templates
/// DIR`) when it is there, else the built-in one (see ``RoleTemplates``).
public enum TemplateFile {
    /// The template's text and where it came from (a path, or "built-in").
    public static func load(_ name: String, overrides: String?) throws(SynthError) -> (text: String, origin: String) {
        try checkFolder(overrides)
        if let overrides, let text = try overridden(overrides + "/\(name).md") {
            let path = overrides + "/\(name).md"
            if let first = TemplateMarks.unknown(in: text, name: name).first {
                let known = (TemplateMarks.filled[name] ?? []).sorted().map { "{{\($0)}}" }.joined(separator: " ")
                throw SynthError(message: "\(path):\(first.line): {{\(first.mark)}} is not filled in the \(name) template, which is given \(known); "
                                 + "fix the name, or write the braces some other way")
            }
            return (text, path)
        }
        guard let folder = RoleTemplates.builtInDirectory,
              case .text(let text) = InputFile.settingsText(folder + "/\(name).md") else {
            let beside = InstalledResources.executableDirectories.first?.path ?? "the binary"
            throw SynthError(message: "the built-in \(name) template is missing from Tenet's resources (looked in \(beside)/Tenet_TenetSynth.resources and \(beside)/../share/tenet/templates); reinstall (make install), set TENET_TEMPLATES to the folder holding them, or put \(name).md in a folder and pass --templates DIR")
        }
        return (text, "built-in")
    }

    /// The user's own template file at `path`: its text, or `nil` when there is none (the
    /// built-in one applies). One that cannot be read — a FIFO, a folder, over 1 MiB, not
    /// UTF-8 — is an error naming it, never a silent fall back to the built-in one.
    static func overridden(_ path: String) throws(SynthError) -> String? {
        switch InputFile.settingsText(path) {
        case .missing: return nil
        case .text(let text): return text
        case .problem(let problem): throw SynthError(message: problem)
        }
    }

    /// Refuses a `--templates` folder that is not there: every template would silently
    /// be the built-in one.
    static func checkFolder(_ folder: String?) throws(SynthError) {
        guard let folder, !InstalledResources.isDirectory(folder) else { return }
        throw SynthError(message: FileManager.default.fileExists(atPath: folder)
            ? "\(InputFile.shownName(folder)): not a folder; --templates takes the folder holding your NAME.md templates"
            : "\(InputFile.shownName(folder)): no such folder for --templates; give the folder holding your NAME.md templates")
    }

    /// `{{name}}` marks filled with their values, in one pass: a value is never searched
    /// for marks itself (a rule's own `{{placeholder}}` stays as written), and a mark with
    /// no value is left as it is.
    public static func fill(_ template: String, _ values: [String: String]) -> String {
        var text = ""
        var rest = template[...]
        while let open = rest.range(of: "{{") {
            text += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            if let close = after.range(of: "}}"), let value = values[String(after[..<close.lowerBound])] {
                text += value
                rest = after[close.upperBound...]
            } else {
                text += "{{"
                rest = after
            }
        }
        return text + rest
    }

    /// Where a template came from and the first 12 hex digits of its SHA-256, for provenance.
    public static func fingerprint(_ text: String, origin: String) -> String {
        "\(origin) sha256:\(PreferencePair.sha256(text).prefix(12))"
    }
}

/// A problem with generation, worded for the user.
public struct SynthError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
