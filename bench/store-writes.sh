#!/usr/bin/env bash
# What the store costs a call (run on demand, not a test): bundles/store's StoreWriteBench writes the benchmark
# call's records (start, six SIP messages, two events, a task, answer, end) to an embedded H2 file database the way
# the recorder does, a few calls to a batch, and prints CPU and heap allocated per call against H2 alone inserting a
# row per call in the same run. Compare two commits by running it on each: the database and the JVM are the same.
#
#   bench/store-writes.sh [calls per batch]      default 4 (400 calls/s gathered 10 ms); 10 is 400 calls/s at the
#                                                recorder's default gather (recorder.gather.ms=25)
set -euo pipefail
HOME_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$HOME_DIR"
mvn -B -q -DskipTests install -pl bundles/store -am >&2
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt \
  -Dmdep.includeScope=test -pl bundles/store >&2
STORE=bundles/store/target
java -Xmx1g -cp "$STORE/classes:$STORE/test-classes:$(cat bundles/store/target/bench-cp.txt)" \
  org.switchboard.store.internal.StoreWriteBench "${1:-4}" 2>/dev/null | grep '^|'
