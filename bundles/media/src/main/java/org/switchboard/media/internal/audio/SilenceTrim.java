package org.switchboard.media.internal.audio;

import java.util.Arrays;

/**
 * Cuts the silence a synthesizer puts before and after the words (Festival's HTS voice: about 200 ms each side),
 * which the caller would otherwise hear as the bot thinking: a prompt starts 20 ms before its first sound and ends
 * 80 ms after its last. Sound is a 10 ms window above -50 dBFS. All-silent audio is left as it is.
 */
public final class SilenceTrim {

    static final int WINDOW = 80; // 10 ms at 8 kHz
    static final int LEAD = 160; // 20 ms
    static final int TAIL = 640; // 80 ms
    private static final double SOUND_DB = -50;

    private SilenceTrim() {}

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
}
