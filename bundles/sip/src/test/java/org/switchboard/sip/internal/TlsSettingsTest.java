package org.switchboard.sip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.switchboard.testing.TestKeys;

/** TLS configuration is checked at start, every problem named with its property; passwords never appear. */
public class TlsSettingsTest {

    @ClassRule
    public static final TemporaryFolder DIR = new TemporaryFolder();

    private static final String SECRET = "s3cret-Keystore-pw";
    private static Path keystore;
    private static Path truststore;

    @BeforeClass
    public static void keys() throws Exception {
        keystore = TestKeys.keystore(DIR.getRoot().toPath(), "server", SECRET);
        truststore = TestKeys.truststore(keystore, SECRET, DIR.getRoot().toPath(), "trust");
    }

    private static SipSettings settings(Map<String, Object> extra) {
        Map<String, Object> p =
                new HashMap<>(Map.of("tls.keystore", keystore.toString(), "tls.keystore.password", SECRET));
        p.putAll(extra);
        return SipSettings.from(SipSettingsTest.config(p));
    }

    private static String error(Map<String, Object> extra) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(extra));
        assertFalse(
                "a password is never part of an error: " + e.getMessage(),
                e.getMessage().contains(SECRET));
        return e.getMessage();
    }

    @Test
    public void offWithoutAKeystoreOrAPort() {
        assertNull(SipSettings.from(SipSettingsTest.config(Map.of())).tls());
        assertEquals(0, SipSettings.from(SipSettingsTest.config(Map.of())).tlsPort());
        assertNull(settings(Map.of("tls.port", 0)).tls());
    }

    @Test
    public void aGoodKeystoreGivesModernDefaults() {
        TlsSettings tls = settings(Map.of()).tls();
        assertEquals(5061, tls.port());
        assertEquals("Disabled", tls.clientAuth());
        assertEquals(java.util.List.of("TLSv1.3", "TLSv1.2"), tls.protocols());
        assertTrue(tls.cipherSuites().toString(), tls.cipherSuites().contains("TLS_AES_128_GCM_SHA256"));
        assertTrue(tls.cipherSuites().stream()
                .allMatch(s -> s.startsWith("TLS_AES") || s.startsWith("TLS_CHACHA20") || s.startsWith("TLS_ECDHE_")));
        assertTrue(tls.subject(), tls.subject().startsWith("CN=127.0.0.1"));
        assertEquals("the keystore is the truststore when none is set", keystore.toString(), tls.truststore());
        assertFalse("toString keeps the passwords out", tls.toString().contains(SECRET));
        assertFalse(settings(Map.of()).toString().contains(SECRET));
    }

    @Test
    public void eachProblemIsNamed() throws Exception {
        assertTrue(error(Map.of("tls.keystore", "/nope/server.p12"))
                .contains("'tls.keystore' = '/nope/server.p12': no such file"));
        assertTrue(error(Map.of("tls.keystore.password", "wrong")).contains("wrong password (tls.keystore.password)"));
        assertTrue(error(Map.of("tls.keystore", truststore.toString()))
                .contains("holds no private key with a certificate"));
        Path junk = Files.writeString(DIR.getRoot().toPath().resolve("junk.p12"), "not a keystore");
        assertTrue(error(Map.of("tls.keystore", junk.toString())).contains("is not a PKCS12 keystore or is damaged"));
        String old = error(Map.of("tls.protocols", "TLSv1.1,TLSv1.2"));
        assertTrue(old, old.contains("'TLSv1.1' is not allowed: only TLSv1.2 and TLSv1.3 are"));
        assertTrue(error(Map.of("tls.cipher.suites", "TLS_NOPE_WITH_NOTHING"))
                .contains("not supported by this JVM: TLS_NOPE_WITH_NOTHING"));
        assertTrue(error(Map.of("tls.client.auth", "maybe")).contains("must be none, want or need"));
        assertTrue(error(Map.of("tls.keystore.type", "PEM")).contains("must be PKCS12 or JKS"));
        assertTrue(error(Map.of("tls.port", 5060)).contains("'tls.port' = '5060': is also the TCP port"));
        assertTrue(error(Map.of("tls.truststore", "/nope/trust.p12")).contains("'tls.truststore' = '/nope/trust.p12'"));
    }

    @Test
    public void aSeparateTruststoreIsUsed() {
        TlsSettings tls = settings(Map.of(
                        "tls.truststore",
                        truststore.toString(),
                        "tls.truststore.password",
                        SECRET,
                        "tls.client.auth",
                        "need"))
                .tls();
        assertEquals(truststore.toString(), tls.truststore());
        assertEquals("Enabled", tls.clientAuth());
    }
}
