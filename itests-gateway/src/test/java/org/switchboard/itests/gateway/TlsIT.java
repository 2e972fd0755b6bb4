package org.switchboard.itests.gateway;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.switchboard.testing.FreePorts;
import org.switchboard.testing.Gateway;
import org.switchboard.testing.TestKeys;

/**
 * SIP over TLS against {@code ./switchboard} configured with a keystore: a whole call on one TLS connection (INVITE
 * with a {@code sips:} URI, 200 OK with a {@code sips:} Contact, ACK, the bot's BYE coming back down the same
 * connection), recorded like any other; then the trunk is made TLS-only and a call over UDP is refused with 403
 * while TLS calls still work. The keystore's password never reaches the log.
 */
public class TlsIT {

    private static final String PASSWORD = "tls-it-Secret-91";
    private static Gateway gateway;
    private static int tlsPort;
    private static SSLContext client;

    @BeforeClass
    public static void start() throws Exception {
        Path keystore = TestKeys.keystore(PASSWORD);
        client = TestKeys.trusting(keystore, PASSWORD);
        Gateway.Builder b = Gateway.builder("TlsIT").tls(keystore, PASSWORD);
        tlsPort = b.tlsPort();
        gateway = b.start();
    }

    @AfterClass
    public static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    public void aCallOverTlsThenTheTrunkTakesTlsOnly() throws Exception {
        String session = tlsCall();
        String conversation = "";
        for (long deadline = System.currentTimeMillis() + 10_000; System.currentTimeMillis() < deadline; ) {
            conversation = gateway.admin("GET", "/api/admin/conversations/" + session, null)
                    .body();
            if (conversation.matches("(?s).*\"endedBy\":\\s*\"bot\".*")) {
                break;
            }
            Thread.sleep(100); // the record is written on a thread of its own
        }
        assertTrue(conversation, conversation.matches("(?s).*\"endedBy\":\\s*\"bot\".*"));
        assertTrue("the SIP messages are recorded: " + conversation, conversation.contains("SIP/2.0/TLS"));

        var trunk = gateway.admin("GET", "/api/admin/trunks/zcc-demo", null);
        assertEquals(trunk.body(), 200, trunk.statusCode());
        String tlsOnly = trunk.body()
                .replaceAll("\"transport\"\\s*:\\s*\"udp\"", "\"transport\": \"tls\"")
                .replaceAll(",?\\s*\"sipUris\"\\s*:\\s*\\[[^\\]]*\\]", "");
        var put = gateway.admin("PUT", "/api/admin/trunks/zcc-demo", tlsOnly);
        assertEquals(put.body(), 200, put.statusCode());

        String refused = udpInvite();
        assertTrue(refused, refused.startsWith("SIP/2.0 403"));
        assertTrue(refused, refused.contains("trunk zcc-demo takes calls over TLS only"));
        tlsCall();

        String log = gateway.log();
        assertTrue(log.contains("SIP over TLS: "));
        assertFalse("the keystore password is never logged", log.contains(PASSWORD));
        assertFalse("no failure in Switchboard's code", log.contains("\tat org.switchboard."));
    }

