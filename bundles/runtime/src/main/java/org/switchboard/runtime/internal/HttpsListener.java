package org.switchboard.runtime.internal;

import java.io.IOException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.util.tls.TlsChecks;

/**
 * Turns HTTPS on in the container's Jetty (Felix HTTP, configuration {@value #JETTY_PID}) when a keystore is set,
 * after the same checks as SIP over TLS: the keystore opens with its password and holds a key with its certificate,
 * TLS 1.2 and 1.3 only, forward-secret AEAD suites by default. A configuration with problems is refused as a whole
 * and each problem is logged with its property; Jetty then serves plain HTTP only. Jetty's other settings (port,
 * host) keep coming from the framework properties. HTTPS stays on while this bundle is updated; removing the keystore
 * turns it off. The passwords are never logged.
 */
@Component(immediate = true, configurationPid = HttpsListener.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = HttpsConfig.class)
public final class HttpsListener {

    /** The configuration PID. */
    public static final String PID = "org.switchboard.https";
    /** Felix HTTP's configuration PID. */
    static final String JETTY_PID = "org.apache.felix.http";

    static final String ENABLE = "org.apache.felix.https.enable";
    static final String PORT = "org.osgi.service.http.port.secure";
    static final String KEYSTORE = "org.apache.felix.https.keystore";
    static final String KEYSTORE_PASSWORD = "org.apache.felix.https.keystore.password";
    static final String KEY_PASSWORD = "org.apache.felix.https.keystore.key.password";
    static final String KEYSTORE_TYPE = "org.apache.felix.https.keystore.type";
    static final String PROTOCOLS = "org.apache.felix.https.jetty.protocols.included";
    static final String SUITES = "org.apache.felix.https.jetty.ciphersuites.included";
    static final String HTTP_ENABLE = "org.apache.felix.http.enable";
    /** Marks the Jetty configuration as this component's, so that it only ever changes its own. */
    static final String OWNER = "switchboard.https.owner";

    private static final Logger LOG = LoggerFactory.getLogger(HttpsListener.class);

    /** Counts the restarts this component forced, so that an update always differs from the one before. */
    static final String ATTEMPT = "switchboard.https.attempt";
    /** Restarts of Jetty tried when it does not come up listening on the HTTPS port. */
    static final int RESTARTS = 3;

    /** How long after a change of Jetty's configuration it is checked; tests shorten it. */
    static volatile long checkDelayMs = 3000;

    private final ConfigurationAdmin configAdmin;
    private final org.osgi.framework.BundleContext context;
    private final String host;
    /** Counts the configurations applied; a check scheduled for an older one does nothing. */
    private long generation;

