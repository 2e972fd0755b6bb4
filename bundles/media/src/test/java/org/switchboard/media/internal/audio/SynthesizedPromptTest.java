package org.switchboard.media.internal.audio;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import org.junit.Test;

public class SynthesizedPromptTest {

    private static short[] speech(int silenceBefore, int sound, int silenceAfter) {
        short[] s = new short[silenceBefore + sound + silenceAfter];
        for (int i = 0; i < sound; i++) {
            s[silenceBefore + i] = (short) (8000 * Math.sin(2 * Math.PI * 300 * i / 8000.0));
        }
        for (int i = 0; i < silenceBefore; i++) {
            s[i] = (short) (i % 3 - 1); // a synthesizer's near-silence, not digital zero
        }
        return s;
    }

    @Test
    public void aPromptStarts20MsBeforeItsFirstSoundAndEnds80MsAfterItsLast() {
        short[] s = speech(1920, 8000, 1920); // 240 ms, 1 s, 240 ms
        short[] t = SynthesizedPrompt.trim(s);
        assertEquals(160 + 8000 + 640, t.length);
        assertEquals(s[1920 - 160 + 200], t[200]);
    }

    @Test
    public void audioWithoutSilenceOrWithoutSoundIsLeftAsItIs() {
        short[] tight = speech(0, 4000, 0);
        assertSame(tight, SynthesizedPrompt.trim(tight));
        short[] quiet = new short[4000];
        assertSame(quiet, SynthesizedPrompt.trim(quiet));
    }

    @Test
    public void aQuietVoiceIsRaisedToMinus16DbfsWithoutClippingAndALoudOneIsLeft() {
        short[] quiet = speech(0, 8000, 0);
        for (int i = 0; i < quiet.length; i++) {
            quiet[i] = (short) (quiet[i] / 8); // loudest frame about -15 - 18 = -33 dBFS
        }
        short[] raised = SynthesizedPrompt.level(quiet);
        double db = EnergyVad.levelDb(raised, 0, 160 * 10);
        assertEquals("at most 12 dB of gain", -33 + 12, db, 1.0);
        short[] loud = speech(0, 8000, 0);
        assertSame(loud, SynthesizedPrompt.level(loud));
        short[] nearFull = new short[1600];
        for (int i = 0; i < nearFull.length; i++) {
            nearFull[i] = (short) (i % 2 == 0 ? 30000 : -300); // a click: peaky, quiet on average
        }
        short[] limited = SynthesizedPrompt.level(nearFull);
        for (short v : limited) {
            assertEquals(true, Math.abs(v) <= 32000);
        }
    }
}
