import Foundation
import Testing
@testable import TenetFormats

/// An export's file gets exactly the bytes written, in whatever pieces, across its
/// megabyte buffer's edges, and appears only when complete.
@Suite struct AtomicFileTests {
    @Test func theBytesWrittenAcrossTheBufferAreTheFile() throws {
        let directory = NSTemporaryDirectory() + "tenet-atomic-file-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out.jsonl"
        var expected: [UInt8] = []
        let file = try AtomicFile(path: path, force: false)
        // Small lines, a piece larger than the buffer, text, and lines again: 3.6 MB in all.
        var generator = SystemRandomNumberGenerator()
        for piece in 0..<4000 {
            let line = Array("{\"n\":\(piece),\"text\":\"\(String(repeating: "é", count: Int.random(in: 0...300, using: &generator)))\"}\n".utf8)
            try file.write(line)
            expected += line
            if piece == 1500 {
                let large = (0..<1_500_000).map { UInt8(truncatingIfNeeded: $0 % 251) }
                try file.write(large)
                expected += large
            }
            if piece == 2500 {
                try file.write("text as a string\n")
                expected += Array("text as a string\n".utf8)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: path), "nothing at the target before the commit")
        try file.commit()
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(written.count == expected.count)
        #expect(written == Data(expected))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["out.jsonl"], "no temporary file left")
    }

    @Test func anAbandonedExportLeavesNothing() throws {
        let directory = NSTemporaryDirectory() + "tenet-atomic-file-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = try AtomicFile(path: directory + "/out.jsonl", force: false)
        try file.write(Array(repeating: UInt8(ascii: "x"), count: 3_000_000))
        file.abandon()
        file.abandon()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }
}
