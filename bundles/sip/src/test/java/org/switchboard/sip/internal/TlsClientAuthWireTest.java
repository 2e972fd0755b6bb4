package org.switchboard.sip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.After;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.switchboard.testing.FreePorts;
import org.switchboard.testing.TestKeys;

/**
 * {@code tls.client.auth} on the real stack: with {@code need} only a client whose certificate is in the truststore
 * gets a SIP answer; with {@code want} a client without one is served too, but an untrusted certificate is still
 * refused.
 */
public class TlsClientAuthWireTest {

    @ClassRule
    public static final TemporaryFolder DIR = new TemporaryFolder();

    private static final String PASSWORD = "tls-client-pw";
    private static Path gatewayKeys;
    private static Path trusted;
    private static SSLContext withTrustedCert;
    private static SSLContext withStrangersCert;
    private static SSLContext withoutCert;
    private int tlsPort;
    private SipStackOwner owner;

    @BeforeClass
    public static void keys() throws Exception {
        Path dir = DIR.getRoot().toPath();
        gatewayKeys = TestKeys.keystore(dir, "gateway", PASSWORD);
        Path zcc = TestKeys.keystore(dir, "zcc", PASSWORD);
        Path stranger = TestKeys.keystore(dir, "stranger", PASSWORD);
        trusted = TestKeys.truststore(zcc, PASSWORD, dir, "trusted-peers");
        withTrustedCert = TestKeys.presenting(zcc, gatewayKeys, PASSWORD);
        withStrangersCert = TestKeys.presenting(stranger, gatewayKeys, PASSWORD);
        withoutCert = TestKeys.trusting(gatewayKeys, PASSWORD);
    }

    private void start(String clientAuth) throws Exception {
        int port = FreePorts.tcpAndUdp();
        tlsPort = FreePorts.tcpAndUdp();
        owner = new SipStackOwner(SipSettingsTest.config(Map.of(
                "udp.port",
                port,
                "tcp.port",
                port,
                "tls.port",
                tlsPort,
                "tls.keystore",
                gatewayKeys.toString(),
                "tls.keystore.password",
                PASSWORD,
                "tls.truststore",
                trusted.toString(),
                "tls.truststore.password",
                PASSWORD,
                "tls.client.auth",
                clientAuth)));
    }

    @After
    public void stop() {
        if (owner != null) {
            owner.deactivate();
        }
    }

    @Test
    public void needServesOnlyAClientWithATrustedCertificate() throws Exception {
        start("need");
        assertTrue(options(withTrustedCert).startsWith("SIP/2.0 200"));
        refused(withoutCert);
        refused(withStrangersCert);
        assertTrue("the stack is still serving", options(withTrustedCert).startsWith("SIP/2.0 200"));
    }

    @Test
    public void wantServesAClientWithoutACertificateButNotOneWithAnUntrustedCertificate() throws Exception {
        start("want");
        assertTrue(options(withoutCert).startsWith("SIP/2.0 200"));
        assertTrue(options(withTrustedCert).startsWith("SIP/2.0 200"));
        refused(withStrangersCert);
    }

    /** The handshake fails, or (TLS 1.3, where the server checks the client's certificate last) the first read does. */
    private void refused(SSLContext client) {
        try {
            String answer = options(client);
            assertEquals("no SIP answer without a trusted certificate", "", answer);
        } catch (java.net.SocketTimeoutException e) {
            fail("neither an answer nor a refusal within 5 s");
        } catch (IOException expected) {
            return;
        } catch (Exception e) {
            fail("not an I/O failure: " + e);
        }
    }

    private String options(SSLContext client) throws Exception {
        try (SSLSocket s =
                (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), tlsPort)) {
            s.setSoTimeout(5000);
            s.startHandshake();
            return TlsWireTest.exchange(s, RawSip.request("OPTIONS", "TLS", s.getLocalPort(), tlsPort, ""));
        }
    }
}
