package org.switchboard.sip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.nio.charset.StandardCharsets;

import org.junit.Test;

public class DtmfRelayTest {

    private static byte[] body(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    public void aRelayBodyGivesItsDigitAndDuration() {
        assertEquals(
                new DtmfRelay('5', 160),
                DtmfRelay.of(body("Signal=5\r\nDuration=160\r\n")).orElseThrow());
        assertEquals(
                new DtmfRelay('#', 100), DtmfRelay.of(body("signal = #\r\n")).orElseThrow());
        assertFalse(DtmfRelay.of(body("Duration=160\r\n")).isPresent());
        assertFalse(DtmfRelay.of(body("Signal=x\r\n")).isPresent());
    }
}
