#!/usr/bin/env bash
# rateab2.sh: bench/sip-rate.sh 400 800 1600 2000 (10 s per rate), linger 2 (default) against 8, alternating
cd /work/main
CFG=felix-config/org.switchboard.sip.cfg
for i in 1 2; do
  echo "== linger 2, round $i"; SECONDS_PER_RATE=10 bench/sip-rate.sh 400 800 1600 2000 2>&1 | grep -A8 "^| rate\|Every call" | grep -v "^$\|^|--\|^| rate"
  cp $CFG /tmp/sip.cfg.orig; echo "transaction.linger.s=8" >> $CFG
  echo "== linger 8, round $i"; SECONDS_PER_RATE=10 bench/sip-rate.sh 400 800 1600 2000 2>&1 | grep -A8 "^| rate\|Every call" | grep -v "^$\|^|--\|^| rate"
  cp /tmp/sip.cfg.orig $CFG
done
