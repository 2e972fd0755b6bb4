package org.switchboard.adapter.support;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.switchboard.api.adapter.CallPolicy;
import org.switchboard.api.adapter.InboundCall;
import org.switchboard.api.call.Handoff;
import org.switchboard.api.call.SessionContext;

/** The two decisions every adapter's hand-back makes: where a REFER goes, and the headers in their order. */
public final class Handbacks {

    private Handbacks() {}

    /**
     * The REFER target of an agent handoff, or {@code null} for a BYE.
     *
     * @param method what the flow demands, or {@code null} for the adapter's default
     * @param flowTarget the flow's target, or {@code null}
     * @param referByDefault whether the adapter hands back by REFER when the flow names no method or target
     * @param configuredTarget the adapter's configured target, or {@code null}
     * @throws IllegalArgumentException when a REFER is demanded and there is no target
     */
    public static String referTo(
            Handoff.Method method, String flowTarget, boolean referByDefault, String configuredTarget) {
        boolean fromFlow = flowTarget != null && !flowTarget.isBlank();
        if (method == Handoff.Method.BYE) {
            return null;
        }
        if (method == Handoff.Method.REFER) {
            String to = fromFlow ? flowTarget : configuredTarget;
            if (to == null || to.isBlank()) {
                throw new IllegalArgumentException("a REFER handoff needs a target and refer.target is not configured");
            }
            return to;
        }
        return fromFlow ? flowTarget : referByDefault ? configuredTarget : null;
    }

    /**
     * The headers of a hand-back: the adapter's own first, then its configured ones, then the flow's (a later name
     * replaces an earlier one), rendered against the session, at most {@code max} custom ones of at most
     * {@code maxBytes} bytes each.
     */
    public static Map<String, String> headers(
            Map<String, String> own,
            HeaderSet configured,
            Map<String, String> flowHeaders,
            String reserved,
            SessionContext session,
            int maxBytes,
            int max) {
        Map<String, String> h = new LinkedHashMap<>(own);
        configured.renderInto(h, session, maxBytes, max);
        HeaderSet.ofFlow(flowHeaders, reserved).renderInto(h, session, maxBytes, max);
        return h;
    }

    /**
     * Runs every path of a new policy once, so that no class is loaded later from an adapter bundle that may be
     * updated or stopped while its calls are up.
     */
    public static void warmUp(CallPolicy policy) {
        SessionContext probe = new SessionContext(
                "000000000000000000000000", "warm-up", null, "t", "+1000", "c", Instant.EPOCH, Map.of());
        policy.answerHeaders(probe);
        policy.agentHandoff(probe, null, null, Map.of("X-Warm", "{{context.x}}"));
        policy.agentHandoff(probe, Handoff.Method.REFER, "+1000", Map.of());
        policy.agentHandoff(probe, Handoff.Method.BYE, null, Map.of());
        policy.botHangup(probe, Map.of());
        policy.sessionHeaders(new InboundCall(
                probe.sessionId(),
                probe.callId(),
                probe.did(),
                "c",
                "127.0.0.1",
                "udp",
                "t",
                null,
                Map.of("x-warm", List.of("1"))));
        HeaderTemplate.truncate("é", 1);
    }
}
