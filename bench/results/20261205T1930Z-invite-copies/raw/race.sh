HOME_DIR=/work/main
. "$HOME_DIR/bench/common.sh"
export SWITCHBOARD_CDS=off
rm -rf $WORK/config $WORK/data
start_gateway "$HOME_DIR/bench/workspace.json"
D=/tmp/sb/race; rm -rf $D; mkdir -p $D
(cd $D && sipp -sf /tmp/sb/uac-fastretx.xml -s +15550900 127.0.0.1:$SIP_PORT -i 127.0.0.1 -p $(free_port) -r ${RATE:-100} -m ${N:-2000} -l 400 -recv_timeout 10000 -nostdin -trace_stat -fd 1 -trace_err -timeout 60s >/dev/null 2>&1)
stat=$(ls $D/*_.csv | head -1); read -r ok failed < <(sipp_counts "$stat"); echo "ok $ok failed $failed"
grep -o "while expecting '[A-Z0-9]*' (index [0-9]*), received 'SIP/2.0 [0-9]* [A-Za-z ]*" $D/*_errors.log | sort | uniq -c
curl -s http://127.0.0.1:$HTTP_PORT/metrics 2>/dev/null | grep -E "^switchboard_calls_started_total|retransmissions|invites_rejected"
stop_gateway
