package org.switchboard.summary.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.Turn;

import com.google.gson.JsonObject;

/**
 * Matches the media's {@code turn.latency} events (recorded when an answer's first packet went out) to the turns they
 * time: the first outgoing turn after the last incoming turn before the event (the prompt that answered the caller,
 * even when the assistant said several in a row).
 */
final class TurnLatencies {

    static final String EVENT = "turn.latency";
    private static final List<String> MILLIS =
            List.of("totalMs", "recognitionMs", "assistantMs", "synthesisMs", "playoutMs");

    private TurnLatencies() {}

    /** Each timed answer's position in {@code turns} (the whole conversation) and its event's attributes. */
    static Map<Integer, Map<String, String>> match(List<Turn> turns, List<ConversationEvent> events) {
        Map<Integer, Map<String, String>> matched = new HashMap<>();
        for (ConversationEvent e : events) {
            if (!EVENT.equals(e.type())) {
                continue;
            }
            int lastIncoming = -1;
            for (int i = 0; i < turns.size() && !turns.get(i).at().isAfter(e.at()); i++) {
                if (turns.get(i).direction() == Direction.INCOMING) {
                    lastIncoming = i;
                }
            }
            if (lastIncoming < 0) {
                continue;
            }
            for (int i = lastIncoming + 1;
                    i < turns.size() && !turns.get(i).at().isAfter(e.at());
                    i++) {
                if (turns.get(i).direction() == Direction.OUTGOING) {
                    matched.putIfAbsent(i, e.attributes());
                    break;
                }
            }
        }
        return matched;
    }

    /** The {@code latency} field: numbers for the stages, the endpoint as text. */
    static JsonObject json(Map<String, String> attributes) {
        JsonObject o = new JsonObject();
        String endpoint = attributes.get("endpoint");
        if (endpoint != null) {
            o.addProperty("endpoint", endpoint);
        }
        for (String k : MILLIS) {
            String v = attributes.get(k);
            if (v != null && v.matches("\\d{1,9}")) {
                o.addProperty(k, Long.parseLong(v));
            }
        }
        return o;
    }
}
