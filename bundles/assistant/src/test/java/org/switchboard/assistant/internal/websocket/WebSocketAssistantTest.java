package org.switchboard.assistant.internal.websocket;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.switchboard.api.assistant.AssistantAction;
import org.switchboard.api.assistant.TurnRequest;
import org.switchboard.api.assistant.TurnRequest.Event;
import org.switchboard.api.assistant.TurnResponse;
import org.switchboard.api.assistant.VirtualAssistant;

/** The WebSocket audio bridge against the example bot (examples/websocket-bot/bot.py) on a real socket. */
public class WebSocketAssistantTest {

    private static Process bot;
    private static BufferedReader botOut;
    private static int port;
    private static final WebSocketAssistantFactory FACTORY = new WebSocketAssistantFactory();

    /** Debian's python3 (with python3-websockets) where there is one, else the first on the path. */
    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    @BeforeClass
    public static void startBot() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        bot = new ProcessBuilder(
                        python(),
                        Paths.get("../../examples/websocket-bot/bot.py").toString(),
                        "--port",
                        Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        botOut = new BufferedReader(new InputStreamReader(bot.getInputStream(), StandardCharsets.UTF_8));
        String first = botOut.readLine();
        assertTrue("the example bot starts (python3-websockets installed?): " + first, first.contains("listening"));
    }

    @AfterClass
    public static void stopBot() throws Exception {
        bot.destroy();
        bot.waitFor(5, TimeUnit.SECONDS);
        FACTORY.deactivate();
    }

    private static VirtualAssistant assistant(String extra) {
        return FACTORY.create(
                "echo", "{\"type\": \"websocket\", \"url\": \"ws://127.0.0.1:" + port + "/\"" + extra + "}");
    }

    private static TurnRequest start() {
        return new TurnRequest(
                "s1", "st-1", Event.START, null, 0, null, Map.of("lang", "en"), new FakeCall().session());
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.currentTimeMillis() + 5000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        assertTrue(condition.getAsBoolean());
    }

    @Test
    public void theBotGreetsHearsTheCallerAndHandsItToAnAgentOnZero() throws Exception {
        FakeCall call = new FakeCall();
        var done = assistant("").converse(start(), call).toCompletableFuture();
        await(() -> call.listener != null && call.marks.contains("greeting"));
        assertEquals("the chime: 600 ms at 8 kHz", 4800, call.played.get());
        String started = botOut.readLine();
        assertTrue(started, started.contains("call s1 from +15551234 to +15550100 at 8000 Hz"));
        call.speak();
        call.listener.digit('0');
        TurnResponse r = done.get(5, TimeUnit.SECONDS);
        AssistantAction last = r.actions().get(r.actions().size() - 1);
        assertEquals(new AssistantAction.Transfer("TransferToAgent", null, Map.of("X-Intent", "Agent")), last);
        assertEquals(true, r.context().get("greetingPlayed"));
        assertEquals(
                "the bot heard the second of tone", 1000, ((Number) r.context().get("heardMs")).intValue());
        assertEquals("en", r.context().get("lang"));
        assertEquals(List.of("bot: Connecting you to an agent."), call.turns);
        assertTrue("the call's stream is closed", call.streamClosed);
    }

    @Test
    public void at16kHzTheBotsAudioIsHalvedAndTheCallersDoubled() throws Exception {
        FakeCall call = new FakeCall();
        var done = assistant(", \"sampleRate\": 16000").converse(start(), call).toCompletableFuture();
        await(() -> call.listener != null && call.marks.contains("greeting"));
        botOut.readLine();
        assertEquals(4800, call.played.get());
        call.speak();
        call.listener.digit('#');
        TurnResponse r = done.get(5, TimeUnit.SECONDS);
        assertEquals(
                new AssistantAction.Hangup(Map.of("X-Resolution", "Resolved")),
                r.actions().get(r.actions().size() - 1));
        assertEquals(1000, ((Number) r.context().get("heardMs")).intValue());
    }

