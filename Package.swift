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

        // Specs: Markdown / JSON → rule tree, lint, rule-level diff. Only module importing cmark-gfm.
        .target(name: "TenetSpec", dependencies: ["CCmarkGFM"]),

        // The command-line executable.
        .executableTarget(
            name: "tenet",
            dependencies: [
                "TenetSpec",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Parse benchmark: Tenet beside the bare cmark-gfm command, one run.
        .executableTarget(
            name: "tenet-bench",
            dependencies: ["TenetSpec"],
            path: "Benchmarks/ParseBenchmark"
        ),

        // libFuzzer entry point (build with `make fuzz`).
        .executableTarget(
            name: "tenet-fuzz",
            dependencies: ["TenetSpec"],
            path: "Tests/Fuzz",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),

        .testTarget(
            name: "TenetSpecTests",
            dependencies: ["TenetSpec"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "TenetCLITests",
            dependencies: ["TenetSpec"]
        ),
        .testTarget(
            name: "TerminalShimTests",
            dependencies: ["CNcursesw"]
        ),
    ]
)
