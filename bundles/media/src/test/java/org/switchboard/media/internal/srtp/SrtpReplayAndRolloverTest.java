package org.switchboard.media.internal.srtp;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.Test;
import org.switchboard.media.internal.rtp.RtpPacket;
import org.switchboard.media.internal.srtp.SrtpReceiver.Outcome;

/** Receiving: replay window, rollover across a sequence wrap (in order and reordered), forgeries, plain RTP. */
public class SrtpReplayAndRolloverTest {

    private static final SrtpSuite SUITE = SrtpSuite.AES_CM_128_HMAC_SHA1_80;
    private static final byte[] KEY = key(7);

    private final SrtpSender sender = new SrtpSender(SUITE, KEY);
    private final SrtpReceiver receiver = new SrtpReceiver(SUITE, KEY);

    private static byte[] key(int seed) {
        byte[] k = new byte[30];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (seed * 31 + i * 7);
        }
        return k;
    }

    /** A plain RTP packet whose payload names its sequence number and a counter. */
    private static byte[] rtp(int sequence, long ssrc, int n) {
        ByteBuffer b = ByteBuffer.allocate(12 + 160);
        byte[] payload = new byte[160];
        Arrays.fill(payload, (byte) n);
        RtpPacket.write(b, false, 0, sequence, n * 160L, ssrc, payload, payload.length);
        return b.array();
    }

    private byte[] protect(byte[] plain) {
        byte[] b = Arrays.copyOf(plain, plain.length + SrtpSuite.MAX_TAG);
        int length = sender.protect(b, 0, plain.length);
        return Arrays.copyOf(b, length);
    }

    private Outcome receive(byte[] srtp) {
        return receiver.unprotect(srtp.clone(), 0, srtp.length);
    }

    @Test
    public void aReplayedPacketIsRefusedAndItsFirstCopyDecrypts() {
        byte[] plain = rtp(100, 1, 1);
        byte[] srtp = protect(plain);
        byte[] copy = srtp.clone();
        assertEquals(Outcome.OK, receiver.unprotect(copy, 0, copy.length));
        assertArrayEquals(plain, Arrays.copyOf(copy, receiver.length()));
        assertEquals(Outcome.REPLAYED, receive(srtp));
    }

    @Test
    public void latePacketsInsideTheWindowAreTakenOnceAndOlderOnesRefused() {
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            sent.add(protect(rtp(1000 + i, 1, i)));
        }
        assertEquals(Outcome.OK, receive(sent.get(0)));
        assertEquals(Outcome.OK, receive(sent.get(299)));
        assertEquals("100 behind: inside the window", Outcome.OK, receive(sent.get(299 - 100)));
        assertEquals(Outcome.REPLAYED, receive(sent.get(299 - 100)));
        assertEquals(Outcome.OK, receive(sent.get(299 - SrtpReceiver.REPLAY_WINDOW + 1)));
        assertEquals("at the window edge", Outcome.REPLAYED, receive(sent.get(299 - SrtpReceiver.REPLAY_WINDOW)));
        assertEquals(Outcome.REPLAYED, receive(sent.get(1)));
    }

    @Test
    public void theRolloverCounterFollowsTheSequenceWrapInOrder() {
        for (int i = 0; i < 3 * 65536 + 10; i += 1) {
            byte[] plain = rtp((65000 + i) & 0xFFFF, 1, i);
            byte[] srtp = protect(plain);
            if (i % 97 == 5) {
                continue; // lost on the way
            }
            assertEquals("packet " + i, Outcome.OK, receiver.unprotect(srtp, 0, srtp.length));
            assertArrayEquals(plain, Arrays.copyOf(srtp, receiver.length()));
        }
        assertEquals(3, sender.rolloverCounter());
    }

    @Test
    public void packetsReorderedAcrossTheWrapDecryptWithTheirOwnRolloverCounter() {
        byte[] a = rtp(65534, 9, 1);
        byte[] b = rtp(65535, 9, 2);
        byte[] c = rtp(0, 9, 3);
        byte[] d = rtp(1, 9, 4);
        byte[] sa = protect(a);
        byte[] sb = protect(b);
        byte[] sc = protect(c);
        byte[] sd = protect(d);
        assertEquals(1, sender.rolloverCounter());
        for (byte[][] pair : new byte[][][] {{sa, a}, {sc, c}, {sb, b}, {sd, d}}) {
            byte[] copy = pair[0].clone();
            assertEquals(Outcome.OK, receiver.unprotect(copy, 0, copy.length));
            assertArrayEquals(pair[1], Arrays.copyOf(copy, receiver.length()));
        }
        assertEquals(Outcome.REPLAYED, receive(sc));
        assertEquals(Outcome.REPLAYED, receive(sb));
    }

    @Test
    public void aTamperedPacketAWrongKeyAndPlainRtpFailAuthentication() {
        byte[] srtp = protect(rtp(5, 1, 1));
        byte[] tampered = srtp.clone();
        tampered[20] ^= 1;
        assertEquals(Outcome.AUTHENTICATION_FAILED, receive(tampered));
        byte[] tag = srtp.clone();
        tag[tag.length - 1] ^= (byte) 0x80;
        assertEquals(Outcome.AUTHENTICATION_FAILED, receive(tag));
        assertEquals(
                Outcome.AUTHENTICATION_FAILED, new SrtpReceiver(SUITE, key(8)).unprotect(srtp.clone(), 0, srtp.length));
        byte[] plain = rtp(6, 1, 2);
        assertEquals(Outcome.AUTHENTICATION_FAILED, receive(plain));
        assertEquals("a forgery does not spend the sequence number", Outcome.OK, receive(srtp));
        assertEquals(Outcome.MALFORMED, receiver.unprotect(new byte[15], 0, 15));
    }

    @Test
    public void eachSourceHasItsOwnReplayWindow() {
        byte[] one = protect(rtp(10, 1, 1));
        byte[] two = protect(rtp(10, 2, 1));
        assertEquals(Outcome.OK, receive(one));
        assertEquals(Outcome.OK, receive(two));
        assertEquals(Outcome.REPLAYED, receive(two));
    }

    @Test
    public void the32BitTagSuiteRoundTrips() {
        SrtpSender s = new SrtpSender(SrtpSuite.AES_CM_128_HMAC_SHA1_32, KEY);
        SrtpReceiver r = new SrtpReceiver(SrtpSuite.AES_CM_128_HMAC_SHA1_32, KEY);
        byte[] plain = rtp(77, 3, 1);
        byte[] b = Arrays.copyOf(plain, plain.length + 4);
        assertEquals(plain.length + 4, s.protect(b, 0, plain.length));
        assertEquals(Outcome.OK, r.unprotect(b, 0, b.length));
        assertArrayEquals(plain, Arrays.copyOf(b, r.length()));
    }
}
