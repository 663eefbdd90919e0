import Testing
@testable import TenetSpec

/// The one check of an added boundary example (``ExampleCheck``), which the workbench's
/// editor, `tenet rule example add|edit` and the store's write all call.
@Suite struct ExampleCheckTests {
    func turns(_ pairs: [(String, String)]) -> [Turn] { pairs.map { Turn(role: $0.0, content: $0.1) } }

    @Test func theAnswerComesLastAfterAUserTurn() {
        #expect(ExampleCheck.conversation(turns([("user", "hi"), ("assistant", "hello")])).isEmpty)
        // The review's case: an answer, then the user's turn — which used to be dropped.
        let late = ExampleCheck.conversation(turns([("assistant", "x"), ("user", "hi")]))
        #expect(late.map(\.turn) == [1])
        #expect(late[0].message.contains("comes after the judged answer"))
        #expect(ExampleCheck.conversation(turns([("assistant", "x")])).first?.message.contains("no `user:` turn") == true)
        #expect(ExampleCheck.conversation(turns([("user", "hi")])).map(\.message).first?.contains("no `assistant:` turn") == true)
    }

    /// `assistant (NAME):` from `rule example add --turn`: the name is checked as
    /// `import pairs` checks one (it was stored with an escape sequence in it).
    @Test func aSpeakersNameIsAName() {
        let named = [Turn(role: "user", content: "hi", name: "Ana"), Turn(role: "assistant", content: "hello", name: "Tenet bot")]
        #expect(ExampleCheck.conversation(named).isEmpty)
        let hostile = [Turn(role: "user", content: "hi"), Turn(role: "assistant", content: "hello", name: "bot\u{1B}]0;x\u{07}")]
        let problems = ExampleCheck.conversation(hostile)
        #expect(problems.map(\.turn) == [1] && problems[0].message.hasPrefix("the speaker's name holds control characters"), "\(problems)")
    }

    @Test func emptyTurnsAndUnknownRolesAreNamed() {
        let empty = ExampleCheck.conversation(turns([("user", " \n"), ("assistant", "ok")]))
        #expect(empty.map(\.turn) == [0, nil])
        #expect(empty[0].message.hasPrefix("the `user:` turn is empty"))
        let human = ExampleCheck.conversation(turns([("human", "hi"), ("assistant", "ok")]))
        #expect(human.first?.turn == 0)
        #expect(human.first?.message == "`human:` is not a role; write `user:`; the roles are user, assistant, system, developer, tool")
        #expect(ExampleCheck.conversation(turns([("narrator", "hi")])).first?.message.hasPrefix("`narrator:` is not a role; the roles are") == true)
    }

    @Test func aTextIsReadByLineAndAnUnknownFirstRoleIsNamed() {
        let reading = ExampleCheck.read("human: hi\nassistant: ok\n", firstLine: 10)
        #expect(reading.problems.map(\.line) == [10, 11])
        #expect(reading.problems[0].message.hasPrefix("`human:` is not a role; write `user:`"))
        #expect(reading.problems[1].message.contains("no `user:` turn"))
        #expect(ExampleCheck.read("hello\nassistant: hi\n").problems.first?.message.contains("belongs to no turn") == true)
        let fine = ExampleCheck.read("user: a\nassistant: b\nmore of b\n")
        #expect(fine.problems.isEmpty && fine.turns.map(\.role) == ["user", "assistant"] && fine.turns[1].content == "b\nmore of b")
        #expect(ExampleCheck.read(" \n").isEmpty)
    }

    @Test func aStoredExampleIsCheckedAsAValue() {
        let known: Set<String> = ["travel.budget-honesty", "travel.booking-consent"]
        var example = Example(verdict: .bad, title: "t", turns: turns([("user", "hi"), ("assistant", "x")]), violates: ["travel.nope"], line: 0)
        let problems = ExampleCheck.problems(example, knownRuleIDs: known)
        #expect(problems.count == 1 && problems[0].hasPrefix("`violates: travel.nope` is not a rule ID in this spec"))
        // An ID the example already named may have left the spec since.
        #expect(ExampleCheck.problems(example, knownRuleIDs: known, original: example).isEmpty)
        example.violates = ["#travel.booking-consent"]
        example.turns = turns([("user", ""), ("assistant", "ok")])
        #expect(ExampleCheck.problems(example, knownRuleIDs: known) == [
            "turn 1 (`user:`): the `user:` turn is empty; write it, or leave it out",
            "the conversation has no `user:` turn; add what the user said, as `user: …` above the answer",
        ])
    }

    /// An empty judged answer is reported on its own line, with what to write: the first
    /// problem said "the conversation has no `assistant:` turn" and pointed at `user:`.
    @Test func anEmptyAnswerIsReportedWhereItIs() {
        let read = ExampleCheck.read("user: Is Lisbon safe?\nassistant:\n")
        #expect(read.problems.map(\.line) == [2])
        #expect(read.problems.first?.message == "the `assistant:` turn is empty; write the answer being judged here")
    }
}
