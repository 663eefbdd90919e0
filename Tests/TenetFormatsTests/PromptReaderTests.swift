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

    /// Each element is read alone, so a key given twice is refused as in JSONL (Foundation
    /// kept the last), at the line of its element.
    @Test func aKeyGivenTwiceIsRefused() {
        let found = problems(Array("[\n {\"prompt\": \"a\", \"label\": \"safe\"},\n {\"prompt\": \"a\", \"prompt\": \"b\"}\n]".utf8))
        #expect(found.count == 1)
        #expect(found.first?.line == 3)
        #expect(found.first?.message.contains("twice") == true, "\(found)")
    }

    /// Past a million prompts the file is refused at the element past it, as a JSONL set
    /// is, before any is read (reading every one into memory aborted on a 79 MB file).
    @Test func aFileOfMoreThanAMillionPromptsIsRefusedAtTheOnePast() {
        let text = "[\n" + String(repeating: "{},\n", count: PromptReader.maximumPrompts) + "{}\n]\n"
        let found = problems(Array(text.utf8))
        #expect(found == [PromptReader.Problem(line: PromptReader.maximumPrompts + 2,
                                               message: "more than \(PromptReader.maximumPrompts) prompts; split them into several sets")])
    }

    @Test func whatIsWrongWithTheArrayItselfIsReportedAtItsLine() {
        #expect(problems(Array("[\n {\"prompt\": \"a\"},\n ,\n {\"prompt\": \"b\"}\n]".utf8)).map(\.line) == [3])
        #expect(problems(Array("[{\"prompt\": \"a\"}]\n\nx".utf8)).map(\.line) == [3])
        #expect(problems(Array("[{\"prompt\": \"a\"},\n{\"prompt\": \"b\"".utf8)).first?.message.contains("not closed") == true)
        #expect(problems(Array("{\"prompt\": \"a\"}".utf8)).first?.message.hasPrefix("not a JSON array") == true)
    }
}
