"""Writes judge-parity.json: what SpecBench's own evaluation code does with given inputs,
for Tenet's SpecBenchJudgeParityTests to compare with.

    python3 make_eval_expected.py /path/to/a/checkout/of/SpecBench

Nothing of SpecBench is copied here: its package is imported from the checkout given.
`specbench.utils` is replaced by a stub (it pulls in openai, backoff, rich and yaml), and
the model is a fake engine that records the messages it is sent and answers with canned
text, so that SpecBench's own code builds every prompt and reads every reply:

- joint: JointEvaluator.construct_eval_prompt for each case, and parse_eval_response on
  each reply (its result, or the error it raises);
- sequential: SequentialEvaluator.evaluate_single_sample with a fake judge answering
  each rule in turn: the prompts it sends, and the result;
- align3: Align3._inference_func with a fake model: the three requests' messages and
  the returned thought and response.

Inputs (rules, prompts, responses, replies) are in eval-cases.json beside this script.
"""
import json
import os
import sys
import types

here = os.path.dirname(os.path.abspath(__file__))
checkout = sys.argv[1]


class Usage:
    def __init__(self):
        self.usage = {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}

    def update(self, usage):
        for k in self.usage:
            self.usage[k] += usage.get(k, 0)

    def get_usage(self, key=None):
        return self.usage if key is None else self.usage[key]

    def set_usage(self, key, value):
        self.usage[key] = value
        self.usage["total_tokens"] = self.usage["prompt_tokens"] + self.usage["completion_tokens"]


stub = types.ModuleType("specbench.utils")
stub.UsageRecorder = Usage
stub.load_from_yaml = lambda path: {}
sys.modules["specbench.utils"] = stub
sys.path.insert(0, checkout)
from specbench.evaluator import JointEvaluator, SequentialEvaluator  # noqa: E402
from specbench import ttd  # noqa: E402

with open(os.path.join(here, "eval-cases.json"), encoding="utf-8") as f:
    cases = json.load(f)
spec = {"safety_specifications": cases["safety"], "behavioral_specifications": cases["behavioral"]}


def split(text):
    # LLMEngine._format_response_json, for a model name that is not gemini or STAIR.
    response = text.split("</think>")[-1].lstrip("\n")
    try:
        thought = text.split("</think>")[-2].split("</think>")[-1].rstrip("\n")
    except IndexError:
        thought = ""
    return {"text": {"response": response, "thought": thought, "total": text},
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}


class FakeEngine:
    model_name = "fake"
    system_prompt = "You are a helpful, creative, and smart assistant."

    def __init__(self, answers):
        self.answers = list(answers)
        self.sent = []

    def _format_messages(self, prompt):
        return [{"role": "system", "content": self.system_prompt}, {"role": "user", "content": prompt}]

    def generate(self, prompt=None, messages=None, extra_config={}, usage_recorder=None, **kwargs):
        if prompt is not None:
            messages = self._format_messages(prompt)
        self.sent.append({"messages": messages, "stop": extra_config.get("stop")})
        answer = split(self.answers.pop(0))
        if usage_recorder is not None:
            usage_recorder.update(answer["usage"])
        return answer


out = {"joint": [], "parse": [], "sequential": [], "align3": []}
joint = JointEvaluator(None, spec)
for case in cases["prompts"]:
    system, user = joint.construct_eval_prompt(case["data"], case["response"])
    out["joint"].append({"name": case["name"], "system": system, "user": user})

for reply in cases["joint_replies"]:
    try:
        result = joint.parse_eval_response(split(reply)["text"]["response"])
        out["parse"].append({"reply": reply, "safety": list(result["safety"].values()),
                             "behavioral": list(result["behavioral"].values()), "score": result["score"]})
    except Exception as error:  # SpecBench raises, and asks again
        out["parse"].append({"reply": reply, "error": str(error).split("\n")[0]})

for case in cases["prompts"]:
    answers = case["sequential_answers"]
    engine = FakeEngine(answers)
    evaluator = SequentialEvaluator(engine, spec)
    try:
        result = evaluator.evaluate_single_sample(case["data"], case["response"])["result"]
    except Exception as error:
        result = {"error": str(error).split("\n")[0]}
    out["sequential"].append({"name": case["name"], "sent": [s["messages"] for s in engine.sent], "result": result})

ttd.get_chat_template = lambda model: None
for case in cases["align3"]:
    engine = FakeEngine(case["answers"])
    method = ttd.Align3(engine, "align3", spec)
    result = method.inference(case["prompt"])
    out["align3"].append({"name": case["name"], "sent": engine.sent, "thought": result["thought"], "response": result["response"]})

with open(os.path.join(here, "judge-parity.json"), "w", encoding="utf-8", newline="") as f:
    json.dump(out, f, indent=1, ensure_ascii=False)
    f.write("\n")
