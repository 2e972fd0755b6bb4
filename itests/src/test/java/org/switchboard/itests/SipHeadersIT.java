package org.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.junit.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.switchboard.api.conversation.Conversation;

/**
 * The headers ZCC puts on its INVITE reach the bot: the demo flow's script reads {@code X-Intent-Hint} from
 * {@code context.session.UserSession.sipHeaders}, the adapter's transfer headers echo {@code {{sip.X-Trace-ID}}},
 * and the conversation record keeps the passed headers (X-*, P-Asserted-Identity, User-to-User; not Subject).
 */
public class SipHeadersIT extends SwitchboardTestSupport {

    @Test
    public void inviteHeadersReachTheScriptTheHandoffAndTheRecord() throws Exception {
        awaitHealthy();
        ConfigurationAdmin ca = context.getService(context.getServiceReference(ConfigurationAdmin.class));
        Configuration zcc = ca.getConfiguration("org.switchboard.adapter.zcc", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        if (zcc.getProperties() != null) {
            for (java.util.Enumeration<String> keys = zcc.getProperties().keys(); keys.hasMoreElements(); ) {
                String k = keys.nextElement();
                props.put(k, zcc.getProperties().get(k));
            }
        }
        props.put("transfer.headers", new String[] {"X-Trace-ID: {{sip.X-Trace-ID}}"});
        zcc.update(props);
        Thread.sleep(1000);
        awaitHealthy();

        for (String t : new String[] {"udp", "tcp"}) {
            sipp("zcc-sip-headers.xml", t);
            Conversation c = awaitEndedConversation("+15550100");
            Map<String, String> h = c.sipHeaders();
            assertTrue(h.toString(), h.get("X-Trace-ID").matches("trace-\\d+-4711"));
            assertEquals("Sales", h.get("X-Intent-Hint"));
            assertEquals("0123456789abcdef;encoding=hex", h.get("User-to-User"));
            assertTrue(h.toString(), h.get("P-Asserted-Identity").contains("sip:+14085551212@zcc.example.com"));
            assertFalse(
                    "only the adapter's choice is passed: " + h,
                    h.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Subject") || k.equalsIgnoreCase("Via")));
            String details = get(
                            "/api/admin/conversations/" + c.sessionId(),
                            "admin",
                            java.nio.file.Files.readString(dataDir().resolve("admin.password"))
                                    .trim())
                    .body();
            assertTrue(
                    details,
                    details.contains("\"X-Intent-Hint\": \"Sales\"")
                            || details.contains("\"X-Intent-Hint\":\"Sales\""));
            String summary = summary(c.sessionId());
            assertTrue(
                    summary,
                    summary.startsWith("The caller (+14085551212) called +15550100 about sales. The bot "
                            + "handed the call to an agent for sales after "));
        }
        sipp("zcc-transfer-bye.xml", "udp"); // without the hint the script's default still applies
    }
}
