package org.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;

import org.junit.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.switchboard.api.routing.CallRoute.Outcome;
import org.switchboard.api.routing.CallRouting;

/**
 * The flow-attachment registry in the container: the shipped demo workspace is imported from felix-config's
 * path and the call router routes over it; a workspace with errors is rejected as a whole, every error in the log,
 * the previous one in force.
 */
public class WorkspaceIT extends SwitchboardTestSupport {

    @Test
    public void demoWorkspaceRoutesAndABadOneIsRejectedWhole() throws Exception {
        awaitHealthy();
        CallRouting router = context.getService(context.getServiceReference(CallRouting.class));
        assertEquals(Outcome.ROUTED, router.route("127.0.0.1", "+15550100").outcome());
        assertEquals("demo-agent", router.route("127.0.0.1", "15550100").flowId());
        assertEquals("zcc", router.route("127.0.0.1", "15550100").adapter().type());
        assertEquals(
                Outcome.SOURCE_NOT_ALLOWED,
                router.route("198.51.100.7", "+15550100").outcome());

        Path bad = dataDir().resolve("bad-workspace.json");
        Files.writeString(bad, """
                {"trunks": [{"id": "t", "adapter": "zcc", "peers": ["127.0.0.1"], "dids": ["+15550100"]}],
                 "flows": [{"id": "f", "start": "a", "nodes": [{"id": "a", "type": "teleport"}]}],
                 "attachments": [{"trunk": "t", "did": "+15550100", "flow": "f"}]}""");
        ConfigurationAdmin ca = context.getService(context.getServiceReference(ConfigurationAdmin.class));
        Configuration ws = ca.getConfiguration("org.switchboard.workspace", "?");
        Dictionary<String, Object> good = ws.getProperties();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("path", bad.toString());
        ws.update(props);
        try {
            Path log = dataDir().resolve("log/switchboard.log");
            long deadline = System.currentTimeMillis() + 15_000;
            String text = "";
            while (!text.contains("rejected with 2 problem(s)") && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
                text = Files.readString(log);
            }
            assertTrue(text, text.contains("flows[0].nodes[0].type (node 'a'): unknown node type 'teleport'"));
            assertTrue(text, text.contains("attachments[0].flow: no valid flow 'f'"));
            CallRouting now = context.getService(context.getServiceReference(CallRouting.class));
            assertEquals(
                    "the previous workspace stays in force",
                    Outcome.ROUTED,
                    now.route("127.0.0.1", "+15550100").outcome());
        } finally {
            ws.update(good);
        }
        awaitHealthy();
    }
}
