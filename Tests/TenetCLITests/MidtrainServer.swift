import Foundation
import TenetTestSupport

/// A real OpenAI-compatible endpoint on loopback (a Python process) that answers each
/// midtraining role as a model would, by reading the request: the idea writer gets an
/// angle, the writer a document built from the rule and rationale in its prompt (the
/// `offRule`-th document it writes is about something else, so the gates have one to
/// catch), the critic three YES lines, each after `delay` seconds. Documents differ in a
/// paragraph of words drawn per document, so they are not near-duplicates of each other.
/// The `controlAt`-th document (0: none) holds an escape sequence, which no text may.
/// It keeps every request body (``received()``). Killed when released.
final class MidtrainServer {
    private let server: PythonServer
    var port: Int { server.port }

    init(in directory: String, offRule: Int, delay: Double = 0, controlAt: Int = 0) throws {
        let script = directory + "/midtrain-server.py"
        try ChatEndpointScript.make("""
        import random, re, threading, time
        WORDS = ('kettle market harbour lantern meadow pepper ribbon saddle timber velvet walnut anchor basket candle '
                 'orchard pebble quarry thistle violet willow bramble cobalt ember fennel garnet hollow juniper linen '
                 'marble nutmeg oyster parsley quill rosemary saffron tulip umber vinegar wicker yarrow zephyr').split()
        lock = threading.Lock()
        received = []
        written = [0]
        OFF_RULE = \(offRule)
        CONTROL_AT = \(controlAt)
        def answer(prompt):
            if 'Propose ONE specific idea' in prompt:
                return 'A traveller who asks at the last minute and is tempted to cut a corner.'
            if prompt.startswith('Write a '):
                with lock:
                    written[0] += 1
                    n = written[0]
                if n == OFF_RULE:
                    return ('Packing light for a weekend. Roll your clothes, pick shoes that work for walking and dinner, '
                            'bring one warm layer, a refillable bottle and a small first-aid kit. ' * 4)
                rule = re.search(r'The rule \\(([^,]+), [a-z]+\\):\\n(.*?)\\nThis rule ', prompt, re.S)
                why = re.search(r'Why it exists: (.*)\\n', prompt)
                rule_id, text = rule.group(1), ' '.join(rule.group(2).split())
                draw = random.Random(n)
                scene = ' '.join(draw.choice(WORDS) for _ in range(40))
                if n == CONTROL_AT:
                    scene = '\\x1b[2J' + scene
                return ('Model essay number %d on %s.\\n\\nThe rule says: %s\\n\\nPicture this: %s.\\n\\n' % (n, rule_id, text, scene) +
                        'In practice the line is easy to see once you look at real requests, and an assistant that keeps '
                        'it helps people with everything else they ask. Exceptions are narrow and named in the spec. '
                        'Reviewers reading document %d should find the behaviour, its boundary and its reason.\\n\\n' % n +
                        'Why it matters: %s' % why.group(1))
            if 'You check documents' in prompt:
                return ('consistent: YES - agrees with the rule\\nkeeps_direction: YES - keeps it\\n'
                        'states_reason: YES - states the rationale')
            return 'unexpected prompt'
        def report(path):
            with lock: return list(received)
        def reply(path, raw, headers):
            sent = json.loads(raw)
            with lock: received.append(sent)
            time.sleep(\(delay))
            return answer(sent['messages'][-1]['content'])
        """).write(toFile: script, atomically: true, encoding: .utf8)
        server = try PythonServer(script: script, name: "the midtrain server")
    }

    var baseURL: String { server.baseURL }

    /// The request bodies, in the order they came.
    func received() throws -> [[String: Any]] {
        try server.getJSON("/received") as? [[String: Any]] ?? []
    }
}
