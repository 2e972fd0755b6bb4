package org.switchboard.itests.gateway;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.switchboard.testing.FreePorts;
import org.switchboard.testing.Gateway;
import org.switchboard.testing.TestKeys;

/**
 * HTTPS against {@code ./switchboard} with a keystore in {@code org.switchboard.https.cfg}: the health page, the
 * admin API and Kore's public API answer a real TLS client on the HTTPS port; TLS 1.3 is negotiated and a client
 * offering only CBC suites is refused; plain HTTP keeps serving on loopback. Then the password is made wrong in the
 * running gateway: the problem is logged with its property and HTTPS goes off. No password reaches the log.
 */
public class HttpsIT {

    private static final String PASSWORD = "https-it-Secret-52";
    private static Gateway gateway;
    private static Path keystore;
    private static int httpsPort;
    private static SSLContext client;

    @BeforeClass
    public static void start() throws Exception {
        keystore = TestKeys.keystore(PASSWORD);
        client = TestKeys.trusting(keystore, PASSWORD);
        httpsPort = FreePorts.tcpAndUdp();
        gateway = Gateway.start(
                "HttpsIT",
                Map.of(
                        "org.switchboard.https.cfg",
                        Map.of(
                                "keystore",
                                keystore.toString(),
                                "keystore.password",
                                PASSWORD,
                                "port",
                                Integer.toString(httpsPort))),
                Map.of());
    }

    @AfterClass
    public static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static HttpResponse<String> https(String method, String path, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpsPort + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return HttpClient.newBuilder().sslContext(client).build().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> awaitHttps() throws Exception {
        Exception last = null;
        for (long deadline = System.currentTimeMillis() + 30_000; System.currentTimeMillis() < deadline; ) {
            try {
                return https("GET", "/health", Map.of(), null);
            } catch (IOException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new AssertionError("HTTPS never answered: " + last + "\n" + gateway.log());
    }

    @Test
    public void theConsoleAndTheApisAnswerOverTlsAndABadKeystoreTurnsHttpsOff() throws Exception {
        assertEquals(200, awaitHttps().statusCode());
        var bots = https("GET", "/api/admin/bots", Map.of("Authorization", gateway.basicAuth()), null);
        assertEquals(bots.body(), 200, bots.statusCode());
        assertTrue(bots.body(), bots.body().contains("st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0"));
        var kore = https(
                "POST",
                "/api/public/bot/st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0/conversationDetails",
                Map.of("auth", "not.a.jwt", "Content-Type", "application/json"),
                "{\"callId\": \"00001\"}");
        assertEquals(kore.body(), 401, kore.statusCode());
        assertTrue(kore.body(), kore.body().contains("\"code\":4002"));
        assertEquals("plain HTTP still serves on loopback", 200, gateway.status("/health"));

        try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", httpsPort)) {
            s.startHandshake();
            assertEquals("TLSv1.3", s.getSession().getProtocol());
        }
        try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", httpsPort)) {
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
            s.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"});
            s.startHandshake();
            fail("a CBC-only client was served: " + s.getSession().getCipherSuite());
        } catch (SSLHandshakeException | java.net.SocketException expected) {
            // refused: forward-secret AEAD suites only
        }
        String log = gateway.log();
        assertTrue(log, log.contains("HTTPS on port " + httpsPort + " as CN=127.0.0.1"));

        Path cfg = gateway.work.resolve("config/org.switchboard.https.cfg");
        Files.write(cfg, List.of("keystore=" + keystore, "keystore.password=wrong-" + PASSWORD, "port=" + httpsPort));
        String expected = "property 'keystore' = '" + keystore + "': wrong password (keystore.password)";
        for (long deadline = System.currentTimeMillis() + 30_000;
                System.currentTimeMillis() < deadline && !gateway.log().contains(expected); ) {
            Thread.sleep(200);
        }
        assertTrue(gateway.log(), gateway.log().contains(expected));
        boolean off = false;
        for (long deadline = System.currentTimeMillis() + 30_000; !off && System.currentTimeMillis() < deadline; ) {
            try {
                https("GET", "/health", Map.of(), null);
                Thread.sleep(200);
            } catch (ConnectException e) {
                off = true;
            } catch (IOException e) {
                Thread.sleep(200); // Jetty restarting
            }
        }
        assertTrue("HTTPS went off after the bad keystore", off);
        int plain = -1;
        for (long deadline = System.currentTimeMillis() + 30_000;
                plain != 200 && System.currentTimeMillis() < deadline; ) {
            plain = gateway.status("/health"); // Jetty restarts without HTTPS
            if (plain != 200) {
                Thread.sleep(200);
            }
        }
        assertEquals("plain HTTP keeps serving", 200, plain);
        String https = "";
        try {
            https = String.valueOf(https("GET", "/health", Map.of(), null).statusCode());
        } catch (IOException e) {
            https = e.getClass().getSimpleName();
        }
        assertEquals("HTTPS stays off once Jetty is back", "ConnectException", https);
        assertFalse("no password in the log", gateway.log().contains(PASSWORD));
    }
}
