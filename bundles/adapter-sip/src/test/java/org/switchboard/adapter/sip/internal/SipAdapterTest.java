package org.switchboard.adapter.sip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.osgi.util.converter.Converters;
import org.switchboard.api.adapter.CallPolicy;
import org.switchboard.api.adapter.InboundCall;
import org.switchboard.api.call.Handoff;
import org.switchboard.api.call.SessionContext;

/** The generic SIP adapter's headers and hand-backs, with no {@code kore-*} header anywhere. */
public class SipAdapterTest {

    static final SessionContext SESSION = new SessionContext(
            "64d0d2f2bfeaa2d58a566d08",
            "c1@cc.example",
            "st-1",
            "cc",
            "+15550200",
            "+14085551212",
            Instant.EPOCH,
            Map.of("intent", "Billing"),
            Map.of("X-Genesys-ConversationId", "g-42"));

    static CallPolicy policy(Map<String, Object> props) {
        return new SipAdapter(Converters.standardConverter()
                        .convert(new HashMap<>(props))
                        .to(SipAdapterConfig.class))
                .policyFor(new InboundCall(
                        SESSION.sessionId(),
                        SESSION.callId(),
                        SESSION.did(),
                        SESSION.caller(),
                        "10.0.0.5",
                        "udp",
                        "cc",
                        "st-1",
                        Map.of()));
    }

    @Test
    public void theDefaultsSpeakXHeadersOnly() {
        CallPolicy p = policy(Map.of());
        assertEquals(Map.of("X-Switchboard-Session", SESSION.sessionId()), p.answerHeaders(SESSION));
        Handoff agent = p.agentHandoff(SESSION, null, null, Map.of("X-Intent", "{{context.intent}}"));
        assertEquals(Handoff.Method.BYE, agent.method());
        assertEquals(
                List.of("X-Disposition", "X-Switchboard-Session", "X-Intent"),
                List.copyOf(agent.headers().keySet()));
        assertEquals("Billing", agent.headers().get("X-Intent"));
        assertEquals(SipCallPolicy.AGENT, agent.reason());
        Handoff bye = p.botHangup(SESSION, Map.of("X-Resolution", "self-service"));
        assertEquals("resolved", bye.headers().get("X-Disposition"));
        assertEquals(SipCallPolicy.RESOLVED, bye.reason());
        assertTrue(
                agent.headers().keySet().stream().noneMatch(h -> h.toLowerCase().startsWith("kore-")));
    }

    @Test
    public void referHandBackAndTheContactCentersOwnHeadersEchoed() {
        CallPolicy p = policy(Map.of(
                "transfer.method", "refer", "refer.target", "sip:queue@cc.example", "transfer.headers", new String[] {
                    "X-Conversation: {{sip.X-Genesys-ConversationId}}"
                }));
        Handoff h = p.agentHandoff(SESSION, null, null, Map.of());
        assertEquals(Handoff.Method.REFER, h.method());
        assertEquals("sip:queue@cc.example", h.referTo());
        assertEquals(Map.of("X-Conversation", "g-42"), h.headers());
        assertEquals(
                "a flow's target wins",
                "+15557000",
                p.agentHandoff(SESSION, null, "+15557000", Map.of()).referTo());
        assertNull(p.agentHandoff(SESSION, Handoff.Method.BYE, null, Map.of()).referTo());
    }

    @Test
    public void theInvitesXHeadersReachTheBot() {
        Map<String, List<String>> invite = new LinkedHashMap<>();
        invite.put("x-genesys-conversationid", List.of("g-42"));
        invite.put("user-to-user", List.of("00ff;encoding=hex"));
        invite.put("subject", List.of("no"));
        InboundCall call = new InboundCall(
                SESSION.sessionId(),
                SESSION.callId(),
                SESSION.did(),
                SESSION.caller(),
                "10.0.0.5",
                "udp",
                "cc",
                "st-1",
                invite);
        assertEquals(
                Map.of("x-genesys-conversationid", "g-42", "user-to-user", "00ff;encoding=hex"),
                policy(Map.of()).sessionHeaders(call));
    }

    @Test
    public void aBadConfigurationNamesEveryProblem() {
        String m = assertThrows(
                        IllegalArgumentException.class,
                        () -> policy(Map.of(
                                "transfer.method",
                                "fax",
                                "answer.headers",
                                new String[] {"No colon"},
                                "session.headers",
                                new String[] {"X Y"})))
                .getMessage();
        assertTrue(m, m.startsWith("PID org.switchboard.adapter.sip: "));
        assertTrue(m, m.contains("property 'transfer.method' = 'fax': must be 'bye' or 'refer'"));
        assertTrue(m, m.contains("property 'answer.headers'[0] = 'No colon': expected 'Name: value'"));
        assertTrue(m, m.contains("property 'session.headers' entry 'X Y'"));
    }

    @Test
    public void userToUserDataGoesInTheReferToUriOrAsAHeaderHexWithItsDiscriminator() {
        Map<String, Object> uui = Map.of(
                "uui",
                "{{session.id}}|{{context.intent}}",
                "transfer.method",
                "refer",
                "refer.target",
                "sip:+15557000@edge.genesys.example");
        String hex = "00"
                + java.util.HexFormat.of()
                        .withUpperCase()
                        .formatHex((SESSION.sessionId() + "|Billing").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + ";encoding=hex";
        Handoff refer = policy(uui).agentHandoff(SESSION, null, null, Map.of());
        assertEquals(Map.of("User-to-User", hex), refer.referToHeaders());
        assertNull("not a header too", refer.headers().get("User-to-User"));

        Map<String, Object> asHeader = new HashMap<>(uui);
        asHeader.put("uui.refer", "header");
        asHeader.put("uui.pd", "");
        Handoff header = policy(asHeader).agentHandoff(SESSION, null, null, Map.of());
        assertEquals(Map.of(), header.referToHeaders());
        assertEquals(hex.substring(2), header.headers().get("User-to-User"));

        Handoff bye = policy(uui).agentHandoff(SESSION, Handoff.Method.BYE, null, Map.of());
        assertEquals("a BYE carries it as a header", hex, bye.headers().get("User-to-User"));
        assertNull(
                "not on the bot's hang-up",
                policy(uui).botHangup(SESSION, Map.of()).headers().get("User-to-User"));

        Map<String, Object> ascii = new HashMap<>(uui);
        ascii.put("uui.encoding", "ascii");
        ascii.put("uui.max.bytes", 30);
        assertEquals(
                "64d0d2f2bfeaa2d58a566d08|Billi;encoding=ascii",
                policy(ascii)
                        .agentHandoff(SESSION, null, null, Map.of())
                        .referToHeaders()
                        .get("User-to-User"));
        assertEquals(
                "no UUI unless configured",
                Map.of(),
                policy(Map.of("transfer.method", "refer", "refer.target", "sip:q@cc.example"))
                        .agentHandoff(SESSION, null, null, Map.of())
                        .referToHeaders());
    }

    @Test
    public void aBadUuiSettingIsRejectedWithEveryProperty() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> policy(Map.of(
                        "uui",
                        "{{session.nope}}",
                        "uui.encoding",
                        "base64",
                        "uui.pd",
                        "0",
                        "uui.refer",
                        "body",
                        "uui.max.bytes",
                        0)));
        for (String property : List.of("'uui'", "'uui.encoding'", "'uui.pd'", "'uui.refer'", "'uui.max.bytes'")) {
            assertTrue(e.getMessage(), e.getMessage().contains("property " + property));
        }
    }
}
