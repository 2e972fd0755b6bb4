package org.switchboard.testing.fakeadapter;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.switchboard.api.adapter.CallPolicy;
import org.switchboard.api.adapter.InboundCall;
import org.switchboard.api.call.Handoff;
import org.switchboard.api.call.SessionContext;

/** The fake adapter's policy for one call; needs nothing of its bundle once made (the SPI's rule). */
final class FakePolicy implements CallPolicy {

    static final String SESSION = "X-Fake-Session";
    static final String HANDOFF = "X-Fake-Handoff";
    static final String AGENT_REASON = "fake agent";
    static final String DONE_REASON = "fake done";

    private final String sessionId;

    FakePolicy(String sessionId) {
        this.sessionId = sessionId;
    }

    @Override
    public Map<String, String> sessionHeaders(InboundCall call) {
        Map<String, String> passed = new LinkedHashMap<>();
        call.headers().forEach((name, values) -> {
            if (name.toLowerCase(Locale.ROOT).startsWith("x-fake-")) {
                passed.put(name, String.join(", ", values));
            }
        });
        return passed;
    }

    @Override
    public Map<String, String> answerHeaders(SessionContext session) {
        return Map.of(SESSION, sessionId);
    }

    @Override
    public Handoff agentHandoff(
            SessionContext session, Handoff.Method method, String target, Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(HANDOFF, "agent");
        out.putAll(headers);
        if (method == Handoff.Method.REFER || (method == null && target != null)) {
            return new Handoff(
                    Handoff.Method.REFER, target != null ? target : "sip:agent@fake.invalid", out, AGENT_REASON);
        }
        return Handoff.bye(out, AGENT_REASON);
    }

    @Override
    public Handoff botHangup(SessionContext session, Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(HANDOFF, "done");
        out.putAll(headers);
        return Handoff.bye(out, DONE_REASON);
    }
}
