#!/usr/bin/env bash
# What one of a call's log lines costs by message pattern (bench/LogLineBench.java), with the logging bundles of the
# assembled jar (run on demand, not a test).
#
#   bench/log-lines.sh                 LINES=200000 ROUNDS=7
set -euo pipefail
HOME_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR="$HOME_DIR/features/target/switchboard.jar"
[ -f "$JAR" ] || (cd "$HOME_DIR" && mvn -B -q -DskipTests package -pl features -am)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && unzip -q -o "$JAR" 'jar/logback-core-*.jar' 'jar/org.switchboard.logging-*.jar')
java -Xmx256m -Dlines="${LINES:-200000}" -Drounds="${ROUNDS:-7}" -cp "$(ls "$TMP"/jar/*.jar | paste -sd:)" \
  "$HOME_DIR/bench/LogLineBench.java"
