package org.switchboard.api.call;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What is known about a call session when an adapter or flow needs it: identifiers, the parties, and the flow's
 * variables. Header templates ({@code {{session.id}}}, {@code {{context.intent}}}) are evaluated against it.
 *
 * @param sessionId the Switchboard session id, 24 lower-case hex characters
 * @param callId the SIP Call-ID of the inbound dialog
 * @param botId the bot answering the call ({@code st-<uuid>}), or {@code null} when no bot is involved
 * @param trunkId the trunk the call arrived on
 * @param did the dialed number, E.164-normalised with a leading {@code +}
 * @param caller the caller's number or SIP user, as received
 * @param startedAt when the INVITE arrived
 * @param variables the flow's context variables; an unmodifiable snapshot
 */
public record SessionContext(String sessionId, String callId, String botId, String trunkId, String did,
        String caller, Instant startedAt, Map<String, Object> variables) {

    /** Checks the identifiers and takes an unmodifiable copy of the variables. */
    public SessionContext {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(startedAt, "startedAt");
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }
}
