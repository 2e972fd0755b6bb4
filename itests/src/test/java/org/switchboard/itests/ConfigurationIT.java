package org.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;

import org.junit.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A malformed configuration value is reported in the log with PID, property and reason; the component stays
 * down rather than half-started; /health shows it; a corrected value brings it back. And the console never
 * accepts admin/admin.
 */
public class ConfigurationIT extends SwitchboardTestSupport {

    @Test
    public void portOutOfRangeIsReportedAndRecoverable() throws Exception {
        awaitHealthy();
        ConfigurationAdmin ca = context.getService(context.getServiceReference(ConfigurationAdmin.class));
        Configuration sip = ca.getConfiguration("org.switchboard.sip", "?");
        Dictionary<String, Object> good = sip.getProperties();
        Dictionary<String, Object> bad = copy(good);
        bad.put("udp.port", "70000");
        sip.update(bad);
        try {
            assertBadPortReported();
        } finally {
            sip.update(good);
        }
        awaitHealthy();
        sipp("options.xml", "udp");
    }

    private void assertBadPortReported() throws Exception {
        Http down = awaitHealth(h -> h.status() == 503 && h.body().contains("udp.port"), 15_000);
        assertTrue(down.body(), down.body().contains("failed to activate"));
        assertTrue(down.body(), down.body().contains("PID org.switchboard.sip: property 'udp.port' = '70000'"));

        Path log = dataDir().resolve("log/switchboard.log");
        String text = awaitLog(log, "property 'udp.port' = '70000': must be between 1 and 65535");
        // SCR's own report, which it gives only to the OSGi Log Service, reaches the log through the bridge
        assertTrue(
                text,
                text.contains("[org.switchboard.sip.internal.SipStackOwner(")
                        && text.contains("Error during instantiation of the implementation object"));
    }

    @Test
    public void consoleRejectsDefaultCredentialsAndAcceptsTheGeneratedOnes() throws Exception {
        awaitHealthy();
        Path file = dataDir().resolve("admin.password");
        assertTrue(Files.isRegularFile(file));
        assertEquals(
                "rw-------",
                java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String password = Files.readString(file).trim();

        long deadline = System.currentTimeMillis() + 15_000;
        Http defaults = get("/system/console/bundles", "admin", "admin");
        while (defaults.status() != 401 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            defaults = get("/system/console/bundles", "admin", "admin");
        }
        assertEquals(401, defaults.status());
        Http bundles = get("/system/console/bundles.json", "admin", password);
        assertEquals(bundles.body(), 200, bundles.status());
        assertTrue(bundles.body().contains("org.switchboard.sip"));
        Http components = get("/system/console/components", "admin", password);
        assertEquals(200, components.status());
        assertTrue(components.body().contains("SipStackOwner"));

        String log = Files.readString(dataDir().resolve("log/switchboard.log"));
        assertFalse("the password must never reach the log", log.contains(password));
    }

    private static String awaitLog(Path log, String needle) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        String text = "";
        while (System.currentTimeMillis() < deadline) {
            text = Files.exists(log) ? Files.readString(log) : "";
            if (text.contains(needle)) {
                return text;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("log never contained '" + needle + "':\n" + text);
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> d) {
        Dictionary<String, Object> c = new Hashtable<>();
        for (var keys = d.keys(); keys.hasMoreElements(); ) {
            String k = keys.nextElement();
            c.put(k, d.get(k));
        }
        return c;
    }
}
