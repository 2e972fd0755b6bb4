package org.switchboard.api.conversation;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing said in a conversation: a prompt played or a caller input.
 *
 * @param sessionId the conversation
 * @param direction {@link Direction#OUTGOING} for prompts, {@link Direction#INCOMING} for caller input
 * @param at when it was said
 * @param text the words (prompt text or recognized utterance), or {@code null} for digits only
 * @param digits DTMF digits, or {@code null}
 * @param confidence recognition confidence for an utterance in {@code [0, 1]}; 1 otherwise
 * @param taskName the dialog task or flow node it belongs to, or {@code null}
 * @param lang the language tag, e.g. {@code en}
 */
public record Turn(
        String sessionId,
        Direction direction,
        Instant at,
        String text,
        String digits,
        double confidence,
        String taskName,
        String lang) {

    /** Checks that a turn has content. */
    public Turn {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(at, "at");
        if (text == null && digits == null) {
            throw new IllegalArgumentException("a turn has text, digits or both");
        }
    }
}
