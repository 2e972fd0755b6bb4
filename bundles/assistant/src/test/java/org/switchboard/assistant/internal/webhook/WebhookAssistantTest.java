package org.switchboard.assistant.internal.webhook;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.switchboard.api.assistant.AssistantAction;
import org.switchboard.api.assistant.TurnRequest;
import org.switchboard.api.assistant.TurnRequest.Event;
import org.switchboard.api.assistant.TurnResponse;
import org.switchboard.api.assistant.VirtualAssistant;
import org.switchboard.testing.FreePorts;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;

/** The webhook assistant against a real local HTTP server, and against the example bot under examples/. */
public class WebhookAssistantTest {

    private HttpServer server;
    private final AtomicReference<String> mode = new AtomicReference<>("ok");
    private final AtomicReference<String> received = new AtomicReference<>();
    private final AtomicReference<String> auth = new AtomicReference<>();
    private final WebhookAssistantFactory factory = new WebhookAssistantFactory();

    @Before
    public void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/turn", exchange -> {
            received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            auth.set(exchange.getRequestHeaders().getFirst("Authorization"));
            String body = switch (mode.get()) {
                case "garbage" -> "<html>oops</html>";
                case "badAction" -> "{\"actions\": [{\"type\": \"dance\"}]}";
                default -> """
                        {"actions": [{"type": "say", "text": "Hi"}, {"type": "gather", "maxDigits": 4,
                          "phrases": ["yes"], "timeoutMs": 3000}, {"type": "setContext", "values": {"k": "v"}}],
                         "context": {"n": 1}, "task": "greet"}""";
            };
            if (mode.get().equals("slow")) {
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = mode.get().equals("error") ? 500 : 200;
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, b.length);
            exchange.getResponseBody().write(b);
            exchange.close();
        });
        server.start();
    }

    @After
    public void stop() {
        server.stop(0);
    }

    private VirtualAssistant bot(String url, String extra) {
        return factory.create(
                "helper", "{\"type\": \"webhook\", \"url\": \"" + url + "\", \"timeoutMs\": 500" + extra + "}");
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/turn";
    }

    private static TurnResponse take(VirtualAssistant a, TurnRequest r) {
        return a.takeTurn(r).toCompletableFuture().join();
    }

    private static TurnRequest utterance(String text, Map<String, Object> ctx) {
        return new TurnRequest(
                "s1",
                "st-1",
                Event.UTTERANCE,
                text,
                0.87,
                null,
                ctx,
                new org.switchboard.api.call.SessionContext(
                        "s1",
                        "c-1@zcc",
                        "st-1",
                        "zcc",
                        "+15550100",
                        "+14085551212",
                        java.time.Instant.EPOCH,
                        Map.of(),
                        Map.of("X-Trace-ID", "t-1")));
    }

    @Test
    public void aTurnIsPostedAsJsonAndTheActionsAreRead() {
        TurnResponse r = take(
                bot(url(), ", \"headers\": {\"Authorization\": \"Bearer s3cret\"}"),
                utterance("order status", Map.of("intent", "x")));
        JsonObject sent = JsonParser.parseString(received.get()).getAsJsonObject();
        assertEquals("utterance", sent.get("event").getAsString());
        assertEquals("order status", sent.get("text").getAsString());
        assertEquals(0.87, sent.get("confidence").getAsDouble(), 1e-9);
        assertEquals("s1", sent.get("sessionId").getAsString());
        assertEquals("x", sent.getAsJsonObject("context").get("intent").getAsString());
        JsonObject call = sent.getAsJsonObject("call");
        assertEquals("c-1@zcc", call.get("callId").getAsString());
        assertEquals("+15550100", call.get("did").getAsString());
        assertEquals("t-1", call.getAsJsonObject("sipHeaders").get("X-Trace-ID").getAsString());
        assertEquals("Bearer s3cret", auth.get());
        assertEquals(3, r.actions().size());
        assertEquals(new AssistantAction.Say("Hi", true), r.actions().get(0));
        AssistantAction.Gather g = (AssistantAction.Gather) r.actions().get(1);
        assertEquals(4, g.maxDigits());
        assertEquals(List.of("yes"), g.phrases());
        assertEquals("greet", r.taskName());
        assertEquals(1.0, ((Number) r.context().get("n")).doubleValue(), 0);
    }

    @Test
    public void partialResultsArePostedOnlyWhenTheBotAsksForThem() throws Exception {
        VirtualAssistant quiet = bot(url(), "");
        assertFalse(quiet.wantsPartials());
        VirtualAssistant eager = bot(url(), ", \"partials\": true, \"headers\": {\"Authorization\": \"Bearer p\"}");
        assertTrue(eager.wantsPartials());
        eager.partial("s1", "order sta", Map.of("intent", "x"));
        for (int i = 0; i < 200 && received.get() == null; i++) {
            Thread.sleep(10);
        }
        JsonObject sent = JsonParser.parseString(received.get()).getAsJsonObject();
        assertEquals("partial", sent.get("event").getAsString());
        assertEquals("order sta", sent.get("text").getAsString());
        assertEquals("helper", sent.get("assistantId").getAsString());
        assertEquals("x", sent.getAsJsonObject("context").get("intent").getAsString());
        assertEquals("Bearer p", auth.get());
        IllegalArgumentException e = org.junit.Assert.assertThrows(
                IllegalArgumentException.class, () -> bot(url(), ", \"partials\": \"yes\""));
        assertTrue(e.getMessage(), e.getMessage().contains("$.partials: must be true or false"));
    }

    private void assertFallback(TurnResponse r, String problem) {
        assertTrue(
                r.context().get("webhookError").toString(),
                r.context().get("webhookError").toString().contains(problem));
        AssistantAction last = r.actions().get(r.actions().size() - 1);
        assertTrue(
                last.toString(),
                last instanceof AssistantAction.Transfer t && t.reason().equals("TransferToAgent"));
        assertTrue(r.actions().stream().anyMatch(a -> a instanceof AssistantAction.Say));
    }

    @Test
    public void aSlowBotTakesTheFallback() {
        mode.set("slow");
        assertFallback(take(bot(url(), ""), utterance("hi", Map.of())), "no answer within 500 ms");
    }

    @Test
    public void aFailingBotTakesTheFallback() {
        mode.set("error");
        assertFallback(take(bot(url(), ""), utterance("hi", Map.of())), "HTTP 500");
    }

    @Test
    public void garbageTakesTheFallback() {
        mode.set("garbage");
        assertFallback(take(bot(url(), ""), utterance("hi", Map.of())), "not a turn response");
        mode.set("badAction");
        assertFallback(take(bot(url(), ""), utterance("hi", Map.of())), "unknown action 'dance'");
    }

    @Test
    public void anUnreachableBotTakesTheConfiguredFallback() throws Exception {
        int closed = FreePorts.tcp();
        TurnResponse r = take(
                bot("http://127.0.0.1:" + closed + "/turn", ", \"fallback\": \"hangup\""), utterance("hi", Map.of()));
        assertTrue(r.context().get("webhookError").toString().contains("unreachable"));
        assertTrue(r.actions().get(r.actions().size() - 1) instanceof AssistantAction.Hangup);
    }

    @Test
    public void badDefinitionsNameTheField() {
        String[][] cases = {
            {"{\"type\": \"webhook\"}", "$.url"},
            {"{\"type\": \"webhook\", \"url\": \"ftp://x/\"}", "$.url"},
            {"{\"type\": \"webhook\", \"url\": \"http://x/\", \"timeoutMs\": 5}", "$.timeoutMs"},
            {"{\"type\": \"webhook\", \"url\": \"http://x/\", \"fallback\": \"panic\"}", "$.fallback"},
            {"{\"type\": \"webhook\", \"url\": \"http://x/\", \"colour\": 1}", "$.colour"}
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> factory.create("b", c[0]));
            assertTrue(e.getMessage(), e.getMessage().startsWith(c[1]));
        }
        String shown = WebhookSettings.parse("{\"url\": \"http://x/\", \"headers\": {\"Authorization\": \"t0ken\"}}")
                .toString();
        assertTrue(shown, !shown.contains("t0ken"));
    }

    @Test
    public void theExampleBotHoldsADialogue() throws Exception {
        int port = FreePorts.tcp();
        Process p = new ProcessBuilder(
                        "python3",
                        Paths.get("../../examples/webhook-bot/bot.py").toString(),
                        "--port",
                        Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertTrue(out.readLine().contains("listening"));
            VirtualAssistant bot = factory.create(
                    "orders",
                    "{\"type\": \"webhook\", \"url\": \"http://127.0.0.1:" + port + "/turn\", \"timeoutMs\": 3000}");
            TurnResponse r = take(bot, new TurnRequest("s1", null, Event.START, null, 0, null, Map.of()));
            assertTrue(r.actions().get(1) instanceof AssistantAction.Gather);
            r = take(bot, utterance("one two", r.context()));
            assertTrue(r.actions().get(1) instanceof AssistantAction.Gather);
            assertEquals(1.0, ((Number) r.context().get("failures")).doubleValue(), 0);
            TurnResponse done = take(bot, new TurnRequest("s1", null, Event.DTMF, null, 1, "4712", r.context()));
            assertEquals(
                    new AssistantAction.Hangup(Map.of("X-Resolution", "OrderStatusGiven")),
                    done.actions().get(done.actions().size() - 1));
            TurnResponse agent = take(bot, utterance("agent please", r.context()));
            assertEquals(
                    Map.of("X-Intent", "OrderStatus"),
                    ((AssistantAction.Transfer)
                                    agent.actions().get(agent.actions().size() - 1))
                            .headers());
        } finally {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
