HOME_DIR=/work/main
. "$HOME_DIR/bench/common.sh"
export SWITCHBOARD_CDS=off
rm -rf $WORK/config $WORK/data
start_gateway "$HOME_DIR/bench/workspace.json"
echo "SIP $SIP_PORT HTTP $HTTP_PORT"
python3 /tmp/sb/retx.py $SIP_PORT ${DID:-+15550900} ${DELAYS:-0,0.1,0.5,1,1.9,2.5,4} ${ACK:-ack}
curl -s http://127.0.0.1:$HTTP_PORT/metrics 2>/dev/null | grep -E "^switchboard_calls_started_total|retransmissions" 
stop_gateway
