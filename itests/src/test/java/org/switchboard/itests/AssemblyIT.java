package org.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Every bundle of the assembly resolves and starts; every Switchboard component is active; /health says so. */
public class AssemblyIT extends SwitchboardTestSupport {

    @Test
    public void everyBundleIsActive() throws Exception {
        awaitHealthy();
        List<String> notActive = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (b.getState() != expected) {
                notActive.add(b.getSymbolicName() + " state " + b.getState());
            }
        }
        assertTrue("bundles not active: " + notActive, notActive.isEmpty());
        for (String bsn : List.of(
                "org.switchboard.api",
                "org.switchboard.jain-sip",
                "org.switchboard.sip",
                "org.switchboard.runtime",
                "org.apache.felix.webconsole",
                "org.switchboard.http-jetty")) {
            assertEquals(bsn, Bundle.ACTIVE, installed(bsn).getState());
        }
    }

    /**
     * No bundle needs the Service Loader Mediator, so SPI Fly and ASM are not in the assembly and nothing is woven: the
     * HTTP service is the re-wrapped Jetty bundle, which asks for no processor, and SLF4J finds Logback through
     * Logback's own service entry in the logging bundle they share.
     */
    @Test
    public void nothingNeedsTheServiceLoaderMediatorAndSlf4jFindsLogback() throws Exception {
        awaitHealthy();
        List<String> needing = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            for (var r : b.adapt(org.osgi.framework.wiring.BundleRevision.class).getRequirements(null)) {
                String filter = String.valueOf(r.getDirectives().get("filter"));
                boolean optional = "optional".equals(r.getDirectives().get("resolution"));
                if (!optional
                        && (filter.contains("osgi.serviceloader")
                                || r.getNamespace().equals("osgi.serviceloader"))) {
                    needing.add(b.getSymbolicName() + ": " + r);
                }
            }
            assertTrue(
                    b.getSymbolicName() + " is in the assembly",
                    !b.getSymbolicName().startsWith("org.apache.aries.spifly")
                            && !b.getSymbolicName().startsWith("org.objectweb.asm")
                            && !"org.apache.felix.http.jetty12".equals(b.getSymbolicName())
                            && !"slf4j.api".equals(b.getSymbolicName()));
        }
        assertTrue("bundles needing the mediator: " + needing, needing.isEmpty());
        Class<?> factory = installed("org.switchboard.logging").loadClass("org.slf4j.LoggerFactory");
        Object loggers = factory.getMethod("getILoggerFactory").invoke(null);
        assertEquals("ch.qos.logback.classic.LoggerContext", loggers.getClass().getName());
    }

    /** Whatever a logged value holds, a log line stays one line without terminal controls (logback's %safeMsg). */
    @Test
    public void aLoggedValueCannotBreakTheLogLine() throws Exception {
        awaitHealthy();
        Class<?> factory = installed("org.switchboard.logging").loadClass("org.slf4j.LoggerFactory");
        Object logger = factory.getMethod("getLogger", String.class).invoke(null, "org.switchboard.itests.AssemblyIT");
        String marker = "hostile-" + System.nanoTime();
        logger.getClass()
                .getMethod("warn", String.class, Object.class)
                .invoke(logger, marker + " {}", "a\u001b[2J\u0007b\r\n2026-01-01 00:00:00.000 ERROR forged\u007f\tend");
        java.nio.file.Path log = dataDir().resolve("log/switchboard.log");
        String line = null;
        for (int i = 0; i < 100 && line == null; i++) {
            line = java.nio.file.Files.readAllLines(log).stream()
                    .filter(l -> l.contains(marker))
                    .findFirst()
                    .orElse(null);
            Thread.sleep(line == null ? 50 : 0);
        }
        assertTrue("the line is in " + log, line != null);
        assertTrue(line, line.endsWith(marker + " a?[2J?b\\r\\n2026-01-01 00:00:00.000 ERROR forged?\tend"));
    }

    @Test
    public void everySwitchboardComponentIsActive() throws Exception {
        awaitHealthy();
        ServiceReference<ServiceComponentRuntime> ref = context.getServiceReference(ServiceComponentRuntime.class);
        ServiceComponentRuntime scr = context.getService(ref);
        List<String> components = new ArrayList<>();
        List<String> inactive = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (!b.getSymbolicName().startsWith("org.switchboard.")) {
                continue;
            }
            for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
                components.add(d.name);
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    boolean delayedAndReady = !d.immediate && c.state == ComponentConfigurationDTO.SATISFIED;
                    if (c.state != ComponentConfigurationDTO.ACTIVE && !delayedAndReady) { // delayed: made on first use
                        inactive.add(d.name + " state " + c.state + " " + c.failure);
                    }
                }
                if (scr.getComponentConfigurationDTOs(d).isEmpty()) {
                    inactive.add(d.name + " has no configuration");
                }
            }
        }
        assertTrue("inactive: " + inactive, inactive.isEmpty());
        assertTrue(components.toString(), components.contains("org.switchboard.sip.internal.SipStackOwner"));
        assertTrue(components.toString(), components.contains("org.switchboard.runtime.internal.HealthServlet"));
        assertTrue(components.toString(), components.contains("org.switchboard.runtime.internal.LogBridge"));
        assertTrue(components.toString(), components.contains("org.switchboard.adapter.zcc.internal.ZccAdapter"));
        assertTrue(components.toString(), components.contains("org.switchboard.flow.internal.WorkspaceRegistry"));
    }

    @Test
    public void theZccAdapterIsRegisteredByType() throws Exception {
        awaitHealthy();
        var refs = context.getServiceReferences(
                org.switchboard.api.adapter.ContactCenterAdapter.class, "(adapter.type=zcc)");
        assertEquals(1, refs.size());
        assertEquals("zcc", context.getService(refs.iterator().next()).type());
    }

    @Test
    public void healthListsBundlesAndComponents() throws Exception {
        JsonObject h = awaitHealthy().json();
        assertEquals("UP", h.get("status").getAsString());
        assertEquals(0, h.getAsJsonArray("problems").size());
        List<String> bundles = new ArrayList<>();
        for (JsonElement b : h.getAsJsonArray("bundles")) {
            bundles.add(b.getAsJsonObject().get("symbolicName").getAsString());
            assertEquals("ACTIVE", b.getAsJsonObject().get("state").getAsString());
        }
        assertTrue(
                bundles.toString(),
                bundles.containsAll(List.of(
                        "org.switchboard.api",
                        "org.switchboard.jain-sip",
                        "org.switchboard.sip",
                        "org.switchboard.runtime")));
        boolean sip = false;
        for (JsonElement c : h.getAsJsonArray("components")) {
            JsonObject o = c.getAsJsonObject();
            if (o.get("name").getAsString().endsWith("SipStackOwner")) {
                sip = "active".equals(o.get("state").getAsString());
            }
        }
        assertTrue("SIP component not listed as active: " + h, sip);
    }

    @Test
    public void theLivenessProbeAnswersWithoutTheReport() throws Exception {
        awaitHealthy();
        Http live = get("/health/live", null, null);
        assertEquals(live.body(), 200, live.status());
        assertEquals("live", live.json().get("status").getAsString());
        assertEquals(live.body(), 1, live.json().size());
    }
}
