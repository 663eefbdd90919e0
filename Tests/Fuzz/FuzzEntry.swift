import Foundation
import TenetFormats
import TenetSpec
import TenetStore

/// Runs one input through every path that reads untrusted bytes: the Markdown reader
/// (with its example-block scanner), the SpecBench JSON reader, the linter and the
/// rule-level diff of the input against itself; the snapshot JSON parser; each line
/// as `tenet import pairs` reads it; and the input as a public key file (`tenet access
/// add --key`) and as an `authorized_keys` whose Tenet block is rewritten.
@inline(never)
func exercise(_ bytes: [UInt8]) {
    for name in ["fuzz.md", "specifications.json"] {
        guard let spec = try? SpecReader.read(path: name, bytes: bytes) else { continue }
        _ = Linter.lint(spec)
        _ = SpecDiff.compare(spec, spec)
    }
    if let value = try? JSONValue.parse(Data(bytes)) {
        // What it read, written and read again, is the same value.
        guard (try? JSONValue.parse(Data(value.description.utf8))) == value else { fatalError("JSON round trip changed \(value)") }
    }
    let text = String(decoding: bytes, as: UTF8.self)
    for (number, line) in text.split(separator: "\n").prefix(64).enumerated() {
        _ = PairLineReader.pair(String(line), number: number + 1, format: nil, spec: nil, source: "fuzz.jsonl")
    }
    if case .success(let keys) = SSHPublicKey.parse(text) {
        // Whatever is accepted is one safe line each: printable, no newline, no quote.
        let block = AuthorizedKeys.block([Person(name: "fuzz", role: .viewer, keys: keys)],
                                         command: .init(binary: "/usr/bin/tenet", database: "/srv/tenet/tenet.db"))
        for line in block where line.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            fatalError("an accepted key made an unsafe authorized_keys line: \(line)")
        }
    }
    let database = "/srv/tenet/tenet.db"
    let empty = [AuthorizedKeys.begin(for: database), AuthorizedKeys.end(for: database)]
    if case .success(let spliced) = AuthorizedKeys.splice(text, block: empty, database: database) {
        // Rewriting the block again changes nothing.
        guard case .success(let again) = AuthorizedKeys.splice(spliced, block: empty, database: database),
              again == spliced else { fatalError("rewriting the Tenet block twice differs") }
    }
}

/// libFuzzer's per-input callback.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    exercise(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

#if FUZZING
/// libFuzzer's driver, linked in by `-sanitize=fuzzer`.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32
#endif

/// `make fuzz` builds this target with `-sanitize=fuzzer -DFUZZING`: `main` then hands
/// over to libFuzzer. Built normally, it replays inputs instead: `tenet-fuzz FILE…` runs
/// each file through the reader, so a crash found by `make fuzz` can be reproduced under
/// a debugger.
@main
struct FuzzMain {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv, fuzzOneInput))
        #else
        let files = CommandLine.arguments.dropFirst()
        if files.isEmpty {
            FileHandle.standardError.write(Data("usage: tenet-fuzz FILE… (replays fuzz inputs; `make fuzz` fuzzes)\n".utf8))
            exit(2)
        }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("tenet-fuzz: cannot read \(file)\n".utf8))
                exit(1)
            }
            exercise([UInt8](data))
            print("\(file): ok")
        }
        #endif
    }
}
