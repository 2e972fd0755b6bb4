package org.switchboard.media.internal.audio;

/**
 * G.711 µ-law and A-law (ITU-T G.711), with lookup tables: 64 Ki entries to encode, 256 to decode.
 */
public final class G711 {

    private static final byte[] ULAW_ENCODE = new byte[65536];
    private static final byte[] ALAW_ENCODE = new byte[65536];
    private static final short[] ULAW_DECODE = new short[256];
    private static final short[] ALAW_DECODE = new short[256];

    static {
        for (int i = 0; i < 65536; i++) {
            short pcm = (short) i;
            ULAW_ENCODE[i] = ulaw(pcm);
            ALAW_ENCODE[i] = alaw(pcm);
        }
        for (int i = 0; i < 256; i++) {
            ULAW_DECODE[i] = ulawToLinear((byte) i);
            ALAW_DECODE[i] = alawToLinear((byte) i);
        }
    }

    private G711() {}

    /** Encodes {@code n} samples from {@code pcm[from]} into {@code out[at]}. */
    public static void encode(boolean ulaw, short[] pcm, int from, int n, byte[] out, int at) {
        byte[] table = ulaw ? ULAW_ENCODE : ALAW_ENCODE;
        for (int i = 0; i < n; i++) {
            out[at + i] = table[pcm[from + i] & 0xFFFF];
        }
    }

    /** Decodes {@code n} bytes from {@code in[from]} into {@code out[at]}. */
    public static void decode(boolean ulaw, byte[] in, int from, int n, short[] out, int at) {
        short[] table = ulaw ? ULAW_DECODE : ALAW_DECODE;
        for (int i = 0; i < n; i++) {
            out[at + i] = table[in[from + i] & 0xFF];
        }
    }

    /** The byte of silence. */
    public static byte silence(boolean ulaw) {
        return ulaw ? ULAW_ENCODE[0] : ALAW_ENCODE[0];
    }

    static byte ulaw(short sample) {
        int pcm = sample >> 2;
        int mask;
        if (pcm < 0) {
            pcm = -pcm;
            mask = 0x7F;
        } else {
            mask = 0xFF;
        }
        if (pcm > 8159) {
            pcm = 8159;
        }
        pcm += 0x84 >> 2;
        int seg = segment(pcm, 0x3F);
        if (seg >= 8) {
            return (byte) (0x7F ^ mask);
        }
        return (byte) (((seg << 4) | ((pcm >> (seg + 1)) & 0xF)) ^ mask);
    }

    static byte alaw(short sample) {
        int pcm = sample >> 3;
        int mask;
        if (pcm >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            pcm = -pcm - 1;
        }
        int seg = segment(pcm, 0x1F);
        if (seg >= 8) {
            return (byte) (0x7F ^ mask);
        }
        int aval = seg << 4;
        aval |= seg < 2 ? (pcm >> 1) & 0xF : (pcm >> seg) & 0xF;
        return (byte) (aval ^ mask);
    }

    /** The segment of {@code value}: the first of 8 doubling upper bounds starting at {@code first}. */
    private static int segment(int value, int first) {
        int bound = first;
        for (int seg = 0; seg < 8; seg++) {
            if (value <= bound) {
                return seg;
            }
            bound = (bound << 1) | 1;
        }
        return 8;
    }

    static short ulawToLinear(byte b) {
        int u = ~b & 0xFF;
        int t = ((u & 0x0F) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (short) ((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
    }

    static short alawToLinear(byte b) {
        int a = (b ^ 0x55) & 0xFF;
        int t = (a & 0x0F) << 4;
        int seg = (a & 0x70) >> 4;
        switch (seg) {
            case 0 -> t += 8;
            case 1 -> t += 0x108;
            default -> {
                t += 0x108;
                t <<= seg - 1;
            }
        }
        return (short) ((a & 0x80) != 0 ? t : -t);
    }
}
