package org.switchboard.media.internal.audio;

import java.util.Arrays;

/**
 * Readies a synthesized prompt for the line ({@link #prepare}). {@link #trim} cuts the silence a synthesizer puts before and after the
 * words (Festival's HTS voice: about 200 ms each side), which the caller would otherwise hear as the bot thinking: a
 * prompt starts 20 ms before its first sound and ends 80 ms after its last (sound: a 10 ms window above -50 dBFS).
 * {@link #level} raises a quiet voice (Festival's peaks near -30 dBFS) so that its loudest 20 ms reach -16 dBFS, with
 * at most 12 dB of gain and no sample clipped; a loud enough voice is left as it is.
 */
public final class SynthesizedPrompt {

    static final int WINDOW = 80; // 10 ms at 8 kHz
    static final int LEAD = 160; // 20 ms
    static final int TAIL = 640; // 80 ms
    private static final double SOUND_DB = -50;
    private static final double TARGET_DB = -16;
    private static final double MAX_GAIN = 4; // 12 dB

    private SynthesizedPrompt() {}

    /** {@link #trim}, then {@link #level}: a synthesizer's output as the caller should hear it. */
    public static short[] prepare(short[] s) {
        return level(trim(s));
    }

    public static short[] trim(short[] s) {
        int first = -1;
        int last = -1;
        for (int at = 0; at < s.length; at += WINDOW) {
            int n = Math.min(WINDOW, s.length - at);
            if (EnergyVad.levelDb(s, at, n) > SOUND_DB) {
                if (first < 0) {
                    first = at;
                }
                last = at + n;
            }
        }
        if (first < 0) {
            return s;
        }
        int from = Math.max(0, first - LEAD);
        int to = Math.min(s.length, last + TAIL);
        return from == 0 && to == s.length ? s : Arrays.copyOfRange(s, from, to);
    }

    public static short[] level(short[] s) {
        double loudest = -96;
        int peak = 0;
        for (int at = 0; at < s.length; at += 160) {
            loudest = Math.max(loudest, EnergyVad.levelDb(s, at, Math.min(160, s.length - at)));
        }
        for (short v : s) {
            peak = Math.max(peak, Math.abs(v));
        }
        if (loudest <= SOUND_DB || loudest >= TARGET_DB || peak == 0) {
            return s;
        }
        double gain = Math.min(MAX_GAIN, Math.min(Math.pow(10, (TARGET_DB - loudest) / 20), 32000.0 / peak));
        if (gain <= 1.01) {
            return s;
        }
        short[] out = new short[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = (short) Math.round(s[i] * gain);
        }
        return out;
    }
}
