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
public record ConversationQuery(Instant from, Instant to, String botId, String did, EndedBy endedBy, String text,
        int skip, int limit) {

    /** Checks the paging values. */
    public ConversationQuery {
        if (skip < 0) {
            throw new IllegalArgumentException("skip must not be negative, was " + skip);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }
}
