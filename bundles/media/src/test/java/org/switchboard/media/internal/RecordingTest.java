package org.switchboard.media.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.switchboard.api.media.MediaEvents;
import org.switchboard.api.media.MediaSession;
import org.switchboard.media.internal.audio.G711;
import org.switchboard.media.internal.record.Recordings;
import org.switchboard.media.internal.rtp.RtpPacket;

/** Per-call recording: a stereo WAV with the caller left and Switchboard right, and its retention. */
public class RecordingTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void bothDirectionsAreRecordedOnTheirOwnChannel() throws Exception {
        Path dir = tmp.newFolder("rec").toPath();
        MediaEngineImpl engine = new MediaEngineImpl(
                RtpSessionTest.config(Map.of("recording_enabled", true, "recording_dir", dir.toString())), null);
        List<String> reported = new CopyOnWriteArrayList<>();
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            int port;
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                port = probe.getLocalPort();
            }
            MediaSession session = engine.open("call/1:a", "127.0.0.1", port, new MediaEvents() {
                @Override
                public void dtmf(char digit, int durationMs) {}

                @Override
                public void mediaTimeout(Duration silence) {}

                @Override
                public void recording(String file) {
                    reported.add(file);
                }
            });
            session.connect("127.0.0.1", peer.getLocalPort(), 0, "PCMU", 101);
            Path wav = RtpSessionTest.tone(tmp.getRoot().toPath().resolve("out.wav"), 8000, 600);
            var played = session.play(wav.toUri(), false).toCompletableFuture();
            long next = System.nanoTime();
            for (int i = 0; i < 75; i++) { // 1.5 s of a 400 Hz tone from the caller, in real time
                byte[] ulaw = new byte[160];
                short[] pcm = new short[160];
                for (int k = 0; k < 160; k++) {
                    pcm[k] = (short) (8000 * Math.sin(2 * Math.PI * 400 * (i * 160 + k) / 8000));
                }
                G711.encode(true, pcm, 0, 160, ulaw, 0);
                ByteBuffer b = ByteBuffer.allocate(172);
                RtpPacket.write(b, i == 0, 0, 1000 + i, 160L * i, 42, ulaw, 160);
                peer.send(new DatagramPacket(b.array(), 172, new InetSocketAddress("127.0.0.1", port)));
                next += 20_000_000L;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            played.get(2, TimeUnit.SECONDS);
            session.close();
        } finally {
            engine.deactivate(); // waits for the writer
        }
        Path file = dir.resolve(LocalDate.now(ZoneOffset.UTC).toString()).resolve("call_1_a.wav");
        assertEquals(List.of(file.toString()), reported);
        ByteBuffer w = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x46464952, w.getInt(0));
        assertEquals(w.capacity() - 8, w.getInt(4));
        assertEquals(2, w.getShort(22));
        assertEquals(8000, w.getInt(24));
        assertEquals(16, w.getShort(34));
        int data = w.getInt(40);
        assertEquals(w.capacity() - 44, data);
        int frames = data / 4 / 160;
        assertTrue("recorded " + frames + " frames", frames >= 70 && frames <= 110);

        int callerTone = 0;
        int promptTone = 0;
        for (int f = 0; f < frames; f++) {
            double[] left = new double[160];
            double[] right = new double[160];
            for (int k = 0; k < 160; k++) {
                int at = 44 + (f * 160 + k) * 4;
                left[k] = w.getShort(at);
                right[k] = w.getShort(at + 2);
            }
            if (power(left, 400) > 1e6) {
                callerTone++;
                assertTrue("the prompt leaks into the caller's channel", power(left, 1000) < power(left, 400) / 100);
            }
            if (power(right, 1000) > 1e6) {
                promptTone++;
                assertTrue("the caller leaks into the prompt's channel", power(right, 400) < power(right, 1000) / 100);
            }
        }
        assertTrue("frames with the caller's tone: " + callerTone, callerTone >= 65 && callerTone <= 76);
        assertTrue("frames with the prompt: " + promptTone, promptTone >= 28 && promptTone <= 31);
    }

    @Test
    public void nothingIsRecordedWhenRecordingIsOff() throws Exception {
        Path dir = tmp.newFolder("off").toPath();
        MediaEngineImpl engine =
                new MediaEngineImpl(RtpSessionTest.config(Map.of("recording_dir", dir.toString())), null);
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            MediaSession s = engine.open("quiet", "127.0.0.1", 0, new MediaEvents() {
                @Override
                public void dtmf(char digit, int durationMs) {}

                @Override
                public void mediaTimeout(Duration silence) {}
            });
            s.connect("127.0.0.1", peer.getLocalPort(), 0, "PCMU", 101);
            Thread.sleep(300);
            s.close();
        } finally {
            engine.deactivate();
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    public void dayDirectoriesPastTheRetentionAreDeleted() throws Exception {
        Path dir = tmp.newFolder("ret").toPath();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Path old = Files.createDirectories(dir.resolve(today.minusDays(8).toString()));
        Files.write(old.resolve("a.wav"), new byte[10]);
        Path kept = Files.createDirectories(dir.resolve(today.minusDays(7).toString()));
        Files.write(kept.resolve("b.wav"), new byte[10]);
        Path other = Files.createDirectories(dir.resolve("notes"));
        try (Recordings r = new Recordings(dir, 7)) {
            r.expire();
        }
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(kept.resolve("b.wav")));
        assertTrue(Files.exists(other));
    }

    /** Goertzel power of {@code hz} in one frame. */
    private static double power(double[] x, double hz) {
        double c = 2 * Math.cos(2 * Math.PI * hz / 8000);
        double s1 = 0;
        double s2 = 0;
        for (double v : x) {
            double s0 = v + c * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return (s1 * s1 + s2 * s2 - c * s1 * s2) / x.length;
    }
}
