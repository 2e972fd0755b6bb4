package org.switchboard.adapter.zcc.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.osgi.util.converter.Converters;
import org.switchboard.api.adapter.CallPolicy;
import org.switchboard.api.adapter.InboundCall;
import org.switchboard.api.call.Handoff;
import org.switchboard.api.call.SessionContext;

public class ZccAdapterTest {

    static final String BOT = "st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0";
    static final SessionContext SESSION = new SessionContext(
            "64d0d2f2bfeaa2d58a566d08",
            "a84b4c76e66710@zcc.example",
            BOT,
            "zcc",
            "+15550100",
            "+14085551212",
            Instant.parse("2026-11-23T10:00:00Z"),
            Map.of("intent", "Billing", "note", "line1\r\nInjected: yes"));

    static ZccConfig config(Map<String, Object> props) {
        return Converters.standardConverter().convert(new HashMap<>(props)).to(ZccConfig.class);
    }

    static CallPolicy policy(Map<String, Object> props) {
        return new ZccAdapter(config(props))
                .policyFor(new InboundCall(
                        SESSION.sessionId(),
                        SESSION.callId(),
                        SESSION.did(),
                        SESSION.caller(),
                        "10.0.0.5",
                        "udp",
                        "zcc",
                        BOT,
                        Map.of()));
    }

    @Test
    public void answerCarriesSessionAndBotIds() {
        Map<String, String> h = policy(Map.of()).answerHeaders(SESSION);
        assertEquals(List.of("kore-session_id", "kore-bot_id"), List.copyOf(h.keySet()));
        assertEquals("64d0d2f2bfeaa2d58a566d08", h.get("kore-session_id"));
        assertEquals(BOT, h.get("kore-bot_id"));
        SessionContext noBot =
                new SessionContext("64d0d2f2bfeaa2d58a566d08", "c", null, "t", "+1", "+2", Instant.EPOCH, null);
        assertFalse(policy(Map.of()).answerHeaders(noBot).containsKey("kore-bot_id"));
    }

    @Test
    public void agentTransferIsAByeWithReasonConfiguredThenFlowHeaders() {
        Map<String, String> flowHeaders = new java.util.LinkedHashMap<>(); // flow documents keep their order
        flowHeaders.put("X-Queue", "billing-{{session.did}}");
        flowHeaders.put("X-Intent", "Flow wins");
        Handoff h = policy(Map.of(
                        "transfer.headers", new String[] {"X-Intent: {{context.intent}}", "X-Session: {{session.id}}"}))
                .agentHandoff(SESSION, null, null, flowHeaders);
        assertEquals(Handoff.Method.BYE, h.method());
        assertNull(h.referTo());
        assertEquals(
                List.of("kore-reason", "X-Session", "X-Queue", "X-Intent"),
                List.copyOf(h.headers().keySet()));
        assertEquals("TransferToAgent", h.headers().get("kore-reason"));
        assertEquals("the reason the conversation records", "TransferToAgent", h.reason());
        assertEquals("HangUp", policy(Map.of()).botHangup(SESSION, Map.of()).reason());
        assertEquals("Flow wins", h.headers().get("X-Intent"));
        assertEquals("64d0d2f2bfeaa2d58a566d08", h.headers().get("X-Session"));
        assertEquals("billing-+15550100", h.headers().get("X-Queue"));
    }

