package org.switchboard.itests.gateway;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.switchboard.testing.Gateway;
import org.switchboard.testing.Jwt;
import org.switchboard.testing.TestKeys;

/**
 * Security of a running install: no secret (the generated administrator password, the TLS keystore password, a
 * bot app's client secret before and after rotation, a JWT signed with it, a wrong password tried at login) appears
 * in any log file of a run that used them all; and a trunk's allow-list holds on every transport (an INVITE from
 * 127.0.0.2, which no trunk allows, gets 403 over UDP; its TCP and TLS connections are closed at accept).
 */
public class SecurityIT {

    private static final String KEYSTORE_PASSWORD = "ks-Secret-4417-never-logged";
    private static final String WRONG_PASSWORD = "wrong-Guess-8812-never-logged";
    private static final String BOT = "st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0";
    private static Gateway gateway;
    private static int tlsPort;
    private static Path keystore;

    @BeforeClass
    public static void start() throws Exception {
        keystore = TestKeys.keystore(KEYSTORE_PASSWORD);
        Gateway.Builder b = Gateway.builder("SecurityIT").tls(keystore, KEYSTORE_PASSWORD);
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
    public void noSecretReachesAnyLog() throws Exception {
        List<String> secrets = new ArrayList<>(List.of(gateway.password(), KEYSTORE_PASSWORD, WRONG_PASSWORD));
        assertNotEquals("the administrator password is generated, not a default", "admin", gateway.password());
        assertTrue(gateway.password().length() >= 16);

        HttpResponse<String> wrong = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(gateway.url("/api/admin/bots")))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString(("admin:" + WRONG_PASSWORD)
                                                                .getBytes(StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(401, wrong.statusCode());

        var app = gateway.admin(
                "POST",
                "/api/admin/bots/" + BOT + "/apps",
                "{\"name\":\"ZCC\",\"scopes\":[\"chat-history\",\"conversation-summary\"]}");
        assertEquals(app.body(), 201, app.statusCode());
        String clientId = Gateway.field(app.body(), "clientId");
        String secret = Gateway.field(app.body(), "clientSecret");
        secrets.add(secret);
        String jwt = jwt(clientId, secret);
        secrets.add(jwt);
        secrets.add(jwt.substring(jwt.lastIndexOf('.') + 1));
        int status = summaryApi(jwt);
        assertEquals("a valid token is accepted (no such session: 404)", 404, status);
        assertEquals(401, summaryApi(jwt(clientId, "not-the-secret")));
        var listing = gateway.admin("GET", "/api/admin/bots/" + BOT, null);
        assertTrue(listing.body().contains(clientId));
        assertTrue("a secret is never listed", !listing.body().contains(secret));

        var rotated = gateway.admin("POST", "/api/admin/apps/" + clientId + "/secret", null);
        assertEquals(rotated.body(), 200, rotated.statusCode());
        secrets.add(Gateway.field(rotated.body(), "clientSecret"));
        assertEquals("the old secret stops at once", 401, summaryApi(jwt));

        gateway.callAndWait("examples/sipp/zcc-transfer-bye.xml", "-s", "+15550100");

        List<String> found = gateway.secretsInLogs(secrets);
        assertTrue("secrets in the logs: " + found, found.isEmpty());
        assertTrue(
                "the run did log (this test reads the right files)",
                gateway.log().contains("Session "));
    }

    @Test
    public void aTrunkAllowListHoldsOnEveryTransport() throws Exception {
        InetAddress stranger = InetAddress.getByName("127.0.0.2");
        try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(stranger, 0))) {
            d.setSoTimeout(5000);
            byte[] out =
                    invite("UDP", "127.0.0.2", d.getLocalPort(), gateway.sip).getBytes(StandardCharsets.UTF_8);
            d.send(new DatagramPacket(out, out.length, InetAddress.getLoopbackAddress(), gateway.sip));
            String r = "";
            while (r.isEmpty() || r.startsWith("SIP/2.0 1")) {
                byte[] in = new byte[8192];
                DatagramPacket packet = new DatagramPacket(in, in.length);
                d.receive(packet);
                r = new String(in, 0, packet.getLength(), StandardCharsets.UTF_8);
            }
            assertTrue("UDP: " + r, r.startsWith("SIP/2.0 403"));
        }
        // over TCP and TLS a stranger's connection is closed as soon as it is accepted: nothing is read from it
        String tcp;
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(stranger, 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), gateway.sip), 5000);
            tcp = answerOrClosed(s, invite("TCP", "127.0.0.2", s.getLocalPort(), gateway.sip));
        } catch (java.io.IOException reset) { // the reset can reach the connect itself
            tcp = "closed";
        }
        assertEquals("TCP", "closed", tcp);
        SSLContext tls = TestKeys.trusting(keystore, KEYSTORE_PASSWORD);
        String overTls;
        try (SSLSocket s = (SSLSocket)
                tls.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), tlsPort, stranger, 0)) {
            overTls = answerOrClosed(s, invite("TLS", "127.0.0.2", s.getLocalPort(), tlsPort));
        } catch (java.io.IOException reset) {
            overTls = "closed";
        }
        assertEquals("TLS", "closed", overTls);
        // a peer's connection is taken: its INVITE gets the answer routing gives (here 404, an unknown DID)
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), gateway.sip)) {
            assertTrue(answerOrClosed(
                            s,
                            invite("TCP", "127.0.0.1", s.getLocalPort(), gateway.sip)
                                    .replace("+15550100", "+15550199"))
                    .startsWith("SIP/2.0 404"));
        }
        String metrics = gateway.get("/metrics");
        assertTrue(
                metrics,
                metrics.contains(
                        "switchboard_sip_connections_refused_total{transport=\"tcp\"," + "reason=\"not_allowed\"} 1"));
        assertTrue(
                metrics,
                metrics.contains(
                        "switchboard_sip_connections_refused_total{transport=\"tls\"," + "reason=\"not_allowed\"} 1"));
    }

    /** The first final response to a request sent on a connection, or "closed" when the gateway closed it instead. */
    private static String answerOrClosed(Socket s, String request) throws Exception {
        try {
            String answer = finalAnswer(s, request);
            return answer.isEmpty() ? "closed" : answer;
        } catch (java.io.IOException closed) {
            return "closed";
        }
    }

    private static String invite(String transport, String host, int localPort, int port) {
        String uri = "sip:+15550100@127.0.0.1:" + port;
        String sdp = "v=0\r\no=x 1 1 IN IP4 " + host + "\r\ns=-\r\nc=IN IP4 " + host + "\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 0\r\n";
        return "INVITE " + uri + " SIP/2.0\r\nVia: SIP/2.0/" + transport + " " + host + ":" + localPort
                + ";branch=z9hG4bKsec" + System.nanoTime() + "\r\nFrom: <sip:intruder@" + host + ">;tag=i1\r\n"
                + "To: <" + uri + ">\r\nCall-ID: sec-" + System.nanoTime() + "\r\nCSeq: 1 INVITE\r\n"
                + "Max-Forwards: 70\r\nContact: <sip:intruder@" + host + ":" + localPort + ">\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    /** Sends a request on a connection and returns the first final response's status line. */
    private static String finalAnswer(Socket s, String request) throws Exception {
        s.setSoTimeout(5000);
        s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        InputStream in = s.getInputStream();
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String l = line.toString().trim();
                if (l.startsWith("SIP/2.0 ") && !l.startsWith("SIP/2.0 1")) {
                    return l;
                }
                line.setLength(0);
            } else {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static String jwt(String clientId, String secret) throws Exception {
        return Jwt.hs256("{\"sub\":\"zcc\",\"appId\":\"" + clientId + "\"}", secret);
    }

    private static int summaryApi(String jwt) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(gateway.url("/api/public/bot/" + BOT + "/conversationDetails")))
                                .header("auth", jwt)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"sessionId\":\"000000000000000000000000\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
