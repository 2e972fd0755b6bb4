package org.switchboard.util.audio;

/**
 * 2:1 sample-rate conversion between 16 and 8 kHz with a windowed-sinc low-pass FIR (cut-off just under 4 kHz),
 * so that nothing above the new Nyquist frequency folds back into the band.
 */
public final class Resampler {

    /** The filter: 63 taps, cut-off at 0.23 of the higher rate (3.7 kHz at 16 kHz). */
    static final double[] TAPS = lowPass(63, 0.23);

    private Resampler() {}

    /** 16 kHz to 8 kHz: filter, keep every second sample. */
    public static short[] downsample2(short[] in) {
        short[] out = new short[in.length / 2];
        int half = TAPS.length / 2;
        for (int o = 0; o < out.length; o++) {
            int center = 2 * o;
            double acc = 0;
            for (int k = 0; k < TAPS.length; k++) {
                int i = center + k - half;
                if (i >= 0 && i < in.length) {
                    acc += TAPS[k] * in[i];
                }
            }
            out[o] = clip(acc);
        }
        return out;
    }

    /** 8 kHz to 16 kHz: insert zeros, filter (with gain 2). */
    public static short[] upsample2(short[] in) {
        short[] out = new short[in.length * 2];
        int half = TAPS.length / 2;
        for (int o = 0; o < out.length; o++) {
            double acc = 0;
            for (int k = 0; k < TAPS.length; k++) {
                int i = o + k - half;
                if (i >= 0 && i % 2 == 0 && i / 2 < in.length) {
                    acc += TAPS[k] * in[i / 2];
                }
            }
            out[o] = clip(2 * acc);
        }
        return out;
    }

    /**
     * A Blackman-windowed sinc low-pass filter with unity gain at DC.
     *
     * @param taps the number of coefficients (odd for a symmetric filter with a whole-sample delay)
     * @param cutoff the cut-off frequency as a fraction of the sample rate
     * @return the coefficients
     */
    public static double[] lowPass(int taps, double cutoff) {
        double[] h = new double[taps];
        int m = taps - 1;
        double sum = 0;
        for (int n = 0; n < taps; n++) {
            double x = n - m / 2.0;
            double sinc = x == 0 ? 2 * Math.PI * cutoff : Math.sin(2 * Math.PI * cutoff * x) / x;
            double w = 0.42 - 0.5 * Math.cos(2 * Math.PI * n / m) + 0.08 * Math.cos(4 * Math.PI * n / m);
            h[n] = sinc * w;
            sum += h[n];
        }
        for (int n = 0; n < taps; n++) {
            h[n] /= sum;
        }
        return h;
    }

    static short clip(double v) {
        long r = Math.round(v);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
    }
}
