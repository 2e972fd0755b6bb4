#!/usr/bin/env bash
# Grammar-mode speech recognition in parallel (run on demand, not a test): N streams hear flite's voice saying the
# demo's phrases in real time through the Vosk recognizer (the speech-vosk bundle's classes, outside the container).
# Prints per stream count: utterances, share heard right, result latency after the end of speech, the real-time
# factor and its ratio to the 1-stream run of the same invocation, CPU use, streams that gave up.
#
#   bench/asr.sh [streams ...]       default: 1 10 30
#   SECONDS_PER_LEVEL=30 THREADS=0 bench/asr.sh
set -euo pipefail
HOME_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
command -v flite >/dev/null || { echo "flite is required (apt-get install -y flite)" >&2; exit 2; }
cd "$HOME_DIR"
mvn -B -q -DskipTests install -pl bundles/speech-vosk -am
CP=$(mktemp)
trap 'rm -f "$CP"' EXIT
mvn -B -q -pl bundles/speech-vosk dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP"
cd bundles/speech-vosk
java -Dseconds="${SECONDS_PER_LEVEL:-30}" -Dthreads="${THREADS:-0}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "target/test-classes:target/classes:$(cat "$CP")" org.switchboard.speech.vosk.internal.VoskBench "$@"
