package org.switchboard.media.internal.audio;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class EchoGateTest {

    private static short[] tone(int amplitude) {
        short[] s = new short[160];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (amplitude * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        }
        return s;
    }

    @Test
    public void theGateFollowsTheLoudestFrameSentOverTheEchoSpan() {
        EchoGate gate = new EchoGate(10);
        assertEquals("open before anything was sent", -96, gate.minimumDb(), 0);
        gate.sent(-14);
        gate.sent(-30);
        assertEquals(-24, gate.minimumDb(), 1e-9);
        for (int i = 0; i < EchoGate.SPAN - 2; i++) {
            gate.sent(-96);
        }
        assertEquals("the loud frame is still within 400 ms", -24, gate.minimumDb(), 1e-9);
        gate.sent(-96);
        assertEquals("then the next", -40, gate.minimumDb(), 1e-9);
        gate.sent(-96);
        assertEquals("400 ms of silence sent: open", -96, gate.minimumDb(), 0);
        EchoGate off = new EchoGate(0);
        off.sent(-10);
        assertEquals(-96, off.minimumDb(), 0);
    }

    @Test
    public void echoBelowTheGateIsNotSpeechAndLeavesTheNoiseFloor() {
        EnergyVad vad = new EnergyVad(-40, 12, 3, 40);
        double prompt = EnergyVad.levelDb(tone(10000), 0, 160);
        short[] echo = tone(2500); // 12 dB weaker
        for (int i = 0; i < 50; i++) {
            assertEquals(EnergyVad.Change.NONE, vad.frame(echo, 0, 160, prompt - 10));
            assertFalse(vad.voiced());
        }
        short[] caller = tone(12000);
        vad.frame(caller, 0, 160, prompt - 10);
        vad.frame(caller, 0, 160, prompt - 10);
        assertEquals(
                "the caller over the prompt", EnergyVad.Change.SPEECH_START, vad.frame(caller, 0, 160, prompt - 10));
        EnergyVad after = new EnergyVad(-40, 12, 3, 40);
        for (int i = 0; i < 50; i++) {
            after.frame(echo, 0, 160, prompt - 10);
        }
        after.frame(echo, 0, 160);
        assertTrue("the floor did not climb to the echo: once the prompt ends, its level is speech", after.voiced());
    }
}
