#!/usr/bin/env bash
# Talk to the demo voice assistant from a softphone: Debian's baresip (package baresip-core) dials the gateway, a
# WAV file is its microphone, and what it heard is recorded to a WAV file you can play.
#
#   examples/softphone/talk-to-demo.sh [-t host:port] [-d DID] [-o heard.wav] [-s seconds] [said.wav]
#
# said.wav: what the caller says, a WAV file (baresip plays it from the start of the call; pauses are silence in
# the file). Without one the caller is made with flite: it waits out the greeting and the menu, says "order status",
# then "four seven one two", then asks for "agent". Defaults: the gateway ./switchboard runs (127.0.0.1:5060), the
# demo assistant +15550105, heard.wav, at most 90 s. Prints the call's progress and where the recording is; exits 0
# when the call was answered and ended (by the bot's handoff or the caller's hang-up after the time).
set -euo pipefail
target=127.0.0.1:5060
did=+15550105
out=heard.wav
seconds=90
while getopts t:d:o:s: opt; do
  case $opt in
    t) target=$OPTARG ;;
    d) did=$OPTARG ;;
    o) out=$OPTARG ;;
    s) seconds=$OPTARG ;;
    *) sed -n '2,12p' "$0" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
said=${1:-}
command -v baresip >/dev/null || { echo "baresip is needed: apt-get install -y baresip-core" >&2; exit 2; }
dir=$(mktemp -d)
trap 'kill "${pid:-}" 2>/dev/null || true; rm -rf "$dir"' EXIT
mkdir -p "$dir/dump"

if [ -z "$said" ]; then
  command -v flite >/dev/null && command -v python3 >/dev/null \
    || { echo "without said.wav, flite and python3 make the caller: apt-get install -y flite python3" >&2; exit 2; }
  for p in "order status" "four seven one two" "agent"; do flite -voice slt -t "$p" -o "$dir/${p// /_}.wav"; done
  # the caller: 12 s for the greeting and the menu, a phrase, then time for the bot's answer, ...
  python3 - "$dir" <<'PY'
import sys, wave, array, math
d = sys.argv[1]
def clip(name):
    w = wave.open(f"{d}/{name}.wav")
    s = array.array("h", w.readframes(w.getnframes()))
    if w.getframerate() == 16000:  # flite's slt voice: low-pass at 3.4 kHz (31-tap windowed sinc), every other sample
        taps = 31
        h = []
        for i in range(taps):
            x = i - (taps - 1) / 2
            sinc = 2 * 0.2125 if x == 0 else math.sin(2 * math.pi * 0.2125 * x) / (math.pi * x)
            h.append(sinc * (0.54 - 0.46 * math.cos(2 * math.pi * i / (taps - 1))))
        total = sum(h)
        out = array.array("h")
        for o in range(len(s) // 2):
            acc = 0.0
            for i in range(taps):
                at = 2 * o + i - (taps - 1) // 2
                if 0 <= at < len(s):
                    acc += s[at] * h[i]
            out.append(max(-32768, min(32767, int(round(acc / total)))))
        s = out
    return s
silence = lambda sec: array.array("h", [0] * int(8000 * sec))
said = silence(12) + clip("order_status") + silence(5) + clip("four_seven_one_two") + silence(12) + clip("agent") + silence(20)
with wave.open(f"{d}/said.wav", "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(8000); w.writeframes(said.tobytes())
PY
  said=$dir/said.wav
fi
[ -f "$said" ] || { echo "no such file: $said" >&2; exit 2; }

# baresip listens on a port (UDP and TCP) and the next one (TLS). The port is picked below the kernel's range of
# ephemeral ports; if another process still holds one of the two, baresip stops at once ("Address already in use",
# status 98) and another port is tried.
start_baresip() {
  port=$((20000 + RANDOM % 12000))
  cat >"$dir/config" <<CFG
poll_method epoll
sip_listen 127.0.0.1:$port
call_local_timeout 60
audio_player aubridge,nowhere
audio_alert aubridge,nowhere
audio_source aufile,$(cd "$(dirname "$said")" && pwd)/$(basename "$said")
audio_srate 8000
audio_channels 1
module_path /usr/lib/baresip/modules
module stdio.so
module g711.so
module aufile.so
module aubridge.so
module sndfile.so
module_app account.so
module_app menu.so
snd_path $dir/dump
CFG
  : >"$dir/baresip.out"
  baresip -f "$dir" -e "/dial sip:$did@$target" >"$dir/baresip.out" 2>&1 </dev/null &
  pid=$!
  for _ in $(seq 1 10); do
    grep -q "Address already in use" "$dir/baresip.out" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if grep -q "Address already in use" "$dir/baresip.out"; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    return 1
  fi
}
echo "<sip:caller@127.0.0.1>;regint=0;audio_codecs=PCMU,PCMA" >"$dir/accounts"
: >"$dir/contacts"
echo "Calling sip:$did@$target from baresip (up to $seconds s)..."
for attempt in 1 2 3 4 5; do
  start_baresip && break
  [ "$attempt" = 5 ] && { echo "baresip found no free port; its output:" >&2; cat "$dir/baresip.out" >&2; exit 1; }
done
answered=no
for _ in $(seq 1 $((seconds * 5))); do
  grep -q "Call established" "$dir/baresip.out" && [ $answered = no ] && { answered=yes; echo "answered"; }
  grep -qE "session closed|Call terminated|call: closed" "$dir/baresip.out" && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
grep -E "session closed|terminated|[0-9]{3} [A-Z]" "$dir/baresip.out" | head -3 || true
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
heard=$(ls "$dir"/dump/*-dec.wav 2>/dev/null | head -n 1 || true)
[ -n "$heard" ] || { echo "baresip recorded nothing; its output:" >&2; cat "$dir/baresip.out" >&2; exit 1; }
cp "$heard" "$out"
echo "What the caller heard: $out ($(( ($(stat -c %s "$out") - 44) / 16000 )) s)"
[ $answered = yes ]
