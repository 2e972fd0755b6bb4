package org.switchboard.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.switchboard.api.adapter.InboundCall;
import org.switchboard.api.call.GatherRequest;
import org.switchboard.api.call.Handoff;
import org.switchboard.api.call.SessionContext;
import org.switchboard.api.conversation.ConversationQuery;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.SipMessageRecord;
import org.switchboard.api.conversation.Turn;
import org.switchboard.api.routing.CallRoute;
import org.switchboard.api.speech.Audio;
import org.switchboard.api.store.TrunkRecord;

public class ApiRecordsTest {

    @Test
    public void referNeedsTarget() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Handoff.refer(" ", Map.of()));
        assertTrue(e.getMessage().contains("referTo"));
    }

    @Test
    public void handoffKeepsHeaderOrderAndIsImmutable() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("kore-reason", "TransferToAgent");
        headers.put("X-Intent", "Billing");
        headers.put("A-Last", "1");
        Handoff h = Handoff.bye(headers);
        headers.put("X-Later", "no");
        assertEquals(
                List.of("kore-reason", "X-Intent", "A-Last"),
                List.copyOf(h.headers().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> h.headers().put("x", "y"));
    }

    @Test
    public void gatherMustCollectSomething() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new GatherRequest(
                        "hi", true, false, 0, null, false, null, Duration.ofSeconds(5), Duration.ofSeconds(3)));
        assertThrows(
                IllegalArgumentException.class,
                () -> new GatherRequest(
                        "hi", true, true, 0, "#", false, null, Duration.ofSeconds(5), Duration.ofSeconds(3)));
        GatherRequest ok = new GatherRequest(
                null, false, false, 0, null, true, null, Duration.ofSeconds(5), Duration.ofSeconds(3));
        assertTrue(ok.phrases().isEmpty());
    }

    @Test
    public void turnNeedsContent() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new Turn("abc", Direction.INCOMING, Instant.now(), null, null, 1, null, "en"));
    }

    @Test
    public void queryPagingChecked() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new ConversationQuery(null, null, null, null, null, null, -1, 10));
        assertThrows(
                IllegalArgumentException.class, () -> new ConversationQuery(null, null, null, null, null, null, 0, 0));
    }

    @Test
    public void routeOutcomeMapsToSip() {
        assertEquals(403, CallRoute.Outcome.SOURCE_NOT_ALLOWED.sipStatus());
        assertEquals(404, CallRoute.Outcome.UNKNOWN_DID.sipStatus());
        assertEquals(480, CallRoute.Outcome.NO_FLOW.sipStatus());
    }

    @Test
    public void aRouteNamesItsTrunkAndOnlyARouteHasAFlow() {
        TrunkRecord t = new TrunkRecord(
                "t1", null, "zcc", List.of("127.0.0.1"), null, null, List.of("+15550100"), true, false, "udp", null);
        CallRoute routed = new CallRoute(CallRoute.Outcome.ROUTED, t, "+15550100", "f1", "b1", null);
        assertEquals("t1", routed.trunkId());
        assertEquals("zcc", routed.adapterType());
        assertTrue(routed.presentAdapter().isEmpty());
        assertEquals(null, CallRoute.notAllowed("+15550100").trunkId());
        assertThrows(
                IllegalArgumentException.class,
                () -> new CallRoute(CallRoute.Outcome.ROUTED, t, "+15550100", null, null, null));
        assertThrows(
                IllegalArgumentException.class,
                () -> new CallRoute(CallRoute.Outcome.NO_FLOW, t, "+15550100", "f1", null, null));
        assertThrows(
                IllegalArgumentException.class,
                () -> new CallRoute(CallRoute.Outcome.UNKNOWN_DID, null, "+15550100", null, null, null));
    }

    @Test
    public void inboundCallHeaderLookupIsCaseInsensitive() {
        InboundCall call = new InboundCall(
                "0123456789abcdef01234567",
                "c1",
                "+15550100",
                "+14085551212",
                "127.0.0.1",
                "udp",
                "t1",
                null,
                Map.of("session-expires", List.of("1800")));
        assertEquals("1800", call.header("Session-Expires"));
        assertEquals(null, call.header("X-None"));
    }

    @Test
    public void aSipMessageRecordKeepsItsHeadersInTheOrderTheyCame() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : List.of(
                "Via",
                "Max-Forwards",
                "From",
                "To",
                "Call-ID",
                "CSeq",
                "Contact",
                "Allow",
                "Supported",
                "Session-Expires",
                "Content-Type",
                "X-Zcc-Call",
                "Content-Length")) {
            headers.put(name, List.of(name.toLowerCase()));
        }
        SipMessageRecord r = new SipMessageRecord(
                "0123456789abcdef01234567", Instant.EPOCH, Direction.INCOMING, "INVITE sip:a SIP/2.0", headers);
        assertEquals(List.copyOf(headers.keySet()), List.copyOf(r.headers().keySet()));
        headers.clear();
        assertEquals("a copy", 13, r.headers().size());
        assertThrows(UnsupportedOperationException.class, () -> r.headers().put("X", List.of()));
    }

    @Test
    public void sessionContextAndAudio() {
        SessionContext s = new SessionContext("s", "c", null, "t", "+1", "+2", Instant.EPOCH, null);
        assertTrue(s.variables().isEmpty());
        assertEquals(1000, new Audio(8000, new short[8000]).durationMillis());
        assertThrows(IllegalArgumentException.class, () -> new Audio(0, new short[0]));
    }
}
