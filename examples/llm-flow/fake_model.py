#!/usr/bin/env python3
"""A stand-in for an LLM: an OpenAI-compatible chat-completions server (streaming, tool calls) with a few rules.

It lets the LLM flow run on a machine without a model. Point the flow's url at a real one instead (Ollama:
http://127.0.0.1:11434/v1 with "model": "llama3.2"; OpenAI: https://api.openai.com/v1 with "apiKeyEnv").

Rules, on the caller's last words:
- the call just started: a greeting in two sentences, streamed word by word;
- "agent", "person", "human" or the key 0: "Sure, connecting you to an agent." and transfer_to_agent with
  X-Intent: Agent;
- "order" followed by digits: set_context(order, digits), then "Thanks, order ... is on its way.";
- "bye" or the key #: "Goodbye!" and hang_up;
- anything else: it repeats what it heard and asks whether the caller wants an agent.

With --reply TEXT it answers every turn with TEXT at once (bench/protocols.sh measures the bridge with it).

Run: python3 examples/llm-flow/fake_model.py [--port 8093] [--reply TEXT]
"""

import argparse
import json
import re
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


REPLY = None


def answer(messages):
    """The text and tool calls for the conversation so far."""
    last = messages[-1]
    if REPLY is not None:
        return ("Ready." if last["role"] == "system" else REPLY), []
    if last["role"] == "system":
        return "Hi, this is the Acme assistant. How can I help you today?", []
    if last["role"] == "tool":
        order = [m for m in messages if m["role"] == "assistant" and m.get("tool_calls")][-1]
        args = json.loads(order["tool_calls"][0]["function"]["arguments"])
        return "Thanks, order %s is on its way. Anything else?" % args.get("value", ""), []
    words = (last.get("content") or "").lower()
    if re.search(r"\b(agent|person|human|representative)\b", words) or "pressed 0" in words:
        return "Sure, connecting you to an agent.", [
            ("transfer_to_agent", {"reason": "the caller asked for a person", "headers": {"X-Intent": "Agent"}})]
    digits = re.sub(r"\D", "", words.replace("four", "4").replace("seven", "7").replace("one", "1")
                    .replace("two", "2"))
    if "order" in words and digits:
        return "", [("set_context", {"key": "order", "value": digits})]
    if re.search(r"\bbye\b", words) or "pressed #" in words:
        return "Goodbye!", [("hang_up", {"reason": "the caller is done"})]
    return "I heard: %s. Would you like an agent?" % (words.strip("().") or "nothing"), []


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def do_POST(self):
        if not self.path.endswith("/chat/completions"):
            self.send_error(404)
            return
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        text, calls = answer(body["messages"])
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for word in re.findall(r"\S+\s*", text):
            self.chunk({"content": word})
            if REPLY is None:
                time.sleep(0.02)  # as a model would stream
        for i, (name, args) in enumerate(calls):
            self.chunk({"tool_calls": [{"index": i, "id": "call_%d" % i, "type": "function",
                                        "function": {"name": name, "arguments": json.dumps(args)}}]})
        self.write("data: [DONE]\n\n")
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def chunk(self, delta):
        self.write("data: %s\n\n" % json.dumps({"object": "chat.completion.chunk",
                                                 "choices": [{"index": 0, "delta": delta}]}))

    def write(self, text):
        data = text.encode()
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8093)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--reply", default=None)
    args = parser.parse_args()
    global REPLY
    REPLY = args.reply
    server = ThreadingHTTPServer((args.host, args.port), Handler)
    print("fake model listening on http://%s:%d/v1" % (args.host, args.port), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
