package org.switchboard.media.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.media.MediaEngine;
import org.switchboard.api.media.MediaEvents;
import org.switchboard.api.media.MediaSession;
import org.switchboard.api.metrics.MetricsSource;
import org.switchboard.api.metrics.MetricsWriter;
import org.switchboard.api.speech.Audio;
import org.switchboard.api.speech.SpeechRecognizer;
import org.switchboard.api.speech.SpeechSynthesizer;
import org.switchboard.media.internal.audio.AudioFiles;
import org.switchboard.media.internal.record.Recordings;

/**
 * The media engine: RTP sessions spread over {@code media.threads} loops of two threads each ({@link MediaLoop}),
 * a small pool for synthesis, file loading and completions, a scheduler for gather timeouts, a cache of prompts,
 * and optional recordings ({@link Recordings}, with a writer thread of their own). Speech services are optional
 * and may come and go: without a synthesizer prompts are silent (logged once), without a recognizer speech
 * gathers listen for DTMF only.
 */
@Component(
        service = {MediaEngine.class, MetricsSource.class},
        immediate = true,
        configurationPid = MediaEngineImpl.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = MediaConfig.class)
public final class MediaEngineImpl implements MediaEngine, MetricsSource {

    /** The configuration PID. */
    public static final String PID = "org.switchboard.media";

    private static final Logger LOG = LoggerFactory.getLogger(MediaEngineImpl.class);

    private final Settings settings;
    private final MediaLoop[] loops;
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final ExecutorService pool;
    private final ScheduledExecutorService scheduler;
    private final TurnMetrics turns = new TurnMetrics();
    private final Map<String, short[]> cache;
    private final Recordings recordings;
    private final MediaCounters ended = new MediaCounters();
    private final SrtpRefusals srtp = new SrtpRefusals();
    private final Map<SpeechSynthesizer, Voices> synthesizers = new java.util.concurrent.ConcurrentHashMap<>();

    /** A synthesizer's voices and service ranking: the highest-ranked says the prompts that name no voice. */
    private record Voices(List<String> names, int ranking) {}

    private final List<SpeechRecognizer> recognizers = new CopyOnWriteArrayList<>();
    private volatile boolean warnedSynthesizer;
    private volatile boolean warnedRecognizer;

