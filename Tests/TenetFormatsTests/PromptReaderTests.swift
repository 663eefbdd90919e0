import Foundation
import Testing
import TenetFormats

/// SpecBench's `prompts.json` read by ``PromptReader``: a file that is not JSON or not
/// UTF-8 is reported at the line where it goes wrong, not at line 1.
@Suite struct PromptReaderTests {
    func problems(_ text: [UInt8]) -> [PromptReader.Problem] {
        if case .failure(let problems) = PromptReader.specBench(Data(text), file: "prompts.json") { return problems.list }
        return []
    }

    @Test func aSyntaxErrorIsReportedAtItsLine() {
        let found = problems(Array("[\n {\"prompt\": \"a\", \"label\": \"safe\"},\n {\"prompt\": \"b\" \"label\": \"safe\"}\n]\n".utf8))
        #expect(found.count == 1)
        #expect(found.first?.line == 3)
        #expect(found.first?.message.hasPrefix("not JSON (") == true, "\(found)")
    }

    @Test func invalidUTF8IsReportedAtItsLineAndNeverRepaired() {
        let found = problems(Array("[\n {\"prompt\": \"a\", \"label\": \"safe\"},\n {\"prompt\": \"caf".utf8) + [0xE9] + Array("\"}\n]\n".utf8))
        #expect(found == [PromptReader.Problem(line: 3, message: "not valid UTF-8 (byte 0xE9); save the file as UTF-8")])
    }

    @Test func aGoodFileReadsEveryPrompt() throws {
        let data = Data("[{\"prompt\": \"Which room?\", \"label\": \"safe\"}, {\"prompt\": \"Sneak in?\", \"label\": \"unsafe\"}]".utf8)
        guard case .success(let items) = PromptReader.specBench(data, file: "prompts.json") else { Issue.record("not read"); return }
        #expect(items.map(\.prompt) == ["Which room?", "Sneak in?"])
    }
}
