"""Writes CASE.txt for every case in cases.json: the user turn SpecBench's own code builds
for the case's rules (its `vanilla` method: TTDEngine._augment_prompt in specbench/ttd.py,
with AugmentPrompt from specbench/prompt_ttd.py). Tenet's SpecBenchParityTests compare
Tenet's `--format specbench` rendering with these bytes.

    python3 make_expected.py /path/to/a/checkout/of/SpecBench

Nothing of SpecBench is copied here: its package is imported from the checkout given.
`specbench.utils` is replaced by a stub before the import, because it pulls in openai,
backoff, rich and yaml, which building a prompt does not use.

A case lists rule IDs as Tenet gives them to a SpecBench spec (`safety-N`,
`behavioral-N`: the N-th string of that list in the scenario's specifications.json, in
../SCENARIO/). With "helpfulness": true the behavioral list ends with the scenario's last
behavioral rule — SpecBench's general helpfulness rule — as every SpecBench scenario does.
"""
import json
import os
import sys
import types

here = os.path.dirname(os.path.abspath(__file__))
checkout = sys.argv[1]

stub = types.ModuleType("specbench.utils")
stub.UsageRecorder = object
stub.load_from_yaml = lambda path: {}
sys.modules["specbench.utils"] = stub
sys.path.insert(0, checkout)
from specbench.ttd import Vanilla  # noqa: E402

with open(os.path.join(here, "cases.json"), encoding="utf-8") as f:
    cases = json.load(f)

for case in cases:
    with open(os.path.join(here, "..", case["scenario"], "specifications.json"), encoding="utf-8") as f:
        scenario = json.load(f)

    def texts(kind, ids):
        rules = scenario[kind + "_specifications"]
        return [rules[int(rule.split("-")[1]) - 1] for rule in ids]

    safety = texts("safety", case["safety"])
    behavioral = texts("behavioral", case["behavioral"])
    helpfulness = scenario["behavioral_specifications"][-1]
    if case["helpfulness"] and helpfulness not in behavioral:
        behavioral.append(helpfulness)
    engine = Vanilla(llm_engine=None, method="vanilla",
                     specification={"safety_specifications": safety, "behavioral_specifications": behavioral})
    with open(os.path.join(here, case["name"] + ".txt"), "w", encoding="utf-8", newline="") as f:
        f.write(engine._augment_prompt(case["question"]))
