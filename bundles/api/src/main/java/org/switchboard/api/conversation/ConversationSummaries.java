package org.switchboard.api.conversation;

import java.util.List;
import java.util.NoSuchElementException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Agent-ready summaries of stored conversations, written on demand and cached. The summary API and the console use
 * it; the summary bundle implements it with the bot's configured {@link Summarizer}, falling back to the built-in one
 * when that summarizer is missing, slow or failing.
 */
@ProviderType
public interface ConversationSummaries {

    /**
     * The summary of a session in a language: the stored one while the conversation has not changed since it was
     * written, otherwise a new one, which is stored.
     *
     * @param sessionId the conversation
     * @param lang the language asked for, e.g. {@code en} (a summarizer that cannot write it says so in
     *     {@link Summary#lang()})
     * @throws NoSuchElementException when there is no such session
     */
    Summary summary(String sessionId, String lang);

    /**
     * The same as {@link #summary(String, String)} for a conversation whose records the caller has read already (the
     * details API reads them for its own answer), without reading them again.
     *
     * @param conversation the session
     * @param turns its turns in order, from the first (at most 10,000 are used)
     * @param events its events in order
     * @param lang the language asked for
     * @since 1.5
     */
    Summary summary(Conversation conversation, List<Turn> turns, List<ConversationEvent> events, String lang);

    /**
     * A summary of a transcript given inline rather than recorded (Kore's {@code inputMode.transcript}): text whose
     * speakers are marked {@code Agent:}, {@code Bot:}, {@code Consumer:}, {@code Customer:}, {@code Caller:} or
     * {@code User:}, written by the bot's summarizer (the built-in one when that is missing, slow or failing). It is
     * not stored.
     *
     * @param botId the bot whose summarizer writes it, or {@code null} for the built-in one
     * @param transcript the conversation's text
     * @param lang the language asked for
     * @since 1.3
     */
    Summary summarizeTranscript(String botId, String transcript, String lang);
}
