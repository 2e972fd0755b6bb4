package org.switchboard.flow.internal.routing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.After;
import org.junit.Test;
import org.osgi.util.converter.Converters;
import org.switchboard.api.adapter.ContactCenterAdapter;
import org.switchboard.api.routing.CallRoute;
import org.switchboard.api.routing.CallRoute.Outcome;
import org.switchboard.flow.internal.WorkspaceConfig;
import org.switchboard.flow.internal.model.Problem;
import org.switchboard.flow.internal.workspace.FqdnResolverTest;
import org.switchboard.flow.internal.workspace.Workspace;
import org.switchboard.flow.internal.workspace.WorkspaceParser;

public class CallRouterTest {

    private static final String BOT = "st-00000000-0000-4000-8000-000000000001";
    private final AtomicReference<Workspace> inForce = new AtomicReference<>(Workspace.EMPTY);
    private CallRouter router;

    @After
    public void stop() {
        if (router != null) {
            router.deactivate();
        }
    }

    private static WorkspaceConfig config(Map<String, Object> props) {
        return Converters.standardConverter().convert(new HashMap<>(props)).to(WorkspaceConfig.class);
    }

    private static Workspace workspace(String trunk) {
        List<Problem> problems = new ArrayList<>();
        Workspace w = WorkspaceParser.parse(
                        "{\"trunks\": [" + trunk + "], \"flows\": [{\"id\": \"f\", \"botId\": \"" + BOT
                                + "\", \"start\": \"bye\", \"nodes\": [{\"id\": \"bye\", \"type\": \"hangup\"}]}], "
                                + "\"attachments\": [{\"trunk\": \"zcc\", \"did\": \"+15550100\", \"flow\": \"f\"}]}",
                        problems)
                .orElseThrow(() -> new AssertionError(problems.toString()));
        return w;
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertTrue(condition.getAsBoolean());
    }

    @Test
    public void routesByPeerAndDidAndHandsTheHighestRankedAdapterOfTheTrunksType() {
        inForce.set(workspace("{\"id\": \"zcc\", \"adapter\": \"zcc\", \"peers\": [\"10.0.0.0/24\"], "
                + "\"dids\": [\"+15550100\", \"+15550101\"]}"));
        router = new CallRouter(config(Map.of()), inForce::get);
        CallRoute routed = router.route("10.0.0.7", "15550100");
        assertEquals(Outcome.ROUTED, routed.outcome());
        assertEquals("zcc", routed.trunkId());
        assertEquals("+15550100", routed.did());
        assertEquals("f", routed.flowId());
        assertEquals(BOT, routed.botId());
        assertNull("no adapter present yet", routed.adapter());

        ContactCenterAdapter first = AdapterDirectoryTest.adapter("zcc");
        ContactCenterAdapter upgraded = AdapterDirectoryTest.adapter("zcc");
        router.addAdapter(first, Map.of("adapter.type", "zcc", "service.id", 3L));
        router.addAdapter(
                AdapterDirectoryTest.adapter("sip"),
                Map.of("adapter.type", "sip", "service.id", 4L, "service.ranking", 50));
        assertSame(first, router.route("10.0.0.7", "+15550100").adapter());
        router.addAdapter(upgraded, Map.of("adapter.type", "zcc", "service.id", 7L, "service.ranking", 1));
        assertSame(upgraded, router.route("10.0.0.7", "+15550100").adapter());
        router.removeAdapter(upgraded, Map.of("adapter.type", "zcc"));
        assertSame(first, router.route("10.0.0.7", "+15550100").adapter());

        assertEquals(Outcome.NO_FLOW, router.route("10.0.0.7", "+15550101").outcome());
        assertSame(
                "a trunk that allows the source has its adapter even without a route",
                first,
                router.route("10.0.0.7", "+15550199").adapter());
        assertEquals(Outcome.UNKNOWN_DID, router.route("10.0.0.7", "+15550199").outcome());
        assertEquals(
                Outcome.SOURCE_NOT_ALLOWED,
                router.route("10.0.1.7", "+15550100").outcome());
        assertEquals(
                "never a DNS look-up of a name",
                Outcome.SOURCE_NOT_ALLOWED,
                router.route("localhost", "+15550100").outcome());
        assertTrue(router.admits("10.0.0.200"));
        assertFalse(router.admits("10.0.1.1"));
        assertFalse(router.admits("localhost"));
    }

    @Test
    public void aTrunkFqdnResolvedBySrvAllowsItsTargetsOnceTheWorkspaceNamingItIsInForce() throws Exception {
        try (FqdnResolverTest.TinyDns dns = new FqdnResolverTest.TinyDns(Map.of(
                "_sip._tcp.zcc.test", Map.of(33, List.of(FqdnResolverTest.srv(1, 1, 5061, "sbc.zcc.test"))),
                "sbc.zcc.test", Map.of(1, List.of(FqdnResolverTest.ip("10.1.2.3")))))) {
            router = new CallRouter(config(Map.of("dns.server", "127.0.0.1:" + dns.port())), inForce::get);
            assertEquals(
                    Outcome.SOURCE_NOT_ALLOWED,
                    router.route("10.1.2.3", "+15550100").outcome());
            inForce.set(
                    workspace("{\"id\": \"zcc\", \"adapter\": \"zcc\", \"fqdn\": \"zcc.test\", \"resolve\": \"srv\", "
                            + "\"transport\": \"tcp\", \"dids\": [\"+15550100\"]}"));
            await(() -> router.route("10.1.2.3", "+15550100").outcome() == Outcome.ROUTED);
            assertTrue(router.admits("10.1.2.3"));
            assertEquals(
                    Outcome.SOURCE_NOT_ALLOWED,
                    router.route("10.1.2.4", "+15550100").outcome());
        }
    }

    @Test
    public void aRefreshIntervalOutOfRangeIsRejectedWithThePidAndProperty() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new CallRouter(config(Map.of("fqdn.refresh.s", 1)), inForce::get));
        assertTrue(
                e.getMessage(),
                e.getMessage().contains("PID org.switchboard.workspace: property 'fqdn.refresh.s' = '1'"));
    }
}
