package org.switchboard.sip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Test;
import org.switchboard.testing.FreePorts;

/**
 * The overload limits on the real stack over real sockets. Without a flow registry an admitted INVITE is held
 * ({@code service.wait.ms}) and then refused, which makes it an INVITE in progress that counts against the limits
 * for a known time.
 */
public class OverloadWireTest {

    private int port;
    private SipStackOwner owner;
    private final List<DatagramSocket> sockets = new ArrayList<>();

    private void start(int maxCalls, int perSecond) throws Exception {
        port = FreePorts.tcpAndUdp();
        owner = new SipStackOwner(SipSettingsTest.config(Map.of(
                "udp.port",
                port,
                "tcp.port",
                port,
                "max.calls",
                maxCalls,
                "max.calls.per.second",
                perSecond,
                "service.wait.ms",
                1500,
                "retry.after.s",
                7)));
    }

    @After
    public void stop() {
        sockets.forEach(DatagramSocket::close);
        if (owner != null) {
            owner.deactivate();
        }
    }

    private DatagramSocket socket() throws Exception {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        s.setSoTimeout(5000);
        sockets.add(s);
        return s;
    }

    private String invite(DatagramSocket s) {
        return RawSip.request("INVITE", "UDP", s.getLocalPort(), port, "");
    }

    @Test
    public void beyondTheCallLimitA503ComesAtOnceAndThePlaceComesBackWhenACallEnds() throws Exception {
        start(2, 0);
        DatagramSocket a = socket();
        DatagramSocket b = socket();
        DatagramSocket c = socket();
        String inviteA = invite(a);
        assertTrue(RawSip.udpRaw(port, inviteA, a).startsWith("SIP/2.0 100"));
        assertTrue(RawSip.udpRaw(port, invite(b), b).startsWith("SIP/2.0 100"));
        assertEquals(2, owner.admitted());

        String busy = RawSip.udpRaw(port, invite(c), c);
        assertNotNull("no answer over the limit", busy);
        assertTrue(busy, busy.startsWith("SIP/2.0 503"));
        assertTrue(busy, busy.contains("\r\nRetry-After: 7"));
        assertTrue(
                busy,
                busy.contains("Reason: SIP ;cause=503;text=\"Overload: the gateway has its 2 calls in progress\"")
                        || busy.contains(
                                "Reason: SIP;cause=503;text=\"Overload: the gateway has its 2 calls in progress\""));
        assertTrue("a final answer has a To tag: " + busy, busy.matches("(?s).*\r\nTo: [^\r]*;tag=[0-9a-f]+.*"));
        assertTrue(busy, busy.contains("Server: Switchboard/"));

        // a retransmission of an admitted INVITE is not a new call: its transaction answers it
        String again = RawSip.udpRaw(port, inviteA, a);
        assertTrue(again, again.startsWith("SIP/2.0 100"));
        assertEquals(2, owner.admitted());

        // both held INVITEs are refused (no flow registry) after service.wait.ms, and give their places back
        assertTrue(RawSip.receive(a).startsWith("SIP/2.0 503"));
        assertTrue(RawSip.receive(b).startsWith("SIP/2.0 503"));
        long deadline = System.currentTimeMillis() + 2000;
        while (owner.admitted() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, owner.admitted());
        DatagramSocket d = socket();
        assertTrue(
                "admitted again once places are free",
                RawSip.udpRaw(port, invite(d), d).startsWith("SIP/2.0 100"));
    }

    @Test
    public void beyondTheRateA503OverTcpAndUdpThenTheRateRecovers() throws Exception {
        start(0, 2);
        DatagramSocket a = socket();
        assertTrue(RawSip.udpRaw(port, invite(a), a).startsWith("SIP/2.0 100"));
        String tcp = RawSip.tcp(port, "INVITE", "", 5000);
        assertTrue(tcp, tcp.startsWith("SIP/2.0 100"));
        String busyTcp = RawSip.tcp(port, "INVITE", "", 5000);
        assertTrue(busyTcp, busyTcp.startsWith("SIP/2.0 503"));
        assertTrue(busyTcp, busyTcp.contains("more than 2 new calls per second on the gateway"));
        DatagramSocket b = socket();
        String busyUdp = RawSip.udpRaw(port, invite(b), b);
        assertTrue(busyUdp, busyUdp.startsWith("SIP/2.0 503"));
        Thread.sleep(600); // one call's worth of the rate comes back in half a second
        DatagramSocket c = socket();
        assertTrue(RawSip.udpRaw(port, invite(c), c).startsWith("SIP/2.0 100"));
        String metrics = metrics();
        assertTrue(metrics, metrics.contains("switchboard_invites_overload_total{scope=\"global\",limit=\"rate\"} 2"));
    }

    private String metrics() {
        return MetricsText.of(owner::collect);
    }
}
