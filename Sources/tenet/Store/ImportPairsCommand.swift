import ArgumentParser
import Foundation
import TenetFormats
import TenetSpec
import TenetStore

/// `tenet import pairs FILE.jsonl` and `tenet import pairs --from-spec SPEC`.
struct ImportPairsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pairs",
        abstract: "Import preference pairs from a JSONL file, or from a spec's own examples.",
        discussion: """
        A file is read in one format, detected from its first line: TRL standard \
        (prompt/chosen/rejected strings; a prompt Tenet wrote as "User: …\\n\\nAssistant:" \
        is read back into its messages), TRL conversational (message lists, explicit or \
        implicit prompt), OpenAI-style preference (input.messages, preferred_output, \
        non_preferred_output) or distilabel (prompt, prompt_id, chosen and rejected as \
        conversations or strings, chosen_model, …). \
        A line may name its rules in `rule_ids` (or `rules`, `rule_id`). A line from a Tenet \
        export keeps its ID, generator, spec revision and review (status, each annotator's \
        decision with its note, blindness and text revision — `decisions` as a list, or as \
        the object of annotator → decision older exports wrote — and edited), so \
        exporting it again gives the same line; --reset-review \
        imports such pairs as pending instead. A bad line is \
        reported with its number and reason and nothing is imported, unless --skip-bad. \
        With --from-spec, every GOOD × BAD pair of answers to the same conversation in the \
        spec's boundary examples becomes a pair linked to its rule. Pairs already in the \
        project (same content) are not added twice.
        """
    )

    @OptionGroup var store: StoreOptions
    @Argument(help: "A JSONL file of pairs.", completion: .file()) var file: String?
    @Option(name: .customLong("from-spec"), help: "Make pairs from this spec's GOOD × BAD examples instead.") var fromSpec: String?
    @Option(help: "The spec the pairs belong to (unless a line names one).") var spec: String?
    @Flag(name: .customLong("skip-bad"), help: "Import the good lines and report the bad ones.") var skipBad = false
    @Flag(name: .customLong("reset-review"), help: "Import reviewed pairs (from a Tenet export) as pending, without their decisions.") var resetReview = false
    @Flag(help: "Print the report as JSON.") var json = false

    func validate() throws {
        if (file == nil) == (fromSpec == nil) { throw ValidationError("give a FILE, or --from-spec SPEC") }
    }

    func run() throws {
        let project = try store.open()
        var problems: [PairLineError] = []
        var badLines = 0
        var format: PairFormat?
        let source: String
        let report: PairImportReport
        if let fromSpec {
            let (spec, revision) = try storeCall { () throws(StoreError) in try project.effectiveSpec(fromSpec) }
            let pairs = SpecExamplePairs.pairs(spec, revision: revision)
            source = "spec \(fromSpec)"
            report = try storeCall { () throws(StoreError) in try project.savePairs(pairs, message: "import pairs from \(source)") }
        } else if let file {
            source = file
            if let spec { _ = try storeCall { () throws(StoreError) in try project.spec(spec) } }
            let name = (file as NSString).lastPathComponent
            if access(file, R_OK) != 0 {
                Output.error("tenet: \(SafeText.visible(file)): \(String(cString: strerror(errno)))")
                throw ExitStatus.failure
            }
            // One pass: each good line is staged as it is read, in one transaction; a bad
            // line stops the staging (unless --skip-bad) while the rest are still checked,
            // so every problem is reported, and then nothing is kept.
            var lines = 0
            let written = try storeCall { () throws(StoreError) in
                try project.importPairs(message: "import pairs from \(source)") { writer in
                    try JSONLines.read(file, { number, line in
                        lines += 1
                        switch PairLineReader.pair(line, number: number, format: format, spec: spec, source: name) {
                        case .success(let read):
                            format = format ?? read.format
                            if badLines == 0 || skipBad { try writer.add(read.pair, review: resetReview ? nil : read.review) }
                        case .failure(let problem):
                            badLines += 1
                            if problems.count < 20 { problems.append(problem) }
                        }
                    }, invalid: { number, reason in
                        lines += 1
                        badLines += 1
                        if problems.count < 20 { problems.append(PairLineError(line: number, message: reason)) }
                    })
                    return lines > 0 && (badLines == 0 || skipBad)
                }
            }
            if lines == 0 {
                Output.error("tenet: \(SafeText.visible(file)): no pairs in the file")
                throw ExitStatus.failure
            }
            for problem in problems { Output.error("tenet: \(SafeText.visible(source)):\(problem.line): \(SafeText.visible(problem.message))") }
            if badLines > problems.count { Output.error("tenet: … and \(badLines - problems.count) more bad lines") }
            guard let written else {
                Output.error("tenet: nothing imported: \(badLines) bad line\(badLines == 1 ? "" : "s"); fix them, or import the rest with --skip-bad")
                throw ExitStatus.failure
            }
            report = written
        } else {
            throw ValidationError("give a FILE, or --from-spec SPEC")
        }
        if json {
            struct Shape: Encodable { var added: Int; var unchanged: Int; var skipped: Int; var format: String?; var changeset: Int64? }
            Output.write(try JSONOutput.encode(Shape(added: report.added, unchanged: report.unchanged, skipped: badLines,
                                                     format: fromSpec == nil ? format?.rawValue : "spec-examples", changeset: report.changeset)))
            return
        }
        var line = "imported \(report.added) pair\(report.added == 1 ? "" : "s") from \(source)"
        if let format { line += " (\(format.rawValue))" }
        if report.unchanged > 0 { line += ", \(report.unchanged) already in the project" }
        if badLines > 0 { line += ", \(badLines) bad line\(badLines == 1 ? "" : "s") skipped" }
        Output.write(line + (report.changeset.map { ", changeset \($0)" } ?? "") + "\n")
    }
}

