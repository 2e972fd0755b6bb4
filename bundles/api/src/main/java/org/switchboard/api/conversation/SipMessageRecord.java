package org.switchboard.api.conversation;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A SIP message of a conversation's dialog, kept for the ladder diagram.
 *
 * @param sessionId the conversation
 * @param at when it was sent or received
 * @param direction which way it went
 * @param firstLine the request line or status line
 * @param headers the headers by name in the order they came, values in order
 */
public record SipMessageRecord(
        String sessionId, Instant at, Direction direction, String firstLine, Map<String, List<String>> headers) {

    /** Checks the identifiers and copies the headers, keeping their order (a ladder shows them as sent). */
    public SipMessageRecord {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(firstLine, "firstLine");
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
}
