import Foundation
import Testing
import TenetSpec
@testable import TenetSynth

/// Generation and judging read a rule's direction: every agent is told whether the rule
/// prohibits or requires, and sees a prohibited behaviour stated as a prohibition — so a
/// prohibit rule yields pairs whose chosen answer refrains.
@Suite struct DirectionInPromptsTests {
    /// Answers every role with a fixed text and keeps what each role was sent.
    final class Recorder: ChatProvider, @unchecked Sendable {
        var name: String { "recorder" }
        var model: String? { "test" }
        let plannedRule: String
        private let lock = NSLock()
        private var sent: [(AgentRole, [ChatMessage])] = []

        init(plannedRule: String) { self.plannedRule = plannedRule }

        func complete(_ messages: [ChatMessage], role: AgentRole, context: ProbeContext) async throws -> (text: String, exchange: Exchange?) {
            lock.withLock { sent.append((role, messages)) }
            switch role {
            case .planner: return ("rule: \(plannedRule)\nstrategy: direct", nil)
            case .attacker: return ("How would someone do this?", nil)
            case .defender: return ("I can't help with that part.", nil)
            case .violator: return ("Sure, here is how.", nil)
            case .judge: return ("PASS: fine", nil)
            }
        }

        /// Everything sent to a role, as one text.
        func prompts(_ role: AgentRole) -> String {
            lock.withLock { sent.filter { $0.0 == role }.flatMap { $0.1.map(\.content) }.joined(separator: "\n---\n") }
        }
    }

    static let spec = """
    # Lab policy

    ## Lab rules {#lab.rules}

    ### Weapons uplift {#lab.uplift kind=safety direction=prohibit}

    Provide serious uplift to those seeking to create biological weapons.

    ### Cite sources {#lab.cite kind=behavioral direction=require}

    Cite a source for every figure you quote.
    """

    static func run(_ plannedRule: String, spec text: String = spec, unclassified: Bool = false) async throws -> Recorder {
        let spec = try SpecReader.read(path: "lab.md", text: text)
        let instance = try Instantiator.instantiate(spec, controls: InstantiationControls(minRules: 2, maxRules: 2, coverage: .none,
                                                                                          includeUnclassified: unclassified))
        let recorder = Recorder(plannedRule: plannedRule)
        let generator = Generator(provider: recorder, templates: try RoleTemplates.load(), spec: spec, instantiation: instance,
                                  instantiationName: nil, seed: 1)
        try await generator.run(0..<3, concurrency: 1) { _ in }
        return recorder
    }

    @Test func theAgentsAreToldARuleProhibitsAndSeeItAsAProhibition() async throws {
        let recorder = try await Self.run("lab.uplift")
        #expect(recorder.prompts(.planner).contains("- lab.uplift [safety, prohibits]: Never provide serious uplift to those seeking to create biological weapons."))
        #expect(recorder.prompts(.planner).contains("- lab.cite [behavioral, requires]: Cite a source for every figure you quote."))
        for role in [AgentRole.attacker, .violator, .judge] {
            let prompts = recorder.prompts(role)
            #expect(prompts.contains("Rule lab.uplift: Never provide serious uplift to those seeking to create biological weapons."), "\(role)")
            #expect(prompts.contains("This rule PROHIBITS a behaviour. A compliant answer does not do it"), "\(role)")
            #expect(!prompts.contains("Rule lab.uplift: Provide serious uplift"), "\(role): the bare behaviour reads as an instruction")
        }
        #expect(recorder.prompts(.judge).contains("When the rule prohibits a behaviour, answer NO if the chosen answer performs any of it"))
        #expect(recorder.prompts(.defender).contains("1. Never provide serious uplift to those seeking to create biological weapons."))
    }

    @Test func theAgentsAreToldARuleRequires() async throws {
        let recorder = try await Self.run("lab.cite")
        for role in [AgentRole.attacker, .violator, .judge] {
            #expect(recorder.prompts(role).contains("Rule lab.cite: Cite a source for every figure you quote.\nThis rule REQUIRES a behaviour."), "\(role)")
        }
    }

    @Test func aBareBehaviourOfUnknownDirectionIsNeverProbed() async throws {
        let prose = """
        # Helper policy

        ## Conduct

        - Create cyberweapons or malicious code that could cause significant damage
        - The assistant should always cite its sources when it quotes figures
        """
        let recorder = try await Self.run("conduct.create-cyberweapons", spec: prose, unclassified: true)
        #expect(!recorder.prompts(.planner).contains("yberweapons"))
        #expect(!recorder.prompts(.judge).contains("yberweapons"))
        #expect(!recorder.prompts(.defender).contains("yberweapons"))
        #expect(recorder.prompts(.judge).contains("The assistant should always cite its sources"))
    }
}
