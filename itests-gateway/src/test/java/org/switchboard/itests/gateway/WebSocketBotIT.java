package org.switchboard.itests.gateway;

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
import org.switchboard.testing.Sipp;
import org.switchboard.testing.VoiceCaller;

/**
 * The WebSocket audio bridge on a real call: sipp places a ZCC call to {@code ./switchboard}, a scripted caller
 * talks on its RTP port, and the example bot (examples/websocket-bot/bot.py) answers over the bridge: its chime and
 * echo reach the caller, and the caller's 0 hands the call back to ZCC with a BYE carrying kore-reason and the bot's
 * header. A bot that breaks takes the flow's fallback.
 */
public class WebSocketBotIT {

    private static Gateway gateway;
    private static Process bot;
    private static int port;

    @BeforeClass
    public static void start() throws Exception {
        port = FreePorts.tcp();
        bot = new ProcessBuilder(
                        Gateway.python3(),
                        Paths.get("../examples/websocket-bot/bot.py").toString(),
                        "--port",
                        Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(bot.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertTrue("the example bot starts (python3-websockets installed?): " + first, first.contains("listening"));
        gateway = Gateway.start("WebSocketBotIT");
        flow("ws-demo", "+15550110", "");
        flow("ws-broken", "+15550111", ", \"metadata\": {\"mode\": \"close\"}");
    }

    private static void flow(String id, String did, String extra) throws Exception {
        String doc = "{\"id\": \"" + id + "\", \"botId\": \"st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0\", "
                + "\"start\": \"bot\", \"assistants\": {\"echo\": {\"type\": \"websocket\", "
                + "\"url\": \"ws://127.0.0.1:" + port + "/\"" + extra + "}}, \"nodes\": ["
                + "{\"id\": \"bot\", \"type\": \"automation\", \"settings\": {\"assistant\": \"echo\"}, "
                + "\"next\": {\"resolved\": \"bye\"}}, {\"id\": \"bye\", \"type\": \"hangup\"}]}";
        var put = gateway.admin("PUT", "/api/admin/flows/" + id, doc);
        assertTrue(put.body(), put.statusCode() == 200 || put.statusCode() == 201);
        gateway.attach("zcc-demo", id, did);
    }

    @AfterClass
    public static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (bot != null) {
            bot.destroy();
            bot.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static Sipp.Run call(String did, VoiceCaller caller) throws Exception {
        return gateway.sipp("examples/sipp/zcc-voice-call.xml")
                .options("-m", "1", "-s", did, "-key", "rtp_port", Integer.toString(caller.port()))
                .start("127.0.0.1:" + gateway.sip);
    }

    @Test
    public void theBotsAudioAndTheCallersGoBothWaysAndZeroHandsTheCallToAnAgent() throws Exception {
        try (VoiceCaller caller = new VoiceCaller()) {
            Sipp.Run sipp = call("+15550110", caller);
            caller.awaitPrompt(10_000); // the bot's chime
            long chime = caller.loudFrames();
            assertTrue("the chime is 600 ms: " + chime, chime >= 25 && chime <= 35);
            caller.say(VoiceCaller.speech("hello there, can you hear me", gateway.work));
            caller.awaitSaid();
            caller.awaitPrompt(10_000); // the bot echoes it back
            assertTrue("the echo came back: " + caller.loudFrames(), caller.loudFrames() > chime + 40);
            caller.press('0');
            sipp.awaitSuccess(); // the BYE had kore-reason: TransferToAgent
        }
        String c = gateway.awaitConversation(
                "+15550110", d -> Gateway.has(d, "endedAt") && d.contains("Connecting you to an agent."), 20);
        assertTrue(c, c.matches("(?s).*\"endedBy\":\\s*\"transfer\".*"));
        assertTrue("the bot's header is on the BYE: " + c, c.matches("(?s).*X-Intent.{0,20}Agent.*"));
        assertTrue("the stream is recorded: " + c, c.contains("assistant.stream"));
        assertTrue("the bot heard the caller: " + c, c.matches("(?s).*heardMs.{0,10}[1-9][0-9]{2,}.*"));
        assertTrue("and knew its chime played: " + c, c.matches("(?s).*greetingPlayed.{0,10}true.*"));
    }

    @Test
    public void aBotThatClosesTheConnectionTakesTheFallbackToAnAgent() throws Exception {
        try (VoiceCaller caller = new VoiceCaller()) {
            Sipp.Run sipp = call("+15550111", caller);
            caller.awaitPrompt(15_000); // the apology
            sipp.awaitSuccess();
        }
        String c = gateway.awaitConversation("+15550111", d -> Gateway.has(d, "endedAt"), 20);
        assertTrue(c, c.matches("(?s).*\"endedBy\":\\s*\"transfer\".*"));
        assertTrue("the reason is recorded: " + c, c.contains("closed the connection (1011 the bot broke)"));
        assertTrue(c, c.contains("Sorry, I am having trouble right now."));
    }
}