    /** INVITE sips:+15550101 over TLS, the bot's BYE back on the same connection; returns the session id. */
    private static String tlsCall() throws Exception {
        try (SSLSocket s =
                (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), tlsPort)) {
            s.setSoTimeout(30_000);
            int local = s.getLocalPort();
            String callId = "tls-" + System.nanoTime();
            String sdp = "v=0\r\no=zcc 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio " + FreePorts.tcpAndUdp() + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
                    + "a=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";
            String uri = "sips:+15550101@127.0.0.1:" + tlsPort;
            String common = "From: \"ZCC\" <sip:+14085551212@127.0.0.1>;tag=caller1\r\n"
                    + "Call-ID: " + callId + "\r\nMax-Forwards: 70\r\n"
                    + "Contact: <sips:+14085551212@127.0.0.1:" + local + ">\r\n";
            send(
                    s,
                    "INVITE " + uri + " SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:" + local + ";branch=z9hG4bKtls"
                            + System.nanoTime() + "\r\n" + common + "To: <" + uri + ">\r\nCSeq: 1 INVITE\r\n"
                            + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp);
            String ok = next(s);
            while (ok.startsWith("SIP/2.0 1")) {
                ok = next(s);
            }
            assertTrue(ok, ok.startsWith("SIP/2.0 200"));
            Matcher contact = Pattern.compile("(?m)^Contact: <?(sips:[^>;\r]+)").matcher(ok);
            assertTrue("a sips: Contact on the TLS port: " + ok, contact.find());
            assertTrue(contact.group(1), contact.group(1).endsWith(":" + tlsPort));
            Matcher toTag = Pattern.compile("(?m)^To: [^\r]*;tag=([^;\r]+)").matcher(ok);
            assertTrue(toTag.find());
            Matcher session =
                    Pattern.compile("(?m)^kore-session_id: ([0-9a-f]+)").matcher(ok);
            assertTrue(ok, session.find());
            send(
                    s,
                    "ACK " + contact.group(1) + " SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:" + local
                            + ";branch=z9hG4bKack" + System.nanoTime() + "\r\n" + common + "To: <" + uri + ">;tag="
                            + toTag.group(1) + "\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n");
            String bye = next(s);
            assertTrue("the bot's BYE comes down the same TLS connection: " + bye, bye.startsWith("BYE sips:"));
            assertTrue(bye, bye.contains("kore-reason: HangUp"));
            StringBuilder answer = new StringBuilder("SIP/2.0 200 OK\r\n");
            for (String h : bye.split("\r\n")) {
                if (h.matches("(?i)^(Via|From|To|Call-ID|CSeq): .*")) {
                    answer.append(h).append("\r\n");
                }
            }
            send(s, answer.append("Content-Length: 0\r\n\r\n").toString());
            return session.group(1);
        }
    }

    private static String udpInvite() throws Exception {
        try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            d.setSoTimeout(5000);
            String uri = "sip:+15550101@127.0.0.1:" + gateway.sip;
            String sdp = "v=0\r\no=zcc 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio 4000 RTP/AVP 0\r\n";
            String invite = "INVITE " + uri + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + d.getLocalPort()
                    + ";branch=z9hG4bKudp" + System.nanoTime() + "\r\nFrom: <sip:+14085551212@127.0.0.1>;tag=u1\r\n"
                    + "To: <" + uri + ">\r\nCall-ID: udp-" + System.nanoTime() + "\r\nCSeq: 1 INVITE\r\n"
                    + "Max-Forwards: 70\r\nContact: <sip:+14085551212@127.0.0.1:" + d.getLocalPort() + ">\r\n"
                    + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
            byte[] out = invite.getBytes(StandardCharsets.UTF_8);
            d.send(new DatagramPacket(out, out.length, InetAddress.getLoopbackAddress(), gateway.sip));
            byte[] in = new byte[8192];
            while (true) {
                DatagramPacket p = new DatagramPacket(in, in.length);
                d.receive(p);
                String r = new String(in, 0, p.getLength(), StandardCharsets.UTF_8);
                if (!r.startsWith("SIP/2.0 1")) {
                    return r;
                }
            }
        }
    }

    private static void send(SSLSocket s, String message) throws IOException {
        s.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
    }

    /** The next message on the connection (head and body), skipping keep-alive CRLFs. */
    private static String next(SSLSocket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (head.size() == 0 && (b == '\r' || b == '\n')) {
                continue;
            }
            head.write(b);
            if (head.toString(StandardCharsets.UTF_8).endsWith("\r\n\r\n")) {
                break;
            }
        }
        String h = head.toString(StandardCharsets.UTF_8);
        assertNotNull(h);
        Matcher cl = Pattern.compile("(?mi)^(Content-Length|l): *(\\d+)").matcher(h);
        int length = cl.find() ? Integer.parseInt(cl.group(2)) : 0;
        return h + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
