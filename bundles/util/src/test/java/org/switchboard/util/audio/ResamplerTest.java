package org.switchboard.util.audio;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class ResamplerTest {

    private static short[] sine(double hz, int rate, int n, double amplitude) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }

    /** The amplitude of the {@code hz} component, ignoring the first and last 200 samples (filter edges). */
    private static double amplitude(short[] s, double hz, int rate) {
        double re = 0;
        double im = 0;
        int count = 0;
        for (int i = 200; i < s.length - 200; i++) {
            re += s[i] * Math.cos(2 * Math.PI * hz * i / rate);
            im += s[i] * Math.sin(2 * Math.PI * hz * i / rate);
            count++;
        }
        return 2 * Math.hypot(re, im) / count;
    }

    private static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    @Test
    public void upsamplingKeepsTheVoiceBandAndRemovesTheImages() {
        for (double hz : new double[] {300, 1000, 2000, 3000, 3400}) {
            short[] up = Resampler.upsample2(sine(hz, 8000, 8000, 10000));
            double pass = amplitude(up, hz, 16000) / 10000;
            double image = amplitude(up, 8000 - hz, 16000) / 10000;
            double tolerance = hz <= 3000 ? 0.5 : 1.5; // the band edge rolls off gently
            assertEquals(hz + " Hz passes", 0, db(pass), tolerance);
            assertTrue(hz + " Hz image at " + (8000 - hz) + " Hz is " + db(image) + " dB", db(image) < -40);
        }
    }

    @Test
    public void downsamplingRemovesWhatWouldFoldBack() {
        short[] in = sine(1000, 16000, 16000, 10000);
        assertEquals(0, db(amplitude(Resampler.downsample2(in), 1000, 8000) / 10000), 0.5);
        // 6 kHz would fold to 2 kHz at 8 kHz
        short[] high = sine(6000, 16000, 16000, 10000);
        assertTrue(db(amplitude(Resampler.downsample2(high), 2000, 8000) / 10000) < -50);
    }

    @Test
    public void lowPassHasUnityGainAndIsSymmetric() {
        double[] h = Resampler.lowPass(63, 0.23);
        double sum = 0;
        for (int i = 0; i < h.length; i++) {
            sum += h[i];
            assertEquals(h[i], h[h.length - 1 - i], 1e-12);
        }
        assertEquals(1, sum, 1e-9);
    }

    @Test
    public void streamingInChunksEqualsTheWholeClipDelayed() {
        short[] in = sine(1234, 8000, 4000, 12000);
        short[] whole = Resampler.upsample2(in);
        StreamUpsampler stream = new StreamUpsampler();
        short[] out = new short[whole.length];
        int pos = 0;
        int[] chunks = {160, 7, 160, 1, 320, 93};
        for (int c = 0; pos < in.length; c++) {
            int len = Math.min(chunks[c % chunks.length], in.length - pos);
            System.arraycopy(stream.process(in, pos, len), 0, out, 2 * pos, 2 * len);
            pos += len;
        }
        int delay = Resampler.TAPS.length / 2;
        for (int i = 100; i < whole.length - 100; i++) {
            assertEquals("sample " + i, whole[i], out[i + delay], 1);
        }
        StreamUpsampler again = new StreamUpsampler();
        assertArrayEquals(again.process(in, 0, in.length), out);
    }
}
