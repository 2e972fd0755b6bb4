package org.switchboard.util.log;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class LogTest {

    @Test
    public void controlCharactersAreEscapedSoNoLineCanBeForgedNorATerminalSteered() {
        assertEquals(
                "ad\\x1B[2Jmin\\x0D\\x0A2026-12-03 ERROR forged\\x00\\x07",
                LogText.escape("ad\u001b[2Jmin\r\n2026-12-03 ERROR forged\0\u0007"));
        assertEquals("tab\\x09and\\u2028", LogText.escape("tab\tand\u2028"));
        String plain = "a1b2c3@10.0.0.1";
        assertSame("plain text is not copied", plain, LogText.escape(plain));
        assertEquals(LogText.MAX + 3, LogText.escape("x".repeat(5000)).length());
        assertEquals("null", LogText.escape(null));
    }

    @Test
    public void aLineRepeatingEveryFrameGoesOutOncePerIntervalPerKeyWithTheCountHeldBack() {
        LogThrottle t = new LogThrottle(10_000_000_000L, 100);
        long start = 5_000_000_000L;
        int out = 0;
        long lastHeld = 0;
        for (int frame = 0; frame < 3201; frame++) { // 64 s of 20 ms frames: one call's worth of failures
            long held = t.admit("session-1", start + frame * 20_000_000L);
            if (held >= 0) {
                out++;
                lastHeld = held;
            }
        }
        assertEquals(7, out);
        assertEquals(499, lastHeld);
        assertEquals("another key is its own", 0, t.admit("session-2", start));
    }

    @Test
    public void aFloodOfKeysDoesNotGrowTheThrottleWithoutBound() {
        LogThrottle t = new LogThrottle(10_000_000_000L, 100);
        for (int i = 0; i < 100_000; i++) {
            assertTrue(t.admit("10.0." + (i >> 8) + "." + (i & 255), 1_000_000L + i) >= 0);
        }
        assertEquals("a source held back within its interval", -1, t.admit("10.0.390.159", 1_000_000L + 99_999 + 1));
    }
}
