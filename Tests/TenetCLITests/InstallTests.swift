import Foundation
import Testing

/// `make install` as an admin runs it on a shared host, with the debug binary instead of a
/// release build (`BINARY=`), into a temporary prefix; then the installed binary is run
/// from another directory, by its bare name through a symlink on PATH (as an SSH forced
/// command runs it), and must find its themes, sample specs and role templates there.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct InstallTests {
    /// A temporary folder with an installed prefix and a working directory elsewhere.
    final class Installation {
        let directory: String
        let prefix: String
        let work: String
        /// A folder on PATH holding only a symlink `tenet` to the installed binary.
        let linkFolder: String

        init() throws {
            directory = try TenetProcess.temporaryDirectory()
            prefix = directory + "/prefix"
            work = directory + "/work"
            linkFolder = directory + "/links"
            for folder in [work, linkFolder, directory + "/config"] {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            let installed = try InstallTests.make(["install", "PREFIX=\(prefix)"])
            try #require(installed.status == 0, "make install: \(installed.stdout)\n\(installed.stderr)")
            try FileManager.default.createSymbolicLink(atPath: linkFolder + "/tenet", withDestinationPath: prefix + "/bin/tenet")
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }

        /// `tenet ARGS` run as `sh -c 'tenet …'` in the working directory: argv[0] is the
        /// bare name, found on PATH through the symlink; no resource overrides, a private config.
        func tenet(_ arguments: [String]) throws -> TenetProcess.Result {
            let command = (["tenet"] + arguments).map(TmuxSession.quote).joined(separator: " ")
            return try TenetProcess.runProgram("/bin/sh", ["-c", command], in: work, environment: environment)
        }

        var environment: [String: String] {
            ["PATH": linkFolder + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
             "XDG_CONFIG_HOME": directory + "/config", "TENET_THEMES": "", "TENET_SAMPLES": "",
             "TENET_USER": "alice", "TENET_DB": work + "/tenet.db"]
        }
    }

    /// `make ARGS BINARY=<the debug tenet>` in the package root, with the argument parser
    /// checkout that this build resolved (for the man page generator).
    static func make(_ arguments: [String]) throws -> TenetProcess.Result {
        var folder = URL(fileURLWithPath: TenetProcess.binary).resolvingSymlinksInPath().deletingLastPathComponent()
        var checkout: String?
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("checkouts/swift-argument-parser").path
            if FileManager.default.fileExists(atPath: candidate + "/Package.swift") { checkout = candidate; break }
            folder.deleteLastPathComponent()
        }
        let make = ["/usr/bin/make", "/usr/local/bin/make"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/make"
        return try TenetProcess.runProgram(make, ["--no-print-directory"] + arguments + ["BINARY=\(TenetProcess.binary)"]
                                               + (checkout.map { ["ARGUMENT_PARSER=\($0)"] } ?? []),
                                           environment: ["MAKEFLAGS": "", "MFLAGS": ""])
    }

    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? nil
    }

    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil) ?? 0
    }

    @Test func everythingGoesWhereItShouldWithItsMode() throws {
        let installed = try Installation()
        let share = installed.prefix + "/share"
        #expect(Self.mode(installed.prefix + "/bin/tenet") == 0o755)
        for file in ["tenet/Themes/dark.theme", "tenet/Themes/README.md", "tenet/SampleSpecs/travel-planning.md",
                     "tenet/templates/planner.md", "tenet/templates/judge.md", "man/man1/tenet.1",
                     "bash-completion/completions/tenet", "zsh/site-functions/_tenet", "fish/vendor_completions.d/tenet.fish"] {
            #expect(Self.mode(share + "/" + file) == 0o644, "\(file)")
            #expect(Self.size(share + "/" + file) > 0, "\(file) is empty")
        }
        let themes = try FileManager.default.contentsOfDirectory(atPath: share + "/tenet/Themes").sorted()
        #expect(themes == ["README.md", "dark.theme", "high-contrast.theme", "light.theme", "mono.theme"])

        // The man page is swift-argument-parser's, made from the installed binary: every
        // subcommand that `tenet --help` lists is in it.
        let manual = try String(contentsOfFile: share + "/man/man1/tenet.1", encoding: .utf8)
        #expect(manual.contains(".Dt TENET 1"))
        let help = try installed.tenet(["--help"]).stdout
        let subcommands = help.components(separatedBy: "SUBCOMMANDS:").last?.components(separatedBy: "\n\n").first?.split(separator: "\n")
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) } ?? []
        #expect(subcommands.count >= 20, "\(help)")
        for subcommand in subcommands { #expect(manual.contains(".It Em \(subcommand)\n"), "\(subcommand) is not in the man page") }

        #expect(try String(contentsOfFile: share + "/zsh/site-functions/_tenet", encoding: .utf8).hasPrefix("#compdef tenet"))
        #expect(try String(contentsOfFile: share + "/fish/vendor_completions.d/tenet.fish", encoding: .utf8).contains("complete -c 'tenet'")
                || String(contentsOfFile: share + "/fish/vendor_completions.d/tenet.fish", encoding: .utf8).contains("complete -c tenet"))
        #expect(try String(contentsOfFile: share + "/bash-completion/completions/tenet", encoding: .utf8).contains("complete -o filenames -F _tenet tenet")
                || String(contentsOfFile: share + "/bash-completion/completions/tenet", encoding: .utf8).contains("-F _tenet tenet"))

        // Uninstall takes all of it away.
        let uninstalled = try Self.make(["uninstall", "PREFIX=\(installed.prefix)"])
        #expect(uninstalled.status == 0, "\(uninstalled.stderr)")
        for gone in ["/bin/tenet", "/share/tenet", "/share/man/man1/tenet.1", "/share/bash-completion/completions/tenet",
                     "/share/zsh/site-functions/_tenet", "/share/fish/vendor_completions.d/tenet.fish"] {
            #expect(!FileManager.default.fileExists(atPath: installed.prefix + gone), "\(gone) is still there")
        }
    }

    @Test func destdirStagesUnderItsRoot() throws {
        let directory = try TenetProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try Self.make(["install", "DESTDIR=\(directory)/stage", "PREFIX=/opt/tenet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.mode(directory + "/stage/opt/tenet/bin/tenet") == 0o755)
        #expect(Self.size(directory + "/stage/opt/tenet/share/tenet/templates/planner.md") > 0)
        #expect(Self.size(directory + "/stage/opt/tenet/share/man/man1/tenet.1") > 0)
    }

    @Test func theInstalledBinaryFindsItsThemesAndTemplatesFromElsewhere() throws {
        let installed = try Installation()
        let share = installed.prefix + "/share/tenet"

        // Themes: an unknown one lists the installed themes and says where they are.
        let theme = try installed.tenet(["--theme", "nope"])
        #expect(theme.status == 64)
        #expect(theme.stderr.contains("no theme “nope”; available: dark, high-contrast, light, mono"), "\(theme.stderr)")
        #expect(theme.stderr.contains(share + "/Themes"), "\(theme.stderr)")

        // Templates: offline generation from an installed sample spec.
        #expect(try installed.tenet(["import", "spec", share + "/SampleSpecs/travel-planning.md"]).status == 0)
        #expect(try installed.tenet(["instantiate", "travel", "--seed", "3", "--save", "lisbon"]).status == 0)
        let generated = try installed.tenet(["generate", "--instantiation", "lisbon", "--count", "5", "--seed", "1"])
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(generated.stderr.contains("(offline-template): 5 kept"), "\(generated.stderr)")

        // …and they are the installed ones, not the build folder's: without them, generation
        // says where it looked.
        try FileManager.default.removeItem(atPath: share + "/templates/judge.md")
        let missing = try installed.tenet(["generate", "--instantiation", "lisbon", "--count", "5", "--seed", "2"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("the built-in judge template is missing"), "\(missing.stderr)")
        #expect(missing.stderr.contains(installed.prefix + "/bin/../share/tenet/templates"), "\(missing.stderr)")
    }

    @Test(.enabled(if: TmuxSession.shouldRun, "needs tmux"))
    func theInstalledWorkbenchOffersTheInstalledSampleSpecs() throws {
        let installed = try Installation()
        var environment = installed.environment
        environment["LANG"] = "C.UTF-8"
        environment["TERM"] = "xterm-256color"
        environment["HOME"] = installed.directory
        let session = try TmuxSession(["tenet"], environment: environment, in: installed.work, width: 140, height: 30)
        defer { session.stop() }
        try session.waitFor("import the sample specs from " + installed.prefix + "/share/tenet/SampleSpecs")
        try session.press("i")
        try session.waitFor("Imported 5 sample specs")
        try session.press("q")
        #expect(try session.waitForExit() == 0)
    }
}
