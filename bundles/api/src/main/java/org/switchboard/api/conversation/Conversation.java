package org.switchboard.api.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One call's conversation as stored.
 *
 * @param sessionId 24 lower-case hex characters; the {@code kore-session_id} sent to the contact center
 * @param callId the SIP Call-ID
 * @param botId the bot, or {@code null}
 * @param trunkId the trunk
 * @param did the dialed number
 * @param caller the caller's number
 * @param startedAt when the INVITE arrived
 * @param answeredAt when the 200 OK was sent, or {@code null}
 * @param handoffAt when the call was handed to an agent, or {@code null}
 * @param endedAt when the call ended, or {@code null} while it is up
 * @param endedBy who ended it, or {@code null} while it is up
 * @param endReason a short reason (e.g. {@code TransferToAgent}, {@code media timeout}), or {@code null}
 * @param taskPath the dialog tasks and flow nodes visited, in order
 * @param nodeId the node (gateway of a cluster) that held the call, as the store recorded it; {@code null} in a
 *        conversation not yet stored, or stored before nodes were named (since 1.2)
 * @param sipHeaders the INVITE's headers its adapter passed to the bot, by name as received (see
 *        {@code CallPolicy.sessionHeaders}); empty when none were (since 1.4)
 */
public record Conversation(
        String sessionId,
        String callId,
        String botId,
        String trunkId,
        String did,
        String caller,
        Instant startedAt,
        Instant answeredAt,
        Instant handoffAt,
        Instant endedAt,
        EndedBy endedBy,
        String endReason,
        List<String> taskPath,
        String nodeId,
        Map<String, String> sipHeaders) {

    /** A conversation without SIP headers. */
    public Conversation(
            String sessionId,
            String callId,
            String botId,
            String trunkId,
            String did,
            String caller,
            Instant startedAt,
            Instant answeredAt,
            Instant handoffAt,
            Instant endedAt,
            EndedBy endedBy,
            String endReason,
            List<String> taskPath,
            String nodeId) {
        this(
                sessionId,
                callId,
                botId,
                trunkId,
                did,
                caller,
                startedAt,
                answeredAt,
                handoffAt,
                endedAt,
                endedBy,
                endReason,
                taskPath,
                nodeId,
                Map.of());
    }

    /** A conversation whose node is not known (yet): the store records the node that holds the call. */
    public Conversation(
            String sessionId,
            String callId,
            String botId,
            String trunkId,
            String did,
            String caller,
            Instant startedAt,
            Instant answeredAt,
            Instant handoffAt,
            Instant endedAt,
            EndedBy endedBy,
            String endReason,
            List<String> taskPath) {
        this(
                sessionId,
                callId,
                botId,
                trunkId,
                did,
                caller,
                startedAt,
                answeredAt,
                handoffAt,
                endedAt,
                endedBy,
                endReason,
                taskPath,
                null);
    }

    /** Checks identifiers and copies the task path. */
    public Conversation {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(startedAt, "startedAt");
        taskPath = taskPath == null ? List.of() : List.copyOf(taskPath);
        sipHeaders = sipHeaders == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sipHeaders));
    }

    /** Whether the call is still up. */
    public boolean isActive() {
        return endedAt == null;
    }
}
