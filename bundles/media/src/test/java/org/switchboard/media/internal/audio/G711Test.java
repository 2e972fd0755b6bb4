package org.switchboard.media.internal.audio;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.Test;

/** Our G.711 tables against the JDK's own conversion, for every 16-bit sample and every code. */
public class G711Test {

    @Test
    public void decodingMatchesTheJdkForEveryCode() throws Exception {
        for (boolean ulaw : new boolean[] {true, false}) {
            byte[] codes = new byte[256];
            for (int i = 0; i < 256; i++) {
                codes[i] = (byte) i;
            }
            short[] jdk = jdkDecode(ulaw, codes);
            short[] ours = new short[256];
            G711.decode(ulaw, codes, 0, 256, ours, 0);
            for (int i = 0; i < 256; i++) {
                assertEquals((ulaw ? "u" : "A") + "-law code " + i, jdk[i], ours[i]);
            }
        }
    }

    @Test
    public void encodingMatchesTheJdkAndRoundTripsWithinTheQuantisationStep() throws Exception {
        short[] all = new short[65536];
        for (int i = 0; i < all.length; i++) {
            all[i] = (short) (i - 32768);
        }
        for (boolean ulaw : new boolean[] {true, false}) {
            byte[] jdk = jdkEncode(ulaw, all);
            byte[] ours = new byte[all.length];
            G711.encode(ulaw, all, 0, all.length, ours, 0);
            short[] back = new short[all.length];
            G711.decode(ulaw, ours, 0, ours.length, back, 0);
            int differ = 0;
            for (int i = 0; i < all.length; i++) {
                int step = Math.max(ulaw ? 16 : 32, Math.abs(all[i]) / 8); // one quantisation step (encoding truncates)
                if (jdk[i] != ours[i]) {
                    differ++;
                    // the JDK rounds boundary samples the other way (one level apart); its u-law wraps to zero for
                    // the extreme samples (beyond +-32634), where ours clips as G.711 says; and its A-law is off
                    // for some small negative samples (-7 -> -248), where ours is closer
                    short viaJdk = decodeOne(ulaw, jdk[i]);
                    boolean jdkWraps = ulaw && Math.abs(all[i]) > 32634 && Math.abs(viaJdk) < 1000;
                    assertTrue(
                            "sample " + all[i] + ": ours " + back[i] + ", the JDK's " + viaJdk,
                            jdkWraps
                                    || Math.abs(back[i] - viaJdk) <= 2 * step
                                    || Math.abs(viaJdk - all[i]) > Math.abs(back[i] - all[i]));
                }
                assertTrue(
                        (ulaw ? "u" : "A") + "-law sample " + all[i] + " came back as " + back[i],
                        Math.abs(back[i] - all[i]) <= step);
            }
            assertTrue("differences from the JDK: " + differ, differ < 1000);
        }
        assertEquals((byte) 0xFF, G711.silence(true));
        assertEquals((byte) 0xD5, G711.silence(false));
    }

    private static short decodeOne(boolean ulaw, byte b) {
        short[] out = new short[1];
        G711.decode(ulaw, new byte[] {b}, 0, 1, out, 0);
        return out[0];
    }

    private static AudioFormat pcm() {
        return new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, 8000, 16, 1, 2, 8000, false);
    }

    private static AudioFormat law(boolean ulaw) {
        return new AudioFormat(
                ulaw ? AudioFormat.Encoding.ULAW : AudioFormat.Encoding.ALAW, 8000, 8, 1, 1, 8000, false);
    }

    private static short[] jdkDecode(boolean ulaw, byte[] codes) throws Exception {
        AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(codes), law(ulaw), codes.length);
        byte[] bytes = AudioSystem.getAudioInputStream(pcm(), in).readAllBytes();
        short[] out = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }

    private static byte[] jdkEncode(boolean ulaw, short[] samples) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(samples);
        AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(b.array()), pcm(), samples.length);
        return AudioSystem.getAudioInputStream(law(ulaw), in).readAllBytes();
    }
}
