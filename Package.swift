// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Tenet",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tenet", targets: ["tenet"]),
        .library(name: "TenetSpec", targets: ["TenetSpec"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // C libraries, wrapped so that no C pointer escapes the module that imports them.
        .systemLibrary(
            name: "CCmarkGFM",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncurses-dev"])]
        ),

        // The terminal adapter's process-wide signal state and crash/exit restore, in C: handlers
        // may only set flags and call async-signal-safe functions.
        .target(name: "CTerminalSignals", linkerSettings: [.linkedLibrary("ncursesw")]),

        // Specs: Markdown / JSON → rule tree, lint, rule-level diff. Only module importing cmark-gfm,
        // and libcrypto (for SHA-256, behind SHA256Digest).
        .target(name: "TenetSpec", dependencies: ["CCmarkGFM", "CLazyCrypto"]),
        // SHA-256: the system's libcrypto, loaded on the first digest.
        .target(name: "CLazyCrypto", linkerSettings: [.linkedLibrary("dl")]),

        // The project database: versioned entities, changesets, undo/redo, history. The only writer.
        .target(
            name: "TenetStore",
            dependencies: ["TenetSpec", "CSQLiteTriggers", "CFileLocks", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Open-file-description locks (fcntl's F_OFD_SETLK, which Swift's Glibc does not
        // export): who has a project open (see ProjectPresence).
        .target(name: "CFileLocks"),
        // sqlite3_db_config (variadic, which Swift cannot call): a pair import's batches are
        // written with its connection's triggers off (see PairWriter.write).
        .systemLibrary(name: "CSQLiteTriggers"),

        // Where the shipped themes, sample specs and role templates are, for a binary built
        // in .build or installed under a prefix (make install), run from any directory.
        .target(name: "TenetResources"),

        // Model work: pair generation (providers — offline, OpenAI-compatible HTTP — and the
        // agents' loop), and annotation suggestions, which it reads and saves in the store.
        .target(name: "TenetSynth", dependencies: ["TenetSpec", "TenetStore", "TenetResources", "CLazyCurl"], resources: [.copy("Templates")]),
        // HTTP for the model endpoints: the system's libcurl, loaded on the first request.
        .target(name: "CLazyCurl", linkerSettings: [.linkedLibrary("dl")]),

        // Import and export: preference-pair line formats, pairs from a spec's examples, the
        // exporters the command line and the workbench run, and OpenSSH's key formats.
        .target(name: "TenetFormats", dependencies: ["TenetSpec", "TenetStore"]),

        // The workbench's pure core: state, actions, keymap, reducer, render → ScreenBuffer,
        // themes and config. Never touches a terminal.
        .target(name: "TenetUI", dependencies: ["TenetSpec", "TenetStore", "TenetFormats"]),

        // The ncurses adapter: draws a ScreenBuffer, reads keys. Only module importing ncurses.
        .target(name: "TenetTerminal", dependencies: ["CNcursesw", "CTerminalSignals", "TenetUI"]),

        // The workbench's shell: runs effects against the store and the editor, loads
        // settings and themes, and drives the terminal in an event loop.
        .target(name: "TenetWorkbench", dependencies: ["TenetSpec", "TenetStore", "TenetUI", "TenetTerminal", "TenetSynth", "TenetFormats", "TenetResources"]),

        // The command-line executable.
        .executableTarget(
            name: "tenet",
            dependencies: [
                "TenetSpec",
                "TenetStore",
                "TenetUI",
                "TenetTerminal",
                "TenetWorkbench",
                "TenetFormats",
                "TenetSynth",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The release binary carries the Swift runtime and Foundation inside it: loading
            // them as shared libraries cost every command ~4 ms of symbol binding before `main`
            // (Benchmarks/RESULTS.md, "start-up"). System libraries stay shared. The toolchain's
            // lld links that 117 MB in ~3 s where the default gold took ~38 s.
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-use-ld=lld"], .when(configuration: .release))]
        ),

        // Parse benchmark: Tenet beside the bare cmark-gfm command, one run.
        .executableTarget(
            name: "tenet-bench",
            dependencies: ["TenetSpec", "TenetStore", "TenetUI", "TenetTerminal", "TenetWorkbench", "TenetSynth", "TenetTestSupport",
                           .product(name: "GRDB", package: "GRDB.swift")],
            path: "Benchmarks/ParseBenchmark",
            // Linked as the release `tenet` is, so that `parse-child` starts as the shipped
            // binary does: with the shared Swift libraries it spent ~10 ms more binding
            // symbols before `main`, which the parse benchmark counted as parsing.
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-use-ld=lld"], .when(configuration: .release))]
        ),

        // Test helper: processes that race on one database, or get killed mid-write.
        .executableTarget(
            name: "tenet-stress",
            dependencies: ["TenetSpec", "TenetStore"],
            path: "Tests/StressTool"
        ),

        // libFuzzer entry point (build with `make fuzz`).
        .executableTarget(
            name: "tenet-fuzz",
            dependencies: ["TenetSpec", "TenetStore", "TenetFormats"],
            path: "Tests/Fuzz",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),

        .testTarget(
            name: "TenetSpecTests",
            dependencies: ["TenetSpec"],
            resources: [.copy("Fixtures")]
        ),
        // Shared by the tests and the benchmarks: a real OpenSSH server serving a service account,
        // fake OpenAI-compatible endpoints (Python or in-process), temporary folders.
        .target(name: "TenetTestSupport", path: "Tests/Support"),

        .testTarget(
            name: "TenetCLITests",
            dependencies: ["TenetSpec", "TenetTestSupport"]
        ),
        .testTarget(
            name: "TenetCommandTests",
            dependencies: ["tenet", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "TenetStoreTests",
            dependencies: ["TenetSpec", "TenetStore", "TenetTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "TenetUITests",
            dependencies: ["TenetUI", "TenetWorkbench", "TenetSpec", "TenetStore", "TenetFormats", "TenetTestSupport"],
            exclude: ["Snapshots"]
        ),
        .testTarget(
            name: "TenetSynthTests",
            dependencies: ["TenetSynth", "TenetSpec", "TenetStore", "TenetTestSupport"]
        ),
        .testTarget(
            name: "TenetFormatsTests",
            dependencies: ["TenetFormats", "TenetSpec", "TenetStore"]
        ),
        .testTarget(
            name: "TenetWorkbenchTests",
            dependencies: ["TenetWorkbench", "TenetUI", "TenetSpec", "TenetStore", "TenetSynth", "TenetTestSupport"]
        ),
        .testTarget(
            name: "TerminalShimTests",
            dependencies: ["CNcursesw", "TenetTerminal", "TenetUI"]
        ),
    ]
)