    @Test
    public void referWhenTheFlowNamesATargetOrTheMethodIsRefer() {
        Handoff toFlowTarget = policy(Map.of())
                .agentHandoff(SESSION, null, "sip:queue@zcc.example", Map.of("X-Reason", "Call Received from Kore"));
        assertEquals(Handoff.Method.REFER, toFlowTarget.method());
        assertEquals("sip:queue@zcc.example", toFlowTarget.referTo());
        assertFalse(toFlowTarget.headers().containsKey("kore-reason"));
        assertEquals("Call Received from Kore", toFlowTarget.headers().get("X-Reason"));
        Handoff configured = policy(Map.of("transfer.method", "refer", "refer.target", "+18005550199"))
                .agentHandoff(SESSION, null, null, Map.of());
        assertEquals("+18005550199", configured.referTo());
        Handoff forcedBye = policy(Map.of("transfer.method", "refer", "refer.target", "+18005550199"))
                .agentHandoff(SESSION, Handoff.Method.BYE, null, Map.of());
        assertEquals("the node's method wins over the adapter's", Handoff.Method.BYE, forcedBye.method());
        assertEquals("TransferToAgent", forcedBye.headers().get("kore-reason"));
        assertEquals(
                Handoff.Method.REFER,
                policy(Map.of("refer.target", "+18005550199"))
                        .agentHandoff(SESSION, Handoff.Method.REFER, null, Map.of())
                        .method());
        assertThrows(
                IllegalArgumentException.class,
                () -> policy(Map.of()).agentHandoff(SESSION, Handoff.Method.REFER, null, Map.of()));
    }

    @Test
    public void botHangupCarriesHangUpReason() {
        Handoff h = policy(Map.of("hangup.headers", new String[] {"X-Resolution: self-service"}))
                .botHangup(SESSION, Map.of());
        assertEquals(Map.of("kore-reason", "HangUp", "X-Resolution", "self-service"), h.headers());
        assertEquals(Handoff.Method.BYE, h.method());
    }

    @Test
    public void renderedValuesAreOneLineCutAndLimited() {
        Handoff h = policy(Map.of("max.value.bytes", 20, "max.custom.headers", 2))
                .agentHandoff(
                        SESSION,
                        null,
                        null,
                        Map.of("X-Note", "{{context.note}}", "X-Long", "ééééééééééééééééééé", "X-Third", "x"));
        assertTrue(h.headers().values().stream().noneMatch(v -> v.contains("\r") || v.contains("\n")));
        h.headers().values().forEach(v -> assertTrue(v, v.getBytes(StandardCharsets.UTF_8).length <= 20));
        assertEquals("kore-reason + 2 custom headers", 3, h.headers().size());
        assertEquals(
                "",
                policy(Map.of())
                        .agentHandoff(SESSION, null, null, Map.of("X-Missing", "{{context.nothing}}"))
                        .headers()
                        .get("X-Missing"));
    }

