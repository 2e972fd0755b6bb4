package org.switchboard.media.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.switchboard.api.call.GatherRequest;
import org.switchboard.api.call.GatherResult;
import org.switchboard.api.media.MediaEvents;
import org.switchboard.api.media.MediaSession;
import org.switchboard.api.speech.RecognitionListener;
import org.switchboard.api.speech.RecognitionSession;
import org.switchboard.media.internal.audio.G711;
import org.switchboard.media.internal.rtp.RtpPacket;
import org.switchboard.media.internal.rtp.TelephoneEvent;

/**
 * The recognizer fails while the caller speaks: the gather goes on with DTMF and the caller's key answers it (on real
 * sockets; the recognizer is the fault, injected).
 */
public class RecognizerFailureTest {

    private MediaEngineImpl engine;
    private DatagramSocket peer;
    private MediaSession session;
    private final AtomicInteger fed = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private int seq = 1;

    @Before
    public void open() throws IOException {
        engine = new MediaEngineImpl(RtpSessionTest.config(Map.of("media_timeout_s", 30, "max_speech_s", 1)), null);
        engine.bindRecognizer((phrases, listener) -> new FailingSession(listener));
        peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        peer.setSoTimeout(2000);
        session = RtpSessionTest.openOnFreePort(engine, "00000000000000000000bbbb", new MediaEvents() {
            @Override
            public void dtmf(char digit, int durationMs) {}

            @Override
            public void mediaTimeout(Duration silence) {}
        });
        session.connect("127.0.0.1", peer.getLocalPort(), 0, "PCMU", 101);
    }

    @After
    public void close() {
        session.close();
        peer.close();
        engine.deactivate();
    }

    /** Fails after half a second of audio, as a recognizer whose model or connection breaks mid-utterance. */
    private final class FailingSession implements RecognitionSession {
        private final RecognitionListener listener;

        FailingSession(RecognitionListener listener) {
            this.listener = listener;
        }

        @Override
        public void feed(short[] samples, int offset, int length) {
            if (fed.addAndGet(length) >= 4000 && fed.get() - length < 4000) {
                engine.pool().execute(() -> listener.onError(new IOException("model crashed")));
            }
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    public void aRecognizerFailingMidUtteranceLeavesTheGatherToTheKeypad() throws Exception {
        var gather = session.gather(new GatherRequest(
                        null,
                        true,
                        true,
                        1,
                        null,
                        true,
                        List.of("billing"),
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(2)))
                .toCompletableFuture();
        byte[] buf = new byte[2048];
        peer.receive(new DatagramPacket(buf, buf.length)); // the session is sending: it is latched to us next
        long start = System.nanoTime();
        for (int i = 0; i < 60; i++) { // 1.2 s of loud speech: longer than max_speech_s
            speech();
            Thread.sleep(20);
        }
        assertTrue("the recognizer was fed and failed", fed.get() >= 4000);
        assertTrue("its session was closed", closed.get() >= 1);
        assertTrue("still listening after the speech timer would have ended it", !gather.isDone());
        digit('5');
        GatherResult r = gather.get(3, TimeUnit.SECONDS);
        assertEquals(GatherResult.Outcome.MATCH, r.outcome());
        assertEquals("5", r.digits());
        assertTrue(System.nanoTime() - start > 1_000_000_000L);
    }

    private void speech() throws IOException {
        short[] pcm = new short[160];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (12000 * Math.sin(2 * Math.PI * 440 * (seq * 160 + i) / 8000.0));
        }
        byte[] payload = new byte[160];
        G711.encode(true, pcm, 0, 160, payload, 0);
        ByteBuffer b = ByteBuffer.allocate(172);
        RtpPacket.write(b, false, 0, seq, seq * 160L, 7, payload, 160);
        seq++;
        send(b.array());
    }

    private void digit(char d) throws IOException {
        int code = TelephoneEvent.code(d);
        long ts = seq * 160L;
        for (int duration = 160; duration <= 800; duration += 160) {
            ByteBuffer b = ByteBuffer.allocate(16);
            RtpPacket.write(
                    b, false, 101, seq++, ts, 7, new TelephoneEvent(code, duration == 800, 10, duration).encode(), 4);
            send(b.array());
        }
    }

    private void send(byte[] bytes) throws IOException {
        peer.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", session.localPort())));
    }
}
