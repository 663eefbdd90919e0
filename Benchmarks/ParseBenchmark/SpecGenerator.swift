import Foundation

/// Builds a large Markdown spec by concatenating the sample specs until it reaches a
/// target size. Every copy after the first gets its own ID suffix (`-c<n>`) so rule and
/// section IDs, links and example verdicts stay unique and resolvable, and only the very
/// first copy keeps its level-1 title.
///
/// The file is written one copy at a time, so the benchmark process stays small: on Linux
/// a child started with `posix_spawn` (vfork) inherits its parent's peak RSS in
/// `ru_maxrss`, and a large parent would inflate the cmark-gfm figure.
enum SpecGenerator {
    struct Sample {
        var name: String
        var bytes: [UInt8]
    }

    struct Output {
        var path: String
        var bytes: Int
        var lines: Int
        var copies: Int
        var samples: [String]
    }

    enum Failure: Error, CustomStringConvertible {
        case noSamples(String)
        case cannotWrite(String)

        var description: String {
            switch self {
            case .noSamples(let message): message
            case .cannotWrite(let path): "cannot write \(path)"
            }
        }
    }

    /// The Markdown samples in `directory` (README.md excluded), sorted by name.
    static func samples(in directory: String) throws -> [Sample] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure.noSamples(
                "no sample specs: \(directory) is not a directory. Run tenet-bench from the package root "
                    + "(the folder holding Package.swift and SampleSpecs/).")
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.lowercased().hasSuffix(".md") && $0.lowercased() != "readme.md" }
            .sorted()
        let samples = names.compactMap { name -> Sample? in
            guard let data = FileManager.default.contents(atPath: directory + "/" + name), !data.isEmpty else { return nil }
            return Sample(name: name, bytes: [UInt8](data))
        }
        if samples.isEmpty {
            throw Failure.noSamples("no sample specs: \(directory) holds no readable *.md file besides README.md")
        }
        return samples
    }

    /// Writes copies of `samples`, in turn, to `path` until it holds at least `targetBytes`.
    static func generate(samples: [Sample], targetBytes: Int, to path: String) throws -> Output {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path)
        else { throw Failure.cannotWrite(path) }
        defer { try? handle.close() }
        var written = 0, lines = 0, copy = 0
        while written < targetBytes {
            for sample in samples where written < targetBytes {
                var text = rewrite(sample.bytes, copy: copy)
                if text.last != 0x0A { text.append(0x0A) }
                text.append(0x0A)
                do { try handle.write(contentsOf: text) } catch { throw Failure.cannotWrite(path) }
                written += text.count
                lines += text.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                copy += 1
            }
        }
        return Output(path: path, bytes: written, lines: lines, copies: copy, samples: samples.map(\.name))
    }

    /// One copy of a sample. Copy 0 is unchanged. Later copies append `-c<copy>` to every
    /// explicit ID — after `{#` (attribute blocks), `(#` (links) and ` #` (example titles
    /// such as `**Example (BAD #rule.id)**`) — and demote level-1 headings to level 2.
    static func rewrite(_ source: [UInt8], copy: Int) -> [UInt8] {
        if copy == 0 { return source }
        let suffix = Array("-c\(copy)".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(source.count + source.count / 32)
        let n = source.count
        var i = 0
        var atLineStart = true
        var inFence = false
        while i < n {
            if atLineStart {
                atLineStart = false
                var j = i, spaces = 0
                while j < n, source[j] == 0x20, spaces < 3 { j += 1; spaces += 1 }
                if j + 2 < n, source[j] == source[j + 1], source[j] == source[j + 2],
                   source[j] == 0x60 || source[j] == 0x7E {  // ``` or ~~~
                    inFence.toggle()
                } else if !inFence, i + 1 < n, source[i] == 0x23, source[i + 1] == 0x20 {  // "# "
                    out.append(0x23)
                }
            }
            let c = source[i]
            if c == 0x23, i > 0, i + 1 < n, isIDStart(source[i + 1]),
               source[i - 1] == 0x7B || source[i - 1] == 0x28 || source[i - 1] == 0x20 {  // {# (# " #"
                var end = i + 1
                while end < n, isIDByte(source[end]) { end += 1 }
                while end > i + 2, source[end - 1] == 0x2E || source[end - 1] == 0x2D || source[end - 1] == 0x3A { end -= 1 }
                out.append(c)
                out.append(contentsOf: source[(i + 1)..<end])
                out.append(contentsOf: suffix)
                i = end
                continue
            }
            out.append(c)
            if c == 0x0A { atLineStart = true }
            i += 1
        }
        return out
    }

    private static func isIDStart(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
    }

    private static func isIDByte(_ c: UInt8) -> Bool {
        isIDStart(c) || (c >= 0x30 && c <= 0x39) || c == 0x2E || c == 0x2D || c == 0x3A
    }
}