/// JSONL read line by line, one line in memory at a time, with bounds whatever the input:
/// only a regular file is read (a FIFO with no writer would wait forever, a device such
/// as `/dev/zero` never ends), a line may be at most ``maximumLine`` bytes, and a line
/// that is not valid UTF-8 is reported as a bad line, never silently repaired.
enum JSONLines {
    /// The longest line read: 16 MiB (a preference pair or a prompt is far smaller).
    static let maximumLine = 16 << 20

    /// Calls `body` with each non-blank line and its number (1-based), and `invalid` with
    /// the number of a line that is not UTF-8 and where its first bad byte is. Stops with a
    /// ``StoreError/invalid(_:)`` (exit 1, and the import's transaction rolled back) for a
    /// file that is not a regular file or a line that is too long.
    static func read(_ path: String, _ body: (Int, String) throws -> Void,
                     invalid: (Int, String) throws -> Void) throws {
        let shown = SafeText.visible(path)
        let fd = try openRegular(path)
        defer { close(fd) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var line: [UInt8] = []
        var number = 0
        func emit() throws {
            number += 1
            var end = line.count
            while end > 0, line[end - 1] == 0x0A || line[end - 1] == 0x0D { end -= 1 }
            let bytes = line[..<end]
            defer { line.removeAll(keepingCapacity: true) }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                let valid = Self.validPrefix(bytes)
                try invalid(number, "not valid UTF-8 (at byte \(valid + 1) of the line); save the file as UTF-8")
                return
            }
            try body(number, text)
        }
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw StoreError.invalid("\(shown): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            var start = 0
            while start < count {
                let newline = chunk[start..<count].firstIndex(of: 0x0A)
                let stop = newline.map { $0 + 1 } ?? count
                line.append(contentsOf: chunk[start..<stop])
                guard line.count <= maximumLine else {
                    throw StoreError.invalid("\(shown):\(number + 1): the line is longer than \(maximumLine >> 20) MiB; nothing imported (is it a JSONL file, one record per line?)")
                }
                if newline != nil { try emit() }
                start = stop
            }
        }
        if !line.isEmpty { try emit() }
    }

    /// The file opened for reading when it is a regular file; else why not. The open does
    /// not block: a FIFO without a writer must not hang it.
    static func openRegular(_ path: String) throws(StoreError) -> Int32 {
        let shown = SafeText.visible(path)
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.invalid("\(shown): \(String(cString: strerror(errno)))") }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw StoreError.invalid("\(shown): not a regular file (a FIFO, a device or a directory); write the lines to a file and import that")
        }
        return fd
    }

    /// How many leading bytes form valid UTF-8.
    static func validPrefix(_ bytes: ArraySlice<UInt8>) -> Int {
        var low = 0, high = bytes.count
        while low < high {
            let mid = (low + high + 1) / 2
            if String(validating: bytes.prefix(mid), as: UTF8.self) != nil { low = mid } else { high = mid - 1 }
        }
        return low
    }
}
