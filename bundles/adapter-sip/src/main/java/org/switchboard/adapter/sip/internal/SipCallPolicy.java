package org.switchboard.adapter.sip.internal;

import java.util.Map;

import org.switchboard.adapter.support.Handbacks;
import org.switchboard.api.adapter.CallPolicy;
import org.switchboard.api.adapter.InboundCall;
import org.switchboard.api.call.Handoff;
import org.switchboard.api.call.SessionContext;

/**
 * The policy of the generic SIP adapter's calls under one configuration, fixed for each call when it starts: the
 * configured answer headers, an agent handoff by BYE (or REFER) with the transfer headers and the User-to-User data,
 * the bot's hang-up BYE with the hang-up headers, the flow's headers after the configured ones. It holds only
 * immutable state, so the calls share it, and loads its classes when created, so it keeps working while the adapter
 * bundle is updated or stopped.
 */
final class SipCallPolicy implements CallPolicy {

    /** The end reasons recorded for the two hand-backs. */
    static final String AGENT = "agent transfer";

    static final String RESOLVED = "resolved";

    private final SipAdapterSettings settings;

    SipCallPolicy(SipAdapterSettings settings) {
        this.settings = settings;
        Handbacks.warmUp(this);
    }

    @Override
    public Map<String, String> sessionHeaders(InboundCall call) {
        return settings.sessionHeaders().of(call);
    }

    @Override
    public Map<String, String> answerHeaders(SessionContext session) {
        return Handbacks.headers(
                Map.of(),
                settings.answerHeaders(),
                Map.of(),
                null,
                session,
                settings.limits().maxValueBytes(),
                settings.limits().maxCustomHeaders());
    }

    @Override
    public Handoff agentHandoff(
            SessionContext session, Handoff.Method method, String target, Map<String, String> headers) {
        String referTo = Handbacks.referTo(
                method, target, settings.limits().refer(), settings.limits().referTarget());
        Map<String, String> h = Handbacks.headers(
                Map.of(),
                settings.transferHeaders(),
                headers,
                null,
                session,
                settings.limits().maxValueBytes(),
                settings.limits().maxCustomHeaders());
        Uui uui = settings.uui();
        String data = uui == null ? null : uui.value(session);
        if (data != null && referTo != null && uui.inReferUri()) {
            return Handoff.refer(referTo, h, Map.of(Uui.HEADER, data));
        }
        if (data != null) {
            h.put(Uui.HEADER, data);
        }
        return referTo == null ? Handoff.bye(h, AGENT) : Handoff.refer(referTo, h);
    }

    @Override
    public Handoff botHangup(SessionContext session, Map<String, String> headers) {
        return Handoff.bye(
                Handbacks.headers(
                        Map.of(),
                        settings.hangupHeaders(),
                        headers,
                        null,
                        session,
                        settings.limits().maxValueBytes(),
                        settings.limits().maxCustomHeaders()),
                RESOLVED);
    }
}
