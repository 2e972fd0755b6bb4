package org.switchboard.api.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where conversations are recorded as they happen and read back. One instance is registered by the store bundle;
 * the SIP and flow bundles write through it, the summary API and the console read. Every write is durable when
 * the method returns (or buffered durably while the database is unreachable): a crash loses nothing written.
 */
@ProviderType
public interface ConversationStore {

    /** Records a new conversation when a call is accepted. */
    void start(Conversation conversation);

    /** Records the 200 OK time. */
    void answered(String sessionId, Instant at);

    /** Records the agent handoff time. */
    void handedOff(String sessionId, Instant at);

    /** Records the end of a conversation; later calls for the same session are ignored. */
    void end(String sessionId, Instant at, EndedBy endedBy, String reason);

    /** Appends a turn. */
    void addTurn(Turn turn);

    /** Appends an event. */
    void addEvent(ConversationEvent event);

    /** Appends a SIP message of the session's dialog. */
    void addSipMessage(SipMessageRecord message);

    /** Appends a dialog task or node name to the session's task path. */
    void addTask(String sessionId, String taskName);

    /** Finds a conversation by session id. */
    Optional<Conversation> bySessionId(String sessionId);

    /** Finds the newest conversation with this SIP Call-ID. */
    Optional<Conversation> byCallId(String callId);

    /** A page of a conversation's turns, oldest first. */
    List<Turn> turns(String sessionId, int skip, int limit);

    /** A conversation's events, oldest first. */
    List<ConversationEvent> events(String sessionId);

    /** A conversation's SIP messages, oldest first. */
    List<SipMessageRecord> sipMessages(String sessionId);

    /** Conversations matching {@code query}, newest first. */
    List<Conversation> find(ConversationQuery query);

    /** The stored summary of a session, if one was written. */
    Optional<Summary> summary(String sessionId);

    /** Stores a summary, replacing any earlier one. */
    void saveSummary(Summary summary);

    /**
     * Runs {@code writes}, calls of this store's write methods ({@link #start}, {@link #addSipMessage}, ...), as one
     * batch: in order and together, in one transaction where the store can, and all written (or journalled) when
     * this returns. A recorder that has many records queued hands them over this way instead of paying a commit for
     * each. The default runs them one by one.
     *
     * @since 1.1
     */
    default void batch(java.util.function.Consumer<ConversationStore> writes) {
        writes.accept(this);
    }
}
