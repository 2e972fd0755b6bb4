package org.switchboard.itests.gateway;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.switchboard.testing.FreePorts;
import org.switchboard.testing.Gateway;

/**
 * A jambonz application (examples/jambonz-app/app.py, written from jambonz's documentation) answering a real call on
 * {@code ./switchboard} behind the ZCC adapter.
 */
public class JambonzAppIT {

    private static Gateway gateway;
    private static Process app;
    private static int port;

    @BeforeClass
    public static void start() throws Exception {
        port = FreePorts.tcp();
        app = new ProcessBuilder(
                        "python3",
                        Paths.get("../examples/jambonz-app/app.py").toString(),
                        "--port",
                        Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
        assertTrue(out.readLine().contains("listening"));
        gateway = Gateway.start("JambonzAppIT");
        String doc = "{\"id\": \"jambonz-demo\", \"botId\": \"st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0\", "
                + "\"start\": \"bot\", \"assistants\": {\"acme\": {\"type\": \"jambonz\", "
                + "\"url\": \"http://127.0.0.1:" + port + "/call\"}}, \"nodes\": ["
                + "{\"id\": \"bot\", \"type\": \"automation\", \"settings\": {\"assistant\": \"acme\"}, "
                + "\"next\": {\"resolved\": \"bye\", \"error\": \"bye\"}}, {\"id\": \"bye\", \"type\": \"hangup\"}]}";
        var put = gateway.admin("PUT", "/api/admin/flows/jambonz-demo", doc);
        assertTrue(put.body(), put.statusCode() == 200 || put.statusCode() == 201);
        var attach = gateway.admin(
                "PUT",
                "/api/admin/attachments",
                "{\"trunk\": \"zcc-demo\", \"did\": \"+15550109\", \"flow\": \"jambonz-demo\"}");
        assertEquals(attach.body(), 200, attach.statusCode());
    }

    @AfterClass
    public static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (app != null) {
            app.destroy();
            app.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    public void aSilentCallerHearsTheAppAndItHangsUpWithItsHeadersAndKoreReason() throws Exception {
        gateway.callAndWait("jambonz-silent.xml", "-s", "+15550109");
        String c = gateway.awaitConversation("+15550109", d -> Gateway.has(d, "endedAt") && d.contains("Goodbye."), 20);
        assertTrue(c, c.matches("(?s).*\"endedBy\":\\s*\"bot\".*"));
        assertTrue(
                "the app's greeting and menu were said: " + c,
                c.contains("Welcome to Acme.") && c.contains("Say billing, or agent."));
        assertTrue("then the verbs left: " + c, c.contains("Goodbye."));
    }

    @Test
    public void aCallerWhoPressesZeroIsReferredToTheAgentsWithTheAppsHeader() throws Exception {
        gateway.callAndWait(
                "jambonz-agent-refer.xml", "-s", "+15550109", "-mp", Integer.toString(FreePorts.tcpAndUdp()));
        String c = gateway.awaitConversation(
                "+15550109", d -> Gateway.has(d, "endedAt") && d.contains("Connecting you to an agent."), 20);
        assertTrue(c, c.matches("(?s).*\"endedBy\":\\s*\"transfer\".*"));
        assertTrue("the digit reached the app's gather: " + c, c.contains("sip:agents@zcc.example.com"));
        assertTrue("not the greeting's background gather: " + c, !c.contains("Right away"));
    }

    @Test
    public void aKeyPressedDuringTheGreetingReachesTheBackgroundGathersHook() throws Exception {
        gateway.callAndWait("jambonz-anytime.xml", "-s", "+15550109", "-mp", Integer.toString(FreePorts.tcpAndUdp()));
        String c = gateway.awaitConversation(
                "+15550109", d -> Gateway.has(d, "endedAt") && d.contains("Right away, connecting you"), 20);
        assertTrue(c, c.matches("(?s).*\"endedBy\":\\s*\"transfer\".*"));
        assertTrue("the menu never came: " + c, !c.contains("Say billing, or agent."));
        assertTrue("the config verb is not among the skipped: " + c, !c.contains("config=not supported"));
    }
}
