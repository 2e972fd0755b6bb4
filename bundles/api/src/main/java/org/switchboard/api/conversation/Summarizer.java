package org.switchboard.api.conversation;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Writes an agent-ready summary of a conversation. Registered as an OSGi service with the property
 * {@value #SUMMARIZER_ID}; the summary API picks the one a bot is configured with and falls back to the built-in
 * one on failure.
 *
 * <p>Implemented by summarizer bundles.
 */
@ConsumerType
public interface Summarizer {

    /** The service property with the summarizer's id, e.g. {@code builtin}, {@code llm}. */
    String SUMMARIZER_ID = "summarizer.id";

    /**
     * Summarizes a conversation.
     *
     * @param conversation the conversation
     * @param turns its turns in order
     * @param events its events in order
     * @param lang the language to write in
     * @throws Exception when the summary cannot be written (the caller falls back)
     */
    Summary summarize(Conversation conversation, List<Turn> turns, List<ConversationEvent> events, String lang)
            throws Exception;
}