    @Activate
    public MediaEngineImpl(MediaConfig config, BundleContext context) throws IOException {
        try {
            settings = Settings.of(config);
        } catch (IllegalArgumentException e) {
            LOG.error("Media engine not started: {}", e.getMessage());
            throw e;
        }
        int size = settings.promptCache();
        cache = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, short[]> eldest) {
                return size() > size;
            }
        });
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "media-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "media-timers");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true); // a call's cancelled timeouts leave at once, not when they would have run
        scheduler = timers;
        recordings = settings.recording() ? new Recordings(recordingDir(settings, context), settings.keepDays()) : null;
        if (recordings != null) {
            // the deleting runs on the recordings' writer thread, not on the gather timers' thread
            scheduler.scheduleWithFixedDelay(() -> recordings.submit(0, recordings::expire), 0, 1, TimeUnit.DAYS);
        }
        loops = new MediaLoop[settings.threads()];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new MediaLoop(i + 1);
        }
        LOG.info(
                "Media engine started ({} media loop(s), media timeout {} s, reorder depth {}, recording {})",
                loops.length,
                config.media_timeout_s(),
                settings.reorderDepth(),
                recordings == null ? "off" : "to " + recordings.dir());
    }

    @Override
    public MediaSession open(String sessionId, String localAddress, int localPort, MediaEvents events)
            throws IOException {
        DatagramChannel channel = DatagramChannel.open(
                localAddress.contains(":") ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.bind(new InetSocketAddress(localAddress, localPort));
            channel.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        RtpSession s = new RtpSession(
                sessionId, channel, events, this, settings, recordings == null ? null : recordings.open(sessionId));
        loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)].add(s);
        SpeechRecognizer recognizer = recognizer();
        if (recognizer != null) {
            try {
                recognizer.prepare(); // an engine loading on demand gets the call's greeting to load in
            } catch (RuntimeException e) {
                LOG.debug("Speech recognizer could not prepare", e);
            }
        }
        return s;
    }

    private static Path recordingDir(Settings settings, BundleContext context) {
        if (!settings.recordingDir().isEmpty()) {
            return Paths.get(settings.recordingDir()).toAbsolutePath().normalize();
        }
        String data = context == null ? null : context.getProperty("switchboard.data");
        if (data == null || data.isBlank()) {
            data = System.getProperty("switchboard.data", "data");
        }
        return Paths.get(data, "recordings").toAbsolutePath().normalize();
    }

    /** Counts an SRTP packet refused, and says so once per session (a wrong key shows at once, not per packet). */
    void srtpRefused(
            RtpSession s, org.switchboard.media.internal.srtp.SrtpReceiver.Outcome outcome, InetSocketAddress from) {
        srtp.refused(s.id(), outcome, from);
    }

    void closed(RtpSession s) {
        for (MediaLoop loop : loops) {
            loop.remove(s);
        }
        ended.add(s.stats());
        srtp.forget(s.id());
    }

    ExecutorService pool() {
        return pool;
    }

    TurnMetrics turns() {
        return turns;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    SpeechRecognizer recognizer() {
        return recognizers.isEmpty() ? null : recognizers.get(0);
    }

    void warnNoRecognizer() {
        if (!warnedRecognizer) {
            warnedRecognizer = true;
            LOG.warn("No speech recognizer is installed: speech gathers listen for DTMF only");
        }
    }

    /**
     * The prompt's samples, from the cache or the synthesizer that has {@code voice} (the highest-ranked, for null); silence
     * (logged once) without a synthesizer; {@link IllegalArgumentException} when none has the voice.
     */
    short[] synthesize(String text, String voice) {
        SpeechSynthesizer s = synthesizer(voice);
        if (s == null) {
            if (!warnedSynthesizer) {
                warnedSynthesizer = true;
                LOG.warn("No speech synthesizer is installed: text prompts are silent");
            }
            return new short[0];
        }
        String key = "say:" + (voice == null ? "" : voice) + ":" + System.identityHashCode(s) + ":" + text;
        short[] cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Audio a = s.synthesize(text, voice);
        if (a.sampleRate() != 8000) {
            throw new IllegalStateException("the synthesizer answered " + a.sampleRate() + " Hz audio, not 8000");
        }
        short[] samples = org.switchboard.media.internal.audio.SynthesizedPrompt.prepare(a.samples());
        cache.put(key, samples);
        return samples;
    }

    private SpeechSynthesizer synthesizer(String voice) {
        if (synthesizers.isEmpty()) {
            return null;
        }
        if (voice == null) {
            return synthesizers.entrySet().stream()
                    .max(java.util.Comparator.comparingInt(e -> e.getValue().ranking()))
                    .map(Map.Entry::getKey)
                    .orElse(null);
        }
        return synthesizers.entrySet().stream()
                .filter(e -> e.getValue().names().contains(voice))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown voice '" + voice
                        + "' (installed: "
                        + String.join(
                                ", ",
                                synthesizers.values().stream()
                                        .flatMap(v -> v.names().stream())
                                        .sorted()
                                        .toList())
                        + ")"));
    }

    /** A prompt file's samples; {@link IllegalArgumentException} naming the file when it cannot be played. */
    short[] load(URI audio) {
        if ("silence".equals(audio.getScheme())) { // silence:<ms>, a pause
            long ms;
            try {
                ms = Long.parseLong(audio.getSchemeSpecificPart());
            } catch (NumberFormatException e) {
                ms = -1;
            }
            if (ms < 1 || ms > 300_000) {
                throw new IllegalArgumentException("unplayable prompt " + audio + ": silence:<1-300000 ms> expected");
            }
            return new short[(int) ms * 8];
        }
        Path file;
        try {
            file = "file".equals(audio.getScheme()) ? Paths.get(audio) : Paths.get(audio.toString());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unplayable prompt " + audio + ": not a file path or file: URI");
        }
        try {
            String key = "file:" + file + "@" + Files.getLastModifiedTime(file).toMillis();
            short[] cached = cache.get(key);
            if (cached == null) {
                cached = AudioFiles.read(file).samples();
                cache.put(key, cached);
            }
            return cached;
        } catch (IOException e) {
            throw new IllegalArgumentException("unplayable prompt file " + file + ": " + e, e);
        }
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSynthesizer(SpeechSynthesizer s, Map<String, Object> properties) {
        Object ranking = properties.get(org.osgi.framework.Constants.SERVICE_RANKING);
        synthesizers.put(s, new Voices(SpeechSynthesizer.voices(properties), ranking instanceof Integer r ? r : 0));
        warnedSynthesizer = false;
    }

    void unbindSynthesizer(SpeechSynthesizer s) {
        synthesizers.remove(s);
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRecognizer(SpeechRecognizer r) {
        recognizers.add(r);
        warnedRecognizer = false;
    }

    void unbindRecognizer(SpeechRecognizer r) {
        recognizers.remove(r);
    }

    @Override
    public void collect(MetricsWriter out) {
        MediaCounters all = ended.copy();
        int active = 0;
        for (MediaLoop loop : loops) {
            for (RtpSession s : loop.sessions()) {
                all.add(s.stats());
                active++;
            }
        }
        out.gauge("switchboard_media_sessions_active", "RTP sessions open", Map.of(), active);
        all.writeTo(out);
        srtp.writeTo(out);
        turns.writeTo(out);
    }

    @Deactivate
    void deactivate() {
        for (MediaLoop loop : loops) {
            loop.sessions().forEach(RtpSession::close); // sockets freed, recordings finished
            loop.close();
        }
        scheduler.shutdownNow();
        if (recordings != null) {
            recordings.close();
        }
        pool.shutdown();
        LOG.info("Media engine stopped");
    }
}
