package org.switchboard.summary.internal;

import static org.junit.Assert.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.conversation.Turn;

/**
 * The built-in summary of the demo's calls, recorded the way the runtime records them (the Acme assistant's
 * {@code assistant.action} events with {@code set.*} values, the menu's script and handoff, a caller hanging up on
 * hold): each says why the caller called, what the bot collected, why it was handed over, and how long it took.
 * The same calls placed for real are summarized in {@code VoiceAssistantIT}, {@code MediaDtmfIT} and
 * {@code SipHeadersIT}.
 */
public class DemoSummariesTest {

    private static final String S = "64d0d2f2bfeaa2d58a566d08";
    private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");
    private final BuiltinSummarizer summarizer =
            new BuiltinSummarizer(Clock.fixed(T0.plusSeconds(600), ZoneOffset.UTC));

    /** A recorded call: its turns and events in order, each a second after the last. */
    private static final class Recording {
        final List<Turn> turns = new ArrayList<>();
        final List<ConversationEvent> events = new ArrayList<>();
        int second;

        Recording bot(String text) {
            turns.add(new Turn(S, Direction.OUTGOING, T0.plusSeconds(++second), text, null, 1, "assistant", "en"));
            return this;
        }

        Recording caller(String text, String digits) {
            turns.add(new Turn(S, Direction.INCOMING, T0.plusSeconds(++second), text, digits, 0.9, "assistant", "en"));
            return this;
        }

        Recording event(String type, Map<String, String> attributes) {
            events.add(new ConversationEvent(S, T0.plusSeconds(++second), type, attributes));
            return this;
        }

        Recording set(String name, String value) {
            return event("assistant.action", Map.of("assistant", "acme", "action", "setContext", "set." + name, value));
        }
    }

    private String summary(String did, EndedBy by, String reason, long seconds, List<String> tasks, Recording r) {
        Conversation c = new Conversation(
                S,
                "c1@zcc",
                "st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0",
                "zcc-demo",
                did,
                "+14085551212",
                T0,
                T0.plusMillis(300),
                by == EndedBy.TRANSFER ? T0.plusSeconds(seconds) : null,
                T0.plusSeconds(seconds),
                by,
                reason,
                tasks);
        return summarizer.summarize(c, r.turns, r.events, "en").text();
    }

    private static Recording acmeOrderStatus() {
        return new Recording()
                .bot("Thank you for calling Acme support.")
                .bot("You can say billing, order status, or agent. Or press 1 for billing, 2 for order status, or 0 "
                        + "for an agent.")
                .caller("order status", null)
                .set("intent", "OrderStatus")
                .event("assistant.task", Map.of("assistant", "acme", "task", "orderStatus"))
                .bot("Please say or key in your order number.")
                .caller("four seven one two", null)
                .set("orderNumber", "4712")
                .set("orderStatus", "shipped yesterday and will arrive tomorrow")
                .bot("The status of order 4 7 1 2: shipped yesterday and will arrive tomorrow.")
                .bot("Can I help you with anything else? Say yes or no.");
    }

    @Test
    public void anOrderStatusGivenAndTheCallerDone() {
        Recording r = acmeOrderStatus()
                .caller("no", null)
                .set("more", "no")
                .set("resolution", "OrderStatusGiven")
                .bot("Thank you for calling Acme. Goodbye.");
        assertEquals(
                "The caller (+14085551212) called +15550105 about order status. The bot collected order number "
                        + "4712 and order status shipped yesterday and will arrive tomorrow. The bot resolved the call (order "
                        + "status given) and ended it after 38 seconds.",
                summary("+15550105", EndedBy.BOT, "HangUp", 38, List.of("assistant", "goodbye"), r));
    }

    @Test
    public void anOrderStatusGivenThenAnAgentAskedFor() {
        Recording r = acmeOrderStatus()
                .caller("yes please", null)
                .set("more", "yes")
                .bot("You can say billing, order status, or agent.")
                .caller("agent", null)
                .set("intent", "Agent")
                .event("assistant.task", Map.of("assistant", "acme", "task", "agent"))
                .bot("Connecting you to an agent.")
                .event(
                        "assistant.action",
                        Map.of(
                                "assistant",
                                "acme",
                                "action",
                                "transfer",
                                "reason",
                                "TransferToAgent",
                                "header.X-Intent",
                                "Agent"))
                .event("transfer.bye", Map.of("header.kore-reason", "TransferToAgent", "header.X-Intent", "Agent"));
        assertEquals(
                "The caller (+14085551212) called +15550105 about order status. The bot collected order number "
                        + "4712 and order status shipped yesterday and will arrive tomorrow. The bot handed the call to an "
                        + "agent because the caller asked for one after 52 seconds.",
                summary("+15550105", EndedBy.TRANSFER, "TransferToAgent", 52, List.of("assistant"), r));
    }

    @Test
    public void aSilentCallerHandedOverUnrecognized() {
        Recording r = new Recording()
                .bot("Thank you for calling Acme support.")
                .bot("Sorry, I did not hear anything.")
                .bot("Sorry, I did not hear anything.")
                .set("intent", "Unrecognized")
                .bot("Connecting you to an agent.")
                .event(
                        "transfer.bye",
                        Map.of("header.kore-reason", "TransferToAgent", "header.X-Intent", "Unrecognized"));
        assertEquals(
                "The caller (+14085551212) called +15550105. The bot handed the call to an agent because the bot "
                        + "could not tell what the caller wanted after 25 seconds.",
                summary("+15550105", EndedBy.TRANSFER, "TransferToAgent", 25, List.of("assistant"), r));
    }

    @Test
    public void aKeypadChoiceOfBilling() {
        Recording r = new Recording()
                .bot("Welcome to Acme support. For billing, press 1.")
                .caller(null, "1")
                .event("flow.transfer", Map.of("method", "default", "reason", "TransferToAgent"))
                .bot("Connecting you to an agent.")
                .event("transfer.bye", Map.of("header.kore-reason", "TransferToAgent", "header.X-Intent", "Billing"));
        assertEquals(
                "The caller (+14085551212) called +15550104 about billing. They entered 1 on the keypad. The bot "
                        + "handed the call to an agent for billing after 6 seconds.",
                summary("+15550104", EndedBy.TRANSFER, "TransferToAgent", 6, List.of("menu", "route", "agent"), r));
    }

    @Test
    public void aCallerWhoSaidWhyThenHungUpOnHold() {
        Recording r = new Recording()
                .caller("[unk] I want to change my delivery address", null)
                .event("flow.node", Map.of("node", "hold", "type", "wait"));
        assertEquals(
                "The caller (+14085551212) called +15550102. They said \"I want to change my delivery address\". "
                        + "The caller hung up after 1 minute 4 seconds, during hold.",
                summary("+15550102", EndedBy.CALLER, null, 64, List.of("hold"), r));
    }
}
