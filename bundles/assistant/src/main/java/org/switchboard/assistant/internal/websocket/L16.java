package org.switchboard.assistant.internal.websocket;

import org.switchboard.util.audio.Resampler;
import org.switchboard.util.audio.StreamUpsampler;

/**
 * Linear 16-bit PCM, little-endian, as the bridge carries it, converted to and from the call's 8 kHz samples; at
 * 16 kHz through {@code util}'s low-pass resampler (the caller's audio as one stream, the bot's message by message).
 * One instance per call: it keeps the upsampler's history and an odd byte the bot split across messages.
 */
final class L16 {

    private final int rate;
    private final StreamUpsampler up = new StreamUpsampler();
    private int odd = -1;

    L16(int rate) {
        this.rate = rate;
    }

    /** {@code length} 8 kHz samples as bytes at this rate. */
    byte[] encode(short[] samples, int length) {
        short[] s = rate == 16000 ? up.process(samples, 0, length) : samples;
        int n = rate == 16000 ? s.length : length;
        byte[] out = new byte[2 * n];
        for (int i = 0; i < n; i++) {
            out[2 * i] = (byte) s[i];
            out[2 * i + 1] = (byte) (s[i] >> 8);
        }
        return out;
    }

    /** The bot's bytes at this rate as 8 kHz samples. */
    short[] decode(byte[] data) {
        byte[] bytes = data;
        if (odd >= 0) {
            bytes = new byte[data.length + 1];
            bytes[0] = (byte) odd;
            System.arraycopy(data, 0, bytes, 1, data.length);
        }
        odd = bytes.length % 2 == 1 ? bytes[bytes.length - 1] & 0xff : -1;
        short[] samples = new short[bytes.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8));
        }
        return rate == 16000 ? Resampler.downsample2(samples) : samples;
    }
}
