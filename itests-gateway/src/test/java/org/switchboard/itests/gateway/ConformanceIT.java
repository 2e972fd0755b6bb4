package org.switchboard.itests.gateway;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.switchboard.sip.conformance.Corpus;
import org.switchboard.sip.conformance.Wire;
import org.switchboard.testing.Gateway;
import org.switchboard.testing.Metrics;

/**
 * The RFC 4475 and RFC 5118 torture corpora against the gateway as {@code ./switchboard} runs it (the whole assembly:
 * trunks, flows, adapters, store), over UDP and then TCP, each message with the outcome of
 * {@code conformance/outcomes.tsv}. Afterwards the gateway still answers OPTIONS on both transports, holds no call,
 * and its log has no failure in Switchboard's code and no NullPointerException.
 */
public class ConformanceIT {

    private static Gateway gateway;

    @BeforeClass
    public static void start() throws Exception {
        gateway = Gateway.start("ConformanceIT");
    }

    @AfterClass
    public static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    public void theCorpusOverUdpThenTcp() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Corpus.Case c : Corpus.cases()) {
            String suffix = Integer.toHexString(c.file().hashCode());
            check(c, "udp", c.udp(), Wire.udp(gateway.sip, c.unique("u" + suffix), 1000), wrong);
            boolean all = c.tcp().contains(",");
            check(
                    c,
                    "tcp",
                    c.tcp(),
                    Wire.tcp(
                            gateway.sip,
                            c.unique("t" + suffix),
                            all ? 3000 : 1000,
                            all,
                            c.tcp().endsWith("+close") ? 5000 : 300),
                    wrong);
        }
        assertTrue("outcomes that differ from conformance/outcomes.tsv:\n" + String.join("\n", wrong), wrong.isEmpty());

        for (String transport : List.of("UDP", "TCP")) {
            byte[] options = options(transport).getBytes(StandardCharsets.UTF_8);
            Wire.Exchange x = transport.equals("UDP")
                    ? Wire.udp(gateway.sip, options, 5000)
                    : Wire.tcp(gateway.sip, options, 5000, false, 300);
            assertEquals("OPTIONS over " + transport + " after the corpus", "200", x.codes());
        }
        Metrics metrics = gateway.metrics();
        assertEquals("no call left in progress:\n" + metrics, 0, metrics.count("switchboard_calls_active"));
        String log = gateway.log();
        // The RI may still log its own failed reconnect when it answers a keep-alive on a connection the test has
        // closed (its stream parser can read the close as an empty line); nothing of Switchboard's may fail.
        assertFalse("no failure in Switchboard's code", log.contains("\tat org.switchboard."));
        assertFalse("no NullPointerException anywhere", log.contains("NullPointerException"));
        assertTrue("rejections are logged with their reason", log.contains("Rejected INVITE from 127.0.0.1"));
    }

    /**
     * RFC 3261 ends an INVITE server transaction with its 2xx; copies of the INVITE can still arrive (sent before the
     * caller had the answer, and held up on the way). RFC 6026 absorbs them for 64*T1 (32 s). The stack keeps the
     * transaction {@code transaction.linger.s} (2 s); the gateway remembers the branch after that. A copy, within the
     * linger or after it, while the call is up or after it ended, is answered by nothing and starts no call.
     */
    @Test
    public void anInviteRetransmittedAfterItsAnswerIsAbsorbedNotANewCall() throws Exception {
        long before = callsStarted();
        long absorbed = absorbed();
        copyAfterTheAnswer(true, 800); // within the stack's linger
        copyAfterTheAnswer(true, 3500); // past it: before the gateway remembered answered INVITEs, a second call
        copyAfterTheAnswer(false, 3500); // past it, the call still up: before, 482 Loop Detected in the dialog
        assertEquals("one call each, not two", before + 3, callsStarted());
        assertEquals("each copy counted", absorbed + 3, absorbed());
    }

    private static void copyAfterTheAnswer(boolean byeFirst, long delayMs) throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String id = "retx-" + System.nanoTime();
            String via = "Via: SIP/2.0/UDP 127.0.0.1:" + s.getLocalPort() + ";branch=z9hG4bK" + id + ";rport\r\n";
            String dialog = "From: <sip:+14085551212@127.0.0.1>;tag=" + id + "\r\nCall-ID: " + id + "\r\n"
                    + "Max-Forwards: 70\r\nContact: <sip:+14085551212@127.0.0.1:" + s.getLocalPort() + ">\r\n";
            String sdp = "v=0\r\no=t 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
            String invite = "INVITE sip:+15550102@127.0.0.1:" + gateway.sip + " SIP/2.0\r\n" + via + dialog
                    + "To: <sip:+15550102@127.0.0.1>\r\nCSeq: 1 INVITE\r\nContent-Type: application/sdp\r\n"
                    + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
            send(s, invite);
            String ok = await(s, "200", "INVITE");
            Matcher tag = Pattern.compile("\r\nTo: [^\r]*;tag=([^;\r]+)").matcher(ok);
            assertTrue(ok, tag.find());
            String to = "To: <sip:+15550102@127.0.0.1>;tag=" + tag.group(1) + "\r\n";
            String target = "sip:+15550102@127.0.0.1:" + gateway.sip;
            String bye = "BYE " + target + " SIP/2.0\r\n" + via.replace(id, id + "b") + dialog + to
                    + "CSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n";
            send(
                    s,
                    "ACK " + target + " SIP/2.0\r\n" + via.replace(id, id + "a") + dialog + to
                            + "CSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n");
            if (byeFirst) {
                send(s, bye);
                await(s, "200", "BYE");
            }
            Thread.sleep(delayMs);
            send(s, invite);
            s.setSoTimeout(1500);
            byte[] in = new byte[65536];
            try {
                while (true) {
                    DatagramPacket p = new DatagramPacket(in, in.length);
                    s.receive(p);
                    String r = new String(in, 0, p.getLength(), StandardCharsets.UTF_8);
                    // only a late copy of the call's own 2xx may still come; anything else answers the retransmission
                    assertTrue(
                            "the copy " + delayMs + " ms after the answer was answered as a request of its own:\n" + r,
                            r.startsWith("SIP/2.0 200") && r.contains(";tag=" + tag.group(1)));
                }
            } catch (SocketTimeoutException expected) {
                // nothing answered the retransmission
            }
            if (!byeFirst) {
                send(s, bye);
                await(s, "200", "BYE");
            }
        }
    }

    private static long absorbed() throws Exception {
        return gateway.metrics().count("switchboard_invite_retransmissions_absorbed_total");
    }

    private static void send(DatagramSocket s, String message) throws Exception {
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), gateway.sip));
    }

    /** The next response with this code to this method; other answers and the gateway's own requests are skipped. */
    private static String await(DatagramSocket s, String code, String method) throws Exception {
        s.setSoTimeout(5000);
        byte[] in = new byte[65536];
        while (true) {
            DatagramPacket p = new DatagramPacket(in, in.length);
            s.receive(p);
            String r = new String(in, 0, p.getLength(), StandardCharsets.UTF_8);
            if (r.startsWith("SIP/2.0 " + code) && r.contains(" " + method + "\r\n")) {
                return r;
            }
            assertFalse("unexpected final answer:\n" + r, r.matches("(?s)SIP/2\\.0 [3-6].*"));
        }
    }

    private static long callsStarted() throws Exception {
        return gateway.metrics().count("switchboard_calls_started_total");
    }

    private static void check(Corpus.Case c, String transport, String expected, Wire.Exchange x, List<String> wrong) {
        if (!Wire.matches(expected, x)) {
            wrong.add(c.file() + " over " + transport + ": expected " + expected + ", got " + x.codes()
                    + (x.closed() ? "+close" : "") + " (" + c.why() + ")");
        }
    }

    private static String options(String transport) {
        return "OPTIONS sip:probe@127.0.0.1:" + gateway.sip + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " 127.0.0.1:9;branch=z9hG4bK" + System.nanoTime() + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:t@127.0.0.1>;tag=1\r\nTo: <sip:probe@127.0.0.1>\r\n"
                + "Call-ID: after-" + System.nanoTime() + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    }
}
