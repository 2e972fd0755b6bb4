package org.switchboard.sip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.switchboard.testing.FreePorts;
import org.switchboard.testing.TestKeys;

/** SIP over TLS on the real stack: handshakes a modern client completes and old or weak ones do not, and SIP on top. */
public class TlsWireTest {

    @ClassRule
    public static final TemporaryFolder DIR = new TemporaryFolder();

    private static final String PASSWORD = "tls-test-pw";
    private static int port;
    private static int tlsPort;
    private static SipStackOwner owner;
    private static SSLContext client;

    @BeforeClass
    public static void start() throws Exception {
        Path keystore = TestKeys.keystore(DIR.getRoot().toPath(), "gateway", PASSWORD);
        client = TestKeys.trusting(keystore, PASSWORD);
        port = FreePorts.tcpAndUdp();
        tlsPort = FreePorts.tcpAndUdp();
        owner = new SipStackOwner(SipSettingsTest.config(Map.of(
                "udp.port",
                port,
                "tcp.port",
                port,
                "tls.port",
                tlsPort,
                "tls.keystore",
                keystore.toString(),
                "tls.keystore.password",
                PASSWORD)));
    }

    @AfterClass
    public static void stop() {
        if (owner != null) {
            owner.deactivate();
        }
    }

    private static SSLSocket connect(String[] protocols, String[] suites) throws IOException {
        SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), tlsPort);
        s.setSoTimeout(5000);
        if (protocols != null) {
            s.setEnabledProtocols(protocols);
        }
        if (suites != null) {
            s.setEnabledCipherSuites(suites);
        }
        s.startHandshake();
        return s;
    }

    /** Sends a request and reads the answer's head (up to the empty line); empty when the peer closed first. */
    static String exchange(SSLSocket s, String request) throws IOException {
        s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.toString(StandardCharsets.UTF_8).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.UTF_8);
    }

    private static String options(String scheme, String transport, int localPort) {
        return RawSip.request("OPTIONS", transport, localPort, tlsPort, "")
                .replaceFirst("^OPTIONS sip:", "OPTIONS " + scheme + ":");
    }

    @Test
    public void optionsOverTls13AndTls12WithForwardSecretSuites() throws Exception {
        try (SSLSocket s = connect(null, null)) {
            assertEquals("TLSv1.3", s.getSession().getProtocol());
            String r = exchange(s, options("sip", "TLS", s.getLocalPort()));
            assertTrue(r, r.startsWith("SIP/2.0 200"));
            String secure = exchange(s, options("sips", "TLS", s.getLocalPort()));
            assertTrue("sips: over TLS is served: " + secure, secure.startsWith("SIP/2.0 200"));
        }
        try (SSLSocket s = connect(new String[] {"TLSv1.2"}, null)) {
            assertEquals("TLSv1.2", s.getSession().getProtocol());
            assertTrue(
                    s.getSession().getCipherSuite(),
                    s.getSession().getCipherSuite().startsWith("TLS_ECDHE_"));
            assertTrue(exchange(s, options("sip", "TLS", s.getLocalPort())).startsWith("SIP/2.0 200"));
        }
    }

    @Test
    public void aSuiteWithoutForwardSecrecyIsRefused() {
        assertThrows(
                SSLHandshakeException.class,
                () -> connect(
                                new String[] {"TLSv1.2"},
                                new String[] {"TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA"})
                        .close());
    }

    @Test
    public void malformedRequestsGetTheirAnswerOverTlsToo() throws Exception {
        try (SSLSocket s = connect(null, null)) {
            String bad = options("sip", "TLS", s.getLocalPort()).replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE");
            String r = exchange(s, bad);
            assertTrue(r, r.startsWith("SIP/2.0 400"));
        }
    }

    @Test
    public void aSipsUriOverPlainTcpIsForbidden() throws Exception {
        String r = RawSip.tcp(port, "OPTIONS", "", 5000);
        assertTrue(r, r.startsWith("SIP/2.0 200"));
        try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            s.getOutputStream()
                    .write(RawSip.request("OPTIONS", "TCP", s.getLocalPort(), port, "")
                            .replaceFirst("^OPTIONS sip:", "OPTIONS sips:")
                            .getBytes(StandardCharsets.UTF_8));
            String head = new String(s.getInputStream().readNBytes(12), StandardCharsets.UTF_8);
            assertEquals("SIP/2.0 403 ", head);
        }
    }
}
