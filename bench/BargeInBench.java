import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Barge-in on the wire (run by bench/bargein.sh; a benchmark, not a test). N calls to a DID whose flow plays a long
 * bargeable prompt while it listens; whenever the prompt has been playing for a while, a call sends one clip of a
 * category and waits 2.5 s: coughs and line noise (made here), fillers ("uh-huh", "hmm", "um") and real
 * interruptions (flite and espeak-ng voices, from the clip directory), or the bot's own echo: for 4 s the caller
 * sends back what it hears, 60 ms later and {@code erl} dB weaker (category {@code echo:erl}), as a telephone
 * hybrid or a speakerphone would. It measures the stop latency: from the send of the clip's first voiced packet (the
 * echo's first packet) to the arrival of the first silent packet of the prompt. Whether the prompt then
 * stopped for good or resumed is counted by the gateway ({@code switchboard_barge_ins_total}); the script reads it.
 * Prints one line of key=value pairs.
 *
 * <p>Arguments: target host:port, DID, calls, clips per call, category (cough, noise, echo:erl or a clip directory,
 * with {@code @-12} after it for its clips 12 dB weaker).
 */
public final class BargeInBench extends MediaBench {

    static final double VOICED_DB = -40;
    static final long PROMPT_PLAYING = TimeUnit.MILLISECONDS.toNanos(600);
    static final long AFTER_CLIP = TimeUnit.MILLISECONDS.toNanos(2500);
    static final long QUIET_ENDS_PROMPT = TimeUnit.MILLISECONDS.toNanos(300);
    static final long STOP_WINDOW = TimeUnit.MILLISECONDS.toNanos(400);
    static final int ECHO_FRAMES = 200; // 4 s
    static final int ECHO_DELAY_FRAMES = 3; // 60 ms, besides the network's


    enum State { WAIT_PROMPT, SENDING, AFTER }

    static final class BargeCall extends Call {
        volatile State state = State.WAIT_PROMPT;
        volatile long loudSince = -1;
        volatile long lastLoud;
        volatile long clipVoicedAt = -1;
        volatile long stopLatency = -1;
        volatile long silentSince = -1;
        volatile int silentFrames;
        long stateSince = System.nanoTime();
        long wait;
        byte[][] clip;
        int frame;
        int sent;
        final byte[][] heard = new byte[16][];
        int heardCount;

        BargeCall(String callId, DatagramChannel rtp) {
            super(callId, rtp);
        }
    }

    final List<byte[][]> clips;
    final int perCall;
    final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    volatile int notPaused;
    final byte[] silence = new byte[FRAME];
    final double echoGain; // 0: no echo, clips

    BargeInBench(InetSocketAddress target, String did, List<byte[][]> clips, int perCall, double echoGain)
            throws IOException {
        super(target, did);
        this.clips = clips;
        this.perCall = perCall;
        this.echoGain = echoGain;
        java.util.Arrays.fill(silence, linearToUlaw(0));
    }

