package org.switchboard.util.audio;

/**
 * 8 kHz to 16 kHz for a stream that arrives in chunks (e.g. 20 ms RTP frames): the same filter as
 * {@link Resampler#upsample2(short[])}, run causally as two polyphase branches with the last input samples kept
 * between chunks, so chunk edges leave no trace. The output lags the input by 31 samples at 16 kHz (about 2 ms).
 * Not thread-safe: one instance per stream.
 */
public final class StreamUpsampler {

    private static final double[] EVEN;
    private static final double[] ODD;

    static {
        double[] h = Resampler.TAPS;
        EVEN = new double[(h.length + 1) / 2];
        ODD = new double[h.length / 2];
        for (int k = 0; k < h.length; k++) {
            if (k % 2 == 0) {
                EVEN[k / 2] = 2 * h[k];
            } else {
                ODD[k / 2] = 2 * h[k];
            }
        }
    }

    private final double[] history = new double[EVEN.length];
    private int head;

    /**
     * Upsamples a chunk.
     *
     * @param in the 8 kHz samples
     * @param offset the first sample to use
     * @param length how many samples to use
     * @return {@code 2 * length} samples at 16 kHz
     */
    public short[] process(short[] in, int offset, int length) {
        short[] out = new short[2 * length];
        int n = history.length;
        for (int s = 0; s < length; s++) {
            head = (head + 1) % n;
            history[head] = in[offset + s];
            double even = 0;
            double odd = 0;
            for (int j = 0; j < n; j++) {
                double x = history[(head - j + n) % n];
                even += EVEN[j] * x;
                if (j < ODD.length) {
                    odd += ODD[j] * x;
                }
            }
            out[2 * s] = Resampler.clip(even);
            out[2 * s + 1] = Resampler.clip(odd);
        }
        return out;
    }
}
