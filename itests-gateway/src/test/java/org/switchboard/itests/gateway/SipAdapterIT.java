package org.switchboard.itests.gateway;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.switchboard.testing.Gateway;

/**
 * The second contact-center adapter, the generic SIP one, against {@code ./switchboard}: a trunk made with
 * {@code "adapter": "sip"} answers with {@code X-Switchboard-Session}, hands a call back by BYE with
 * {@code X-Disposition: agent}, the flow's headers and the contact center's own id echoed from its INVITE, and the
 * bot's hang-up says {@code X-Disposition: resolved}; a REFER carries the session id as User-to-User data in its
 * Refer-To URI, hex after the protocol discriminator, as Genesys Cloud reads it; no {@code kore-*} header is sent
 * (sipp checks each message).
 */
public class SipAdapterIT {

    private static Gateway gateway;

    @BeforeClass
    public static void start() throws Exception {
        gateway = Gateway.start(
                "SipAdapterIT",
                Map.of(
                        "org.switchboard.adapter.sip.config",
                        Map.of(
                                "transfer.headers",
                                        "[\"X-Disposition: agent\", \"X-Conversation: {{sip.X-Genesys-ConversationId}}\"]",
                                "uui", "\"{{session.id}}\"")),
                Map.of());
    }

    @AfterClass
    public static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    public void aTrunkOnTheSipAdapterHandsCallsBackWithXHeaders() throws Exception {
        var trunk = gateway.admin(
                "PUT",
                "/api/admin/trunks/generic-cc",
                "{\"id\": \"generic-cc\", \"name\": "
                        + "\"Generic contact center\", \"adapter\": \"sip\", \"peers\": [\"127.0.0.1\"], \"dids\": "
                        + "[\"+15550200\", \"+15550201\", \"+15550202\"], \"transport\": \"udp\"}");
        assertTrue(trunk.body(), trunk.statusCode() == 200 || trunk.statusCode() == 201);
        for (String[] a :
                new String[][] {{"+15550200", "demo-agent"}, {"+15550201", "demo-hangup"}, {"+15550202", "demo-refer"}
                }) {
            var attach = gateway.admin(
                    "PUT",
                    "/api/admin/attachments",
                    "{\"trunk\": \"generic-cc\", \"did\": \"" + a[0] + "\", \"flow\": \"" + a[1] + "\"}");
            assertEquals(attach.body(), 200, attach.statusCode());
        }

        gateway.callAndWait("generic-transfer-bye.xml", "-s", "+15550200");
        String handed = gateway.awaitConversation("+15550200", d -> Gateway.has(d, "endedAt"), 20);
        assertTrue(handed, handed.matches("(?s).*\"endedBy\":\\s*\"transfer\".*"));
        assertTrue(handed, handed.matches("(?s).*\"endReason\":\\s*\"agent transfer\".*"));
        assertTrue(handed, handed.matches("(?s).*\"trunkId\":\\s*\"generic-cc\".*"));
        assertTrue(
                "the contact center's header reached the record: " + handed,
                handed.contains("X-Genesys-ConversationId"));
        assertFalse("no kore-* header in the ladder: " + handed, handed.contains("kore-"));

        gateway.callAndWait("generic-bot-hangup.xml", "-s", "+15550201");
        String resolved = gateway.awaitConversation("+15550201", d -> Gateway.has(d, "endedAt"), 20);
        assertTrue(resolved, resolved.matches("(?s).*\"endReason\":\\s*\"resolved\".*"));
        assertFalse(resolved, resolved.contains("kore-"));

        gateway.callAndWait("generic-transfer-refer-uui.xml", "-s", "+15550202");
        String referred = gateway.awaitConversation("+15550202", d -> Gateway.has(d, "endedAt"), 20);
        assertTrue(referred, referred.matches("(?s).*\"endedBy\":\\s*\"transfer\".*"));
        assertTrue(
                "the REFER's target with its UUI is in the record: " + referred,
                referred.matches("(?s).*User-to-User=00[0-9A-F]{48}%3Bencoding%3Dhex.*"));

        gateway.callAndWait("examples/sipp/zcc-transfer-bye.xml");
        String zcc = gateway.awaitConversation("+15550100", d -> Gateway.has(d, "endedAt"), 20);
        assertTrue("the ZCC trunk beside it still speaks kore-*: " + zcc, zcc.contains("kore-reason"));
    }
}
