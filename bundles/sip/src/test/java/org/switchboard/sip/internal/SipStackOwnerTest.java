package org.switchboard.sip.internal;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.switchboard.testing.FreePorts;

/** Runs the real JAIN-SIP stack on free loopback ports and talks to it over real sockets. */
public class SipStackOwnerTest {

    private int port;
    private SipStackOwner owner;

    @Before
    public void start() throws Exception {
        port = FreePorts.tcpAndUdp();
        owner = new SipStackOwner(SipSettingsTest.config(Map.of("udp.port", port, "tcp.port", port)));
    }

    @After
    public void stop() {
        if (owner != null) {
            owner.deactivate();
        }
    }

    @Test
    public void optionsOverUdpAndTcp() throws Exception {
        String udp = RawSip.udp(port, "OPTIONS", "", 5000);
        assertNotNull("no answer over UDP", udp);
        assertTrue(udp, udp.startsWith("SIP/2.0 200 OK"));
        assertTrue(udp, udp.matches("(?s).*\r\nAllow: [^\r]*OPTIONS.*"));
        assertTrue(udp, udp.contains("Server: Switchboard/"));
        String tcp = RawSip.tcp(port, "OPTIONS", "", 5000);
        assertTrue(tcp, tcp.startsWith("SIP/2.0 200 OK"));
    }

    @Test
    public void unknownMethodGets501WithAllow() throws Exception {
        String r = RawSip.udp(port, "FROBNICATE", "", 5000);
        assertNotNull(r);
        assertTrue(r, r.startsWith("SIP/2.0 501"));
        assertTrue(r, r.matches("(?s).*\r\nAllow: [^\r]*OPTIONS.*"));
    }

    @Test
    public void inviteWithoutTheCallRouterGets100Then503WithRetryAfter() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(5000);
            String trying =
                    RawSip.udpRaw(port, RawSip.request("INVITE", "UDP", socket.getLocalPort(), port, ""), socket);
            assertTrue(trying, trying.startsWith("SIP/2.0 100"));
            socket.setSoTimeout(15_000); // the INVITE waits service.wait.ms (5 s) for the router before the 503
            String busy = RawSip.receive(socket);
            assertNotNull("no 503 within 15 s", busy);
            assertTrue(busy, busy.startsWith("SIP/2.0 503"));
            assertTrue(busy, busy.contains("Retry-After: 5"));
            assertTrue(busy, busy.contains("call router not present"));
        }
    }

    @Test
    public void inDialogRequestsForUnknownCallsGet481() throws Exception {
        for (String method : new String[] {"UPDATE", "NOTIFY", "INFO", "CANCEL"}) {
            String r = RawSip.udp(
                    port,
                    method,
                    method.equals("NOTIFY") ? "Event: refer\r\nSubscription-State: active\r\n" : "",
                    5000);
            assertNotNull(method, r);
            assertTrue(method + ": " + r, r.startsWith("SIP/2.0 481"));
        }
        String bad = RawSip.udp(port, "NOTIFY", "", 5000);
        assertNotNull("a NOTIFY missing required headers is answered", bad);
        assertTrue(bad, bad.startsWith("SIP/2.0 400"));
        assertTrue(bad, bad.contains("Warning: 399") && bad.contains("Missing a required header"));
    }

    @Test
    public void byeForUnknownDialogGets481() throws Exception {
        String r = RawSip.udp(port, "BYE", "", 5000);
        assertNotNull(r);
        assertTrue(r, r.startsWith("SIP/2.0 481"));
    }

    @Test
    public void responsesAreNeverAnswered() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(700);
            String response = "SIP/2.0 200 OK\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bKstray\r\n"
                    + "From: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:b@127.0.0.1>;tag=2\r\n"
                    + "Call-ID: stray@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            assertNull(RawSip.udpRaw(port, response, socket));
        }
        assertTrue(RawSip.udp(port, "OPTIONS", "", 5000).startsWith("SIP/2.0 200"));
    }

    @Test
    public void aResponseWhoseConnectionIsGoneGoesToTheSourceAddressNeverToAViaHostName() throws Exception {
        InetAddress source = InetAddress.getByName("127.0.0.2");
        try (ServerSocket right = new ServerSocket(0, 5, source);
                ServerSocket wrong = new ServerSocket(right.getLocalPort(), 5, InetAddress.getLoopbackAddress())) {
            String invite = RawSip.request("INVITE", "TCP", right.getLocalPort(), port, "")
                    .replace("Via: SIP/2.0/TCP 127.0.0.1:", "Via: SIP/2.0/TCP localhost:");
            try (Socket caller = new Socket(InetAddress.getLoopbackAddress(), port, source, 0)) {
                caller.getOutputStream().write(invite.getBytes(StandardCharsets.US_ASCII));
                caller.getOutputStream().flush();
            } // gone before any answer: the 503 after the service wait needs a new connection
            right.setSoTimeout(20_000);
            try (Socket back = right.accept()) {
                back.setSoTimeout(5000);
                String answer = new String(back.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                assertTrue(answer, answer.startsWith("SIP/2.0 "));
            }
            wrong.setSoTimeout(500);
            assertThrows(
                    "nothing went to where the Via's host name resolves",
                    SocketTimeoutException.class,
                    () -> wrong.accept().close());
        }
    }

    @Test
    public void stopReleasesPortsAndRestarts() throws Exception {
        owner.deactivate();
        owner = null;
        try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
                DatagramSocket udp =
                        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            assertTrue(tcp.isBound() && udp.isBound());
        }
        owner = new SipStackOwner(SipSettingsTest.config(Map.of("udp.port", port, "tcp.port", port)));
        assertTrue(RawSip.udp(port, "OPTIONS", "", 5000).startsWith("SIP/2.0 200"));
    }

    @Test
    public void portInUseIsAClearError() throws Exception {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> new SipStackOwner(SipSettingsTest.config(Map.of("udp.port", port, "tcp.port", 0))));
        assertTrue(e.getMessage(), e.getMessage().contains("cannot listen on udp 127.0.0.1:" + port));
    }
}
