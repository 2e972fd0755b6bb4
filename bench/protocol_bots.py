#!/usr/bin/env python3
"""The bots bench/protocols.sh measures (not examples): each answers every turn at once with "Got it.".

- a webhook bot (Switchboard's turn protocol) on POST /turn;
- a jambonz application: POST /call (the call webhook) and /hook (the gather's actionHook);
- a WebSocket audio bot (the bridge's protocol): it plays "Ready." when the call starts and "Got it." each time the
  gateway reports the caller stopped speaking. The two clips are 8 kHz 16-bit mono WAV files made by flite.

Run: protocol_bots.py HTTP_PORT WS_PORT READY.wav GOT_IT.wav   (prints "ready" when both listen)
"""

import asyncio
import json
import sys
import threading
import wave
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import websockets

PHRASES = ["billing", "order status", "agent", "representative", "payment", "tracking"]


def gather_verb():
    return {"verb": "gather", "input": ["speech"], "actionHook": "/hook", "timeout": 15, "hints": PHRASES}


def webhook_answer(text):
    return {"actions": [{"type": "say", "text": text, "bargeIn": False},
                        {"type": "gather", "dtmf": False, "speech": True, "phrases": PHRASES, "timeoutMs": 15000}]}


class Http(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if self.path == "/turn":
            answer = webhook_answer("Ready." if body.get("event") == "start" else "Got it.")
        elif self.path == "/call":
            answer = [{"verb": "say", "text": "Ready."}, gather_verb()]
        elif self.path == "/hook":
            answer = [{"verb": "say", "text": "Got it."}, gather_verb()]
        else:
            self.send_error(404)
            return
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def pcm(path):
    with wave.open(path) as w:
        return w.readframes(w.getnframes())


async def main():
    http_port, ws_port, ready_wav, got_wav = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    ready, got = pcm(ready_wav), pcm(got_wav)
    server = ThreadingHTTPServer(("127.0.0.1", http_port), Http)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    async def call(ws, path=None):
        await ws.recv()  # the call's attributes
        await ws.send(ready)
        async for message in ws:
            if isinstance(message, str):
                event = json.loads(message)
                if event.get("event") == "speech" and not event.get("started"):
                    await ws.send(json.dumps({"type": "killAudio"}))
                    await ws.send(got)

    async with websockets.serve(call, "127.0.0.1", ws_port, subprotocols=["audio.jambonz.org"]):
        print("ready", flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(main())
