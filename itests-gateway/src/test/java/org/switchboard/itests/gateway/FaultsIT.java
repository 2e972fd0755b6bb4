package org.switchboard.itests.gateway;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.InetSocketAddress;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.switchboard.testing.FreePorts;
import org.switchboard.testing.Gateway;
import org.switchboard.testing.Sipp;

import com.sun.net.httpserver.HttpServer;

/** Faults a gateway meets on the wire, against {@code ./switchboard}: each ends cleanly and is recorded. */
public class FaultsIT {

    private static Gateway gateway;

    @BeforeClass
    public static void start() throws Exception {
        gateway = Gateway.start("FaultsIT");
    }

    @AfterClass
    public static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    public void aByeThePeerNeverAnswersClosesTheSessionWithTheReasonRecorded() throws Exception {
        Sipp.Run sipp = gateway.call("bye-unanswered.xml");
        String c = gateway.awaitConversation("+15550101", d -> d.contains("BYE not answered"), 60);
        assertTrue(c, c.matches("(?s).*\"endedBy\":\\s*\"bot\".*"));
        assertTrue(c, c.contains("no response within the transaction timeout"));
        assertEquals("the caller's side ended as its scenario says", 0, sipp.await());
        assertEquals("no call in progress", 0, gateway.metrics().count("switchboard_calls_active"));
    }

    @Test
    public void aSlowOrDownWebhookBotHandsTheCallToAnAgentWithTheReasonRecorded() throws Exception {
        HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slow.createContext("/turn", exchange -> {
            try {
                Thread.sleep(3000);
                byte[] body = "{\"actions\": [{\"type\": \"hangup\"}]}".getBytes();
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (InterruptedException | java.io.IOException e) {
                // the gateway gave up first
            } finally {
                exchange.close();
            }
        });
        slow.start();
        try {
            String reason = webhookCall(
                    "webhook-slow", "http://127.0.0.1:" + slow.getAddress().getPort() + "/turn");
            assertTrue(reason, reason.contains("no answer within 800 ms"));
        } finally {
            slow.stop(0);
        }
        String reason = webhookCall("webhook-down", "http://127.0.0.1:" + FreePorts.tcpAndUdp() + "/turn");
        assertTrue(reason, reason.contains("unreachable"));
        assertEquals("no call in progress", 0, gateway.metrics().count("switchboard_calls_active"));
    }

    @Test
    public void aCallersTcpConnectionDroppingMidCallEndsTheSessionWithTheReasonRecorded() throws Exception {
        Sipp.Run sipp = gateway.call("connection-drop.xml", "-t", "t1", "-s", "+15550101");
        assertEquals("sipp stopped itself after the ACK (exit 97: an internal command)", 97, sipp.await());
        // the reconnect to the vanished caller is refused at once ("BYE not sent: ... Could not connect") or, on a
        // loaded machine, hangs until the BYE's transaction times out ("BYE not answered"), as in SrtpIT
        String c = gateway.awaitConversation(
                "+15550101",
                d -> Gateway.has(d, "endedAt") && (d.contains("BYE not sent") || d.contains("BYE not answered")),
                60);
        assertTrue(c, c.contains("Could not connect") || c.contains("BYE not answered"));
        assertTrue("the call's SIP ladder is kept: " + c, c.contains("SIP/2.0/TCP"));
        assertEquals("no call in progress", 0, gateway.metrics().count("switchboard_calls_active"));
    }

    /** A call to a flow whose webhook bot is at {@code url}; returns the conversation once it ended. */
    private static String webhookCall(String flow, String url) throws Exception {
        String doc = "{\"id\": \"" + flow + "\", \"botId\": \"st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0\", "
                + "\"start\": \"bot\", \"assistants\": {\"orders\": {\"type\": \"webhook\", \"url\": \"" + url
                + "\", \"timeoutMs\": 800, \"fallbackMessage\": \"One moment.\", "
                + "\"fallbackHeaders\": {\"X-Intent\": \"AssistantUnavailable\"}}}, \"nodes\": ["
                + "{\"id\": \"bot\", \"type\": \"automation\", \"settings\": {\"assistant\": \"orders\"}, "
                + "\"next\": {\"resolved\": \"bye\", \"error\": \"bye\"}}, {\"id\": \"bye\", \"type\": \"hangup\"}]}";
        var put = gateway.admin("PUT", "/api/admin/flows/" + flow, doc);
        assertTrue(put.body(), put.statusCode() == 200 || put.statusCode() == 201);
        var attach = gateway.admin(
                "PUT",
                "/api/admin/attachments",
                "{\"trunk\": \"zcc-demo\", \"did\": \"+15550109\", \"flow\": \"" + flow + "\"}");
        assertEquals(attach.body(), 200, attach.statusCode());
        gateway.callAndWait("webhook-fallback.xml", "-s", "+15550109");
        String failure = flow.equals("webhook-slow") ? "800 ms" : "unreachable";
        String c = gateway.awaitConversation("+15550109", d -> Gateway.has(d, "endedAt") && d.contains(failure), 20);
        assertTrue(c, c.matches("(?s).*\"endedBy\":\\s*\"transfer\".*"));
        assertTrue("the apology was said: " + c, c.contains("One moment."));
        return c;
    }
}
