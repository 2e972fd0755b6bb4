package org.switchboard.assistant.internal.websocket;

/**
 * Linear 16-bit PCM, little-endian, as the bridge carries it, converted to and from the call's 8 kHz samples. At 16 kHz
 * the caller's audio is doubled by linear interpolation and the bot's is halved by averaging sample pairs (a two-tap
 * low-pass: telephone audio has nothing above 4 kHz worth keeping).
 */
final class L16 {

    private final int rate;
    private short last;
    private int odd = -1; // a byte left over from the bot's previous message, or -1

    L16(int rate) {
        this.rate = rate;
    }

    /** {@code length} 8 kHz samples as bytes at this rate. */
    byte[] encode(short[] samples, int length) {
        int factor = rate / 8000;
        byte[] out = new byte[length * 2 * factor];
        int o = 0;
        for (int i = 0; i < length; i++) {
            short s = samples[i];
            if (factor == 2) {
                o = put(out, o, (short) ((last + s) / 2));
            }
            o = put(out, o, s);
            last = s;
        }
        return out;
    }

    /** The bot's bytes at this rate as 8 kHz samples; an odd byte waits for the next message. */
    short[] decode(byte[] data) {
        int start = 0;
        byte[] bytes = data;
        if (odd >= 0) {
            bytes = new byte[data.length + 1];
            bytes[0] = (byte) odd;
            System.arraycopy(data, 0, bytes, 1, data.length);
        }
        int pairs = bytes.length / 2;
        odd = bytes.length % 2 == 1 ? bytes[bytes.length - 1] & 0xff : -1;
        int factor = rate / 8000;
        short[] out = new short[pairs / factor];
        for (int i = 0; i < out.length; i++) {
            if (factor == 2) {
                out[i] = (short) ((sample(bytes, start + 4 * i) + sample(bytes, start + 4 * i + 2)) / 2);
            } else {
                out[i] = (short) sample(bytes, start + 2 * i);
            }
        }
        return out;
    }

    private static int sample(byte[] b, int at) {
        return (short) ((b[at] & 0xff) | (b[at + 1] << 8));
    }

    private static int put(byte[] out, int at, short s) {
        out[at] = (byte) s;
        out[at + 1] = (byte) (s >> 8);
        return at + 2;
    }
}
