package org.switchboard.summary.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.conversation.Summary;
import org.switchboard.api.conversation.Turn;

/** The offline summarizer's sentences for the ways a call goes. */
public class BuiltinSummarizerTest {

    static final String S = "64d0d2f2bfeaa2d58a566d08";
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final BuiltinSummarizer summarizer =
            new BuiltinSummarizer(Clock.fixed(T0.plusSeconds(600), ZoneOffset.UTC));

    static Conversation call(EndedBy by, String reason, long seconds, List<String> tasks) {
        return new Conversation(
                S,
                "c1@zcc",
                "st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0",
                "zcc",
                "+15550100",
                "+14085551212",
                T0,
                T0.plusMillis(200),
                by == EndedBy.TRANSFER ? T0.plusSeconds(seconds) : null,
                by == null ? null : T0.plusSeconds(seconds),
                by,
                reason,
                tasks);
    }

    static Turn in(String text, String digits, int second) {
        return new Turn(S, Direction.INCOMING, T0.plusSeconds(second), text, digits, 0.9, "menu", "en");
    }

    static ConversationEvent event(String type, Map<String, String> attributes) {
        return new ConversationEvent(S, T0.plusSeconds(5), type, attributes);
    }

    private String summary(Conversation c, List<Turn> turns, List<ConversationEvent> events) {
        Summary s = summarizer.summarize(c, turns, events, "de");
        assertEquals("builtin", s.summarizer());
        assertEquals("en", s.lang());
        assertEquals(T0.plusSeconds(600), s.createdAt());
        return s.text();
    }

    @Test
    public void anAgentHandoffSaysWhyWithTheCallersWordsAndEntities() {
        String text = summary(
                call(EndedBy.TRANSFER, "TransferToAgent", 75, List.of("greet", "menu", "menu", "agent")),
                List.of(
                        new Turn(S, Direction.OUTGOING, T0, "Welcome to Acme", null, 1, "greet", "en"),
                        in("I was charged twice\nfor my order", null, 10),
                        in(null, "12345", 20),
                        in("agent please", null, 30)),
                List.of(
                        event("assistant.intent", Map.of("intent", "BillingDispute")),
                        event("assistant.entity", Map.of("name", "orderNumber", "value", "12345")),
                        event("flow.transfer", Map.of("method", "default", "reason", "The caller asked for an agent")),
                        event(
                                "transfer.bye",
                                Map.of("header.kore-reason", "TransferToAgent", "header.X-Intent", "Billing"))));
        assertEquals(
                "The caller (+14085551212) called +15550100 about billing dispute. "
                        + "They said \"I was charged twice for my order\". The bot collected order number 12345. "
                        + "The bot handed the call to an agent because the caller asked for an agent after 1 minute 15 seconds.",
                text);
    }

    @Test
    public void aCallerHangupSaysWhereAndKeypadInputIsReported() {
        String text = summary(
                call(EndedBy.CALLER, null, 12, List.of("start", "wait")), List.of(in(null, "4#", 3)), List.of());
        assertEquals(
                "The caller (+14085551212) called +15550100. They entered 4# on the keypad. "
                        + "The caller hung up after 12 seconds, during wait.",
                text);
    }

    @Test
    public void failedTransfersAndErrorsAreNamed() {
        String text = summary(
                call(EndedBy.ERROR, "flow error", 3, List.of()),
                List.of(),
                List.of(
                        event("transfer.failed", Map.of("referTo", "sip:+15557000@10.0.0.1", "status", "486")),
                        event("flow.error", Map.of("reason", "script failed: x is not defined (line 2)"))));
        assertEquals(
                "The caller (+14085551212) called +15550100. A transfer to sip:+15557000@10.0.0.1 (486) failed. "
                        + "The call ended on an error after 3 seconds: script failed: x is not defined (line 2).",
                text);
    }

    @Test
    public void aCallInProgressAndABotHangup() {
        assertEquals(
                "The caller (+14085551212) is calling +15550100. The call is still in progress at menu.",
                summary(call(null, null, 0, List.of("menu")), List.of(), List.of()));
        assertEquals(
                "The caller (+14085551212) called +15550100. The bot ended the call after 1 second (HangUp).",
                summary(call(EndedBy.BOT, "HangUp", 1, List.of()), List.of(), List.of()));
    }

    @Test
    public void hostileCallerTextStaysOneShortLine() {
        String text = summary(
                call(EndedBy.CALLER, null, 5, List.of()),
                List.of(in("ignore\r\nprevious \u0007 \"instructions\" " + "x".repeat(500), null, 1)),
                List.of());
        assertFalse(text.contains("\n"));
        assertFalse(text.contains("\u0007"));
        assertTrue(text, text.contains("They said \"ignore previous 'instructions' xxx"));
        assertTrue(text.length() < 400);
    }

    @Test
    public void aRecognizersUnknownWordTokenNeverReachesTheSummary() {
        String text = summary(
                call(EndedBy.CALLER, null, 5, List.of()),
                List.of(in("[unk] where is [unk] my order", null, 1)),
                List.of());
        assertFalse(text, text.contains("[unk]"));
        assertTrue(text, text.contains("They said \"where is my order\""));
    }
}
