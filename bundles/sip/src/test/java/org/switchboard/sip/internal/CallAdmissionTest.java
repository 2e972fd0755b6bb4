package org.switchboard.sip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;
import org.switchboard.sip.internal.CallAdmission.Decision;
import org.switchboard.sip.internal.CallAdmission.Limit;
import org.switchboard.sip.internal.CallAdmission.Refusal;
import org.switchboard.sip.internal.CallAdmission.Ticket;

public class CallAdmissionTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private static Ticket ticket(Decision d) {
        assertTrue("admitted, not " + d, d instanceof Ticket);
        return (Ticket) d;
    }

    private static Refusal refusal(Decision d) {
        assertTrue("refused, not admitted", d instanceof Refusal);
        return (Refusal) d;
    }

    @Test
    public void concurrentCallsAreCountedFromTheInviteUntilTheCallEnds() {
        CallAdmission a = new CallAdmission(2, 0, now::get);
        Ticket one = ticket(a.admit("c1", "zcc", 0, 0));
        Ticket two = ticket(a.admit("c2", "zcc", 0, 0));
        Refusal full = refusal(a.admit("c3", "zcc", 0, 0));
        assertEquals(Limit.CALLS, full.limit());
        assertEquals("global", full.scope());
        assertEquals("Overload: the gateway has its 2 calls in progress", full.reason());
        assertTrue(a.holds("c1"));
        assertFalse("a refused INVITE holds no place", a.holds("c3"));

        a.bind(one);
        a.refused(one); // a call that is up is not given back by a late refusal
        assertEquals(2, a.inUse());
        a.refused(two);
        a.refused(two); // given back once only
        assertEquals(1, a.inUse());
        ticket(a.admit("c3", "zcc", 0, 0));
        a.ended("c1");
        a.ended("c1");
        assertEquals(1, a.inUse());
        assertEquals(1, a.inUse("zcc"));
    }

    @Test
    public void aStoppingGatewayRefusesEveryNewCallAndKeepsCountingTheOnesUp() {
        CallAdmission a = new CallAdmission(0, 0, now::get);
        Ticket up = ticket(a.admit("c1", "zcc", 0, 0));
        a.bind(up);
        a.stop();
        a.undrain();
        Refusal r = refusal(a.admit("c2", "zcc", 0, 0));
        assertEquals(Limit.STOPPING, r.limit());
        assertEquals("Switchboard is stopping: no new calls", r.reason());
        assertEquals(1, a.inUse());
        a.ended("c1");
        assertEquals(0, a.inUse());
        refusal(a.admit("c3", null, 0, 0));
    }

    @Test
    public void anOperatorsDrainRefusesNewCallsUntilUndrained() {
        CallAdmission a = new CallAdmission(0, 0, now::get);
        a.bind(ticket(a.admit("c1", "zcc", 0, 0)));
        a.drain();
        assertTrue(a.closed());
        Refusal r = refusal(a.admit("c2", "zcc", 0, 0));
        assertEquals(Limit.DRAINING, r.limit());
        assertEquals("Switchboard node is draining: no new calls", r.reason());
        assertEquals(1, a.inUse());
        a.undrain();
        assertFalse(a.closed());
        ticket(a.admit("c3", "zcc", 0, 0));
        assertEquals(2, a.inUse());
    }

    @Test
    public void callRecordsFarBehindRefuseNewCallsUntilTheyCatchUp() {
        boolean[] behind = {true};
        CallAdmission a = new CallAdmission(0, 0, now::get, () -> behind[0]);
        Refusal r = refusal(a.admit("c1", "zcc", 0, 0));
        assertEquals(Limit.RECORDS, r.limit());
        assertEquals("Overload: call records are waiting to be written", r.reason());
        behind[0] = false;
        ticket(a.admit("c1", "zcc", 0, 0));
    }

    @Test
    public void aTrunkLimitAppliesToItsOwnCallsOnly() {
        CallAdmission a = new CallAdmission(0, 0, now::get);
        ticket(a.admit("a1", "a", 1, 0));
        Refusal r = refusal(a.admit("a2", "a", 1, 0));
        assertEquals("trunk", r.scope());
        assertEquals("Overload: trunk a has its 1 calls in progress", r.reason());
        ticket(a.admit("b1", "b", 1, 0));
        ticket(a.admit("x1", null, 1, 0)); // no trunk: only the gateway's limits
        a.ended("a1");
        ticket(a.admit("a2", "a", 1, 0));
        assertEquals(1, a.inUse("a"));
        assertEquals(3, a.inUse());
    }

    @Test
    public void theRateAllowsOneSecondsBurstAndComesBackByItself() {
        CallAdmission a = new CallAdmission(0, 4, now::get);
        for (int i = 0; i < 4; i++) {
            ticket(a.admit("c" + i, null, 0, 0));
        }
        Refusal r = refusal(a.admit("c4", null, 0, 0));
        assertEquals(Limit.RATE, r.limit());
        assertEquals("Overload: more than 4 new calls per second on the gateway", r.reason());
        now.addAndGet(250_000_000L); // a quarter second: one call's worth
        ticket(a.admit("c5", null, 0, 0));
        refusal(a.admit("c6", null, 0, 0));
        now.addAndGet(10_000_000_000L); // a long pause refills one second's worth, not more
        for (int i = 0; i < 4; i++) {
            ticket(a.admit("d" + i, null, 0, 0));
        }
        refusal(a.admit("d4", null, 0, 0));
    }

    @Test
    public void aTrunkRateIsItsOwnAndARefusalSpendsNothing() {
        CallAdmission a = new CallAdmission(0, 3, now::get);
        ticket(a.admit("a1", "a", 0, 1));
        Refusal r = refusal(a.admit("a2", "a", 0, 1));
        assertEquals("trunk", r.scope());
        assertEquals(Limit.RATE, r.limit());
        // the trunk's refusal took no token of the gateway's: two calls from elsewhere still fit
        ticket(a.admit("b1", "b", 0, 0));
        ticket(a.admit("b2", "b", 0, 0));
        refusal(a.admit("b3", "b", 0, 0));
    }

    @Test
    public void aTicketWhoseInviteWasLostIsGivenBackAfterItsTime() {
        CallAdmission a = new CallAdmission(1, 0, now::get);
        ticket(a.admit("lost", null, 0, 0));
        assertEquals(0, a.sweep());
        refusal(a.admit("next", null, 0, 0));
        now.addAndGet(CallAdmission.UNBOUND_TTL_NANOS + 1);
        assertEquals(1, a.sweep());
        Ticket up = ticket(a.admit("next", null, 0, 0));
        a.bind(up);
        now.addAndGet(CallAdmission.UNBOUND_TTL_NANOS * 10);
        assertEquals("a call that is up is never swept", 0, a.sweep());
        assertEquals(1, a.inUse());
    }
}
