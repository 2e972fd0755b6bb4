package org.switchboard.adapter.zcc.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.switchboard.adapter.support.Handbacks;
import org.switchboard.api.adapter.CallPolicy;
import org.switchboard.api.adapter.InboundCall;
import org.switchboard.api.call.Handoff;
import org.switchboard.api.call.SessionContext;

/**
 * The policy of ZCC calls under one configuration, fixed for each call when it starts (DOMAIN.md): {@code
 * kore-session_id} and {@code kore-bot_id} on the 200 OK; {@code kore-reason: TransferToAgent} (BYE) or a REFER for
 * an agent handoff; {@code kore-reason: HangUp} when the bot ends the call; configured headers after the adapter's
 * own, flow headers after those. It holds only immutable state, so the calls share it, and loads all its classes
 * when created, so it keeps working if the adapter bundle is updated or stopped during a call.
 */
final class ZccCallPolicy implements CallPolicy {

    static final String SESSION_ID = "kore-session_id";
    static final String BOT_ID = "kore-bot_id";
    static final String REASON = "kore-reason";
    static final String TRANSFER_TO_AGENT = "TransferToAgent";
    static final String HANG_UP = "HangUp";

    private final ZccSettings settings;

    ZccCallPolicy(ZccSettings settings) {
        this.settings = settings;
        Handbacks.warmUp(this);
    }

    /** The INVITE's headers named in {@code session.headers}, several values of one header joined with ", ". */
    @Override
    public Map<String, String> sessionHeaders(InboundCall call) {
        return settings.sessionHeaders().of(call);
    }

    @Override
    public Map<String, String> answerHeaders(SessionContext session) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(SESSION_ID, session.sessionId());
        if (session.botId() != null) {
            h.put(BOT_ID, session.botId());
        }
        return h;
    }

    @Override
    public Handoff agentHandoff(
            SessionContext session, Handoff.Method method, String target, Map<String, String> headers) {
        String referTo = Handbacks.referTo(
                method, target, settings.limits().refer(), settings.limits().referTarget());
        Map<String, String> own = referTo == null ? Map.of(REASON, TRANSFER_TO_AGENT) : Map.of();
        Map<String, String> h = Handbacks.headers(
                own,
                settings.transferHeaders(),
                headers,
                ZccSettings.RESERVED,
                session,
                settings.limits().maxValueBytes(),
                settings.limits().maxCustomHeaders());
        return referTo == null ? Handoff.bye(h, TRANSFER_TO_AGENT) : Handoff.refer(referTo, h);
    }

    @Override
    public Handoff botHangup(SessionContext session, Map<String, String> headers) {
        return Handoff.bye(
                Handbacks.headers(
                        Map.of(REASON, HANG_UP),
                        settings.hangupHeaders(),
                        headers,
                        ZccSettings.RESERVED,
                        session,
                        settings.limits().maxValueBytes(),
                        settings.limits().maxCustomHeaders()),
                HANG_UP);
    }
}
