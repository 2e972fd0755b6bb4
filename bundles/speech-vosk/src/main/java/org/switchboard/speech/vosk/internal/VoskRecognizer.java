package org.switchboard.speech.vosk.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.metrics.MetricsSource;
import org.switchboard.api.metrics.MetricsWriter;
import org.switchboard.api.speech.RecognitionListener;
import org.switchboard.api.speech.RecognitionSession;
import org.switchboard.api.speech.SpeechRecognizer;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * {@link SpeechRecognizer} on Vosk: one model shared by every stream, loaded when made ({@code model.load=start}, by
 * {@link VoskService} off the framework's start) or when a call comes ({@link #onDemand}), streams decoded on a fixed
 * pool, at most {@code max.sessions} open at once. A missing or unreadable model is an error naming the path; speech
 * gathers then listen for DTMF only.
 */
public final class VoskRecognizer implements SpeechRecognizer, MetricsSource {

    /** The configuration PID. */
    public static final String PID = "org.switchboard.speech.vosk";

    private static final Logger LOG = LoggerFactory.getLogger(VoskRecognizer.class);
    private static final float RATE = 16000f;

    private final ModelHolder<Model> models;
    private final int threads;
    private final ExecutorService pool;
    private final Semaphore sessions;
    private final int maxBacklogMs;
    private final int partialIntervalMs;
    private final int maxSessions;
    private final AtomicLong samplesDecoded = new AtomicLong();
    private final AtomicLong decodeNanos = new AtomicLong();
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /** Loads the model now ({@code model.load=start}); {@link IOException} naming the path when it cannot. */
    VoskRecognizer(VoskConfig config, Path modelDir) throws IOException {
        this(config, validThreads(config), preloaded(loadModel(modelDir, "")));
        LOG.info(
                "Vosk recognizer started: model {} loaded, {} threads, up to {} streams",
                modelDir,
                threads,
                config.max_sessions());
    }

    private VoskRecognizer(VoskConfig config, int threads, ModelHolder<Model> models) {
        this.models = models;
        this.threads = threads;
        maxSessions = config.max_sessions();
        sessions = new Semaphore(maxSessions);
        maxBacklogMs = config.max_backlog_ms();
        partialIntervalMs = config.partial_interval_ms();
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "vosk-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A recognizer whose model loads when a call may need it and is let go after {@code model.idle.s} without
     * ({@code model.load=demand}); {@code modelDir} is called on the loading thread.
     */
    static VoskRecognizer onDemand(VoskConfig config, Callable<Path> modelDir) {
        int threads = validThreads(config);
        ModelHolder<Model> models = new ModelHolder<>(
                () -> loadModel(modelDir.call(), " (on demand)"),
                VoskRecognizer::free,
                config.model_idle_s() * 1000L,
                () -> LOG.info("Vosk model let go after {} s without recognition", config.model_idle_s()));
        LOG.info(
                "Vosk recognizer started: model loaded when a call comes, let go after {} s without one; {} threads, "
                        + "up to {} streams",
                config.model_idle_s(),
                threads,
                config.max_sessions());
        return new VoskRecognizer(config, threads, models);
    }

    private static ModelHolder<Model> preloaded(Model model) {
        return new ModelHolder<>(model, VoskRecognizer::free);
    }

    private static int validThreads(VoskConfig config) {
        String load = config.model_load().trim();
        if (config.threads() < 0
                || config.threads() > 256
                || config.max_sessions() < 1
                || config.max_backlog_ms() < 100
                || (config.partial_interval_ms() != 0
                        && (config.partial_interval_ms() < 20 || config.partial_interval_ms() > 1000))
                || !(load.equals("start") || load.equals("demand"))
                || config.model_idle_s() < 10
                || config.model_idle_s() > 86_400) {
            IllegalArgumentException e = new IllegalArgumentException("PID " + PID + ": threads must be 0-256, "
                    + "max.sessions at least 1, max.backlog.ms at least 100, partial.interval.ms 0 or 20-1000, "
                    + "model.load start or demand and model.idle.s 10-86400 (were " + config.threads() + ", "
                    + config.max_sessions() + ", " + config.max_backlog_ms() + ", " + config.partial_interval_ms()
                    + ", '" + load + "', " + config.model_idle_s() + ")");
            LOG.error("Vosk recognizer not started: {}", e.getMessage());
            throw e;
        }
        return config.threads() == 0 ? Runtime.getRuntime().availableProcessors() : config.threads();
    }

    private static Model loadModel(Path modelDir, String how) throws IOException {
        long start = System.nanoTime();
        try {
            ModelFiles.check(modelDir);
            try {
                VoskLibrary.locate();
            } catch (IOException e) {
                LOG.warn("Vosk's library stays where JNA puts it: {}", e.getMessage());
            }
            LibVosk.setLogLevel(LogLevel.WARNINGS);
            Model model = new Model(modelDir.toString());
            LOG.info("Vosk model {} loaded in {} ms{}", modelDir, (System.nanoTime() - start) / 1_000_000, how);
            return model;
        } catch (IOException | RuntimeException | LinkageError e) {
            IOException error = new IOException(
                    "cannot load the Vosk model at " + modelDir + ": "
                            + (e.getMessage() == null ? e.toString() : e.getMessage()),
                    e);
            LOG.error("Vosk recognizer not started: {}; speech gathers will listen for DTMF only", error.getMessage());
            throw error;
        }
    }

    /** Frees the model and hands the native heap it held back to the system (glibc keeps it otherwise). */
    private static void free(Model model) {
        model.close();
        NativeHeap.trim();
    }

    /**
     * The configured model, or this bundle's own copied once to {@code <switchboard.data>/speech} (kept across
     * starts, unlike the bundle cache) or, without that property, to the bundle's data area.
     */
    static Path modelDirectory(VoskConfig config, BundleContext context) throws IOException {
        if (!config.model_path().isBlank()) {
            return Paths.get(config.model_path().trim()).toAbsolutePath();
        }
        String data = context.getProperty("switchboard.data");
        Path target = data == null || data.isBlank()
                ? context.getDataFile("model-en-us").toPath()
                : Paths.get(data, "speech", "vosk-model-en-us").toAbsolutePath();
        try {
            return ModelFiles.extract(context.getBundle(), target);
        } catch (IOException e) {
            LOG.error("Vosk recognizer not started: cannot copy the embedded model to {}: {}", target, e.getMessage());
            throw e;
        }
    }

    @Override
    public RecognitionSession open(List<String> phrases, RecognitionListener listener) {
        if (!sessions.tryAcquire()) {
            refused.incrementAndGet();
            throw new IllegalStateException("all " + maxSessions + " recognition streams are busy");
        }
        ModelHolder<Model>.Lease lease;
        try {
            lease = models.lease();
        } catch (IllegalStateException e) {
            sessions.release();
            throw e;
        }
        boolean freeForm = phrases == null
                || phrases.isEmpty()
                || Grammar.normalize(phrases).isEmpty();
        String grammar = freeForm ? null : Grammar.json(phrases);
        opened.incrementAndGet();
        Set<String> strip = freeForm ? Set.of() : Grammar.added(phrases);
        return new VoskStream(
                lease,
                model -> grammar == null ? new Recognizer(model, RATE) : new Recognizer(model, RATE, grammar),
                listener,
                pool,
                this,
                maxBacklogMs,
                partialIntervalMs,
                strip);
    }

    @Override
    public void prepare() {
        models.prepare();
    }

    /** Whether the model is being loaded now. */
    boolean modelLoading() {
        return models.loading();
    }

    /** Why the model could not be loaded, or {@code null}. */
    String modelFailure() {
        return models.failure();
    }

    /** Whether the model is loaded now. */
    boolean modelLoaded() {
        return models.loaded();
    }

    void decoded(int samples8k, long nanos) {
        samplesDecoded.addAndGet(samples8k);
        decodeNanos.addAndGet(nanos);
    }

    void failed() {
        failed.incrementAndGet();
    }

    @Override
    public void collect(MetricsWriter out) {
        Map<String, String> none = Map.of();
        out.counter("switchboard_recognitions_total", "Recognition streams opened", none, opened.get());
        out.counter(
                "switchboard_recognitions_refused_total",
                "Streams refused: all max.sessions busy",
                none,
                refused.get());
        out.counter(
                "switchboard_recognition_errors_total",
                "Streams that gave up (backlog, decoder error)",
                none,
                failed.get());
        out.gauge(
                "switchboard_recognitions_active",
                "Recognition streams open",
                none,
                maxSessions - sessions.availablePermits());
        out.counter(
                "switchboard_recognition_audio_seconds_total", "Audio decoded", none, samplesDecoded.get() / 8000.0);
        out.counter(
                "switchboard_recognition_decode_seconds_total", "Time spent decoding", none, decodeNanos.get() / 1e9);
        out.gauge(
                "switchboard_recognition_model_loaded",
                "1 while the speech model is loaded (model.load=demand lets it go when idle)",
                none,
                models.loaded() ? 1 : 0);
        out.gauge(
                "switchboard_recognition_real_time_factor",
                "Decode time over audio time since start",
                none,
                realTimeFactor());
    }

    void released() {
        sessions.release();
    }

    /** Decoding time over audio time since activation (below 1: faster than real time). */
    double realTimeFactor() {
        long samples = samplesDecoded.get();
        return samples == 0 ? 0 : decodeNanos.get() / (samples / 8000.0 * 1e9);
    }

    /**
     * Stops decoding, then frees the model once no decoding thread is inside Vosk's native code (a thread still
     * decoding while the JVM exits runs native code beside the library's teardown).
     */
    void deactivate() {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Vosk decoding threads still busy 5 s after stop; freeing the model anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        models.close(30_000);
        LOG.info("Vosk recognizer stopped");
    }
}
