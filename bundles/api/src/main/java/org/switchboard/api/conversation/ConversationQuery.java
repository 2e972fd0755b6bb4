package org.switchboard.api.conversation;

import java.time.Instant;

/**
 * Filters for listing conversations; {@code null} fields do not filter.
 *
 * @param from started at or after
 * @param to started before
 * @param botId the bot
 * @param did the dialed number
 * @param endedBy how it ended
 * @param text a substring of any turn's text (case-insensitive)
 * @param skip how many matches to skip (newest first)
 * @param limit how many to return, at least 1
 */
public record ConversationQuery(
        Instant from, Instant to, String botId, String did, EndedBy endedBy, String text, int skip, int limit) {

    /** The earliest time a query may name. */
    public static final Instant EARLIEST = Instant.EPOCH;

    /** The latest time a query may name. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** What a client is told when a time is out of range. */
    public static final String TIME_RANGE = "between " + EARLIEST + " and " + LATEST;

    /**
     * Whether a query may name this time ({@code null}, no time, may always be named).
     *
     * @since 1.1
     */
    public static boolean inRange(Instant t) {
        return t == null || !t.isBefore(EARLIEST) && !t.isAfter(LATEST);
    }

    /** Checks the paging values and the times. */
    public ConversationQuery {
        if (!inRange(from) || !inRange(to)) {
            throw new IllegalArgumentException("a time must be " + TIME_RANGE + ", was " + (inRange(from) ? to : from));
        }
        if (skip < 0) {
            throw new IllegalArgumentException("skip must not be negative, was " + skip);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }
}