    @Override
    void putFrame(Call call, ByteBuffer b) {
        BargeCall c = (BargeCall) call;
        long now = System.nanoTime();
        switch (c.state) {
            case WAIT_PROMPT -> {
                // the prompt has been playing a while and is sounding now (not in one of its own pauses)
                if (c.sent < perCall
                        && c.loudSince > 0
                        && now - c.loudSince > PROMPT_PLAYING + c.wait
                        && now - c.lastLoud < 40_000_000L) {
                    c.clip = echoGain > 0 ? null : clips.get(ThreadLocalRandom.current().nextInt(clips.size()));
                    c.frame = 0;
                    c.clipVoicedAt = -1;
                    c.stopLatency = -1;
                    c.silentFrames = 0;
                    c.state = State.SENDING;
                }
                b.put(silence);
            }
            case SENDING -> {
                byte[] f = c.clip != null ? c.clip[c.frame++] : echo(c);
                if (c.clipVoicedAt < 0 && (c.clip == null || levelDb(f, f.length) > VOICED_DB)) {
                    c.clipVoicedAt = now;
                }
                b.put(f);
                if (c.frame == (c.clip != null ? c.clip.length : ECHO_FRAMES)) {
                    c.state = State.AFTER;
                    c.stateSince = now;
                }
            }
            case AFTER -> {
                if (now - c.stateSince > AFTER_CLIP) {
                    if (c.stopLatency >= 0) {
                        latencies.add(c.stopLatency);
                    } else {
                        notPaused++;
                    }
                    c.sent++;
                    c.loudSince = -1;
                    c.wait = TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextInt(800));
                    c.state = State.WAIT_PROMPT;
                }
                b.put(silence);
            }
        }
    }

    /** What the caller heard 60 ms ago, weaker by the echo return loss. */
    byte[] echo(BargeCall c) {
        c.frame++;
        byte[] out = new byte[FRAME];
        synchronized (c.heard) {
            byte[] h = c.heardCount > ECHO_DELAY_FRAMES
                    ? c.heard[(c.heardCount - 1 - ECHO_DELAY_FRAMES) % c.heard.length]
                    : null;
            for (int i = 0; i < FRAME; i++) {
                int v = h == null || i >= h.length ? 0 : (int) Math.round(ulawToLinear(h[i]) * echoGain);
                out[i] = linearToUlaw(v);
            }
        }
        return out;
    }

    @Override
    void onRtp(Call call, int seq, long now, byte[] payload, int n) {
        BargeCall c = (BargeCall) call;
        synchronized (c.heard) {
            c.heard[c.heardCount++ % c.heard.length] = java.util.Arrays.copyOf(payload, n);
        }
        boolean loud = levelDb(payload, n) > -50;
        if (loud) {
            c.lastLoud = now;
        }
        if (c.state == State.WAIT_PROMPT) {
            if (loud && c.loudSince < 0) {
                c.loudSince = now;
            } else if (!loud && now - c.lastLoud > QUIET_ENDS_PROMPT) {
                c.loudSince = -1; // the prompt ended (or stopped): wait for the next
            }
        } else if (c.clipVoicedAt > 0 && c.stopLatency < 0) {
            // the prompt paused: 100 ms of silence that began within 400 ms of the clip's first sound (not one of
            // the prompt's own pauses later on)
            if (loud) {
                c.silentFrames = 0;
            } else if (c.silentFrames++ == 0) {
                c.silentSince = now;
            }
            if (c.silentFrames >= 5 && c.silentSince - c.clipVoicedAt < STOP_WINDOW) {
                c.stopLatency = c.silentSince - c.clipVoicedAt;
            }
        }
    }


    static byte[][] frames(short[] pcm) {
        int count = (pcm.length + FRAME - 1) / FRAME;
        byte[][] out = new byte[count][FRAME];
        for (int f = 0; f < count; f++) {
            for (int i = 0; i < FRAME; i++) {
                int at = f * FRAME + i;
                out[f][i] = linearToUlaw(at < pcm.length ? pcm[at] : 0);
            }
        }
        return out;
    }

    /** A cough-like burst: noise through a one-pole low-pass, a fast attack and a decay, 120-350 ms, loud. */
    static short[] cough(Random r) {
        int n = 8 * (120 + r.nextInt(230));
        short[] s = new short[n];
        double y = 0;
        double amp = 6000 + r.nextInt(10000);
        for (int i = 0; i < n; i++) {
            y = 0.7 * y + 0.3 * r.nextGaussian();
            double env = Math.min(1, i / 80.0) * Math.exp(-3.0 * i / n);
            s[i] = (short) Math.max(-32768, Math.min(32767, amp * env * y));
        }
        return s;
    }

    /** Line noise: a burst of hiss or hum at a moderate level, 300-900 ms. */
    static short[] noise(Random r) {
        int n = 8 * (300 + r.nextInt(600));
        short[] s = new short[n];
        boolean hum = r.nextBoolean();
        double amp = 1500 + r.nextInt(2500);
        for (int i = 0; i < n; i++) {
            double v = hum ? Math.sin(2 * Math.PI * 60 * i / 8000.0) + 0.5 * Math.sin(2 * Math.PI * 180 * i / 8000.0)
                    : r.nextGaussian() * 0.5;
            s[i] = (short) Math.max(-32768, Math.min(32767, amp * v));
        }
        return s;
    }


    public static void main(String[] args) throws Exception {
        String[] hp = args[0].split(":");
        int n = Integer.parseInt(args[2]);
        int perCall = Integer.parseInt(args[3]);
        String category = args[4];
        List<byte[][]> clips = new ArrayList<>();
        Random r = new Random(42);
        double echoGain = 0;
        if (category.startsWith("echo:")) {
            echoGain = Math.pow(10, -Double.parseDouble(category.substring(5)) / 20);
        } else if (category.equals("cough") || category.equals("noise")) {
            for (int i = 0; i < 40; i++) {
                clips.add(frames(category.equals("cough") ? cough(r) : noise(r)));
            }
        } else {
            String[] dirGain = category.split("@");
            double gain = dirGain.length > 1 ? Math.pow(10, Double.parseDouble(dirGain[1]) / 20) : 1;
            try (var files = Files.list(Path.of(dirGain[0]))) {
                for (Path p : files.filter(p -> p.toString().endsWith(".wav")).sorted().toList()) {
                    byte[][] f = TurnBench.load(p).frames();
                    for (byte[] frame : f) {
                        for (int i = 0; i < frame.length; i++) {
                            frame[i] = linearToUlaw((int) Math.round(ulawToLinear(frame[i]) * gain));
                        }
                    }
                    clips.add(f);
                }
            }
        }
        BargeInBench b = new BargeInBench(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])), args[1], clips, perCall, echoGain);
        b.startThreads();
        List<BargeCall> all = b.place(n, "bb-", BargeCall::new, 300);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30L + perCall * 12L);
        while (all.stream().anyMatch(c -> c.sent < perCall && !c.ended) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        b.hangUp(all);
        Thread.sleep(500);
        b.running = false;
        List<Long> sorted = new ArrayList<>(b.latencies);
        Collections.sort(sorted);
        int sent = all.stream().mapToInt(c -> c.sent).sum();
        System.out.printf(java.util.Locale.ROOT,
                "category=%s clips=%d paused=%d not_paused=%d stop_p50_ms=%d stop_p95_ms=%d stop_max_ms=%d%n",
                category.replaceAll(".*/", "").replace("echo:", "echo-").replace("@", "-") + (category.matches("echo:.*|.*@.*") ? "dB" : ""), sent, sorted.size(), b.notPaused, percentile(sorted, 50),
                percentile(sorted, 95), percentile(sorted, 100));
        System.exit(0);
    }
}
