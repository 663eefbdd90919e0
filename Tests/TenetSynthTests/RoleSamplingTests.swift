import Testing
@testable import TenetSynth

/// Each role's sampling: defaults sized for its job, then every role's, then its own.
@Suite struct RoleSamplingTests {
    @Test func aRolesOwnSettingWinsAndTheReadersStayAtZero() throws {
        var sampling = RoleSampling()
        #expect(sampling.sampling(for: .planner) == Sampling(maxTokens: 128, temperature: 0.7))
        #expect(sampling.sampling(for: .judge) == Sampling(maxTokens: 256, temperature: 0))
        #expect(sampling.sampling(for: .annotator).temperature == 0)

        try sampling.set("max-tokens", "400")
        try sampling.set("temperature", "1.1")
        try sampling.set("stop", #"\n\n"#)
        try sampling.set("stop", "END")
        try sampling.set("defender.max_tokens", "900")
        try sampling.set("judge.stop", "none")
        #expect(sampling.sampling(for: .attacker) == Sampling(maxTokens: 400, temperature: 1.1, stop: ["\n\n", "END"]))
        #expect(sampling.sampling(for: .defender).maxTokens == 900)
        #expect(sampling.sampling(for: .judge) == Sampling(maxTokens: 400, temperature: 0, stop: []))
        #expect(sampling.sampling(for: .annotator).temperature == 0)
        try sampling.set(assignment: "judge.temperature=0.25")
        #expect(sampling.sampling(for: .judge).temperature == 0.25)
        #expect(sampling.namedRoles == [.defender, .judge])
    }

    @Test func mistakesSayWhatIsRight() {
        func problem(_ name: String, _ value: String, after earlier: [(String, String)] = []) -> String {
            var sampling = RoleSampling()
            do {
                for (name, value) in earlier { try sampling.set(name, value) }
                try sampling.set(name, value)
                return ""
            } catch {
                return error.message
            }
        }
        #expect(problem("violater.temperature", "1") == #"unknown role "violater" (did you mean violator?); roles: planner, attacker, defender, violator, judge, annotator, ideator, writer, critic"#)
        #expect(problem("judge.temprature", "1") == #"unknown option "temprature" for judge (did you mean temperature?); each role takes max-tokens, temperature, stop"#)
        #expect(problem("max-tokens", "1.5").hasSuffix(#"got "1.5""#))
        #expect(problem("max-tokens", "99999999999999999999").hasSuffix(#"got "99999999999999999999""#))
        #expect(problem("temperature", "nan").contains("from 0 to 2"))
        #expect(problem("temperature", "-0.1").contains("from 0 to 2"))
        #expect(problem("stop", "").contains("needs a sequence to stop at"))
        #expect(problem("stop", #"a\q"#).contains(#"unknown escape \q"#))
        #expect(problem("stop", "a", after: [("stop", "none")]).contains("cannot be combined"))
        #expect(problem("judge.max-tokens", "2", after: [("judge.max-tokens", "1")]) == "judge.max-tokens is already set (to 1); give it once")
    }
}
