import Foundation
import Testing
import TenetSpec
import TenetStore
@testable import TenetFormats

/// The export that copies stored strings as they are (TRL conversational, OpenAI) writes
/// the same bytes, and counts the same row lengths, as decoding each pair and writing its
/// line afresh — on hostile text, several annotators' decisions, swapped and edited pairs.
@Suite struct SnapshotTextExportTests {
    static func pairs(_ count: Int) -> [PreferencePair] {
        var random = SeededRandom(seed: 21)
        let pieces = ["plain", "quote \" and \\ back", "tab\tnew\nline\r", "ctrl \u{1}\u{1F}\u{7F}", "é 中文 🏳️‍🌈", "\u{202E}bidi\u{2066}",
                      "\u{85}c1", "/slash/", ""]
        func text() -> String { (0..<Int.random(in: 1...3, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined(separator: " ") }
        return (0..<count).map { n in
            let maybe = { Bool.random(using: &random) }
            let turns = (0..<Int.random(in: 1...3, using: &random)).map { k in
                Turn(role: k % 2 == 0 ? "user" : "assistant", content: text(), name: maybe() ? text() : nil)
            }
            return PreferencePair(spec: maybe() ? "travel" : nil, specRevision: maybe() ? n : nil, rules: maybe() ? [] : [text(), "r.\(n)"],
                                  prompt: turns, chosen: text() + " \(n)", rejected: text(), strategy: maybe() ? "role-play" : nil,
                                  provenance: Provenance(generator: maybe() ? "openai" : text(), model: maybe() ? text() : nil))
        }
    }

    @Test func copiedStringsWriteTheBytesOfDecodedPairs() throws {
        let directory = NSTemporaryDirectory() + "tenet-snapshot-text-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try ProjectStore(path: directory + "/tenet.db", author: "alice")
        let made = Self.pairs(120)
        _ = try store.savePairs(made, status: "pending", message: "pairs")
        let bob = try ProjectStore(path: directory + "/tenet.db", author: "bob \"b\" ☃")
        for (n, pair) in made.enumerated() {
            switch n % 5 {
            case 0: try store.decide(pair.id, .accept, note: "fine \"so\"\n\u{202E}")
            case 1:
                try store.decide(pair.id, .accept)
                try bob.decide(pair.id, .accept, note: "agreed", blind: true)
            case 2:
                _ = try store.swap(pair.id)
                try store.decide(pair.id, .accept)
            case 3:
                _ = try store.editPair(pair.id, chosen: "edited \"\(n)\"\t✓")
                try store.decide(pair.id, .accept)
            default: break
            }
        }
        var lengths = RowLengths()
        for (format, provenance) in [(PairExportRequest.Format.trl, true), (.trl, false), (.openai, true), (.openai, false)] {
            var request = PairExportRequest(out: directory + "/out.jsonl")
            request.format = format
            request.provenance = provenance
            request.force = true
            request.query = PairQuery(statuses: PairStatus.storedCases.map(\.rawValue))
            #expect(request.copiesSnapshotText)
            let summary = try PairExporter.run(request, store: store)
            var expected = ""
            lengths = RowLengths()
            try store.forEachPair(request.query.selection(in: store)) { exported in
                let columns = provenance ? ExportProvenance(status: exported.stored.status, decisions: exported.decisions, edited: exported.edited) : nil
                expected += PairExport.line(exported.stored.pair, format: request.lineFormat, provenance: columns) + "\n"
                lengths.add(RowLengths.measure(exported.stored.pair, system: nil))
            }
            let written = try String(contentsOfFile: directory + "/out.jsonl", encoding: .utf8)
            #expect(summary.count == made.count)
            #expect(written == expected, "\(format), provenance \(provenance)")
            #expect(summary.lengths == lengths, "\(format): row lengths")
        }
        #expect(lengths.longest.allSatisfy { !$0.id.isEmpty }, "the longest rows are named")
        // The progress total, from the counts the database keeps, is what is streamed.
        for spec in [nil, "travel", "none"] {
            for statuses in [[], ["accepted"], ["pending", "accepted", "accepted"], ["accepted", "edited"], ["no-such"]] {
                let selection = PairSelection(spec: spec, statuses: statuses)
                var streamed = 0
                try store.forEachPair(selection) { _ in streamed += 1 }
                #expect(try store.countPairs(selection) == streamed, "\(spec ?? "all specs"), \(statuses)")
            }
        }
    }

    @Test func aKeySetTwiceKeepsItsLastValueOnEveryLine() {
        var line = JSONLine(), out: [UInt8] = []
        for _ in 0..<2 {
            line.reset()
            line.int("b", 1)
            line.int("a", 2)
            line.int("b", 3)
            line.finish(into: &out)
            out.append(0x0A)
        }
        #expect(String(decoding: out, as: UTF8.self) == "{\"a\":2,\"b\":3}\n{\"a\":2,\"b\":3}\n")
    }
}
