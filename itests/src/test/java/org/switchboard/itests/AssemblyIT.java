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
     * The HTTP service is the re-wrapped Jetty bundle, which the Service Loader Mediator does not weave (it asks for
     * no processor), while SLF4J still finds logback through the mediator: the log reaches the console.
     */
    @Test
    public void jettyIsNotWovenAndSlf4jStillFindsLogback() throws Exception {
        awaitHealthy();
        String processor = "osgi.serviceloader.processor";
        Bundle jetty = installed("org.switchboard.http-jetty");
        for (var r : jetty.adapt(org.osgi.framework.wiring.BundleRevision.class).getRequirements("osgi.extender")) {
            assertTrue(
                    r.toString(),
                    !String.valueOf(r.getDirectives().get("filter")).contains(processor));
        }
        assertTrue(
                "the upstream bundle is not installed beside it",
                java.util.Arrays.stream(context.getBundles())
                        .noneMatch(b -> "org.apache.felix.http.jetty12".equals(b.getSymbolicName())));
        Bundle slf4j = installed("slf4j.api");
        boolean wired =
                slf4j.adapt(org.osgi.framework.wiring.BundleWiring.class).getRequiredWires("osgi.extender").stream()
                        .anyMatch(w -> processor.equals(
                                w.getCapability().getAttributes().get("osgi.extender")));
        assertTrue("slf4j-api is wired to the Service Loader Mediator", wired);
        assertTrue(
                "logback's SLF4J provider is registered by the mediator",
                context.getServiceReferences("org.slf4j.spi.SLF4JServiceProvider", null) != null);
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