    private final java.util.concurrent.ScheduledExecutorService checks =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "https-check");
                t.setDaemon(true);
                return t;
            });

    @Activate
    public HttpsListener(
            @Reference ConfigurationAdmin configAdmin, HttpsConfig config, org.osgi.framework.BundleContext context) {
        this.configAdmin = configAdmin;
        this.context = context;
        String h = context.getProperty("org.apache.felix.http.host");
        this.host = h == null || h.isBlank() || h.equals("0.0.0.0") || h.equals("::") ? "127.0.0.1" : h;
        apply(config);
    }

    @org.osgi.service.component.annotations.Deactivate
    void deactivate() {
        checks.shutdownNow();
    }

    @Modified
    void modified(HttpsConfig config) {
        apply(config);
    }

    /** Jetty's HTTPS properties for a configuration, or {@code null} (HTTPS off) after logging its problems. */
    static Dictionary<String, Object> jettyProperties(HttpsConfig c, List<String> errors) {
        String keystore = c.keystore() == null ? "" : c.keystore().trim();
        if (keystore.isEmpty()) {
            return null;
        }
        TlsChecks checks = new TlsChecks(
                errors,
                (property, value, reason) ->
                        "PID " + PID + ": property '" + property + "' = '" + value + "': " + reason);
        if (c.port() < 1 || c.port() > 65535) {
            errors.add("PID " + PID + ": property 'port' = '" + c.port() + "': must be between 1 and 65535");
        }
        String password = c.keystore_password() == null ? "" : c.keystore_password();
        String type = checks.storeType("keystore.type", c.keystore_type());
        String subject = null;
        if (type != null) {
            KeyStore keys = checks.load("keystore", keystore, type, password);
            if (keys != null) {
                subject = checks.serverCertificate("keystore", keystore, keys, password);
            }
        }
        List<String> protocols = checks.protocols("protocols", c.protocols());
        List<String> suites = checks.cipherSuites("cipher.suites", c.cipher_suites());
        if (!errors.isEmpty()) {
            return null;
        }
        Dictionary<String, Object> p = new Hashtable<>();
        p.put(OWNER, subject);
        p.put(ENABLE, "true");
        p.put(PORT, Integer.toString(c.port()));
        p.put(KEYSTORE, keystore);
        p.put(KEYSTORE_PASSWORD, password);
        p.put(KEY_PASSWORD, password);
        p.put(KEYSTORE_TYPE, type);
        p.put(PROTOCOLS, String.join(",", protocols));
        p.put(SUITES, String.join(",", suites));
        p.put(HTTP_ENABLE, Boolean.toString(c.http_enable()));
        return p;
    }

    private synchronized void apply(HttpsConfig c) {
        long gen = ++generation;
        List<String> errors = new ArrayList<>();
        Dictionary<String, Object> wanted = jettyProperties(c, errors);
        if (!errors.isEmpty()) {
            LOG.error(
                    "HTTPS is off: its configuration has {} problem(s):{}",
                    errors.size(),
                    String.join(
                            "",
                            errors.stream()
                                    .map(e -> System.lineSeparator() + "  " + e)
                                    .toList()));
        }
        try {
            Configuration jetty = configAdmin.getConfiguration(JETTY_PID, "?");
            Dictionary<String, Object> current = jetty.getProperties();
            if (wanted == null) {
                if (current != null && current.get(OWNER) != null) {
                    jetty.delete(); // HTTPS off again: Jetty back to the framework properties
                    LOG.info("HTTPS turned off; HTTP only");
                }
                return;
            }
            if (current != null && current.get(OWNER) == null && !current.isEmpty()) {
                LOG.error(
                        "HTTPS is off: configuration {} is set by someone else; remove it to let {} manage HTTPS",
                        JETTY_PID,
                        PID);
                return;
            }
            if (current == null || !same(current, wanted)) {
                jetty.update(wanted);
                int port = c.port();
                checks.schedule(
                        () -> verify(wanted, port, 1, gen), checkDelayMs, java.util.concurrent.TimeUnit.MILLISECONDS);
                LOG.info(
                        "HTTPS on port {} as {}, {}{}",
                        wanted.get(PORT),
                        wanted.get(OWNER),
                        wanted.get(PROTOCOLS),
                        c.http_enable() ? "; plain HTTP still on" : "; plain HTTP off");
            }
        } catch (IOException e) {
            LOG.error("HTTPS could not be configured: {}", e.toString());
        }
    }

    /**
     * Jetty restarts when its configuration changes, and Felix HTTP can fail that restart while servlets register at
     * the same moment ("Exception while initializing Jetty"): then nothing listens or nothing is served. The HTTPS port,
     * Felix HTTP's runtime service and a servlet's answer over HTTPS ({@link LivenessProbe}) are checked a few seconds
     * after each change, and Jetty restarted again (at most {@value #RESTARTS} times) while any is missing. A check
     * whose configuration has since been replaced (HTTPS turned off, another keystore) does nothing, so that it never
     * brings back a configuration the operator has left.
     */
    private void verify(Dictionary<String, Object> wanted, int port, int attempt, long gen) {
        if (whiteboardUp() && LivenessProbe.serves(host, port)) { // the probe also fails when nothing listens
            return;
        }
        synchronized (this) {
            if (gen == generation) {
                restart(wanted, port, attempt, gen);
            }
        }
    }

    private void restart(Dictionary<String, Object> wanted, int port, int attempt, long gen) {
        if (attempt > RESTARTS) {
            LOG.error(
                    "HTTPS: nothing listens on {}:{} after {} restarts of Jetty; see the errors above",
                    host,
                    port,
                    RESTARTS);
            return;
        }
        LOG.warn(
                "HTTPS: Jetty did not come back on {}:{} with its servlets after its restart; restarting it ({} of {})",
                host,
                port,
                attempt,
                RESTARTS);
        try {
            Dictionary<String, Object> again = new Hashtable<>();
            for (java.util.Enumeration<String> keys = wanted.keys(); keys.hasMoreElements(); ) {
                String k = keys.nextElement();
                again.put(k, wanted.get(k));
            }
            again.put(ATTEMPT, Integer.toString(attempt));
            configAdmin.getConfiguration(JETTY_PID, "?").update(again);
            checks.schedule(
                    () -> verify(wanted, port, attempt + 1, gen),
                    checkDelayMs,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (IOException | RuntimeException e) {
            LOG.error("HTTPS could not be configured again: {}", e.toString());
        }
    }

    /** Whether Felix HTTP's runtime service is registered: its whiteboard started. */
    private boolean whiteboardUp() {
        try {
            var refs = context.getServiceReferences((String) null, "(objectClass=*.HttpServiceRuntime)");
            return refs != null && refs.length > 0;
        } catch (org.osgi.framework.InvalidSyntaxException | IllegalStateException e) {
            return false;
        }
    }

    private static boolean same(Dictionary<String, Object> a, Dictionary<String, Object> b) {
        for (java.util.Enumeration<String> keys = b.keys(); keys.hasMoreElements(); ) {
            String k = keys.nextElement();
            if (!String.valueOf(b.get(k)).equals(String.valueOf(a.get(k)))) {
                return false;
            }
        }
        return true;
    }
}
