#!/usr/bin/env python3
"""A tiny webhook bot for Switchboard's automation node (README, "Webhook assistants").

Run it:   python3 examples/webhook-bot/bot.py --port 8090
and point a flow's assistant at it: {"type": "webhook", "url": "http://127.0.0.1:8090/turn"}.

It asks for an order number (spoken or keyed), reads a status back, and hands the caller to an agent when asked
or after two failed attempts. Only the Python standard library is used.
"""
import argparse
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STATUS = {"4712": "shipped yesterday", "1234": "out for delivery today"}
WORDS = {"zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
         "seven": "7", "eight": "8", "nine": "9"}
DIGITS = list(WORDS)


def ask(text, context):
    return {"actions": [{"type": "say", "text": text},
                        {"type": "gather", "dtmf": True, "speech": True, "maxDigits": 8,
                         "phrases": DIGITS + ["agent"], "timeoutMs": 6000}],
            "context": context, "task": "orderStatus"}


def agent(text, context):
    return {"actions": [{"type": "say", "text": text},
                        {"type": "setContext", "values": {"intent": "OrderStatus"}},
                        {"type": "transfer", "reason": "TransferToAgent", "headers": {"X-Intent": "OrderStatus"}}],
            "context": context, "task": "agent"}


def turn(request):
    context = request.get("context") or {}
    event = request.get("event")
    if event == "start":
        return ask("Welcome to the Acme order desk. Please say or key in your order number.", context)
    if event == "hangup":
        return {"actions": [], "context": context}
    said = (request.get("text") or "").lower().split()
    if "agent" in said:
        return agent("Connecting you to an agent.", context)
    number = request.get("digits") or "".join(WORDS.get(w, "") for w in said)
    if number in STATUS:
        return {"actions": [{"type": "say", "text": "Order %s is %s. Goodbye." % (" ".join(number), STATUS[number])},
                            {"type": "setContext", "values": {"orderNumber": number}},
                            {"type": "hangup", "headers": {"X-Resolution": "OrderStatusGiven"}}],
                "context": context, "task": "orderStatus"}
    failures = int(context.get("failures", 0)) + 1
    context["failures"] = failures
    if failures >= 2:
        return agent("Sorry, I could not find that order. Let me get you an agent.", context)
    return ask("Sorry, I could not find that order. Please say it one digit at a time.", context)


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        try:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.dumps(turn(json.loads(self.rfile.read(length)))).encode()
            self.send_response(200)
        except (ValueError, KeyError) as e:
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
    p.add_argument("--port", type=int, default=8090)
    a = p.parse_args()
    server = ThreadingHTTPServer((a.host, a.port), Handler)
    print("Webhook bot listening on http://%s:%d/turn" % (a.host, server.server_port), flush=True)
    server.serve_forever()
