package org.switchboard.assistant.internal.jambonz;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.switchboard.api.assistant.AssistantAction;
import org.switchboard.api.assistant.TurnRequest;
import org.switchboard.api.assistant.TurnRequest.Event;
import org.switchboard.api.assistant.TurnResponse;
import org.switchboard.api.assistant.VirtualAssistant;
import org.switchboard.api.call.SessionContext;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;

/** A jambonz application written to jambonz's webhook documentation, served by a real local HTTP server. */
public class JambonzAssistantTest {

    private HttpServer server;
    private final java.util.concurrent.ExecutorService handlers = java.util.concurrent.Executors.newCachedThreadPool();
    /** What each path answers: a status and a body. */
    private final Map<String, String> answers = new ConcurrentHashMap<>();

    private final Map<String, JsonObject> posted = new ConcurrentHashMap<>();
    /** The call_status of every post to /status, in the order they arrived. */
    private final List<String> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();

    private VirtualAssistant app;
    private final java.util.concurrent.atomic.AtomicInteger fetches = new java.util.concurrent.atomic.AtomicInteger();

    @Before
    public void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            JsonObject body = JsonParser.parseString(
                            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                    .getAsJsonObject();
            posted.put(path, body);
            if (path.equals("/status")) {
                String status = body.get("call_status").getAsString();
                statuses.add(status);
                if (status.equals("in-progress")) {
                    sleep(300);
                    statuses.add("answered");
                }
            }
            String answer = answers.getOrDefault(path, "404 ");
            int status = Integer.parseInt(answer.substring(0, 3));
            byte[] b = answer.substring(4).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
            if (b.length > 0) {
                exchange.getResponseBody().write(b);
            }
            exchange.close();
        });
        server.createContext("/audio/", exchange -> {
            fetches.incrementAndGet();
            byte[] b = exchange.getRequestURI().getPath().endsWith("/missing.wav")
                    ? new byte[0]
                    : "RIFF-pretend-wav".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(b.length == 0 ? 404 : 200, b.length == 0 ? -1 : b.length);
            if (b.length > 0) {
                exchange.getResponseBody().write(b);
            }
            exchange.close();
        });
        server.setExecutor(handlers);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/call";
        app = new JambonzAssistantFactory()
                .create("acme", "{\"type\": \"jambonz\", \"url\": \"" + url + "\", \"timeoutMs\": 2000}");
        answers.put("/call", """
                200 [{"verb": "say", "text": "Welcome to Acme."},
                     {"verb": "gather", "input": ["speech", "digits"], "actionHook": "/menu", "timeout": 5,
                      "hints": ["billing", "agent"], "say": {"text": "Say billing or agent."}},
                     {"verb": "say", "text": "Goodbye."},
                     {"verb": "hangup", "headers": {"X-Reason": "done"}}]""");
    }

    @After
    public void stop() {
        server.stop(0);
        handlers.shutdownNow();
    }

    private static SessionContext call() {
        return new SessionContext(
                "s1",
                "call-1@zcc",
                "st-1",
                "zcc",
                "+15550100",
                "+15551234",
                Instant.now(),
                Map.of(),
                Map.of("X-Zcc-Engagement", "eng-7"));
    }

    private TurnResponse turn(Event event, String text, String digits, Map<String, Object> context) throws Exception {
        return app.takeTurn(new TurnRequest("s1", "st-1", event, text, 0.9, digits, context, call()))
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
    }

    @Test
    public void theCallWebhookGetsTheCallAndItsVerbsRunUpToTheGather() throws Exception {
        TurnResponse r = turn(Event.START, null, null, Map.of());
        assertEquals(
                List.of(
                        new AssistantAction.Say("Welcome to Acme.", false),
                        new AssistantAction.Say("Say billing or agent.", true),
                        new AssistantAction.Gather(true, true, 1, List.of("billing", "agent"), Duration.ofSeconds(5))),
                r.actions());
        JsonObject hook = posted.get("/call");
        assertEquals("s1", hook.get("call_sid").getAsString());
        assertEquals("+15551234", hook.get("from").getAsString());
        assertEquals("+15550100", hook.get("to").getAsString());
        assertEquals("call-1@zcc", hook.get("call_id").getAsString());
        assertEquals("inbound", hook.get("direction").getAsString());
        assertEquals(
                "eng-7",
                hook.getAsJsonObject("sip")
                        .getAsJsonObject("headers")
                        .get("X-Zcc-Engagement")
                        .getAsString());
        assertEquals("/menu", r.context().get(JambonzAssistant.HOOK));
    }

    @Test
    public void theGathersActionHookGetsTheWordsAndItsVerbsReplaceTheRest() throws Exception {
        answers.put("/menu", """
                200 [{"verb": "sip:refer", "referTo": "sip:agents@zcc.example", "headers": {"X-Intent": "Agent"}}]""");
        TurnResponse start = turn(Event.START, null, null, Map.of());
        TurnResponse r = turn(Event.UTTERANCE, "agent", null, start.context());
        assertEquals(
                List.of(new AssistantAction.Transfer(
                        "TransferToAgent", "sip:agents@zcc.example", Map.of("X-Intent", "Agent"))),
                r.actions());
        JsonObject hook = posted.get("/menu");
        assertEquals("speechDetected", hook.get("reason").getAsString());
        assertEquals(
                "agent",
                hook.getAsJsonObject("speech")
                        .getAsJsonArray("alternatives")
                        .get(0)
                        .getAsJsonObject()
                        .get("transcript")
                        .getAsString());
    }

    @Test
    public void anEmptyAnswerGoesOnWithTheVerbsLeft() throws Exception {
        answers.put("/menu", "200 ");
        TurnResponse start = turn(Event.START, null, null, Map.of());
        TurnResponse r = turn(Event.DTMF, null, "1", start.context());
        assertEquals(
                List.of(
                        new AssistantAction.Say("Goodbye.", false),
                        new AssistantAction.Hangup(Map.of("X-Reason", "done"))),
                r.actions());
        assertEquals("dtmfDetected", posted.get("/menu").get("reason").getAsString());
        assertEquals("1", posted.get("/menu").get("digits").getAsString());
    }

    @Test
    public void silenceIsATimeoutAndRedirectsTagsAndPausesWork() throws Exception {
        answers.put("/menu", """
                200 [{"verb": "tag", "data": {"account": "A-17"}},
                     {"verb": "pause", "length": 1.5},
                     {"verb": "redirect", "actionHook": "/other"}]""");
        answers.put("/other", """
                200 [{"verb": "dial", "target": []}, {"verb": "say", "text": "Bye."}]""");
        TurnResponse start = turn(Event.START, null, null, Map.of());
        TurnResponse r = turn(Event.NO_INPUT, null, null, start.context());
        assertEquals("timeout", posted.get("/menu").get("reason").getAsString());
        assertEquals(
                "the tag's data goes with later hooks",
                "A-17",
                posted.get("/other")
                        .getAsJsonObject("customerData")
                        .get("account")
                        .getAsString());
        List<AssistantAction> a = r.actions();
        assertEquals(new AssistantAction.Play("silence:1500", false), a.get(1));
        assertTrue(
                "the unsupported dial is recorded: " + a,
                a.contains(new AssistantAction.SetContext(
                        Map.of("jambonzSkipped", "{dial=not supported by Switchboard; skipped}"))));
        assertEquals(new AssistantAction.Say("Bye.", false), a.get(a.size() - 2));
        assertEquals("no more verbs: jambonz hangs up", new AssistantAction.Hangup(Map.of()), a.get(a.size() - 1));
    }

    @Test
    public void audioFromAUrlIsFetchedOnceAndPlayedFromItsFileAndAMissingOneTakesTheFallback() throws Exception {
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/audio/";
        answers.put(
                "/call",
                "200 [{\"verb\": \"play\", \"url\": \"" + base + "hello.wav\"}, " + "{\"verb\": \"play\", \"url\": \""
                        + base + "hello.wav\"}, {\"verb\": \"hangup\"}]");
        TurnResponse r = turn(Event.START, null, null, Map.of());
        AssistantAction.Play first = (AssistantAction.Play) r.actions().get(0);
        assertTrue(first.uri(), first.uri().endsWith(".wav") && !first.uri().startsWith("http"));
        assertEquals("RIFF-pretend-wav", java.nio.file.Files.readString(java.nio.file.Path.of(first.uri())));
        assertEquals(first, r.actions().get(1));
        turn(Event.START, null, null, Map.of());
        assertEquals("fetched once for both plays and both calls", 1, fetches.get());

        answers.put("/call", "200 [{\"verb\": \"play\", \"url\": \"" + base + "missing.wav\"}]");
        TurnResponse missing = turn(Event.START, null, null, Map.of());
        assertEquals(
                "the application's verbs: audio " + base + "missing.wav answered HTTP 404",
                missing.context().get("jambonzError"));
    }

    @Test
    public void aReferOutcomeGoesToItsActionHookAndAfterAFailureTheAppGoesOn() throws Exception {
        assertTrue(app.followsTransfers());
        answers.put("/call", """
                200 [{"verb": "sip:refer", "referTo": "sip:agents@zcc.example", "actionHook": "/referred"},
                     {"verb": "say", "text": "Left over."}]""");
        answers.put("/referred", """
                200 [{"verb": "say", "text": "Everyone is busy."}, {"verb": "hangup"}]""");
        TurnResponse start = turn(Event.START, null, null, Map.of());
        TurnResponse failed =
                turn(Event.TRANSFER_FAILED, "486 transfer failed: SIP/2.0 486 Busy Here", null, start.context());
        JsonObject hook = posted.get("/referred");
        assertEquals(202, hook.get("refer_status").getAsInt());
        assertEquals(486, hook.get("final_referred_call_status").getAsInt());
        assertEquals(
                List.of(new AssistantAction.Say("Everyone is busy.", false), new AssistantAction.Hangup(Map.of())),
                failed.actions());

        posted.clear();
        TurnResponse refused = turn(Event.TRANSFER_FAILED, "403 REFER answered 403 Forbidden", null, start.context());
        assertEquals(403, posted.get("/referred").get("refer_status").getAsInt());
        assertTrue(!posted.get("/referred").has("final_referred_call_status"));

        posted.clear();
        TurnResponse done = turn(Event.TRANSFERRED, "200 SIP/2.0 200 OK", null, start.context());
        assertEquals(List.of(), done.actions());
        long until = System.currentTimeMillis() + 3000;
        while (!posted.containsKey("/referred") && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        assertEquals("completed", posted.get("/referred").get("call_status").getAsString());
        assertEquals(
                200, posted.get("/referred").get("final_referred_call_status").getAsInt());

        answers.put("/call", """
                200 [{"verb": "sip:refer", "referTo": "sip:agents@zcc.example"}, {"verb": "say", "text": "Sorry."}]""");
        TurnResponse noHook = turn(Event.START, null, null, Map.of());
        TurnResponse after = turn(Event.TRANSFER_FAILED, "0 no final NOTIFY within 15 s", null, noHook.context());
        assertEquals(
                "without a hook the verbs left go on",
                List.of(new AssistantAction.Say("Sorry.", false), new AssistantAction.Hangup(Map.of())),
                after.actions());
        assertTrue(refused.actions().size() > 0);
    }

    @Test
    public void finishOnKeyEndsADigitEntry() throws Exception {
        answers.put("/call", """
                200 [{"verb": "gather", "input": ["digits"], "finishOnKey": "*", "actionHook": "/menu"},
                     {"verb": "gather", "input": ["digits"], "numDigits": 4, "actionHook": "/menu"}]""");
        TurnResponse r = turn(Event.START, null, null, Map.of());
        assertEquals(
                new AssistantAction.Gather(true, false, 64, List.of(), Duration.ofSeconds(15), "*"),
                r.actions().get(0));
        answers.put("/menu", "200 ");
        TurnResponse next = turn(Event.DTMF, null, "12", r.context());
        assertEquals(
                "no key: # ends an entry of more than one digit, as before",
                new AssistantAction.Gather(true, false, 4, List.of(), Duration.ofSeconds(15), null),
                next.actions().get(0));
    }

    @Test
    public void configSetsTheVoiceOfAnInstalledSynthesizerAndTheHintsOfLaterGathers() throws Exception {
        JambonzAssistantFactory factory = new JambonzAssistantFactory();
        factory.bindSynthesizer(
                (org.switchboard.api.speech.SpeechSynthesizer) java.lang.reflect.Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {org.switchboard.api.speech.SpeechSynthesizer.class},
                        (proxy, method, args) -> switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> null;
                        }),
                Map.of(org.switchboard.api.speech.SpeechSynthesizer.VOICES, "kal,slt"));
        app = factory.create(
                "acme",
                "{\"type\": \"jambonz\", \"url\": \"http://127.0.0.1:"
                        + server.getAddress().getPort() + "/call\"}");
        answers.put("/call", """
                200 [{"verb": "config", "synthesizer": {"vendor": "google", "voice": "slt"},
                      "recognizer": {"hints": ["billing", {"phrase": "agent"}]}, "amd": true},
                     {"verb": "say", "text": "In slt."},
                     {"verb": "say", "text": "In kal.", "synthesizer": {"voice": "kal"}},
                     {"verb": "say", "text": "Still slt.", "synthesizer": {"voice": "Jenny"}},
                     {"verb": "gather", "input": ["speech"], "actionHook": "/menu"}]""");
        TurnResponse r = turn(Event.START, null, null, Map.of());
        List<AssistantAction> a = r.actions();
        assertTrue(a.toString(), a.get(0) instanceof AssistantAction.SetContext);
        String skipped = ((AssistantAction.SetContext) a.get(0))
                .values()
                .get("jambonzSkipped")
                .toString();
        assertTrue(skipped, skipped.contains("config.amd=not supported by Switchboard; ignored"));
        assertTrue(skipped, skipped.contains("say.synthesizer.voice='Jenny' is not an installed voice"));
        assertEquals(new AssistantAction.Say("In slt.", false, "slt"), a.get(1));
        assertEquals(new AssistantAction.Say("In kal.", false, "kal"), a.get(2));
        assertEquals(new AssistantAction.Say("Still slt.", false, "slt"), a.get(3));
        assertEquals(
                new AssistantAction.Gather(false, true, 1, List.of("billing", "agent"), Duration.ofSeconds(15)),
                a.get(4));

        answers.put("/menu", """
                200 [{"verb": "say", "text": "Kept."}, {"verb": "config", "reset": ["synthesizer", "recognizer"]},
                     {"verb": "say", "text": "Reset."}, {"verb": "gather", "input": ["speech"]}]""");
        TurnResponse next = turn(Event.UTTERANCE, "billing", null, r.context());
        assertEquals(
                "the config lasts the call: it travels in the context",
                List.of(
                        new AssistantAction.Say("Kept.", false, "slt"),
                        new AssistantAction.Say("Reset.", false, null),
                        new AssistantAction.Gather(false, true, 1, List.of(), Duration.ofSeconds(15))),
                next.actions());
    }

    @Test
    public void aBackgroundGatherListensWhileTheVerbsRunAndItsHookReplacesThem() throws Exception {
        answers.put("/call", """
                200 [{"verb": "config", "bargeIn": {"enable": true, "input": ["digits"], "actionHook": "/anytime"}},
                     {"verb": "say", "text": "Our hours are nine to five."},
                     {"verb": "pause", "length": 2},
                     {"verb": "say", "text": "We are closed on Sundays."},
                     {"verb": "hangup"}]""");
        answers.put("/anytime", """
                200 [{"verb": "say", "text": "Connecting you."}, {"verb": "sip:refer", "referTo": "sip:a@zcc"}]""");
        Duration gap = Verbs.BACKGROUND_GAP;
        TurnResponse r = turn(Event.START, null, null, Map.of());
        assertEquals(
                "each prompt is listened to, with the keys it may take",
                List.of(
                        new AssistantAction.Say("Our hours are nine to five.", true),
                        new AssistantAction.Gather(true, false, 1, List.of(), gap)),
                r.actions());
        r = turn(Event.NO_INPUT, null, null, r.context());
        assertEquals(
                "silence is not posted: the verbs go on, the pause listened to as well",
                List.of(new AssistantAction.Gather(true, false, 1, List.of(), Duration.ofSeconds(2))),
                r.actions());
        assertTrue("nothing posted for silence", !posted.containsKey("/anytime"));
        r = turn(Event.NO_INPUT, null, null, r.context());
        assertEquals(
                new AssistantAction.Say("We are closed on Sundays.", true),
                r.actions().get(0));
        TurnResponse keyed = turn(Event.DTMF, null, "0", r.context());
        assertEquals("0", posted.get("/anytime").get("digits").getAsString());
        assertEquals("dtmfDetected", posted.get("/anytime").get("reason").getAsString());
        assertEquals(
                "the hook's verbs replace the ones left; the background gather (not sticky) is over",
                List.of(
                        new AssistantAction.Say("Connecting you.", false),
                        new AssistantAction.Transfer("TransferToAgent", "sip:a@zcc", Map.of())),
                keyed.actions());

        answers.put("/call", """
                200 [{"verb": "config", "bargeIn": {"input": ["speech"], "actionHook": "/anytime", "sticky": true}},
                     {"verb": "play", "url": ["/tmp/a.wav", "/tmp/b.wav"]},
                     {"verb": "config", "bargeIn": {"enable": false}},
                     {"verb": "say", "text": "Done."}]""");
        answers.put("/anytime", "200 ");
        r = turn(Event.START, null, null, Map.of());
        assertEquals(
                List.of(
                        new AssistantAction.Play("/tmp/a.wav", true),
                        new AssistantAction.Gather(false, true, 1, List.of(), gap)),
                r.actions());
        r = turn(Event.UTTERANCE, "hello", null, r.context());
        assertEquals(
                "sticky: an empty answer goes on with the verbs left, still listened to",
                List.of(
                        new AssistantAction.Play("/tmp/b.wav", true),
                        new AssistantAction.Gather(false, true, 1, List.of(), gap)),
                r.actions());
        r = turn(Event.NO_INPUT, null, null, r.context());
        assertEquals(
                "disabled: the rest runs unlistened",
                List.of(new AssistantAction.Say("Done.", false), new AssistantAction.Hangup(Map.of())),
                r.actions());

        answers.put("/call", """
                200 [{"verb": "config", "bargeIn": {"enable": true, "actionHook": "/anytime"}}]""");
        assertTrue(turn(Event.START, null, null, Map.of())
                .context()
                .get("jambonzError")
                .toString()
                .contains("verb 'config': bargeIn.input missing"));
    }

    @Test
    public void theCallStatusWebhookHearsTheCallAnsweredAndEnded() throws Exception {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        app = new JambonzAssistantFactory()
                .create(
                        "acme",
                        "{\"type\": \"jambonz\", \"url\": \"" + base + "/call\", \"statusUrl\": \"" + base
                                + "/status\"}");
        answers.put("/status", "200 ");
        answers.put("/call", "200 [{\"verb\": \"say\", \"text\": \"Hi.\"}]");
        TurnResponse r = turn(Event.START, null, null, Map.of());
        assertEquals(
                "the verbs ran out: the call ends",
                new AssistantAction.Hangup(Map.of()),
                r.actions().get(1));
        awaitStatuses(3);
        assertEquals(
                "the end is posted once the answer to the start is in",
                List.of("in-progress", "answered", "completed"),
                statuses);
        assertEquals("s1", posted.get("/status").get("call_sid").getAsString());
        turn(Event.HANGUP, null, null, r.context());
        Thread.sleep(200);
        assertEquals("the end is posted once", 3, statuses.size());

        var e = org.junit.Assert.assertThrows(
                IllegalArgumentException.class,
                () -> new JambonzAssistantFactory()
                        .create("x", "{\"type\": \"jambonz\", \"url\": \"" + base + "/call\", \"statusUrl\": 7}"));
        assertTrue(e.getMessage(), e.getMessage().startsWith("$.statusUrl"));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitStatuses(int count) throws InterruptedException {
        long until = System.currentTimeMillis() + 3000;
        while (System.currentTimeMillis() < until && statuses.size() < count) {
            Thread.sleep(10);
        }
    }

    @Test
    public void aBrokenApplicationTakesTheFallbackWithTheReason() throws Exception {
        TurnResponse start = turn(Event.START, null, null, Map.of());
        for (String answer : List.of(
                "500 oops",
                "200 <html>",
                "200 {\"verb\": \"say\"}",
                "200 [{\"verb\": \"dance\"}]",
                "200 [{\"verb\": \"say\", \"text\": 7}]",
                "200 [{\"verb\": \"gather\", \"input\": \"speech\"}]")) {
            answers.put("/menu", answer);
            TurnResponse r = turn(Event.UTTERANCE, "billing", null, start.context());
            AssistantAction last = r.actions().get(r.actions().size() - 1);
            assertTrue(answer + " -> " + r.actions(), last instanceof AssistantAction.Transfer);
            assertTrue(answer + " -> " + r.context(), r.context().get("jambonzError") != null);
        }
        answers.put("/menu", "500 oops");
        assertEquals(
                "hook http://127.0.0.1:" + server.getAddress().getPort() + "/menu answered HTTP 500",
                turn(Event.UTTERANCE, "billing", null, start.context())
                        .context()
                        .get("jambonzError"));
        answers.put("/menu", "200 [{\"verb\": \"dance\"}]");
        TurnResponse r = turn(Event.UTTERANCE, "billing", null, start.context());
        assertTrue(
                r.context().get("jambonzError").toString(),
                r.context().get("jambonzError").toString().contains("verb 'dance': not a jambonz verb"));
    }

    @Test
    public void theExampleAppHoldsADialogue() throws Exception {
        int port = org.switchboard.testing.FreePorts.tcp();
        Process p = new ProcessBuilder(
                        "python3",
                        java.nio.file.Paths.get("../../examples/jambonz-app/app.py")
                                .toString(),
                        "--port",
                        Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(
                    new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertTrue(out.readLine().contains("listening"));
            app = new JambonzAssistantFactory()
                    .create("acme", "{\"type\": \"jambonz\", \"url\": \"http://127.0.0.1:" + port + "/call\"}");
            TurnResponse r = turn(Event.START, null, null, Map.of());
            assertEquals(
                    "the greeting is listened to for a key",
                    new AssistantAction.Gather(
                            true, false, 1, List.of("billing", "agent", "goodbye"), Verbs.BACKGROUND_GAP),
                    r.actions().get(1));
            TurnResponse keyed = turn(Event.DTMF, null, "0", r.context());
            assertEquals(
                    new AssistantAction.Say("Right away, connecting you to an agent.", false),
                    keyed.actions().get(0));
            r = turn(Event.NO_INPUT, null, null, r.context()); // the pause, listened to
            r = turn(Event.NO_INPUT, null, null, r.context());
            assertEquals(
                    "then the menu, with the config's hints",
                    new AssistantAction.Gather(
                            true, true, 1, List.of("billing", "agent", "goodbye"), Duration.ofSeconds(6)),
                    r.actions().get(1));
            r = turn(Event.UTTERANCE, "billing", null, r.context());
            assertEquals(
                    new AssistantAction.Say("Your balance is forty two dollars.", false),
                    r.actions().get(0));
            r = turn(Event.DTMF, null, "0", r.context());
            assertEquals(
                    new AssistantAction.Transfer(
                            "TransferToAgent", "sip:agents@zcc.example.com", Map.of("X-Intent", "Agent")),
                    r.actions().get(r.actions().size() - 1));
            TurnResponse quiet = turn(Event.START, null, null, Map.of());
            quiet = turn(Event.NO_INPUT, null, null, quiet.context());
            quiet = turn(Event.NO_INPUT, null, null, quiet.context());
            quiet = turn(Event.NO_INPUT, null, null, quiet.context());
            assertEquals(
                    "silence: the verbs left say goodbye and hang up",
                    new AssistantAction.Hangup(Map.of("X-Resolution", "NoInput", "X-Caller", "+15551234")),
                    quiet.actions().get(quiet.actions().size() - 1));
        } finally {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
