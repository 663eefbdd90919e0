import Foundation
import TenetSpec
import TenetStore

/// JSONL read line by line, one line in memory at a time, with bounds whatever the input:
/// only a regular file is read (a FIFO with no writer would wait forever, a device such
/// as `/dev/zero` never ends), a line may be at most ``maximumLine`` bytes, and a line
/// that is not valid UTF-8 is reported as a bad line, never silently repaired. The path
/// `-` is standard input, read as it comes (a pipe the person chose to send).
public enum JSONLines {
    /// The longest line read: 16 MiB (a preference pair or a prompt is far smaller).
    public static let maximumLine = 16 << 20

    /// Calls `body` with each non-blank line and its number (1-based), and `invalid` with
    /// the number of a line that is not UTF-8 and where its first bad byte is. Stops with a
    /// ``StoreError/invalid(_:)`` (exit 1, and the import's transaction rolled back) for a
    /// file that is not a regular file or a line that is too long.
    public static func read(_ path: String, _ body: (Int, String) throws -> Void,
                     invalid: (Int, String) throws -> Void) throws {
        let shown = shownName(path)
        let fd = try openRegular(path)
        defer { close(fd) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var line: [UInt8] = []
        var number = 0
        func emit() throws {
            number += 1
            var end = line.count
            while end > 0, line[end - 1] == 0x0A || line[end - 1] == 0x0D { end -= 1 }
            // A byte-order mark, as Windows tools write one, is no part of the first record
            // (a spec's is accepted the same way).
            let start = number == 1 && line.starts(with: [0xEF, 0xBB, 0xBF]) ? min(3, end) : 0
            let bytes = line[start..<end]
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
    public static func openRegular(_ path: String) throws(StoreError) -> Int32 {
        switch InputFile.open(path) {
        case .success(let fd): return fd
        case .failure(let problem): throw StoreError.invalid("\(shownName(path)): \(problem.message)")
        }
    }

    /// The path as messages show it: `-` is "standard input", anything else made safe.
    public static func shownName(_ path: String) -> String { InputFile.shownName(path) }

    /// How many leading bytes form valid UTF-8.
    public static func validPrefix(_ bytes: ArraySlice<UInt8>) -> Int {
        var low = 0, high = bytes.count
        while low < high {
            let mid = (low + high + 1) / 2
            if String(validating: bytes.prefix(mid), as: UTF8.self) != nil { low = mid } else { high = mid - 1 }
        }
        return low
    }
}
