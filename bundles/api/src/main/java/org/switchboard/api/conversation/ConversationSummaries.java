package org.switchboard.api.conversation;

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
