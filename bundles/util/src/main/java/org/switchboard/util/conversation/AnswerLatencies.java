package org.switchboard.util.conversation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.Turn;

/**
 * Matches the media's {@code turn.latency} events (recorded when an answer's first packet went out) to the turns they
 * time: the first outgoing turn after the last incoming turn before the event (the prompt that answered the caller,
 * even when the assistant said several in a row).
 */
public final class AnswerLatencies {

    /** The event's type. */
    public static final String EVENT = "turn.latency";
    /** Its attributes in whole milliseconds: the total, then the stages in order. */
    public static final List<String> MILLIS =
            List.of("totalMs", "recognitionMs", "assistantMs", "synthesisMs", "playoutMs");

    private AnswerLatencies() {}

    /**
     * Each timed answer's position in {@code turns} (the whole conversation, oldest first) and its event's attributes.
     *
     * @param turns the conversation's turns, oldest first
     * @param events its events, oldest first (others than {@value #EVENT} are skipped)
     * @return position to attributes
     */
    public static Map<Integer, Map<String, String>> match(List<Turn> turns, List<ConversationEvent> events) {
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
}
