package org.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.switchboard.api.adapter.InboundCall;
import org.switchboard.api.conversation.Conversation;

/**
 * The SPI from a third party's side: an adapter bundle built only against the API ({@code testing/fake-adapter}) is
 * deployed into the running container, a trunk made over the admin API names it, and its calls are answered and
 * handed back with its own headers and reasons. While the bundle is stopped its trunk's calls get 503; started
 * again, it serves them again; uninstalled, nothing of it stays.
 */
public class FakeAdapterIT extends SwitchboardTestSupport {

    private static final String DID = "+15550300";

    @Test
    public void anAdapterDeployedAtRunTimeServesItsTrunk() throws Exception {
        awaitHealthy();
        Bundle fake = context.installBundle(System.getProperty(FAKE_ADAPTER));
        fake.start();
        try {
            Http trunk = adminRequest(
                    "PUT",
                    "/api/admin/trunks/fake-cc",
                    "{\"id\": \"fake-cc\", \"name\": \"Fake "
                            + "contact center\", \"adapter\": \"fake\", \"peers\": [\"127.0.0.1\"], \"dids\": [\"" + DID
                            + "\"], \"transport\": \"udp\"}");
            assertTrue(trunk.body(), trunk.status() == 200 || trunk.status() == 201);
            Http attach = adminRequest(
                    "PUT",
                    "/api/admin/attachments",
                    "{\"trunk\": \"fake-cc\", \"did\": \"" + DID + "\", \"flow\": \"demo-agent\"}");
            assertEquals(attach.body(), 200, attach.status());

            sippResource("fake-transfer-bye.xml", "udp", "-s", DID);
            Conversation c = awaitEndedConversation(DID);
            assertEquals("the adapter named the reason", "fake agent", c.endReason());
            assertEquals("fake-cc", c.trunkId());
            assertEquals(
                    "its X-Fake-* header reached the record: " + c.sipHeaders(),
                    List.of("case-1"),
                    c.sipHeaders().entrySet().stream()
                            .filter(h -> h.getKey().equalsIgnoreCase("X-Fake-Context"))
                            .map(java.util.Map.Entry::getValue)
                            .toList());
            List<InboundCall> seen = FakeCalls.seen(context);
            assertEquals(1, seen.size());
            assertEquals(DID, seen.get(0).did());
            assertEquals("fake-cc", seen.get(0).trunkId());
            assertEquals(c.sessionId(), seen.get(0).sessionId());

            fake.stop();
            sipp("invite-503.xml", "udp", "-s", DID);

            fake.start();
            sippResource("fake-transfer-bye.xml", "udp", "-s", DID);
            assertEquals(
                    "the restarted adapter served the call",
                    1,
                    FakeCalls.seen(context).size());
        } finally {
            fake.uninstall();
        }
        for (Bundle b : context.getBundles()) {
            assertTrue(
                    "uninstalled: " + b.getSymbolicName(),
                    !"org.switchboard.testing.fake-adapter".equals(b.getSymbolicName()));
        }
    }
}
