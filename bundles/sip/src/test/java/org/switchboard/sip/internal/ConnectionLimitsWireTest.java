package org.switchboard.sip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.switchboard.api.routing.CallRoute;
import org.switchboard.api.routing.CallRouting;
import org.switchboard.testing.FreePorts;

/**
 * The connection limits on the real stack: a source no trunk allows, one over the cap per source or in all, and a
 * connection left idle are all closed, and refused connections cost the JVM no thread.
 */
public class ConnectionLimitsWireTest {

    private int port;
    private SipStackOwner owner;

    @Before
    public void start() throws Exception {
        start(0);
    }

    private void start(int idleTimeoutS) throws Exception {
        port = FreePorts.tcpAndUdp();
        owner = new SipStackOwner(SipSettingsTest.config(Map.of(
                "udp.port",
                port,
                "tcp.port",
                port,
                "max.connections",
                5,
                "max.connections.per.source",
                3,
                "connection.idle.timeout.s",
                idleTimeoutS)));
        // a router whose trunks allow every loopback address but 127.0.0.2 (a fake: only admits is asked)
        CallRouting routing = new CallRouting() {
            @Override
            public CallRoute route(String sourceAddress, String did) {
                throw new UnsupportedOperationException("route");
            }

            @Override
            public boolean admits(String sourceAddress) {
                return !"127.0.0.2".equals(sourceAddress);
            }
        };
        Field f = SipStackOwner.class.getDeclaredField("routing");
        f.setAccessible(true);
        f.set(owner, routing);
    }

    @After
    public void stop() {
        owner.deactivate();
    }

    @Test
    public void aSourceNoTrunkAllowsIsClosedAtAcceptWithoutAThread() throws Exception {
        long before = Thread.getAllStackTraces().keySet().stream()
                .mapToLong(Thread::getId)
                .max()
                .orElse(0);
        for (int i = 0; i < 100; i++) {
            try (Socket s = connect("127.0.0.2")) {
                assertTrue("closed at once", closedWithin(s, 2000));
            }
        }
        assertEquals("connection threads started for refused connections", 0, connectionThreadsAfter(before));
        assertTrue(
                metrics(),
                metrics()
                        .contains("switchboard_sip_connections_refused_total{transport=\"tcp\","
                                + "reason=\"not_allowed\"} 100"));
    }

    @Test
    public void connectionsAreCappedPerSourceAndInAllAndComeBackWhenClosed() throws Exception {
        List<Socket> open = new ArrayList<>();
        long before = Thread.getAllStackTraces().keySet().stream()
                .mapToLong(Thread::getId)
                .max()
                .orElse(0);
        try {
            for (int i = 0; i < 3; i++) {
                open.add(options(connect("127.0.0.1")));
            }
            Socket fourth = connect("127.0.0.1");
            assertTrue("a 4th from one address is closed", closedWithin(fourth, 2000));
            open.add(options(connect("127.0.0.3")));
            open.add(options(connect("127.0.0.3")));
            assertTrue("a 6th in all is closed", closedWithin(connect("127.0.0.4"), 2000));
            assertTrue(metrics(), metrics().contains("switchboard_sip_connections_open 5"));
            assertTrue("each accepted connection has its reader", connectionThreadsAfter(before) >= 5);
            open.remove(0).close();
            long until = System.currentTimeMillis() + 3000;
            Socket again = null;
            while (again == null && System.currentTimeMillis() < until) {
                Socket s = connect("127.0.0.1");
                if (!closedWithin(s, 300)) {
                    again = s;
                } else {
                    Thread.sleep(50); // the stack has not seen the close yet
                }
            }
            assertTrue("a place given back is taken again", again != null);
            open.add(options(again));
            assertTrue(metrics(), metrics().matches("(?s).*transport=\"tcp\",reason=\"source_limit\"} [1-9].*"));
            assertTrue(metrics(), metrics().matches("(?s).*transport=\"tcp\",reason=\"limit\"} [1-9].*"));
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
    }

    @Test
    public void anIdleConnectionIsClosedAndKeepAlivesKeepOneOpen() throws Exception {
        owner.deactivate();
        start(1);
        try (Socket idle = options(connect("127.0.0.1"));
                Socket alive = options(connect("127.0.0.3"))) {
            long start = System.currentTimeMillis();
            for (int i = 0; i < 8; i++) {
                alive.getOutputStream().write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                Thread.sleep(300);
            }
            assertTrue("the idle one is closed after its second", closedWithin(idle, 100));
            assertTrue(System.currentTimeMillis() - start >= 2000);
            options(alive); // CRLF keep-alives kept it open: it still answers
        }
    }

    /** The stack's threads that read connections, started after the thread with id {@code before}. */
    private static long connectionThreadsAfter(long before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getId() > before && t.getName().contains("TCPMessageChannelThread"))
                .count();
    }

    private Socket connect(String from) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName(from), 0);
        s.setSoTimeout(5000);
        return s;
    }

    /** Sends OPTIONS and requires its 200 OK; returns the socket for more. */
    private Socket options(Socket s) throws IOException {
        s.getOutputStream()
                .write(RawSip.request("OPTIONS", "TCP", s.getLocalPort(), port, "")
                        .getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        int first;
        do {
            first = in.read(); // keep-alive answers (CRLF) may come first
        } while (first == '\r' || first == '\n');
        if (first >= 0) {
            head.append((char) first);
        }
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        assertTrue(head.toString(), head.toString().startsWith("SIP/2.0 200"));
        in.readNBytes(Integer.parseInt(head.toString().replaceAll("(?s).*Content-Length: *(\\d+).*", "$1")));
        return s;
    }

    /**
     * Whether the other side closed (or reset) the connection within {@code ms}; a CRLF keep-alive answer on the
     * way (the stack reads its own close as a keep-alive) is passed over.
     */
    private static boolean closedWithin(Socket s, int ms) throws IOException {
        s.setSoTimeout(ms);
        try {
            int b;
            do {
                b = s.getInputStream().read();
            } while (b == '\r' || b == '\n');
            return b < 0;
        } catch (SocketTimeoutException open) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private String metrics() {
        return MetricsText.of(owner::collect);
    }
}
