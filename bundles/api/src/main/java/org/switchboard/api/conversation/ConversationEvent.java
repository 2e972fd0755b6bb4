package org.switchboard.api.conversation;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened in a conversation that is not a turn: a node entered, an assistant action, a transfer
 * attempt and its result, an error.
 *
 * @param sessionId the conversation
 * @param at when it happened
 * @param type a short dotted type, e.g. {@code flow.node}, {@code transfer.refer}, {@code error.script}
 * @param attributes details (string values)
 */
public record ConversationEvent(String sessionId, Instant at, String type, Map<String, String> attributes) {

    /** Checks the identifiers and copies the attributes. */
    public ConversationEvent {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
