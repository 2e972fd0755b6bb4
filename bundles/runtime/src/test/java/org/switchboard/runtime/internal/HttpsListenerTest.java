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

    /** Jetty's configuration as a fake Configuration Admin holds it: its updates and deletes, in order. */
    private static final class FakeJettyConfig {
        final List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile Dictionary<String, Object> props;

        @SuppressWarnings("unchecked")
        org.osgi.service.cm.ConfigurationAdmin admin() {
            Object configuration = java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(),
                    new Class<?>[] {org.osgi.service.cm.Configuration.class},
                    (proxy, m, args) -> switch (m.getName()) {
                        case "getProperties" -> props;
                        case "update" -> {
                            props = (Dictionary<String, Object>) args[0];
                            events.add("update " + props.get(HttpsListener.ATTEMPT));
                            yield null;
                        }
                        case "delete" -> {
                            props = null;
                            events.add("delete");
                            yield null;
                        }
                        default -> null;
                    });
            return (org.osgi.service.cm.ConfigurationAdmin) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(),
                    new Class<?>[] {org.osgi.service.cm.ConfigurationAdmin.class},
                    (proxy, m, args) -> m.getName().equals("getConfiguration") ? configuration : null);
        }
    }

    private static org.osgi.framework.BundleContext noWhiteboard() {
        return (org.osgi.framework.BundleContext) java.lang.reflect.Proxy.newProxyInstance(
                HttpsListenerTest.class.getClassLoader(),
                new Class<?>[] {org.osgi.framework.BundleContext.class},
                (proxy, m, args) -> null);
    }

    /** What a test does with a listener on a port nothing listens on, so that every check finds HTTPS down. */
    private interface WithListener {
        void run(HttpsListener listener, FakeJettyConfig jetty, Map<String, Object> props) throws Exception;
    }

    private static void onAClosedPort(long checkDelayMs, WithListener test) throws Exception {
        long before = HttpsListener.checkDelayMs;
        HttpsListener.checkDelayMs = checkDelayMs;
        try {
            Path ks = keystore("s3cret-pass");
            int port;
            try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Map<String, Object> props =
                    Map.of("keystore", ks.toString(), "keystore.password", "s3cret-pass", "port", port);
            var jetty = new FakeJettyConfig();
            var listener = new HttpsListener(jetty.admin(), config(props), noWhiteboard());
            try {
                test.run(listener, jetty, props);
            } finally {
                listener.deactivate();
            }
        } finally {
            HttpsListener.checkDelayMs = before;
        }
    }

    @Test
    public void aCheckOfAReplacedConfigurationNeverTurnsHttpsBackOn() throws Exception {
        onAClosedPort(100, (listener, jetty, props) -> {
            assertEquals(List.of("update null"), jetty.events);
            Map<String, Object> wrong = new HashMap<>(props);
            wrong.put("keystore.password", "wrong-s3cret-pass");
            listener.modified(config(wrong));
            Thread.sleep(1000); // the first check and its restarts would have run by now
            assertEquals(List.of("update null", "delete"), jetty.events);
            assertNull(jetty.props);
        });
    }

    @Test
    public void aCheckRestartsJettyWhileItsOwnConfigurationStands() throws Exception {
        onAClosedPort(50, (listener, jetty, props) -> {
            List<String> all = List.of("update null", "update 1", "update 2", "update 3");
            for (long deadline = System.currentTimeMillis() + 10_000;
                    jetty.events.size() < all.size() && System.currentTimeMillis() < deadline; ) {
                Thread.sleep(20);
            }
            Thread.sleep(200);
            assertEquals(all, jetty.events);
        });
    }
}
