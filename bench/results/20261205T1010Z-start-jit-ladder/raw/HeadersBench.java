package org.switchboard.sip.internal;

import java.lang.management.ManagementFactory;

/** Bytes allocated by SipMessages.headers on the benchmark's INVITE (parsed by the RI once). */
public class HeadersBench {
    public static void main(String[] a) throws Exception {
        String invite = "INVITE sip:+15550900@127.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1-1-0\r\n"
            + "From: \"ZCC\" <sip:+14085551212@127.0.0.1:5061>;tag=1SIPpTag001\r\nTo: <sip:+15550900@127.0.0.1:5060>\r\n"
            + "Call-ID: 1-1@127.0.0.1\r\nCSeq: 1 INVITE\r\nContact: <sip:+14085551212@127.0.0.1:5061;transport=UDP>\r\n"
            + "Max-Forwards: 70\r\nAllow: INVITE, ACK, CANCEL, BYE, OPTIONS, REFER, NOTIFY, UPDATE\r\nSupported: timer\r\n"
            + "Session-Expires: 1800\r\nContent-Type: application/sdp\r\nContent-Length: 0\r\n\r\n";
        var msg = new gov.nist.javax.sip.parser.StringMsgParser().parseSIPMessage(invite.getBytes(), true, false, null);
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round < 5; round++) {
            int n = 100_000;
            long b0 = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < n; i++) {
                sink += SipMessages.headers(msg).size();
            }
            long b1 = mx.getCurrentThreadAllocatedBytes();
            System.out.println("round " + round + ": " + (b1 - b0) / n + " bytes per headers()");
        }
        System.out.println(sink);
    }
}