    @Test
    public void theCallerHangingUpEndsTheConversation() throws Exception {
        FakeCall call = new FakeCall();
        var done = assistant("").converse(start(), call).toCompletableFuture();
        await(() -> call.listener != null);
        botOut.readLine();
        call.active = false;
        TurnResponse r = done.get(5, TimeUnit.SECONDS);
        assertEquals(new AssistantAction.End(), r.actions().get(r.actions().size() - 1));
    }

    private static void assertFallback(TurnResponse r, String problem) {
        String error = String.valueOf(r.context().get("websocketError"));
        assertTrue(error, error.contains(problem));
        assertEquals(
                new AssistantAction.SetContext(Map.of("websocketError", error)),
                r.actions().get(0));
        assertTrue(r.actions().get(1) instanceof AssistantAction.Say);
        assertEquals(
                new AssistantAction.Transfer("TransferToAgent", null, Map.of()),
                r.actions().get(2));
    }

    private static TurnResponse converseWith(String extra) throws Exception {
        FakeCall call = new FakeCall();
        TurnResponse r =
                assistant(extra).converse(start(), call).toCompletableFuture().get(10, TimeUnit.SECONDS);
        if (call.listener != null) {
            botOut.readLine();
        }
        return r;
    }

    @Test
    public void aBotAnsweringGarbageTakesTheFallback() throws Exception {
        assertFallback(
                converseWith(", \"metadata\": {\"mode\": \"garbage\"}"),
                "sent a message that is not understood: not a JSON object");
    }

    @Test
    public void aBotClosingTheConnectionTakesTheFallback() throws Exception {
        assertFallback(
                converseWith(", \"metadata\": {\"mode\": \"close\"}"),
                "closed the connection (1011 the bot broke) without a transfer, hangup or disconnect");
    }

    @Test
    public void aBotThatGoesQuietTakesTheFallback() throws Exception {
        assertFallback(
                converseWith(", \"idleTimeoutMs\": 1000, \"metadata\": {\"mode\": \"silent\"}"),
                "sent nothing for 1000 ms");
    }

    @Test
    public void anUnreachableBotTakesTheFallback() throws Exception {
        int nobody;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            nobody = s.getLocalPort();
        }
        TurnResponse r = FACTORY.create("x", "{\"type\": \"websocket\", \"url\": \"ws://127.0.0.1:" + nobody + "/\"}")
                .converse(start(), new FakeCall())
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertFallback(r, "unreachable");
    }

    @Test
    public void aServerThatNeverAnswersTheHandshakeTakesTheFallback() throws Exception {
        try (ServerSocket mute = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            TurnResponse r = FACTORY.create(
                            "x",
                            "{\"type\": \"websocket\", \"connectTimeoutMs\": 500, \"url\": \"ws://127.0.0.1:"
                                    + mute.getLocalPort() + "/\"}")
                    .converse(start(), new FakeCall())
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertFallback(r, "did not answer the connection within 500 ms");
        }
    }

    @Test
    public void badDefinitionsSayWhatIsWrong() {
        assertBad("{\"type\": \"websocket\"}", "$.url: missing");
        assertBad("{\"type\": \"websocket\", \"url\": \"http://x/\"}", "$.url: must be a ws:// or wss:// URL");
        assertBad("{\"type\": \"websocket\", \"url\": \"ws://x/\", \"sampleRate\": 44100}", "$.sampleRate");
        assertBad("{\"type\": \"websocket\", \"url\": \"ws://x/\", \"metadata\": 3}", "$.metadata");
        assertBad("{\"type\": \"websocket\", \"url\": \"ws://x/\", \"idleTimeoutMs\": 5}", "$.idleTimeoutMs");
        assertBad("{\"type\": \"websocket\", \"url\": \"ws://x/\", \"colour\": 5}", "$.colour: unknown field");
    }

    private static void assertBad(String definition, String problem) {
        try {
            FACTORY.create("x", definition);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith(problem));
            return;
        }
        throw new AssertionError("accepted " + definition);
    }
}
