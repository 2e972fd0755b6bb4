package org.switchboard.speech.vosk.internal;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.switchboard.api.speech.Recognition;
import org.switchboard.api.speech.RecognitionListener;
import org.switchboard.api.speech.RecognitionSession;

/**
 * Grammar-mode recognitions in parallel (a benchmark, run by {@code bench/asr.sh}, not a test). Each stream hears
 * flite's voice saying the demo's phrases one after another with pauses, fed in 20 ms frames in real time, as
 * calls would; prints one table row per stream count: utterances heard right, result latency after the end of
 * speech, the real-time factor (decode time per second of audio, per stream) and the process's CPU use.
 *
 * <p>Arguments: stream counts (default 1 10 30). System properties: {@code seconds} per level (default 30),
 * {@code threads} (default 0: one per core), {@code vosk.model}.
 */
public final class VoskBench {

    private static final String[] PHRASES = {"order status", "billing", "agent", "four seven one two", "yes please"};
    private static final int GAP = 8000; // 1 s of silence after each phrase
    private static final java.util.Map<String, Integer> MISHEARD = new java.util.concurrent.ConcurrentSkipListMap<>();

    private VoskBench() {}

    public static void main(String[] args) throws Exception {
        int[] levels = args.length == 0
                ? new int[] {1, 10, 30}
                : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        int seconds = Integer.getInteger("seconds", 30);
        int threads = Integer.getInteger("threads", 0);
        Path tmp = Files.createTempDirectory("vosk-bench");
        short[][] clips = new short[PHRASES.length][];
        for (int i = 0; i < PHRASES.length; i++) {
            clips[i] = Clips.say(PHRASES[i], tmp);
        }
        Files.deleteIfExists(tmp);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(
                "%nGrammar-mode recognition, %d s per level, %d cores, %s decoding threads, flite voice%n%n",
                seconds, cores, threads == 0 ? Integer.toString(cores) : Integer.toString(threads));
        System.out.println("| streams | utterances | heard right | latency p50 / p95 (ms) | real-time factor "
                + "| RTF vs 1 stream | CPU (of all cores) | gave up |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        double base = 0;
        for (int streams : levels) {
            Row r = run(streams, seconds, threads, clips);
            if (base == 0) {
                base = r.rtf;
            }
            System.out.printf(
                    "| %d | %d | %.1f %% | %d / %d | %.3f | %.2f | %.0f %% | %d |%n",
                    streams,
                    r.utterances,
                    100.0 * r.right / Math.max(1, r.utterances),
                    r.p50,
                    r.p95,
                    r.rtf,
                    r.rtf / base,
                    r.cpu * 100,
                    r.failed);
        }
        System.out.println();
        MISHEARD.forEach((what, n) -> System.out.printf("misheard %s: %d%n", what, n));
    }

    record Row(int utterances, int right, long p50, long p95, double rtf, double cpu, int failed) {}

    /** What one stream expects: the phrase it is saying and when its speech ended. */
    record Expected(String text, long endNanos) {}

    private static Row run(int streams, int seconds, int threads, short[][] clips) throws Exception {
        VoskRecognizer vosk =
                new VoskRecognizer(VoskRecognizerTest.config(threads, streams, 10_000), VoskRecognizerTest.model());
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger right = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Feeder> feeders = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
            feeders.add(new Feeder(s, clips, vosk, latencies, right, failed));
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long frames = seconds * 50L;
        AtomicInteger tick = new AtomicInteger();
        clock.scheduleAtFixedRate(
                () -> {
                    boolean speaking = tick.getAndIncrement() < frames;
                    long now = System.nanoTime();
                    feeders.forEach(f -> f.frame(now, speaking));
                },
                0,
                20,
                TimeUnit.MILLISECONDS);
        while (tick.get() < frames + 150) {
            Thread.sleep(50); // then 3 s of silence for the last results
        }
        clock.shutdownNow();
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0)
                / 1e9
                / wall
                / Runtime.getRuntime().availableProcessors();
        double rtf = vosk.realTimeFactor();
        feeders.forEach(Feeder::close);
        vosk.deactivate();
        int utterances = feeders.stream().mapToInt(f -> f.spoken).sum();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Row(utterances, right.get(), at(sorted, 0.5), at(sorted, 0.95), rtf, cpu, failed.get());
    }

    private static long at(List<Long> sorted, double q) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * q)));
    }

    /** One stream: the phrases in turn (starting at a different one per stream), each followed by silence. */
    static final class Feeder implements RecognitionListener {
        private final short[][] clips;
        private final RecognitionSession session;
        private final List<Long> latencies;
        private final AtomicInteger right;
        private final AtomicInteger failed;
        private final Deque<Expected> expected = new ArrayDeque<>();
        private int clip;
        private int at;
        private long stoppedAt;
        int spoken;

        Feeder(
                int index,
                short[][] clips,
                VoskRecognizer vosk,
                List<Long> latencies,
                AtomicInteger right,
                AtomicInteger failed) {
            this.clips = clips;
            this.clip = index % clips.length;
            this.at = -(index * 37 % 50) * 160; // streams do not start in step
            this.latencies = latencies;
            this.right = right;
            this.failed = failed;
            this.session = vosk.open(List.of(PHRASES), this);
        }

        void frame(long now, boolean speaking) {
            if (!speaking && stoppedAt == 0) {
                stoppedAt = now;
            }
            short[] frame = new short[160];
            if (!speaking && at < 0) {
                session.feed(frame, 0, 160);
                return;
            }
            short[] c = clips[clip];
            for (int i = 0; i < 160; i++, at++) {
                if (at >= 0 && at < c.length) {
                    frame[i] = c[at];
                }
                if (at == c.length) {
                    synchronized (expected) {
                        expected.add(new Expected(PHRASES[clip], now));
                    }
                    spoken++;
                }
                if (at >= c.length + GAP) {
                    clip = (clip + 1) % clips.length;
                    at = -1;
                }
            }
            session.feed(frame, 0, 160);
        }

        @Override
        public void onResult(Recognition r) {
            if (r.text() == null || r.text().isBlank()) {
                return;
            }
            Expected e;
            synchronized (expected) {
                e = expected.poll();
            }
            if (e == null) {
                return;
            }
            latencies.add((System.nanoTime() - e.endNanos) / 1_000_000);
            if (r.text().equals(e.text)) {
                right.incrementAndGet();
            } else {
                MISHEARD.merge("'" + e.text + "' as '" + r.text() + "'", 1, Integer::sum);
            }
        }

        @Override
        public void onError(Exception error) {
            failed.incrementAndGet();
        }

        void close() {
            session.close();
            synchronized (expected) {
                expected.forEach(e -> MISHEARD.merge(
                        "'" + e.text + "' with no result"
                                + (stoppedAt != 0 && e.endNanos > stoppedAt - 1_000_000_000L
                                        ? " (said in the last second of the run)"
                                        : ""),
                        1,
                        Integer::sum));
            }
        }
    }
}
