package org.switchboard.runtime.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.util.converter.Converters;
import org.switchboard.testing.TestKeys;

public class HttpsListenerTest {

    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    private static HttpsConfig config(Map<String, Object> props) {
        return Converters.standardConverter().convert(new HashMap<>(props)).to(HttpsConfig.class);
    }

    private static Path keystore(String password) throws Exception {
        return TestKeys.keystore(TMP.getRoot().toPath(), "web-" + System.nanoTime(), password);
    }

    @Test
    public void noKeystoreNoHttps() {
        List<String> errors = new ArrayList<>();
        assertNull(HttpsListener.jettyProperties(config(Map.of()), errors));
        assertEquals(List.of(), errors);
    }

    @Test
    public void aGoodKeystoreGivesJettyItsHttpsSettings() throws Exception {
        Path ks = keystore("s3cret-pass");
        List<String> errors = new ArrayList<>();
        Dictionary<String, Object> p = HttpsListener.jettyProperties(
                config(Map.of(
                        "keystore",
                        ks.toString(),
                        "keystore.password",
                        "s3cret-pass",
                        "port",
                        9443,
                        "http.enable",
                        false)),
                errors);
        assertEquals(List.of(), errors);
        assertEquals("true", p.get(HttpsListener.ENABLE));
        assertEquals("9443", p.get(HttpsListener.PORT));
        assertEquals("TLSv1.3,TLSv1.2", p.get(HttpsListener.PROTOCOLS));
        assertTrue(
                String.valueOf(p.get(HttpsListener.SUITES)),
                String.valueOf(p.get(HttpsListener.SUITES)).contains("TLS_AES_128_GCM_SHA256"));
        assertTrue(
                String.valueOf(p.get(HttpsListener.OWNER)),
                String.valueOf(p.get(HttpsListener.OWNER)).startsWith("CN=127.0.0.1,O=Switchboard test (valid until "));
        assertEquals("false", p.get(HttpsListener.HTTP_ENABLE));
    }

    @Test
    public void everyProblemIsReportedWithItsPropertyAndNoPassword() throws Exception {
        Path ks = keystore("s3cret-pass");
        List<String> errors = new ArrayList<>();
        assertNull(HttpsListener.jettyProperties(
                config(Map.of(
                        "keystore",
                        ks.toString(),
                        "keystore.password",
                        "not-the-s3cret",
                        "port",
                        70000,
                        "protocols",
                        "TLSv1.1,TLSv1.2",
                        "cipher.suites",
                        "TLS_NOPE")),
                errors));
        String all = String.join("\n", errors);
        for (String expected : List.of(
                "PID org.switchboard.https: property 'keystore' = '" + ks + "': wrong password (keystore.password)",
                "property 'port' = '70000': must be between 1 and 65535",
                "property 'protocols' = 'TLSv1.1,TLSv1.2': 'TLSv1.1' is not allowed",
                "property 'cipher.suites' = 'TLS_NOPE': not supported by this JVM: TLS_NOPE")) {
            assertTrue(all, all.contains(expected));
        }
        assertTrue(all, !all.contains("s3cret"));
        errors.clear();
        HttpsListener.jettyProperties(config(Map.of("keystore", "/nonexistent/web.p12")), errors);
        assertEquals(
                List.of("PID org.switchboard.https: property 'keystore' = '/nonexistent/web.p12': no such file"),
                errors);
    }
}
