package org.switchboard.api.adapter;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An INVITE as an adapter sees it, after routing has matched a trunk and a flow.
 *
 * @param sessionId the session id Switchboard assigned (24 lower-case hex)
 * @param callId the SIP Call-ID
 * @param did the dialed number, E.164-normalised
 * @param caller the caller's number or SIP user from the From header
 * @param sourceAddress the IP address the INVITE came from
 * @param transport {@code udp}, {@code tcp} or {@code tls}
 * @param trunkId the trunk that matched the source
 * @param botId the bot of the attached flow, or {@code null}
 * @param headers the INVITE's headers by lower-case name, values in order of appearance
 */
public record InboundCall(
        String sessionId,
        String callId,
        String did,
        String caller,
        String sourceAddress,
        String transport,
        String trunkId,
        String botId,
        Map<String, List<String>> headers) {

    /** Checks identifiers and copies the headers. */
    public InboundCall {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(did, "did");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** The first value of a header (case-insensitive name), or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
