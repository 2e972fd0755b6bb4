#!/usr/bin/env python3
"""A tiny jambonz application (webhook API), written from jambonz's public documentation, that runs unchanged on
Switchboard (README, "jambonz applications").

Run it:   python3 examples/jambonz-app/app.py --port 8091
and point a flow's assistant at its call webhook: {"type": "jambonz", "url": "http://127.0.0.1:8091/call"}.

It greets the caller (who may press 0 at any time during the greeting: a `config` verb's background gather),
asks what they need (spoken or keyed), gives the balance for "billing" (1), and hands the caller to an agent for
"agent" (0) or after two failed attempts, with a SIP REFER to the agents' queue carrying the intent; "goodbye"
hangs up with a resolution header. Only the Python standard library is used.
"""
import argparse
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

AGENTS = "sip:agents@zcc.example.com"


def menu(prompt):
    return {"verb": "gather", "input": ["speech", "digits"], "actionHook": "/menu", "numDigits": 1, "timeout": 6,
            "say": {"text": prompt}}


def to_agent(text, intent):
    return [{"verb": "say", "text": text},
            {"verb": "tag", "data": {"intent": intent}},
            {"verb": "sip:refer", "referTo": AGENTS, "headers": {"X-Intent": intent}}]


def call(hook):
    caller = hook.get("from", "")
    return [{"verb": "config", "recognizer": {"hints": ["billing", "agent", "goodbye"]},
             "bargeIn": {"enable": True, "input": ["digits"], "numDigits": 1, "actionHook": "/anytime"}},
            {"verb": "say", "text": "Welcome to Acme. Press 0 at any time for an agent."},
            {"verb": "pause", "length": 0.3},
            {"verb": "config", "bargeIn": {"enable": False}},
            menu("Say billing, or agent. Or press 1 for billing, 0 for an agent."),
            {"verb": "say", "text": "Goodbye."},
            {"verb": "hangup", "headers": {"X-Resolution": "NoInput", "X-Caller": caller}}]


def answer(hook, tries):
    reason = hook.get("reason")
    if reason == "timeout":
        return []  # the verbs left: goodbye and hang up
    words = ""
    if reason == "speechDetected":
        words = hook["speech"]["alternatives"][0]["transcript"].lower()
    digits = hook.get("digits", "")
    if "agent" in words or digits == "0":
        return to_agent("Connecting you to an agent.", "Agent")
    if "billing" in words or digits == "1":
        return [{"verb": "say", "text": "Your balance is forty two dollars."},
                menu("Anything else? Say agent, or goodbye.")]
    if "goodbye" in words:
        return [{"verb": "say", "text": "Thank you for calling. Goodbye."},
                {"verb": "hangup", "headers": {"X-Resolution": "Resolved"}}]
    if tries >= 2:
        return to_agent("Sorry, let me get you someone who can help.", "Unrecognized")
    return [menu("Sorry, I did not get that. Say billing, or agent.")]


class Handler(BaseHTTPRequestHandler):
    tries = {}

    def do_POST(self):
        try:
            length = int(self.headers.get("Content-Length", "0"))
            hook = json.loads(self.rfile.read(length))
            sid = hook["call_sid"]
            if self.path == "/call":
                Handler.tries[sid] = 0
                verbs = call(hook)
            elif self.path == "/anytime":  # a key pressed during the greeting
                verbs = to_agent("Right away, connecting you to an agent.", "Agent") \
                    if hook.get("digits") == "0" else []
            elif self.path == "/menu":
                Handler.tries[sid] = Handler.tries.get(sid, 0) + 1
                verbs = answer(hook, Handler.tries[sid])
            else:
                self.send_error(404)
                return
            body = json.dumps(verbs).encode()
            self.send_response(200)
        except (ValueError, KeyError, IndexError) as e:
            body = json.dumps({"error": str(e)}).encode()
            self.send_response(400)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        pass


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8091)
    a = p.parse_args()
    server = ThreadingHTTPServer((a.host, a.port), Handler)
    print("jambonz example app listening on http://%s:%d/call" % (a.host, a.port), flush=True)
    server.serve_forever()
