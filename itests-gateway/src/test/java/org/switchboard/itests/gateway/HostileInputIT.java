package org.switchboard.itests.gateway;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.switchboard.testing.Gateway;

/**
 * What an unauthenticated peer or a hostile page can do to {@code ./switchboard}: flood the log, forge lines in it,
 * make the Web Console act for another site, guess the administrator's password, or get an answer that is not the
 * APIs' documented JSON. Each is refused, and the log stays short and printable.
 */
public class HostileInputIT {

    private static Gateway gateway;

    @BeforeClass
    public static void start() throws Exception {
        gateway = Gateway.start("HostileInputIT");
    }

    @AfterClass
    public static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    public void invitesFromANonPeerAreRefusedWithoutFloodingOrForgingTheLog() throws Exception {
        int before = gateway.log().split("\n").length;
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0))) {
            socket.setSoTimeout(3000);
            for (int i = 0; i < 200; i++) {
                byte[] invite = ("INVITE sip:+15550100@127.0.0.1:" + gateway.sip + " SIP/2.0\r\n"
                                + "Via: SIP/2.0/UDP 127.0.0.2:" + socket.getLocalPort() + ";branch=z9hG4bKflood" + i
                                + ";rport\r\n"
                                + "From: <sip:a@127.0.0.2>;tag=" + i + "\r\nTo: <sip:+15550100@127.0.0.1>\r\n"
                                + "Call-ID: flood" + i + "\u001b[2J\u0007@127.0.0.2\r\nCSeq: 1 INVITE\r\n"
                                + "Contact: <sip:a@127.0.0.2:" + socket.getLocalPort() + ">\r\nMax-Forwards: 70\r\n"
                                + "Content-Length: 0\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1);
                socket.send(new DatagramPacket(invite, invite.length, InetAddress.getLoopbackAddress(), gateway.sip));
            }
            int forbidden = 0;
            byte[] buf = new byte[4096];
            try {
                while (forbidden < 200) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    socket.receive(p);
                    if (new String(buf, 0, p.getLength(), StandardCharsets.ISO_8859_1).startsWith("SIP/2.0 403")) {
                        forbidden++;
                    }
                }
            } catch (java.net.SocketTimeoutException done) {
                // counted what came
            }
            assertEquals("every INVITE from a non-peer is answered 403", 200, forbidden);
        }
        String[] lines = gateway.log().split("\n");
        int added = lines.length - before;
        assertTrue("200 refusals wrote " + added + " log lines", added <= 5);
        String log = gateway.log();
        assertFalse(
                "no terminal control from a Call-ID reaches the log", log.contains("\u001b") || log.contains("\u0007"));
        assertTrue("the refusal itself is logged: " + log, log.contains("Rejected INVITE flood"));
    }

    @Test
    public void theConsoleRefusesCrossSiteRequestsAndCannotBeFramed() throws Exception {
        String pid = "org.switchboard.hostile.test";
        int status = gateway.post(
                "/system/console/configMgr/" + pid,
                "apply=true&action=ajaxConfigManager" + "&propertylist=x&x=1",
                Map.of("Origin", "http://evil.example"));
        assertEquals("a POST from another origin", 403, status);
        assertEquals(
                403,
                gateway.post(
                        "/system/console/configMgr/" + pid,
                        "apply=true&propertylist=x&x=1",
                        Map.of("Sec-Fetch-Site", "cross-site")));
        assertEquals(403, gateway.post("/api/admin/flows/validate", "{}", Map.of("Origin", "http://evil.example")));
        assertTrue(
                "a same-origin POST still works",
                gateway.post(
                                "/system/console/configMgr/" + pid,
                                "apply=true&action=ajaxConfigManager&propertylist=x&x=1",
                                Map.of("Origin", "http://127.0.0.1:" + gateway.http))
                        < 400);

        for (String path : new String[] {"/system/console/bundles", "/api/admin/bots", "/health"}) {
            HttpResponse<String> r = gateway.admin("GET", path, null);
            assertEquals(path, "DENY", r.headers().firstValue("X-Frame-Options").orElse(""));
            assertEquals(
                    path,
                    "nosniff",
                    r.headers().firstValue("X-Content-Type-Options").orElse(""));
            assertTrue(
                    path,
                    r.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
        }
    }

    @Test
    public void guessingTheConsolePasswordIsStoppedAndLoggedAndSharesTheAdminApisLimit() throws Exception {
        String source = "127.0.0.3";
        int[] statuses = new int[30];
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] = rawGet(source, "/system/console/bundles", "admin:guess-" + i);
        }
        assertEquals(401, statuses[0]);
        assertEquals("the 11th failure within a minute is refused unchecked", 429, statuses[10]);
        assertEquals(
                "the right password too, once blocked",
                429,
                rawGet(source, "/system/console/bundles", "admin:" + gateway.password()));
        assertEquals(
                "the admin API shares the limit",
                429,
                rawGet(source, "/api/admin/bots", "admin:" + gateway.password()));
        assertEquals(
                "another address is not blocked",
                200,
                rawGet("127.0.0.4", "/system/console/bundles", "admin:" + gateway.password()));
        String log = gateway.log();
        assertTrue(log.contains("Administrator login failed for user 'admin' from 127.0.0.3"));
        assertTrue(log.contains("Administrator logins from 127.0.0.3 refused"));
        assertFalse("no password in the log", log.contains("guess-3"));
    }

    @Test
    public void everyAnswerUnderApiIsTheDocumentedJsonError() throws Exception {
        HttpResponse<String> slash = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(gateway.url("/api/public/bot/st-1%2F2/conversationDetails")))
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(400, slash.statusCode());
        assertTrue(
                slash.headers().firstValue("Content-Type").orElse(""),
                slash.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(
                slash.body(),
                slash.body()
                        .matches("\\{\"errors\":\\[\\{\"msg\":\"Ambiguous URI: an encoded '/' in "
                                + "the path\",\"code\":400}]}"));
        assertEquals(400, gateway.admin("GET", "/api/admin/%2e%2e/bots", null).statusCode());

        HttpResponse<String> extreme =
                gateway.admin("GET", "/api/admin/conversations?from=-999999999-01-01T00:00:00Z", null);
        assertEquals(extreme.body(), 400, extreme.statusCode());
        assertTrue(
                extreme.body(),
                extreme.body().contains("must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z"));
        HttpResponse<String> page = gateway.admin(
                "GET", "/system/console/switchboard-interactions?from=" + "%2B999999999-01-01T00:00", null);
        assertEquals(page.body(), 200, page.statusCode());
        assertTrue(page.body(), page.body().contains("A time must be between"));
    }

    @Test
    public void aConnectionFloodIsClosedAtTheDoorAndCannotTakeTheThreads() throws Exception {
        int before = threads();
        java.util.List<Socket> held = new java.util.ArrayList<>();
        try {
            int refused = 0;
            for (int i = 0; i < 200; i++) { // no trunk allows 127.0.0.2: closed at accept, no thread spent
                Socket s = sipConnection("127.0.0.2");
                if (s != null) {
                    held.add(s);
                }
                refused += s == null || closed(s) ? 1 : 0;
            }
            assertEquals(200, refused);
            int open = 0;
            for (int i = 0; i < 100; i++) { // a peer's address: 32 at once (max.connections.per.source)
                Socket s = sipConnection("127.0.0.1");
                if (s != null) {
                    held.add(s);
                }
                open += s == null || closed(s) ? 0 : 1;
            }
            assertEquals(32, open);
            int grown = threads() - before;
            assertTrue("300 connections took " + grown + " threads", grown <= 2 * 32 + 8);
            String metrics = gateway.get("/metrics");
            assertTrue(
                    metrics,
                    metrics.contains("switchboard_sip_connections_refused_total{transport=\"tcp\","
                            + "reason=\"not_allowed\"} 200"));
            assertTrue(
                    metrics,
                    metrics.contains("switchboard_sip_connections_refused_total{transport=\"tcp\","
                            + "reason=\"source_limit\"} 68"));
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    /** A TCP connection to the SIP port from {@code from}, or {@code null} when it was reset while connecting. */
    private static Socket sipConnection(String from) throws Exception {
        try {
            return new Socket(InetAddress.getLoopbackAddress(), gateway.sip, InetAddress.getByName(from), 0);
        } catch (java.net.SocketException reset) {
            return null;
        }
    }

    /** Whether the gateway closed (or reset) the connection within half a second. */
    private static boolean closed(Socket s) throws Exception {
        s.setSoTimeout(500);
        try {
            return s.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException open) {
            return false;
        } catch (java.io.IOException reset) {
            return true;
        }
    }

    private static int threads() throws Exception {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(?m)^jvm_threads_live (\\d+)").matcher(gateway.get("/metrics"));
        assertTrue(m.find());
        return Integer.parseInt(m.group(1));
    }

    /** A GET from {@code source} (a loopback address) with Basic credentials; returns the status. */
    private static int rawGet(String source, String path, String credentials) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), gateway.http, InetAddress.getByName(source), 0)) {
            s.setSoTimeout(10_000);
            String auth = Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + gateway.http + "\r\nAuthorization: Basic "
                                    + auth + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(status.substring(9, 12));
        }
    }
}
