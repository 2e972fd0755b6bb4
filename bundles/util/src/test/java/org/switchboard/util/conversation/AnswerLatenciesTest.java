package org.switchboard.util.conversation;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.Turn;

public class AnswerLatenciesTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private static Turn turn(Direction d, int ms, String text) {
        return new Turn("s", d, T0.plusMillis(ms), text, null, 1, null, "en");
    }

    private static ConversationEvent latency(int ms, String total) {
        return new ConversationEvent(
                "s",
                T0.plusMillis(ms),
                "turn.latency",
                Map.of("endpoint", "phrase", "totalMs", total, "recognitionMs", "210", "assistantMs", "4"));
    }

    @Test
    public void eachLatencyTimesTheFirstPromptThatAnsweredTheCaller() {
        List<Turn> turns = List.of(
                turn(Direction.OUTGOING, 0, "Welcome"),
                turn(Direction.OUTGOING, 10, "Say billing or agent"),
                turn(Direction.INCOMING, 5000, "billing"),
                turn(Direction.OUTGOING, 5300, "Your balance is 10 dollars"),
                turn(Direction.OUTGOING, 5310, "Anything else?"),
                turn(Direction.INCOMING, 9000, "agent"),
                turn(Direction.OUTGOING, 9400, "Connecting you"));
        List<ConversationEvent> events = List.of(
                new ConversationEvent("s", T0.plusMillis(5200), "flow.node", Map.of()),
                latency(5450, "430"),
                latency(9600, "380"));
        Map<Integer, Map<String, String>> m = AnswerLatencies.match(turns, events);
        assertEquals(
                Map.of(3, latency(0, "430").attributes(), 6, latency(0, "380").attributes()), m);
    }

    @Test
    public void aLatencyBeforeAnyCallerTurnOrWithNoAnswerYetTimesNothing() {
        List<Turn> turns = List.of(turn(Direction.OUTGOING, 0, "Welcome"), turn(Direction.INCOMING, 5000, "billing"));
        assertTrue(AnswerLatencies.match(turns, List.of(latency(100, "1"), latency(5100, "2")))
                .isEmpty());
    }
}
