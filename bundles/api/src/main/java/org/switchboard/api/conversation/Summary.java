package org.switchboard.api.conversation;

import java.time.Instant;

/**
 * A conversation summary for the agent.
 *
 * @param sessionId the conversation
 * @param text the summary, a few sentences
 * @param lang the language it is written in
 * @param summarizer the id of the summarizer that wrote it
 * @param createdAt when it was written
 */
public record Summary(String sessionId, String text, String lang, String summarizer, Instant createdAt) {
}
