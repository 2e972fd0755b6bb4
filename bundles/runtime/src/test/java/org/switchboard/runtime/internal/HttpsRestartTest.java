package org.switchboard.runtime.internal;

import static org.junit.Assert.assertEquals;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

import org.junit.After;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.converter.Converters;
import org.switchboard.testing.TestKeys;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/** Jetty is restarted while it does not come back with HTTPS serving its servlets after a configuration change. */
public class HttpsRestartTest {

    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    private final List<Dictionary<String, Object>> updates = new CopyOnWriteArrayList<>();
    private volatile Dictionary<String, Object> current;
    private volatile boolean whiteboard;
    private HttpsListener listener;

    @After
    public void stop() {
        if (listener != null) {
            listener.deactivate();
        }
        HttpsListener.checkDelayMs = 3000;
    }

    private ConfigurationAdmin configAdmin() {
        Configuration jetty = (Configuration) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Configuration.class},
                (p, m, args) -> switch (m.getName()) {
                    case "getProperties" -> current;
                    case "update" -> {
                        @SuppressWarnings("unchecked")
                        Dictionary<String, Object> d = (Dictionary<String, Object>) args[0];
                        updates.add(d);
                        current = d;
                        yield null;
                    }
                    default -> null;
                });
        return (ConfigurationAdmin) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class},
                (p, m, args) -> m.getName().equals("getConfiguration") ? jetty : null);
    }

    private BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class},
                (p, m, args) -> switch (m.getName()) {
                    case "getServiceReferences" -> whiteboard ? new ServiceReference<?>[] {null} : null;
                    default -> null;
                });
    }

    private void start(int port) throws Exception {
        HttpsListener.checkDelayMs = 100;
        Path ks = TestKeys.keystore(TMP.getRoot().toPath(), "web-" + System.nanoTime(), "pw-123456");
        Map<String, Object> props =
                new HashMap<>(Map.of("keystore", ks.toString(), "keystore.password", "pw-123456", "port", port));
        listener = new HttpsListener(
                configAdmin(), Converters.standardConverter().convert(props).to(HttpsConfig.class), context());
    }

    @Test
    public void jettyWithoutItsServletsIsRestartedAtMostThreeTimes() throws Exception {
        try (ServerSocket https = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            start(https.getLocalPort());
            Thread.sleep(1500);
            assertEquals("the change, then three restarts", 4, updates.size());
            assertEquals("3", updates.get(3).get(HttpsListener.ATTEMPT));
            assertEquals(
                    updates.get(0).get(HttpsListener.KEYSTORE), updates.get(3).get(HttpsListener.KEYSTORE));
        }
    }

    @Test
    public void jettyThatCameBackIsLeftAlone() throws Exception {
        whiteboard = true;
        HttpsServer https = https(200);
        try {
            start(https.getAddress().getPort());
            Thread.sleep(600);
            assertEquals(1, updates.size());
        } finally {
            https.stop(0);
        }
    }

    @Test
    public void jettyListeningWithoutItsServletsIsRestartedToo() throws Exception {
        whiteboard = true; // the runtime service is there, but the whiteboard failed: every path is 404
        HttpsServer https = https(404);
        try {
            start(https.getAddress().getPort());
            Thread.sleep(1500);
            assertEquals("the change, then three restarts", 4, updates.size());
        } finally {
            https.stop(0);
        }
    }

    /** An HTTPS server on a free loopback port whose liveness path answers {@code status}. */
    private static HttpsServer https(int status) throws Exception {
        Path ks = TestKeys.keystore(TMP.getRoot().toPath(), "probe-" + System.nanoTime(), "pw-123456");
        SSLContext tls = TestKeys.presenting(ks, ks, "pw-123456");
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext(LivenessProbe.PATH, exchange -> {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    public void aPortNobodyListensOnIsRestartedToo() throws Exception {
        whiteboard = true;
        int port;
        try (ServerSocket probe = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        start(port);
        Thread.sleep(1500);
        assertEquals(4, updates.size());
    }
}
