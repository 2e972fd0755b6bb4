package org.switchboard.media.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.switchboard.api.media.MediaEvents;
import org.switchboard.api.media.MediaSession;
import org.switchboard.api.media.SrtpParameters;
import org.switchboard.media.internal.rtp.RtpPacket;
import org.switchboard.media.internal.rtp.TelephoneEvent;
import org.switchboard.media.internal.srtp.SrtpReceiver;
import org.switchboard.media.internal.srtp.SrtpSender;
import org.switchboard.media.internal.srtp.SrtpSuite;

/** A media session over SRTP on real sockets, against a peer that encrypts with its own key. */
public class SrtpSessionTest {

    private static final byte[] OURS = key(1);
    private static final byte[] THEIRS = key(2);

    private MediaEngineImpl engine;
    private DatagramSocket peer;
    private MediaSession session;
    private final List<String> digits = new CopyOnWriteArrayList<>();
    private final SrtpSender peerSender = new SrtpSender(SrtpSuite.AES_CM_128_HMAC_SHA1_80, THEIRS);
    private final SrtpReceiver peerReceiver = new SrtpReceiver(SrtpSuite.AES_CM_128_HMAC_SHA1_80, OURS);
    private int seq = 65530; // wraps during the test

    private static byte[] key(int seed) {
        byte[] k = new byte[30];
        Arrays.fill(k, (byte) seed);
        k[0] = (byte) (seed * 13);
        return k;
    }

    @Before
    public void open() throws IOException {
        engine = new MediaEngineImpl(RtpSessionTest.config(30), null);
        peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        peer.setSoTimeout(2000);
        session = RtpSessionTest.openOnFreePort(engine, "00000000000000000000aaaa", new MediaEvents() {
            @Override
            public void dtmf(char digit, int durationMs) {
                digits.add(String.valueOf(digit));
            }

            @Override
            public void mediaTimeout(Duration silence) {}
        });
        session.connect(
                "127.0.0.1",
                peer.getLocalPort(),
                0,
                "PCMU",
                101,
                new SrtpParameters(SrtpParameters.AES_CM_128_HMAC_SHA1_80, OURS, THEIRS));
    }

    @After
    public void close() {
        session.close();
        peer.close();
        engine.deactivate();
    }

    @Test
    public void whatTheSessionSendsIsEncryptedAndAuthenticatedWithItsKey() throws Exception {
        for (int i = 0; i < 10; i++) {
            byte[] buf = new byte[2048];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            peer.receive(p);
            assertEquals(12 + 160 + 10, p.getLength());
            byte[] encrypted = Arrays.copyOfRange(buf, 12, 172);
            assertEquals(SrtpReceiver.Outcome.OK, peerReceiver.unprotect(buf, 0, p.getLength()));
            RtpPacket rtp = RtpPacket.parse(ByteBuffer.wrap(buf, 0, peerReceiver.length()));
            byte[] silence = new byte[160];
            Arrays.fill(silence, (byte) 0xFF); // PCMU silence
            assertEquals("decrypted: PCMU silence", Arrays.toString(silence), Arrays.toString(rtp.payload()));
            assertNotEquals("on the wire: not silence", Arrays.toString(silence), Arrays.toString(encrypted));
        }
    }

    @Test
    public void digitsSentOverSrtpArriveAcrossASequenceWrapAndPlainOrReplayedPacketsAreDropped() throws Exception {
        byte[] buf = new byte[2048];
        peer.receive(new DatagramPacket(buf, buf.length));
        sendDigit('4', 1000, true);
        sendDigit('2', 2000, true);
        awaitTrue(() -> digits.size() == 2);
        assertEquals(List.of("4", "2"), digits);
        awaitTrue(() -> session.stats().packetsIn() >= 14); // a digit is reported on its first end packet
        long in = session.stats().packetsIn();
        assertEquals(14, in);

        byte[] last = srtpEvent(new TelephoneEvent(5, true, 10, 800), 3000);
        send(last);
        send(last); // replayed
        sendDigit('7', 4000, false); // plain RTP on an SRTP session
        awaitTrue(() -> session.stats().dropped() == 8);
        assertEquals(in + 1, session.stats().packetsIn());
        assertEquals(List.of("4", "2", "5"), digits);
    }

    private void sendDigit(char d, long timestamp, boolean encrypted) throws IOException {
        int code = TelephoneEvent.code(d);
        for (int duration = 160; duration <= 800; duration += 160) {
            TelephoneEvent e = new TelephoneEvent(code, duration == 800, 10, duration);
            send(encrypted ? srtpEvent(e, timestamp) : plainEvent(e, timestamp));
        }
        TelephoneEvent end = new TelephoneEvent(code, true, 10, 800);
        send(encrypted ? srtpEvent(end, timestamp) : plainEvent(end, timestamp));
        send(encrypted ? srtpEvent(end, timestamp) : plainEvent(end, timestamp));
    }

    private byte[] plainEvent(TelephoneEvent e, long timestamp) {
        ByteBuffer b = ByteBuffer.allocate(16 + SrtpSuite.MAX_TAG);
        RtpPacket.write(b, false, 101, seq & 0xFFFF, timestamp, 7, e.encode(), 4);
        seq++;
        return Arrays.copyOf(b.array(), 16);
    }

    private byte[] srtpEvent(TelephoneEvent e, long timestamp) {
        byte[] b = Arrays.copyOf(plainEvent(e, timestamp), 16 + SrtpSuite.MAX_TAG);
        return Arrays.copyOf(b, peerSender.protect(b, 0, 16));
    }

    private void send(byte[] bytes) throws IOException {
        peer.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", session.localPort())));
    }

    private static void awaitTrue(java.util.function.BooleanSupplier c) throws InterruptedException {
        for (int i = 0; i < 300 && !c.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertTrue(c.getAsBoolean());
    }
}
