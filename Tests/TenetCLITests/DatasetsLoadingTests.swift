import Foundation
import Testing

/// Every pairs export, loaded by the real Hugging Face `datasets` (pinned in
/// `.ci/requirements.txt`, installed in `.venv/` by `make test`): the JSONL formats with
/// `load_dataset("json", data_files=…)`, hf folders with `load_dataset(folder)`. The
/// features it infers are the ones the formats promise, and two exports reviewed by
/// different people concatenate (`datasets.concatenate_datasets`) — which they could not
/// while `decisions` was an object keyed by annotator.
@Suite struct DatasetsLoadingTests {
    let directory: String

    init() throws { directory = try TenetProcess.temporaryDirectory() }

    @discardableResult
    func succeed(_ arguments: [String], user: String = "alice") throws -> TenetProcess.Result {
        let result = try TenetProcess.run(arguments + ["--db", directory + "/tenet.db"], in: directory, environment: ["TENET_USER": user])
        #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
        return result
    }

    static let message = "list<{content:string,role:string}>"
    static let provenance = [
        "id": "string", "spec": "string", "spec_revision": "int64", "rule_ids": "list<string>", "strategy": "string",
        "generator": "string", "status": "string", "annotators": "list<string>", "edited": "bool",
        "decisions": "list<{annotator:string,blind:bool,decision:string,note:string,text_revision:int64}>",
    ]
    static let conversational = ["prompt": message, "chosen": message, "rejected": message]
    static let standard = ["prompt": "string", "chosen": "string", "rejected": "string"]
    static let openai = ["input": "{messages:\(message)}", "preferred_output": message, "non_preferred_output": message]
    static let distilabel = ["prompt": "string", "prompt_id": "string", "chosen": message, "rejected": message, "chosen_model": "string",
                             "rejected_model": "string", "chosen_rating": "float64", "rejected_rating": "float64"]

    /// Loads each (name, kind, path), concatenates each pair of names, and prints what it
    /// found as JSON: features as `list<{key:type,…}>`, rows, the first prompt's roles, the
    /// decisions' annotators and notes; for a folder, its card's name, licence and language
    /// as PyYAML and the Hub's card loader read them.
    static let script = #"""
    import json, sys
    import datasets
    datasets.disable_progress_bars()

    def describe(f):
        if isinstance(f, dict):
            return "{" + ",".join(k + ":" + describe(v) for k, v in sorted(f.items())) + "}"
        if isinstance(f, datasets.Value):
            return f.dtype
        if hasattr(f, "feature"):
            return "list<" + describe(f.feature) + ">"
        return type(f).__name__

    def report(ds):
        out = {"rows": ds.num_rows, "features": {k: describe(v) for k, v in ds.features.items()}}
        if "prompt" in ds.column_names and isinstance(ds[0]["prompt"], list):
            out["roles"] = [m["role"] for m in ds[0]["prompt"]]
        if "decisions" in ds.column_names:
            out["annotators"] = sorted({d["annotator"] for row in ds["decisions"] for d in row})
            out["notes"] = sorted({d["note"] for row in ds["decisions"] for d in row})
        return out

