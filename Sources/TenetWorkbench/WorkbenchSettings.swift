import Foundation
import TenetResources
import TenetSpec
import TenetSynth
import TenetUI

/// Where the workbench finds its config file, theme files and the sample specs, and what
/// it read from them. Problems are collected as messages: a bad file never stops start-up,
/// the defaults apply instead.
public struct WorkbenchSettings: Sendable {
    public var config = WorkbenchConfig()
    public var problems: [String] = []
    /// How pairs are generated and suggestions asked for: the config file's provider.
    public var generation = ProviderSettings()
    public let configDirectory: String
    public let builtInThemes: String?
    public let samples: String?
    /// The config file read (or that would be).
    public let configPath: String

    public init() {
        let env = ProcessInfo.processInfo.environment
        let home = env["HOME"] ?? NSHomeDirectory()
        let xdg = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
        configDirectory = xdg + "/tenet"
        builtInThemes = InstalledResources.directory(named: "Themes", override: env["TENET_THEMES"])
        samples = InstalledResources.directory(named: "SampleSpecs", override: env["TENET_SAMPLES"])

        configPath = env["TENET_CONFIG"] ?? configDirectory + "/config"
        switch InputFile.settingsText(configPath) {
        case .missing:
            break
        case .problem(let problem):
            problems.append(problem + " (the config is not read)")
        case .text(let text):
            let (config, errors) = ConfigFile.parse(text, file: configPath,
                                                     commands: Keymap.commandNames,
                                                     filters: Set(RuleFilter.allCases.map(\.rawValue)))
            self.config = config
            problems += errors.map { "\($0) (the rest of the config applies)" }
            let (generation, samplingProblems) = config.providerSettings(file: configPath)
            self.generation = generation
            problems += samplingProblems.map { $0 + " (the rest of the config applies)" }
        }
    }

    /// The named theme resolved for a terminal: the user's `themes/NAME.theme` first, then
    /// the built-in one. On failure, the reason and the built-in dark theme (or plain); the
    /// caller says what happens instead (at start, that theme; on `:theme`, none changes).
    /// A name that is not a theme name (see ``themeNameProblem(_:)``) is refused: it never
    /// becomes part of a path.
    public func theme(named name: String, depth: ColorDepth) -> (theme: ResolvedTheme, problem: String?) {
        if let problem = Self.themeNameProblem(name) {
            return (fallback(depth: depth, except: name), problem)
        }
        let candidates = [configDirectory + "/themes/\(name).theme"] + (builtInThemes.map { [$0 + "/\(name).theme"] } ?? [])
        for path in candidates {
            let text: String
            switch InputFile.settingsText(path) {
            case .missing: continue
            case .problem(let problem): return (fallback(depth: depth, except: name), problem)
            case .text(let read): text = read
            }
            switch ThemeFile.parse(text, file: path) {
            case .success(let theme): return (theme.resolved(for: depth), nil)
            case .failure(let error): return (fallback(depth: depth, except: name), "\(error)")
            }
        }
        let known = availableThemes().joined(separator: ", ")
        return (fallback(depth: depth, except: name), "no theme “\(name)”" + (known.isEmpty ? "" : "; available: \(known)"))
    }

    /// Why `name` cannot be a theme's name, or nil. A name becomes a file name
    /// (`themes/NAME.theme`) and may come from a remote annotator (`:theme NAME`), so it is
    /// letters, digits, `-`, `_` and `.`, not starting with `.`: never a path.
    public static func themeNameProblem(_ name: String) -> String? {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        guard name.isEmpty || !name.allSatisfy(allowed.contains) || name.hasPrefix(".") || name.count > 64 else { return nil }
        // Shown on the status line and printed on exit: controls and bidi marks as “?”.
        let shown = String(String.UnicodeScalarView(name.unicodeScalars.prefix(64).map {
            [.control, .format, .lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory) ? "?" : $0
        }))
        return "“\(shown)” is not a theme name: a theme name is letters, digits, “-”, “_” and “.” (not first), at most 64"
    }

    private func fallback(depth: ColorDepth, except name: String) -> ResolvedTheme {
        guard name != "dark", let path = builtInThemes.map({ $0 + "/dark.theme" }),
              case .text(let text) = InputFile.settingsText(path),
              case .success(let theme) = ThemeFile.parse(text, file: path) else { return .plain }
        return theme.resolved(for: depth)
    }

    public func availableThemes() -> [String] {
        let folders = [configDirectory + "/themes"] + (builtInThemes.map { [$0] } ?? [])
        let names = folders.flatMap { (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? [] }
            .filter { $0.hasSuffix(".theme") }.map { String($0.dropLast(".theme".count)) }
        return Array(Set(names)).sorted()
    }

    /// Why a theme chosen on the command line cannot be used, or nil: not a theme name, or
    /// no such theme in the user's folder or the built-in one (which are named).
    public func themeOptionProblem(_ name: String) -> String? {
        if let problem = Self.themeNameProblem(name) { return problem }
        let known = availableThemes()
        guard !known.contains(name) else { return nil }
        let folders = [configDirectory + "/themes", builtInThemes ?? "no built-in themes found"].joined(separator: ", ")
        return "no theme “\(name)”" + (known.isEmpty ? "" : "; available: \(known.joined(separator: ", "))") + " (looked in \(folders))"
    }
}
