package org.switchboard.api.adapter;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;
import org.switchboard.api.call.Handoff;
import org.switchboard.api.call.SessionContext;

/**
 * Everything a call needs from its adapter, taken once when the call starts. The SIP bundle keeps this object
 * for the call's lifetime, so an adapter bundle may be stopped or updated while its calls are up: a policy must
 * not depend on its bundle being active (no service look-ups, no bundle class loading after creation).
 *
 * <p>Implemented by adapters; created by {@link ContactCenterAdapter#policyFor(InboundCall)}.
 */
@ConsumerType
public interface CallPolicy {

    /**
     * The INVITE's headers this call passes to its flow, scripts, header templates ({@code {{sip.<Name>}}}), virtual
     * assistants and conversation record, by name as received, several values joined with {@code ", "}. None by
     * default (since 1.1).
     */
    default Map<String, String> sessionHeaders(InboundCall call) {
        return Map.of();
    }

    /** Headers to add to the 200 OK that answers the INVITE (ZCC: {@code kore-session_id}, {@code kore-bot_id}). */
    Map<String, String> answerHeaders(SessionContext session);

    /**
     * How to hand the caller to a human agent.
     *
     * @param session the session at the time of the handoff
     * @param method the method the flow demands, or {@code null} for the adapter's configured method (a REFER when a
     *        target is given)
     * @param target a REFER target chosen by the flow, or {@code null} to use the adapter's configured one
     * @param headers extra headers chosen by the flow (already validated), added after the adapter's own
     */
    Handoff agentHandoff(SessionContext session, Handoff.Method method, String target, Map<String, String> headers);

    /** The BYE the bot sends when it ends a resolved call (ZCC: {@code kore-reason: HangUp} plus configured headers). */
    Handoff botHangup(SessionContext session, Map<String, String> headers);
}