    plan = json.loads(sys.argv[1])
    loaded, result = {}, {"loaded": {}, "concatenated": {}, "cards": {}}
    for name, kind, path in plan["load"]:
        if kind == "folder":
            import yaml
            from huggingface_hub import DatasetCard
            text = open(path + "/README.md", encoding="utf-8").read()
            front = yaml.safe_load(text.split("---\n")[1])
            hub = DatasetCard.load(path + "/README.md").data
            result["cards"][name] = {
                "yaml": {k: front.get(k) for k in ("pretty_name", "license", "language")},
                "hub": {"pretty_name": hub.pretty_name, "license": hub.license, "language": hub.language},
            }
            loaded[name] = datasets.load_dataset(path, split="train")
        else:
            loaded[name] = datasets.load_dataset("json", data_files=path, split="train")
        result["loaded"][name] = report(loaded[name])
    for a, b in plan["concatenate"]:
        result["concatenated"][a + "+" + b] = report(datasets.concatenate_datasets([loaded[a], loaded[b]]))
    print(json.dumps(result))
    """#

    @Test(.enabled(if: PythonEnvironment.present || PythonEnvironment.required,
                   "no Python environment with datasets at .venv/: run `make test`, or `.ci/python-deps` alone, to create it"))
    func everyExportLoadsInDatasetsAndTwoReviewersExportsConcatenate() throws {
        try #require(PythonEnvironment.present, "CI=true: \(PythonEnvironment.missing)")
        try succeed(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md"])
        try succeed(["instantiate", "travel", "--save", "trip"])
        try succeed(["generate", "--instantiation", "trip", "--count", "8"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(try succeed(["pair", "list", "--json"]).stdout.utf8)) as? [[String: Any]])
        let pairs = list.compactMap { $0["id"] as? String }
        #expect(pairs.count == 8)
        // Alice reviews half (one after an edit) with no notes; then Bob the rest, with a note.
        try "A careful answer, rewritten.\n".write(toFile: directory + "/better.txt", atomically: true, encoding: .utf8)
        try succeed(["pair", "edit", pairs[0], "--chosen-file", "better.txt"])
        for id in pairs[0..<4] { try succeed(["pair", "decide", id, "accept"]) }
        try succeed(["tag", "alice-done"])
        for id in pairs[4..<8] { try succeed(["pair", "decide", id, "accept"] + (id == pairs[5] ? ["--note", "fine by me"] : []), user: "bob") }

        let exports: [(String, [String], [String: String])] = [
            ("alice", ["--as-of", "alice-done"], Self.conversational.merging(Self.provenance) { a, _ in a }),
            ("bob", ["--since", "alice-done"], Self.conversational.merging(Self.provenance) { a, _ in a }),
            ("spec", ["--with-spec"], Self.conversational.merging(Self.provenance) { a, _ in a }),
            ("standard", ["--style", "standard"], Self.standard.merging(Self.provenance) { a, _ in a }),
            ("openai", ["--format", "openai"], Self.openai.merging(Self.provenance) { a, _ in a }),
            ("distilabel", ["--format", "distilabel"], Self.distilabel.merging(Self.provenance) { a, _ in a }),
            ("bare", ["--no-provenance"], Self.conversational),
            ("bare-standard", ["--style", "standard", "--no-provenance", "--with-spec"], Self.standard),
            ("bare-openai", ["--format", "openai", "--no-provenance"], Self.openai),
            ("bare-distilabel", ["--format", "distilabel", "--no-provenance"], Self.distilabel),
        ]
        var load: [[String]] = []
        for (name, options, _) in exports {
            try succeed(["export", "pairs", "--out", name + ".jsonl"] + options)
            load.append([name, "json", directory + "/\(name).jsonl"])
        }
        try succeed(["export", "pairs", "--format", "hf", "--with-spec", "--out", "dataset", "--license", "cc-by-4.0", "--language", "en",
                     "--pretty-name", "Travel: \"pairs\"\nv2 # reviewed"])
        try succeed(["export", "pairs", "--format", "hf", "--style", "standard", "--no-provenance", "--out", "dataset-standard"])
        load += [["dataset", "folder", directory + "/dataset"], ["dataset-standard", "folder", directory + "/dataset-standard"]]

        let plan = try JSONSerialization.data(withJSONObject: ["load": load, "concatenate": [["alice", "bob"], ["dataset", "bob"]]])
        let ran = try PythonEnvironment.run(Self.script, [String(decoding: plan, as: UTF8.self)], in: directory)
        #expect(ran.status == 0, "datasets could not load the exports:\n\(ran.stderr)")
        let found = try #require(try JSONSerialization.jsonObject(with: Data(ran.stdout.utf8)) as? [String: [String: [String: Any]]])
        let loaded = try #require(found["loaded"]), concatenated = try #require(found["concatenated"]), cards = try #require(found["cards"])

        for (name, _, features) in exports {
            #expect(loaded[name]?["features"] as? [String: String] == features, "\(name): \(loaded[name] ?? [:])")
        }
        #expect(loaded["alice"]?["rows"] as? Int == 4 && loaded["bob"]?["rows"] as? Int == 4 && loaded["standard"]?["rows"] as? Int == 8)
        #expect(loaded["alice"]?["notes"] as? [String] == [""] && loaded["bob"]?["notes"] as? [String] == ["", "fine by me"],
                "a note that is missing in every row of one export still has the other's type")
        #expect(loaded["spec"]?["roles"] as? [String] == ["system", "user"] && loaded["bare"]?["roles"] as? [String] == ["user"])
        // The hf folders load with the features their card declares: the same as the files'.
        #expect(loaded["dataset"]?["features"] as? [String: String] == Self.conversational.merging(Self.provenance) { a, _ in a })
        #expect(loaded["dataset"]?["roles"] as? [String] == ["system", "user"] && loaded["dataset"]?["rows"] as? Int == 8)
        #expect(loaded["dataset-standard"]?["features"] as? [String: String] == Self.standard)
        // Their cards' front matter is YAML that says what was given, `: `, quotes and newline included.
        for reader in ["yaml", "hub"] {
            let given = try #require((cards["dataset"]?[reader] as? [String: Any]))
            #expect(given["pretty_name"] as? String == "Travel: \"pairs\"\nv2 # reviewed" && given["license"] as? String == "cc-by-4.0"
                    && given["language"] as? [String] == ["en"], "\(reader): \(given)")
            let plain = try #require((cards["dataset-standard"]?[reader] as? [String: Any]))
            #expect(plain["pretty_name"] as? String == "Tenet preference pairs: travel" && plain["license"] is NSNull, "\(reader): \(plain)")
        }

        // Two exports reviewed by different people are one dataset.
        let both = try #require(concatenated["alice+bob"])
        #expect(both["rows"] as? Int == 8 && both["annotators"] as? [String] == ["alice", "bob"], "\(both)")
        #expect(concatenated["dataset+bob"]?["rows"] as? Int == 12, "an hf folder and a JSONL export of the same options concatenate")
    }
}
