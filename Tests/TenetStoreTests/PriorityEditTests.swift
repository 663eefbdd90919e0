import Foundation
import Testing
import TenetSpec
@testable import TenetStore

/// A priority is set by `rule set`, the workbench's field and an accepted suggestion (a
/// model's text); the store takes only ``Rule/priorities`` whichever way it comes. Before,
/// `Int.max` was stored and then every read of the rule failed.
@Suite struct PriorityEditTests {
    @Test func aPriorityOutsideTheRangeIsRefusedAndTheRuleStaysReadable() throws {
        let scratch = try ScratchDatabase()
        defer { scratch.remove() }
        let store = try ProjectStore(path: scratch.path, identity: .owner("alice"))
        let text = "# S {#s}\n\n## A {#a kind=safety}\n\nDo not do a.\n"
        _ = try store.importSpec(try SpecReader.read(path: "s.md", text: text), text: text)
        for priority in [Int.max, Rule.priorities.upperBound + 1, 0, -1] {
            var change = AnnotationChange()
            change.priority = priority
            #expect(throws: StoreError.self, "priority \(priority)") { try store.annotate("a", change) }
        }
        #expect(try store.rule("a").record.annotations.priority == nil, "nothing was written")
        var change = AnnotationChange()
        change.priority = Rule.priorities.upperBound
        _ = try store.annotate("a", change)
        #expect(try store.rule("a").effectiveRule.priority == Rule.priorities.upperBound)
    }
}
