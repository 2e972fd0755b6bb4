import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Turn latency on the wire (run by bench/turns.sh; a benchmark, not a test). Places N calls to a DID whose flow
 * listens for one of the demo's phrases and answers each turn with a short prompt; each call waits for the bot to
 * go quiet, says a phrase in real time (flite's voice, 8 kHz u-law RTP), and measures from the send time of its last
 * voiced packet to the arrival of the first non-silent packet of the answer. Calls start staggered and run for the
 * given seconds; turns whose answer does not come within 5 s count as lost. Prints one line of key=value pairs:
 * turns, lost, p50/p95/p99/max in milliseconds.
 *
 * <p>Arguments: target host:port, DID, calls, seconds, clip directory (WAV files from flite, one per phrase).
 */
public final class TurnBench extends MediaBench {

    static final double VOICED_DB = -40;
    static final long QUIET_BEFORE_SPEAKING = TimeUnit.MILLISECONDS.toNanos(400);
    static final long ANSWER_TIMEOUT = TimeUnit.SECONDS.toNanos(5);

    /** A phrase as u-law frames, with the index of its last voiced frame. */
    record Clip(String name, byte[][] frames, int lastVoiced) {}

    enum State { WAIT_QUIET, SPEAKING, WAIT_ANSWER }

    static final class TurnCall extends Call {
        volatile State state = State.WAIT_QUIET;
        volatile long lastLoudNanos;
        volatile boolean heardBot;
        volatile long lastVoicedSent;
        Clip clip;
        int frame;
        int next = ThreadLocalRandom.current().nextInt(1000);

        TurnCall(String callId, DatagramChannel rtp) {
            super(callId, rtp);
        }
    }

    final List<Clip> clips;
    final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    volatile long lost;
    final byte[] silence = new byte[FRAME];

    TurnBench(InetSocketAddress target, String did, List<Clip> clips) throws IOException {
        super(target, did);
        this.clips = clips;
        java.util.Arrays.fill(silence, linearToUlaw(0));
    }

    @Override
    void putFrame(Call call, ByteBuffer b) {
        TurnCall c = (TurnCall) call;
        long now = System.nanoTime();
        switch (c.state) {
            case WAIT_QUIET -> {
                if (c.heardBot && now - c.lastLoudNanos > QUIET_BEFORE_SPEAKING) {
                    c.clip = clips.get(c.next++ % clips.size());
                    c.frame = 0;
                    c.state = State.SPEAKING;
                }
                b.put(silence);
            }
            case SPEAKING -> {
                b.put(c.clip.frames()[c.frame]);
                if (c.frame == c.clip.lastVoiced()) {
                    c.lastVoicedSent = now;
                }
                if (++c.frame == c.clip.frames().length) {
                    c.heardBot = false;
                    c.state = State.WAIT_ANSWER;
                }
            }
            case WAIT_ANSWER -> {
                if (now - c.lastVoicedSent > ANSWER_TIMEOUT) {
                    if (measuring) {
                        lost++;
                    }
                    c.state = State.WAIT_QUIET;
                    c.heardBot = true; // speak again after the quiet
                }
                b.put(silence);
            }
        }
    }

    @Override
    void onRtp(Call call, int seq, long now, byte[] payload, int n) {
        TurnCall c = (TurnCall) call;
        if (levelDb(payload, n) < -50) {
            return;
        }
        c.lastLoudNanos = now;
        c.heardBot = true;
        if (c.state == State.WAIT_ANSWER) {
            if (measuring) {
                latencies.add(now - c.lastVoicedSent);
            }
            c.state = State.WAIT_QUIET;
        }
    }


    static Clip load(Path wav) throws Exception {
        short[] pcm;
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new File(wav.toString()))) {
            byte[] bytes = in.readAllBytes();
            short[] s = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes)
                    .order(in.getFormat().isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                    .asShortBuffer()
                    .get(s);
            float rate = in.getFormat().getSampleRate();
            if (rate == 16000) {
                pcm = halve(s);
            } else if (rate == 8000) {
                pcm = s;
            } else {
                throw new IOException(wav + ": 8 or 16 kHz expected, was " + rate);
            }
        }
        int frames = (pcm.length + FRAME - 1) / FRAME;
        byte[][] out = new byte[frames][FRAME];
        int lastVoiced = 0;
        for (int f = 0; f < frames; f++) {
            long energy = 0;
            for (int i = 0; i < FRAME; i++) {
                int at = f * FRAME + i;
                int v = at < pcm.length ? pcm[at] : 0;
                out[f][i] = linearToUlaw(v);
                energy += (long) v * v;
            }
            double rms = Math.sqrt(energy / (double) FRAME);
            if (rms >= 1 && 20 * Math.log10(rms / 32768.0) > VOICED_DB) {
                lastVoiced = f;
            }
        }
        String name = wav.getFileName().toString().replaceAll("\\.wav$", "");
        return new Clip(name, out, lastVoiced);
    }

    /** 16 kHz to 8 kHz: a 31-tap windowed-sinc low-pass at 3.4 kHz, then every other sample. */
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


    public static void main(String[] args) throws Exception {
        String[] hp = args[0].split(":");
        List<Clip> clips = new ArrayList<>();
        try (var files = Files.list(Path.of(args[4]))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".wav")).sorted().toList()) {
                clips.add(load(p));
            }
        }
        TurnBench b = new TurnBench(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])), args[1], clips);
        int n = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        b.startThreads();
        List<TurnCall> all = b.place(n, "tb-", TurnCall::new, 1500 / Math.max(1, n)); // staggered: turns do not line up
        Thread.sleep(5000); // every call greeted and a first turn or two taken (warm-up)
        long up = all.stream().filter(c -> c.answered && !c.ended).count();
        b.measuring = true;
        Thread.sleep(seconds * 1000L);
        b.measuring = false;
        long dropped = all.stream().filter(c -> c.byeReceived).count();
        b.hangUp(all);
        Thread.sleep(1000);
        b.running = false;
        List<Long> sorted = new ArrayList<>(b.latencies);
        Collections.sort(sorted);
        System.out.printf(java.util.Locale.ROOT,
                "calls=%d up=%d dropped=%d turns=%d lost=%d p50_ms=%d p95_ms=%d p99_ms=%d max_ms=%d%n",
                n, up, dropped, sorted.size(), b.lost, percentile(sorted, 50), percentile(sorted, 95),
                percentile(sorted, 99), percentile(sorted, 100));
        System.exit(0);
    }
}
