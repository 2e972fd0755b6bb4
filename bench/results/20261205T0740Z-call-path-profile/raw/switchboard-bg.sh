#!/usr/bin/env bash
# Starts the Switchboard container from any working directory; builds it first when the jar is missing or older
# than the sources. Data (bundle cache, logs, generated secrets) goes to $SWITCHBOARD_DATA, default ./data.
# Stops cleanly on Ctrl-C or SIGTERM.
set -euo pipefail

HOME_DIR=/work/main
JAR="$HOME_DIR/features/target/switchboard.jar"
CONFIG="${SWITCHBOARD_CONFIG:-$HOME_DIR/felix-config}"
DATA="${SWITCHBOARD_DATA:-./data}"

needs_build() {
  [ ! -f "$JAR" ] && return 0
  [ -n "$(find "$HOME_DIR/pom.xml" "$HOME_DIR/bundles" "$HOME_DIR/features" -newer "$JAR" -type f \
      -not -path '*/target/*' 2>/dev/null | head -n 1)" ]
}

if [ "${1:-}" != "--no-build" ] && needs_build; then
  echo "Building Switchboard (first start or sources changed)..."
  (cd "$HOME_DIR" && mvn -B -q -DskipTests package -pl features -am)
fi

# ${VAR:-default} expansion for framework.properties, without eval.
expand() {
  local s=$1 out=""
  while [[ $s =~ ^([^$]*)\$\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?\}(.*)$ ]]; do
    local name=${BASH_REMATCH[2]} def=${BASH_REMATCH[4]} rest=${BASH_REMATCH[5]}
    out+="${BASH_REMATCH[1]}${!name:-$def}"
    s=$rest
  done
  printf '%s' "$out$s"
}

mkdir -p "$DATA"
DATA=$(cd "$DATA" && pwd)
props=()
while IFS= read -r line || [ -n "$line" ]; do
  line="${line%%$'\r'}"
  [[ -z "${line// }" || "$line" =~ ^[[:space:]]*[#!] ]] && continue
  props+=("-D$(expand "${line%%=*}")=$(expand "${line#*=}")")
done < "$CONFIG/framework.properties"

[ -t 0 ] || props+=("-Dgosh.args=--nointeractive")

# The heap is capped at $SWITCHBOARD_HEAP (1g) unless the JVM options size it: the JVM's own default (a quarter of
# the machine's memory) let G1 grow the resident size to 1.5-2.3 GB under load for a live set of about 150 MB.
jvm=()
case " ${SWITCHBOARD_JAVA_OPTS:-} " in
  *" -Xmx"* | *"MaxRAMPercentage"* | *"MaxHeapSize"*) ;;
  *) jvm=("-Xmx${SWITCHBOARD_HEAP:-1g}") ;;
esac
# An idle gateway gives memory back: after 15 s without a collection G1 runs one and shrinks the heap (a busy one
# collects anyway) down to 40 % free instead of the JVM's 70 % (idle, about 50 MB committed instead of 110-150), and
# glibc keeps two malloc arenas instead of one per thread that ever allocated (Vosk's model and JNI buffers otherwise
# spread over 64 MB arenas). Options in SWITCHBOARD_JAVA_OPTS come later and win.
jvm+=("-XX:G1PeriodicGCInterval=15000" "-XX:MaxHeapFreeRatio=40" "-XX:MinHeapFreeRatio=10")
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
# Temporary files go under the data directory, emptied at each start: bnd's launcher unpacks the framework and
# itself (1.2 MB) to a new temporary file at every start and deletes them only when the JVM exits cleanly, so every
# killed gateway left its copies in /tmp for good.
jvm+=("-Djava.io.tmpdir=$DATA/tmp")
rm -rf "$DATA/tmp"
mkdir -p "$DATA/tmp"
# The last start's bundle cache is moved aside and deleted beside the start instead of by Felix on its critical path.
if [ -d "$DATA/felix-cache" ]; then
  old="$DATA/felix-cache.old.$$"
  mv "$DATA/felix-cache" "$old" && (rm -rf "$old" &)
fi

# Class-data sharing: the JVM maps the classes an earlier start loaded, parsed and verified from an archive instead of
# reading them again from the bundles (about a second less CPU at start). The first start of a build and JVM writes
# the archive when it stops (-XX:ArchiveClassesAtExit, to a name with its PID); the next start adopts that file once
# its writer is gone and the file is whole. One archive is kept per jar path (older builds' are removed); a JVM that
# cannot use the archive starts without it.
cds=()
cds_options() {
  local dir java_bin key f pid
  dir="$1/$(printf '%s' "$JAR" | cksum | cut -d' ' -f1)"
  java_bin=$(readlink -f "$(command -v java)")
  key=$(printf '%s %s %s' "$(stat -c '%s %Y' "$JAR")" "$java_bin" "$(stat -c '%Y' "$java_bin")" | cksum | cut -d' ' -f1)
  mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ] || return 0
  local archive="$dir/switchboard-$key.jsa"
  for f in "$dir"/switchboard-*.jsa.*; do
    [ -e "$f" ] || continue
    pid=${f##*.}
    kill -0 "$pid" 2>/dev/null && continue
    # the dynamic archive's header, written last, starts with the magic 0xf00baba8
    if [ "$f" != "${f#"$archive".}" ] && [ ! -e "$archive" ] \
        && [ "$(od -An -tx1 -N4 "$f" | tr -d ' \n')" = "a8ab0bf0" ]; then
      mv -f "$f" "$archive"
    else
      rm -f "$f"
    fi
  done
  for f in "$dir"/switchboard-*.jsa; do
    [ -e "$f" ] && [ "$f" != "$archive" ] && rm -f "$f"
  done
  if [ -f "$archive" ]; then
    cds=("-XX:SharedArchiveFile=$archive")
  elif ! compgen -G "$archive.*" >/dev/null; then
    cds=("-XX:ArchiveClassesAtExit=$archive.$$")
  fi
  cds+=("-Xlog:cds=error" "-Xlog:cds+dynamic=error")
}
case "${SWITCHBOARD_CDS:-on}" in
  off) ;;
  on) cds_options "${XDG_CACHE_HOME:-${HOME:-$DATA}/.cache}/switchboard" ;;
  *) cds_options "$SWITCHBOARD_CDS" ;;
esac

cd "$DATA"
exec java "${jvm[@]}" "${cds[@]}" ${SWITCHBOARD_JAVA_OPTS:-} \
  -Dswitchboard.home="$HOME_DIR" \
  -Dswitchboard.data="$DATA" \
  -Dorg.osgi.framework.storage="$DATA/felix-cache" \
  -Dfelix.fileinstall.dir="$CONFIG" \
  -Dlogback.configurationFile="$CONFIG/logback.xml" \
  -Djava.util.logging.config.file="$CONFIG/logging.properties" \
  "${props[@]}" \
  -jar "$JAR"
