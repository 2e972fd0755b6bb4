package org.switchboard.adapter.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.switchboard.api.call.Handoff;
import org.switchboard.api.call.SessionContext;

/** The hand-back rules both adapters share. */
public class HandbacksTest {

    private static final SessionContext S = new SessionContext(
            "64d0d2f2bfeaa2d58a566d08",
            "c1",
            "st-1",
            "t",
            "+15550100",
            "+14085551212",
            Instant.EPOCH,
            Map.of("intent", "Billing"),
            Map.of("X-Id", "cc-7"));

    @Test
    public void whereAReferGoes() {
        assertNull("a BYE when asked", Handbacks.referTo(Handoff.Method.BYE, "+1555", true, "sip:q@cc"));
        assertEquals("+1555", Handbacks.referTo(null, "+1555", false, null));
        assertEquals("sip:q@cc", Handbacks.referTo(null, null, true, "sip:q@cc"));
        assertNull(Handbacks.referTo(null, " ", false, "sip:q@cc"));
        assertEquals("sip:q@cc", Handbacks.referTo(Handoff.Method.REFER, null, false, "sip:q@cc"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> Handbacks.referTo(Handoff.Method.REFER, null, false, null))
                .getMessage()
                .contains("needs a target"));
    }

    @Test
    public void ownHeadersThenConfiguredThenTheFlowsWithinTheLimits() {
        List<String> problems = new ArrayList<>();
        HeaderSet configured = HeaderSet.parse(
                new String[] {"X-Intent: {{context.intent}}", "X-Echo: {{sip.x-id}}", "kore-reason: spoof"},
                "transfer.headers",
                10,
                "kore-",
                problems);
        assertEquals(
                List.of("property 'transfer.headers'[2] = 'kore-reason: spoof': kore-* headers are set by the "
                        + "adapter itself"),
                problems);
        Map<String, String> h = Handbacks.headers(
                Map.of("kore-reason", "TransferToAgent"),
                configured,
                Map.of("X-Intent", "Flow wins"),
                "kore-",
                S,
                256,
                2);
        assertEquals(
                "a replaced header moves to where it was set last",
                List.of("kore-reason", "X-Echo", "X-Intent"),
                List.copyOf(h.keySet()));
        assertEquals("Flow wins", h.get("X-Intent"));
        assertEquals("cc-7", h.get("X-Echo"));
        Map<String, String> limited = Handbacks.headers(Map.of(), configured, Map.of("X-More", "1"), null, S, 256, 2);
        assertEquals("at most two custom headers", 2, limited.size());
    }

    @Test
    public void passedHeadersByNameOrPrefix() {
        List<String> problems = new ArrayList<>();
        PassedHeaders p =
                PassedHeaders.parse(new String[] {"X-*", "User-to-User", "*", "bad name"}, "session.headers", problems);
        assertEquals(2, problems.size());
        assertTrue(p.passes("x-genesys-id"));
        assertTrue(p.passes("USER-TO-USER"));
        assertTrue(!p.passes("Subject"));
    }
}
