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
 * @param sipHeaders the INVITE's headers the adapter passes to the flow and the bot (ZCC: {@code X-*},
 *        {@code P-Asserted-Identity}, {@code User-to-User}), by name as received, several values joined with
 *        {@code ", "}; an unmodifiable copy in the INVITE's order (since 1.4)
 */
public record SessionContext(
        String sessionId,
        String callId,
        String botId,
        String trunkId,
        String did,
        String caller,
        Instant startedAt,
        Map<String, Object> variables,
        Map<String, String> sipHeaders) {

    /** A session without SIP headers. */
    public SessionContext(
            String sessionId,
            String callId,
            String botId,
            String trunkId,
            String did,
            String caller,
            Instant startedAt,
            Map<String, Object> variables) {
        this(sessionId, callId, botId, trunkId, did, caller, startedAt, variables, Map.of());
    }

    /** Checks the identifiers and takes unmodifiable copies of the variables and headers. */
    public SessionContext {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(startedAt, "startedAt");
        variables = variables == null ? Map.of() : Map.copyOf(variables);
        sipHeaders = sipHeaders == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sipHeaders));
    }

    /** The value of a passed SIP header, its name matched ignoring case; {@code null} when it was not passed. */
    public String sipHeader(String name) {
        for (Map.Entry<String, String> e : sipHeaders.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
