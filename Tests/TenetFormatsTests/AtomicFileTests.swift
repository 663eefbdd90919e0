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

    /// In a folder others can write to, someone plants links where an export's temporary
    /// file would be (`.NAME.tenet-PID.tmp` was the name, PIDs are guessable): the export
    /// writes its own new file, and the file a link points to is untouched.
    @Test func aLinkPlantedWhereTheTemporaryFileWouldBeIsNeverWrittenThrough() throws {
        let directory = NSTemporaryDirectory() + "tenet-atomic-file-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory + "/shared", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let victim = directory + "/notes.txt"
        try "private notes\n".write(toFile: victim, atomically: false, encoding: .utf8)
        let planted = directory + "/shared/.rules.json.tenet-\(getpid()).tmp"
        try FileManager.default.createSymbolicLink(atPath: planted, withDestinationPath: victim)

        try AtomicFile.write("{\"rules\": []}\n", to: directory + "/shared/rules.json", force: false)

        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "private notes\n")
        #expect(try String(contentsOfFile: directory + "/shared/rules.json", encoding: .utf8) == "{\"rules\": []}\n")
        var info = stat()
        #expect(lstat(directory + "/shared/rules.json", &info) == 0 && info.st_mode & S_IFMT == S_IFREG)
        #expect(lstat(planted, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK, "the planted link is left as it was")
    }

    /// An abandoned temporary file of a process that is gone is cleared, by its name alone:
    /// one that is a link goes, and what it points to stays.
    @Test func aDeadExportsTemporaryLinkIsRemovedNotFollowed() throws {
        let directory = NSTemporaryDirectory() + "tenet-atomic-file-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "keep\n".write(toFile: directory + "/kept.txt", atomically: false, encoding: .utf8)
        // PID 2^22 + 1 is above Linux's largest: no such process.
        try FileManager.default.createSymbolicLink(atPath: directory + "/.out.jsonl.tenet-4194305-abc.tmp", withDestinationPath: directory + "/kept.txt")
        try "old\n".write(toFile: directory + "/.out.jsonl.tenet-4194305.tmp", atomically: false, encoding: .utf8)
        try AtomicFile.write("new\n", to: directory + "/out.jsonl", force: false)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["kept.txt", "out.jsonl"])
        #expect(try String(contentsOfFile: directory + "/kept.txt", encoding: .utf8) == "keep\n")
    }
}
