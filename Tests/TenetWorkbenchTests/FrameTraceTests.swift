import Foundation
import Testing
import TenetTestSupport
@testable import TenetWorkbench

/// `TENET_TRACE_FRAMES=PATH` writes a regular file only. Before, the trace file was made
/// by writing a new file and renaming it over PATH: run as root on `/dev/full` it replaced
/// the device with a regular file (found so, in this audit); a FIFO or a symlink the same.
@Suite struct FrameTraceTests {
    @Test func onlyARegularFileIsWritten() throws {
        let directory = try TenetTestSupport.temporaryDirectory("frame-trace")
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let fifo = directory + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(FrameTrace(path: fifo) == nil)
        var status = stat()
        #expect(lstat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO, "the FIFO is left as it is")

        let target = directory + "/kept"
        try "kept\n".write(toFile: target, atomically: false, encoding: .utf8)
        let link = directory + "/link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(FrameTrace(path: link) == nil)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target, "the symlink is left as it is")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "kept\n")

        let file = directory + "/trace"
        try "old\n".write(toFile: file, atomically: false, encoding: .utf8)
        do {
            let trace = try #require(FrameTrace(path: file))
            trace.mark("first-frame")
        }
        let written = try String(contentsOfFile: file, encoding: .utf8)
        #expect(written.hasPrefix("first-frame ") && written.hasSuffix("\n") && !written.contains("old"), "\(written)")
    }
}
