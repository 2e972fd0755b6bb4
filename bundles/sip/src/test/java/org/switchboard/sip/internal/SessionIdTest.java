package org.switchboard.sip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.Test;

public class SessionIdTest {

    @Test
    public void anIdIsTwentyFourHexDigitsLedByTheTimeInSeconds() {
        long now = 1_796_000_000_123L;
        String id = InviteProcessor.newSessionId(now);
        assertTrue(id, id.matches("[0-9a-f]{24}"));
        assertEquals(Long.toHexString(now / 1000), id.substring(0, 8));
    }

    @Test
    public void idsSortByTheSecondTheirCallsCameAndDifferWithinOne() {
        long now = 1_796_000_000_000L;
        Set<String> sameSecond = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String earlier = InviteProcessor.newSessionId(now + 999);
            String later = InviteProcessor.newSessionId(now + 1000);
            assertTrue(earlier + " < " + later, earlier.compareTo(later) < 0);
            sameSecond.add(earlier);
        }
        assertEquals("64 random bits: no two alike", 1000, sameSecond.size());
        assertNotEquals(
                InviteProcessor.newSessionId(now).substring(8),
                InviteProcessor.newSessionId(now).substring(8));
    }

    @Test
    public void theDefaultIdIsOfNow() {
        long before = System.currentTimeMillis() / 1000;
        long seconds = Long.parseLong(InviteProcessor.newSessionId().substring(0, 8), 16);
        assertTrue(seconds >= before && seconds <= System.currentTimeMillis() / 1000);
    }
}
