#!/usr/bin/env python3
"""A WebSocket audio bot for Switchboard's audio bridge ("type": "websocket" assistants).

It speaks the bridge's protocol (modelled on jambonz's listen verb with bidirectional streaming audio):
the first text frame is the call (call_sid, from, to, sip headers, sampleRate, metadata), then binary frames of
16-bit little-endian PCM both ways and JSON text frames for control.

What it does on a call:
- greets the caller with a short two-tone chime, followed by a mark; when the gateway reports the mark played it
  records greetingPlayed in the call's context;
- echoes what the caller says: audio heard while the gateway reports speech is sent back when the speech ends,
  and stopped (killAudio) if the caller speaks over it;
- on the keypad: 0 hands the caller to an agent (a transfer with X-Intent: Agent), # hangs up with
  X-Resolution: Resolved, * disconnects (the flow goes on); before it leaves it records heardMs, how much of the
  caller's audio it heard with some sound in it, and says why in the transcript.

For tests, the call's metadata may ask it to misbehave: {"mode": "garbage"} answers a non-JSON text frame,
"close" closes the connection with 1011, "silent" never sends anything.

Run: python3 examples/websocket-bot/bot.py [--port 8092]   (needs the python3-websockets package)
"""

import argparse
import asyncio
import json
import math
import struct

import websockets


def tone(rate, ms, freqs, level=6000):
    n = rate * ms // 1000
    out = bytearray()
    for i in range(n):
        v = sum(math.sin(2 * math.pi * f * i / rate) for f in freqs) / len(freqs)
        out += struct.pack("<h", int(level * v))
    return bytes(out)


def loud(frame):
    count = len(frame) // 2
    if count == 0:
        return False
    samples = struct.unpack("<%dh" % count, frame[: count * 2])
    return math.sqrt(sum(s * s for s in samples) / count) > 300


async def call(ws, path=None):
    start = json.loads(await ws.recv())
    rate = int(start.get("sampleRate", 8000))
    mode = start.get("mode", "normal")
    print("call %s from %s to %s at %d Hz (%s)" % (start.get("call_sid"), start.get("from"), start.get("to"), rate, mode),
          flush=True)
    if mode == "garbage":
        await ws.send("this is not JSON")
        await ws.wait_closed()
        return
    if mode == "close":
        await ws.close(code=1011, reason="the bot broke")
        return
    if mode == "silent":
        async for _ in ws:
            pass
        return

    await ws.send(tone(rate, 300, [660]) + tone(rate, 300, [880]))
    await ws.send(json.dumps({"type": "mark", "data": {"name": "greeting"}}))
    heard_bytes = 0
    speaking = False
    utterance = bytearray()
    echoes = 0

    async def leave(message, reason):
        await ws.send(json.dumps({"type": "context", "data": {"heardMs": heard_bytes * 1000 // (2 * rate)}}))
        await ws.send(json.dumps({"type": "transcript", "data": {"speaker": "bot", "text": reason}}))
        await ws.send(tone(rate, 200, [440]))
        await ws.send(json.dumps(message))

    async for message in ws:
        if isinstance(message, bytes):
            if loud(message):
                heard_bytes += len(message)
            if speaking:
                utterance += message
            continue
        event = json.loads(message)
        if event.get("type") == "mark":
            data = event.get("data", {})
            if data.get("name") == "greeting" and data.get("event") == "playout":
                await ws.send(json.dumps({"type": "context", "data": {"greetingPlayed": True}}))
        elif event.get("event") == "speech":
            if event.get("started"):
                speaking = True
                utterance = bytearray()
                await ws.send(json.dumps({"type": "killAudio"}))
            else:
                speaking = False
                if utterance:
                    echoes += 1
                    await ws.send(bytes(utterance))
                    await ws.send(json.dumps({"type": "mark", "data": {"name": "echo-%d" % echoes}}))
        elif event.get("event") == "dtmf":
            digit = event.get("dtmf")
            if digit == "0":
                await leave({"type": "transfer", "reason": "TransferToAgent", "headers": {"X-Intent": "Agent"}},
                            "Connecting you to an agent.")
            elif digit == "#":
                await leave({"type": "hangup", "headers": {"X-Resolution": "Resolved"}}, "Goodbye.")
            elif digit == "*":
                await leave({"type": "disconnect"}, "Back to the menu.")


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8092)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()
    async with websockets.serve(call, args.host, args.port, subprotocols=["audio.jambonz.org"]):
        print("websocket bot listening on ws://%s:%d/" % (args.host, args.port), flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(main())
