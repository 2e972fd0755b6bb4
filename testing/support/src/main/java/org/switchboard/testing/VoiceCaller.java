package org.switchboard.testing;

import java.io.File;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * The caller's side of a call's audio, as a phone would do it: G.711 u-law RTP every 20 ms from one UDP port
 * (silence unless speech was queued), and what Switchboard sends back decoded and measured frame by frame (a frame above -40 dBFS is "loud": a prompt is playing). Speech comes from Debian's flite.
 */
public final class VoiceCaller implements AutoCloseable {

    private static final double LOUD_DB = -40;

    private final DatagramSocket socket;
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
    private final Thread receiver;
    private final ConcurrentLinkedQueue<byte[]> outgoing = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<int[]> events = new ConcurrentLinkedQueue<>();
    private long eventTimestamp;
    private final AtomicLong packetsIn = new AtomicLong();
    private final AtomicLong loudFrames = new AtomicLong();
    private volatile InetSocketAddress peer;
    private volatile long lastLoudNanos;
    private volatile long lastPacketNanos;
    private volatile double loudestDb = -120;
    private int seq;
    private long timestamp;
    private final int ssrc = 0x5eed1234;

    /** A caller on a free loopback UDP port, sending silence every 20 ms until speech is queued. */
    public VoiceCaller() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        receiver = new Thread(this::receive, "voice-caller");
        receiver.setDaemon(true);
        receiver.start();
        sender.scheduleAtFixedRate(this::sendFrame, 20, 20, TimeUnit.MILLISECONDS);
    }

    public int port() {
        return socket.getLocalPort();
    }

    public long packetsIn() {
        return packetsIn.get();
    }

    public long loudFrames() {
        return loudFrames.get();
    }

    public double loudestDb() {
        return loudestDb;
    }

    /** Queues 8 kHz speech to be sent in 20 ms frames after what is already queued. */
    public void say(short[] pcm) {
        for (int i = 0; i < pcm.length; i += 160) {
            byte[] frame = new byte[160];
            for (int k = 0; k < 160; k++) {
                frame[k] = ulaw(i + k < pcm.length ? pcm[i + k] : 0);
            }
            outgoing.add(frame);
        }
    }

    /**
     * Presses a key: RFC 4733 telephone-event packets (payload type 101, 100 ms, three end packets) in place of the
     * next audio frames.
     */
    public void press(char key) {
        int code = "0123456789*#".indexOf(key);
        if (code < 0) {
            throw new IllegalArgumentException("not a key: " + key);
        }
        for (int duration = 160; duration <= 800; duration += 160) {
            events.add(new int[] {code, duration == 800 ? 1 : 0, duration});
        }
        for (int i = 0; i < 2; i++) {
            events.add(new int[] {code, 1, 800});
        }
    }

    /** Whether queued speech is still being sent. */
    public boolean speaking() {
        return !outgoing.isEmpty();
    }

    /** Waits until the queued speech has been sent. */
    public void awaitSaid() throws InterruptedException {
        while (speaking()) {
            Thread.sleep(20);
        }
    }

    /** Waits for Switchboard to start a prompt; returns when it did (System.nanoTime). */
    public long awaitLoud(long timeoutMs) throws InterruptedException {
        long since = System.nanoTime();
        long deadline = since + timeoutMs * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (lastLoudNanos > since) {
                return lastLoudNanos;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no prompt heard within " + timeoutMs + " ms (" + packetsIn + " packets in)");
    }

    /** Waits until nothing loud came for {@code quietMs} (the prompt ended); returns when the last loud frame came. */
    public long awaitQuiet(long quietMs, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (System.nanoTime() - lastLoudNanos > quietMs * 1_000_000 && lastPacketNanos > lastLoudNanos) {
                return lastLoudNanos;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the prompt did not stop within " + timeoutMs + " ms");
    }

    /** Waits for the next prompt and for its end. */
    public void awaitPrompt(long timeoutMs) throws InterruptedException {
        awaitLoud(timeoutMs);
        awaitQuiet(900, 60_000);
    }

    private void sendFrame() {
        InetSocketAddress to = peer;
        if (to == null) {
            return;
        }
        int[] event = events.poll();
        if (event != null) {
            if (event[2] == 160) {
                eventTimestamp = timestamp;
            }
            ByteBuffer e = ByteBuffer.allocate(16);
            e.put((byte) 0x80)
                    .put((byte) (event[2] == 160 ? 0x80 | 101 : 101))
                    .putShort((short) seq++)
                    .putInt((int) eventTimestamp)
                    .putInt(ssrc)
                    .put((byte) event[0])
                    .put((byte) (event[1] == 1 ? 0x80 | 10 : 10))
                    .putShort((short) event[2]);
            timestamp += 160;
            try {
                socket.send(new DatagramPacket(e.array(), 16, to));
            } catch (IOException ignored) {
                // the test notices: the key is not heard
            }
            return;
        }
        byte[] payload = outgoing.poll();
        if (payload == null) {
            payload = new byte[160];
            java.util.Arrays.fill(payload, (byte) 0xFF);
        }
        ByteBuffer b = ByteBuffer.allocate(12 + 160);
        b.put((byte) 0x80)
                .put((byte) (seq == 0 ? 0x80 : 0))
                .putShort((short) seq++)
                .putInt((int) timestamp)
                .putInt(ssrc)
                .put(payload);
        timestamp += 160;
        try {
            socket.send(new DatagramPacket(b.array(), b.position(), to));
        } catch (IOException e) {
            // the test notices: nothing will be heard
        }
    }

    private void receive() {
        byte[] buf = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                return;
            }
            if (p.getLength() < 12 || (buf[1] & 0x7f) != 0) {
                continue;
            }
            peer = (InetSocketAddress) p.getSocketAddress();
            packetsIn.incrementAndGet();
            lastPacketNanos = System.nanoTime();
            double sum = 0;
            int n = p.getLength() - 12;
            for (int i = 12; i < p.getLength(); i++) {
                double s = linear(buf[i]);
                sum += s * s;
            }
            double db = 20 * Math.log10(Math.sqrt(sum / Math.max(1, n)) / 32768 + 1e-9);
            if (db > LOUD_DB) {
                loudFrames.incrementAndGet();
                lastLoudNanos = System.nanoTime();
                loudestDb = Math.max(loudestDb, db);
            }
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
        socket.close();
    }

    /** G.711 u-law (the ITU reference algorithm). */
    static byte ulaw(short sample) {
        int s = sample;
        int sign = s < 0 ? 0x80 : 0;
        if (s < 0) {
            s = -s;
        }
        s = Math.min(s, 32635) + 0x84;
        int exponent = 7;
        for (int mask = 0x4000; (s & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (s >> (exponent + 3)) & 0x0f;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    static int linear(byte u) {
        int v = ~u & 0xff;
        int t = ((v & 0x0f) << 3) + 0x84;
        t <<= (v & 0x70) >> 4;
        return (v & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }

    /** {@code text} spoken by flite's slt voice, as 8 kHz samples. */
    public static short[] speech(String text, Path dir) throws IOException, InterruptedException {
        Path wav = Files.createTempFile(dir, "clip", ".wav");
        Process p;
        try {
            p = new ProcessBuilder("flite", "-voice", "slt", "-t", text, "-o", wav.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError("flite is needed for speech clips (Debian package flite; ./test installs it)", e);
        }
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("flite failed for \"" + text + "\"");
        }
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new File(wav.toString()))) {
            byte[] bytes = in.readAllBytes();
            short[] s = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes)
                    .order(in.getFormat().isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                    .asShortBuffer()
                    .get(s);
            if (in.getFormat().getSampleRate() == 8000) {
                return s;
            }
            return halve(s); // flite's slt voice is 16 kHz
        } catch (javax.sound.sampled.UnsupportedAudioFileException e) {
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    /** 16 kHz to 8 kHz: a 31-tap Hamming-windowed sinc low-pass at 3.4 kHz, then every other sample. */
    static short[] halve(short[] in) {
        int taps = 31;
        double[] h = new double[taps];
        double sum = 0;
        for (int i = 0; i < taps; i++) {
            double x = i - (taps - 1) / 2.0;
            double fc = 3400.0 / 16000.0;
            double sinc = x == 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * x) / (Math.PI * x);
            h[i] = sinc * (0.54 - 0.46 * Math.cos(2 * Math.PI * i / (taps - 1)));
            sum += h[i];
        }
        short[] out = new short[in.length / 2];
        for (int o = 0; o < out.length; o++) {
            double acc = 0;
            for (int i = 0; i < taps; i++) {
                int at = 2 * o + i - (taps - 1) / 2;
                if (at >= 0 && at < in.length) {
                    acc += in[at] * h[i] / sum;
                }
            }
            out[o] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(acc)));
        }
        return out;
    }
}
