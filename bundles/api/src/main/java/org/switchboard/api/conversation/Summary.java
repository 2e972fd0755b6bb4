package org.switchboard.api.conversation;

import java.time.Instant;
import java.util.Objects;

/**
 * A conversation summary for the agent.
 *
 * @param sessionId the conversation
 * @param text the summary, a few sentences
 * @param lang the language it is written in
 * @param summarizer the id of the summarizer that wrote it (after any fallback)
 * @param createdAt when it was written
 * @param basis a fingerprint of the conversation it was written from (what was said and how it ended); a summary
 *     whose basis differs from the conversation's current one is stale. May be {@code null}.
 */
public record Summary(String sessionId, String text, String lang, String summarizer, Instant createdAt, String basis) {

    /** Checks the required fields. */
    public Summary {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The same summary with another basis. */
    public Summary withBasis(String newBasis) {
        return new Summary(sessionId, text, lang, summarizer, createdAt, newBasis);
    }
}
