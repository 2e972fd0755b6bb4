#!/usr/bin/env bash
# The voices compared (run on demand, not a test): bench/VoiceBench.java has each synthesizer say every prompt of the
# demo assistant (its cache off) and Vosk hear it in free-form mode. Prints per voice: the word error rate of what
# Vosk heard against the prompt's words, the synthesis time per prompt and per second of audio. Festival's voice
# needs Debian's festival and festvox-us-slt-hts (./test installs them).
#
#   bench/voices.sh [engine:voice ...]     default: freetts:kevin freetts:kevin16 festival:slt
set -euo pipefail
HOME_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VOICES=("$@")
[ ${#VOICES[@]} -gt 0 ] || VOICES=(freetts:kevin freetts:kevin16 festival:slt)
cd "$HOME_DIR"
MODULES=bundles/speech-vosk,bundles/speech-freetts,bundles/speech-festival
mvn -B -q -DskipTests ${MVN_OPTS:-} install -pl "$MODULES" -am
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
CP=""
for m in speech-vosk speech-freetts speech-festival; do
  mvn -B -q ${MVN_OPTS:-} -pl "bundles/$m" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/$m.cp"
  CP="$CP:bundles/$m/target/classes:$(cat "$WORK/$m.cp")"
done
javac -d "$WORK/classes" bench/VoiceBench.java
field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }
printf '\nVoices: the demo assistant'"'"'s %s prompts heard by Vosk (free-form), %s cores\n\n' 13 "$(nproc)"
printf '| engine | voice | words | word error rate | synthesis per prompt | per second of audio | worst prompt as heard |\n'
printf '|---|---|---:|---:|---:|---:|---|\n'
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$WORK/classes$CP" VoiceBench \
  bundles/speech-vosk/target/vosk-model/assets/model-en-us "${VOICES[@]}" | while read -r line; do
  printf '| %s | %s | %s | %s %% | %s ms | %s s | %s |\n' "$(field engine "$line")" "$(field voice "$line")" \
    "$(field words "$line")" "$(field wer_pct "$line")" "$(field ms_per_prompt "$line")" "$(field rtf "$line")" \
    "$(field worst_heard "$line" | tr _ ' ')"
done
