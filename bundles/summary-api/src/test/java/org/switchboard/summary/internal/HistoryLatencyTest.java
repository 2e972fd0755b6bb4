package org.switchboard.summary.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.conversation.Turn;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** The latency of each timed answer as an extra field of its history item. */
public class HistoryLatencyTest {

    @Test
    public void theTimedAnswerOfAPageGetsItsLatencyAsNumbersAndOthersNone() {
        List<Turn> page = List.of(
                BuiltinSummarizerTest.in("billing", null, 5),
                new Turn(
                        BuiltinSummarizerTest.S,
                        Direction.OUTGOING,
                        BuiltinSummarizerTest.T0.plusSeconds(6),
                        "Let me connect you.",
                        null,
                        1,
                        "billing",
                        "en"));
        Map<Integer, Map<String, String>> latencies =
                Map.of(11, Map.of("endpoint", "phrase", "totalMs", "286", "recognitionMs", "253", "playoutMs", "x"));
        JsonArray items = ConversationJson.history(
                BuiltinSummarizerTest.call(EndedBy.TRANSFER, "TransferToAgent", 10, List.of("billing")),
                page,
                10,
                latencies);
        assertFalse(items.get(0).getAsJsonObject().has("latency"));
        JsonObject l = items.get(1).getAsJsonObject().getAsJsonObject("latency");
        assertEquals("phrase", l.get("endpoint").getAsString());
        assertEquals(286, l.get("totalMs").getAsLong());
        assertEquals(253, l.get("recognitionMs").getAsLong());
        assertTrue("a value that is not a number is left out", !l.has("playoutMs"));
    }
}