    @Test
    public void badConfigurationListsEveryProblem() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new ZccAdapter(config(Map.of(
                        "transfer.method",
                        "carrier-pigeon",
                        "refer.target",
                        "not a target",
                        "transfer.headers",
                        new String[] {"No colon here", "Bad Name: x", "X-Ok: {{session.password}}", "kore-reason: spoof"
                        },
                        "hangup.headers",
                        new String[] {"X-Open: {{context.intent"}))));
        String m = e.getMessage();
        assertTrue(m, m.startsWith("PID org.switchboard.adapter.zcc: "));
        assertTrue(m, m.contains("property 'transfer.method' = 'carrier-pigeon': must be 'bye' or 'refer'"));
        assertTrue(m, m.contains("property 'refer.target' = 'not a target': must be a phone number or a SIP URI"));
        assertTrue(m, m.contains("property 'transfer.headers'[0] = 'No colon here': expected 'Name: value'"));
        assertTrue(m, m.contains("'Bad Name' is not a valid SIP header name"));
        assertTrue(m, m.contains("unknown placeholder '{{session.password}}'"));
        assertTrue(m, m.contains("kore-* headers are set by the adapter itself"));
        assertTrue(m, m.contains("property 'hangup.headers'[0] = 'X-Open: {{context.intent': unclosed '{{'"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> new ZccAdapter(config(Map.of("transfer.method", "refer"))))
                .getMessage()
                .contains("transfer method 'refer' needs a number or SIP URI"));
    }

    @Test
    public void tooManyConfiguredHeadersAreRejected() {
        String[] many = new String[11];
        for (int i = 0; i < many.length; i++) {
            many[i] = "X-H" + i + ": v";
        }
        assertTrue(assertThrows(
                        IllegalArgumentException.class, () -> new ZccAdapter(config(Map.of("transfer.headers", many))))
                .getMessage()
                .contains("11 headers; at most 10 are allowed"));
    }

    @Test
    public void aPolicyKeepsTheSettingsItStartedWith() {
        ZccAdapter adapter = new ZccAdapter(config(Map.of("hangup.headers", new String[] {"X-Version: 1"})));
        InboundCall call = new InboundCall(
                SESSION.sessionId(),
                SESSION.callId(),
                SESSION.did(),
                SESSION.caller(),
                "10.0.0.5",
                "udp",
                "zcc",
                BOT,
                Map.of());
        CallPolicy before = adapter.policyFor(call);
        assertSame("one immutable policy per configuration, shared by the calls", before, adapter.policyFor(call));
        adapter.modified(config(Map.of("hangup.headers", new String[] {"X-Version: 2"})));
        assertEquals("1", before.botHangup(SESSION, Map.of()).headers().get("X-Version"));
        assertNotSame(before, adapter.policyFor(call));
        assertEquals(
                "2",
                adapter.policyFor(call).botHangup(SESSION, Map.of()).headers().get("X-Version"));
        assertEquals("zcc", adapter.type());
    }

    @Test
    public void theInvitesHeadersTheAdapterChoosesReachTheSessionAndItsTemplates() {
        Map<String, List<String>> invite = new java.util.LinkedHashMap<>();
        invite.put("via", List.of("SIP/2.0/UDP 10.0.0.5"));
        invite.put("x-trace-id", List.of("t-1"));
        invite.put("p-asserted-identity", List.of("<sip:+14085551212@zcc.example.com>"));
        invite.put("user-to-user", List.of("00ff;encoding=hex"));
        invite.put("x-tier", List.of("gold", "vip"));
        invite.put("subject", List.of("not passed"));
        InboundCall call = new InboundCall(
                SESSION.sessionId(),
                SESSION.callId(),
                SESSION.did(),
                SESSION.caller(),
                "10.0.0.5",
                "udp",
                "zcc",
                BOT,
                invite);
        Map<String, String> passed =
                new ZccAdapter(config(Map.of())).policyFor(call).sessionHeaders(call);
        assertEquals(
                "the SIP bundle puts them back in the INVITE's order",
                java.util.Set.of("x-trace-id", "p-asserted-identity", "user-to-user", "x-tier"),
                passed.keySet());
        assertEquals("gold, vip", passed.get("x-tier"));
        Map<String, String> only = new ZccAdapter(config(Map.of("session.headers", new String[] {"Subject"})))
                .policyFor(call)
                .sessionHeaders(call);
        assertEquals(Map.of("subject", "not passed"), only);
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> new ZccAdapter(config(Map.of("session.headers", new String[] {"X Bad"}))))
                .getMessage()
                .contains("'session.headers' entry 'X Bad'"));

        SessionContext withHeaders = new SessionContext(
                SESSION.sessionId(),
                SESSION.callId(),
                BOT,
                "zcc",
                SESSION.did(),
                SESSION.caller(),
                SESSION.startedAt(),
                Map.of(),
                Map.of("X-Trace-ID", "t-1"));
        Handoff h = policy(Map.of(
                        "transfer.headers", new String[] {"X-Trace: {{sip.x-trace-id}}", "X-None: {{sip.X-Absent}}"}))
                .agentHandoff(withHeaders, null, null, Map.of());
        assertEquals("t-1", h.headers().get("X-Trace"));
        assertEquals("", h.headers().get("X-None"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> policy(Map.of("transfer.headers", new String[] {"X-A: {{sip.}}"})))
                .getMessage()
                .contains("{{sip.<Header-Name>}}"));
    }
}
