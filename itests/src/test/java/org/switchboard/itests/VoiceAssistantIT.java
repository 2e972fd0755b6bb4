package org.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationStore;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.conversation.SipMessageRecord;
import org.switchboard.api.conversation.Turn;
import org.switchboard.testing.VoiceCaller;

/**
 * The Acme support demo (+15550105) end to end with real speech: sipp places the call, a scripted caller talks
 * over RTP with flite's voice (not our synthesizer), Vosk hears it, the built-in app answers with FreeTTS prompts,
 * and the call is handed to an agent with kore-reason: TransferToAgent and the intent.
 */
public class VoiceAssistantIT extends SwitchboardTestSupport {

    private static final String DID = "+15550105";

    private CompletableFuture<String> call(VoiceCaller caller) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return sipp(
                        "zcc-voice-call.xml",
                        "udp",
                        "-s",
                        DID,
                        "-key",
                        "rtp_port",
                        Integer.toString(caller.port()),
                        "-timeout",
                        "150s");
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    private static Map<String, List<String>> byeHeaders(ConversationStore store, String sessionId)
            throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            for (SipMessageRecord m : store.sipMessages(sessionId)) {
                if (m.direction() == Direction.OUTGOING && m.firstLine().startsWith("BYE")) {
                    return m.headers();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no BYE recorded");
    }

    /** The last call's turns and assistant events, for failure messages. */
    private String transcript() throws InterruptedException {
        Conversation c = awaitEndedConversation(DID);
        ConversationStore store = context.getService(context.getServiceReference(ConversationStore.class));
        StringBuilder b = new StringBuilder();
        store.turns(c.sessionId(), 0, 100)
                .forEach(t -> b.append(t.direction())
                        .append(' ')
                        .append(t.text())
                        .append(' ')
                        .append(t.digits())
                        .append(' ')
                        .append(t.confidence())
                        .append('\n'));
        store.events(c.sessionId())
                .forEach(e ->
                        b.append(e.type()).append(' ').append(e.attributes()).append('\n'));
        return b.toString();
    }

    @Test
    public void aCallerTalksThroughOrderStatusAndAsksForAnAgent() throws Exception {
        awaitHealthy();
        Path clips = Files.createTempDirectory(dataDir().getParent(), "clips");
        try (VoiceCaller caller = new VoiceCaller()) {
            CompletableFuture<String> sipp = call(caller);
            caller.awaitLoud(20_000); // the greeting
            Thread.sleep(3000); // well into the greeting and menu
            assertTrue("the prompt is audible: " + caller.loudestDb() + " dBFS", caller.loudestDb() > -30);

            long loudBefore = caller.loudFrames();
            caller.say(VoiceCaller.speech("order status", clips));
            long spoke = System.nanoTime();
            long lastLoud = caller.awaitQuiet(400, 5000);
            assertTrue(
                    "barge-in: the menu stopped " + (lastLoud - spoke) / 1_000_000 + " ms after the caller spoke",
                    lastLoud - spoke < 1_500_000_000L);
            assertTrue("the menu was heard", caller.loudFrames() > loudBefore);
            caller.awaitSaid();

            caller.awaitPrompt(20_000); // "Please say or key in your order number."
            caller.say(VoiceCaller.speech("four seven one two", clips));
            caller.awaitSaid();
            caller.awaitPrompt(20_000); // the status, then "anything else?"
            caller.say(VoiceCaller.speech("yes please", clips));
            caller.awaitSaid();
            caller.awaitPrompt(20_000); // the menu again
            caller.say(VoiceCaller.speech("agent", clips));
            try {
                sipp.get(90, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                System.out.println("Transcript of the failed call:\n" + transcript());
                throw e;
            }
            assertTrue("packets from Switchboard: " + caller.packetsIn(), caller.packetsIn() > 500);
        }
        Conversation c = awaitEndedConversation(DID);
        assertEquals(EndedBy.TRANSFER, c.endedBy());
        ConversationStore store = context.getService(context.getServiceReference(ConversationStore.class));
        Map<String, List<String>> bye = byeHeaders(store, c.sessionId());
        assertEquals(List.of("TransferToAgent"), bye.get("kore-reason"));
        assertEquals(List.of("Agent"), bye.get("X-Intent"));
        List<Turn> turns = store.turns(c.sessionId(), 0, 100);
        List<String> heard = turns.stream()
                .filter(t -> t.direction() == Direction.INCOMING)
                .map(Turn::text)
                .toList();
        assertEquals(heard.toString(), 4, heard.size());
        assertEquals(List.of("order status", "four seven one two"), heard.subList(0, 2));
        assertTrue(
                heard.toString(), heard.get(2).startsWith("yes") || heard.get(2).equals("yeah"));
        assertEquals("agent", heard.get(3));
        assertTrue(
                "confidences: " + turns,
                turns.stream().filter(t -> t.direction() == Direction.INCOMING).allMatch(t -> t.confidence() > 0.5));
        assertTrue(
                turns.toString(),
                turns.stream()
                        .anyMatch(t ->
                                t.direction() == Direction.OUTGOING && t.text().contains("shipped yesterday")));
        assertTrue(store.events(c.sessionId()).stream()
                .anyMatch(e -> e.type().equals("assistant.action")
                        && "transfer".equals(e.attributes().get("action"))));
        List<Map<String, String>> latencies = store.events(c.sessionId()).stream()
                .filter(e -> e.type().equals("turn.latency"))
                .map(e -> e.attributes())
                .toList();
        System.out.println("Answer latencies (caller's speech end to the answer's first packet): " + latencies);
        assertTrue("each spoken answer is timed: " + latencies, latencies.size() >= 3);
        assertTrue(
                "complete phrases end the caller's turn before the recognizer's endpoint: " + latencies,
                latencies.stream()
                                .filter(l -> "phrase".equals(l.get("endpoint")))
                                .count()
                        >= 2);
        for (Map<String, String> l : latencies) {
            long sum = 0;
            for (String stage : List.of("recognitionMs", "assistantMs", "synthesisMs", "playoutMs")) {
                sum += Long.parseLong(l.get(stage));
            }
            assertEquals("the stages add up: " + l, Long.parseLong(l.get("totalMs")), sum, 4);
        }
        var app = context.getService(context.getServiceReference(org.switchboard.api.bot.BotRepository.class))
                .createApp(
                        c.botId(),
                        "latency check",
                        java.util.Set.of(org.switchboard.api.bot.BotApp.CHAT_HISTORY),
                        false);
        var details = ConversationApiIT.post(
                "/api/public/bot/" + c.botId() + "/conversationDetails",
                ConversationApiIT.token(app),
                "{\"sessionId\":\"" + c.sessionId() + "\",\"limit\":100}");
        assertEquals(details.body(), 200, details.status());
        List<com.google.gson.JsonObject> timed = new java.util.ArrayList<>();
        details.json().getAsJsonArray("conversationHistory").forEach(item -> {
            if (item.getAsJsonObject().has("latency")) {
                timed.add(item.getAsJsonObject());
            }
        });
        assertEquals("the Details API shows each answer's latency: " + timed, latencies.size(), timed.size());
        assertTrue(timed.stream()
                .allMatch(i -> i.get("type").getAsString().equals("outgoing")
                        && i.getAsJsonObject("latency").has("totalMs")));
        String summary = summary(c.sessionId());
        for (String expected : List.of(
                "called " + DID + " about order status.",
                "The bot collected order number " + "4712 and order status shipped yesterday and will arrive tomorrow.",
                "The bot handed the call to an " + "agent because the caller asked for one after ")) {
            assertTrue("an agent-ready summary: " + summary, summary.contains(expected));
        }
        assertFalse(summary, summary.contains("[unk]"));
    }

    @Test
    public void aSilentCallerIsPromptedAgainThenHandedToAnAgent() throws Exception {
        awaitHealthy();
        try (VoiceCaller caller = new VoiceCaller()) {
            call(caller).get(120, TimeUnit.SECONDS);
        }
        Conversation c = awaitEndedConversation(DID);
        ConversationStore store = context.getService(context.getServiceReference(ConversationStore.class));
        assertEquals(List.of("Unrecognized"), byeHeaders(store, c.sessionId()).get("X-Intent"));
        assertTrue(store.turns(c.sessionId(), 0, 100).stream()
                .anyMatch(t ->
                        t.direction() == Direction.OUTGOING && t.text().startsWith("Sorry, I did not hear anything.")));
        assertEquals(
                3,
                store.events(c.sessionId()).stream()
                        .filter(e -> e.type().equals("assistant.turn"))
                        .count());
        String summary = summary(c.sessionId());
        assertTrue(
                summary,
                summary.matches("The caller \\(\\+?[0-9]+\\) called \\+15550105\\. The bot handed the call to "
                        + "an agent because the bot could not tell what the caller wanted after \\d+ seconds\\."));
    }
}
