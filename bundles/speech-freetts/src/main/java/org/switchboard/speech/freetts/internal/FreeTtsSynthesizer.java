package org.switchboard.speech.freetts.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.speech.Audio;
import org.switchboard.api.speech.SpeechSynthesizer;
import org.switchboard.util.audio.Resampler;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory;

/**
 * {@link SpeechSynthesizer} on FreeTTS: a pool of allocated voices per voice name (a FreeTTS voice is not
 * thread-safe), output collected in memory and given as 8 kHz samples, and an LRU cache so that a repeated prompt
 * costs a map lookup. A voice is allocated (about a second and a few MB of heap each) when a prompt first needs it,
 * up to {@code pool.size} per name, or ahead of that by {@link #warm(String)}: where Festival says the prompts,
 * FreeTTS then costs nothing until a flow names one of its voices.
 */
public final class FreeTtsSynthesizer implements SpeechSynthesizer {

    /** The configuration PID. */
    public static final String PID = "org.switchboard.speech.freetts";

    private static final Logger LOG = LoggerFactory.getLogger(FreeTtsSynthesizer.class);
    static final Set<String> NAMES = Set.of("kevin", "kevin16");
    static final List<String> PRELOADS = List.of("auto", "always", "never");

    private final String defaultVoice;
    private final Map<String, VoicePool> pools = new LinkedHashMap<>();
    private final Map<String, Audio> cache;

    /** One allocated voice with the player that collects its output. */
    private record Speaker(Voice voice, CollectingPlayer player) {}

    /** The allocated voices of one name: idle ones, and how many were made (at most {@code max}). */
    private static final class VoicePool {
        final String name;
        final int rate;
        final int max;
        final BlockingQueue<Speaker> idle;
        final AtomicInteger made = new AtomicInteger();

        VoicePool(String name, int rate, int max) {
            this.name = name;
            this.rate = rate;
            this.max = max;
            this.idle = new ArrayBlockingQueue<>(max);
        }

        /** An idle voice, a new one while fewer than {@code max} exist, else the next one given back. */
        Speaker take() throws InterruptedException {
            Speaker s = idle.poll();
            if (s != null) {
                return s;
            }
            if (made.incrementAndGet() <= max) {
                try {
                    return allocate(name, rate);
                } catch (RuntimeException | Error e) {
                    made.decrementAndGet();
                    throw e;
                }
            }
            made.decrementAndGet();
            return idle.take();
        }
    }

    FreeTtsSynthesizer(FreeTtsConfig config) {
        try {
            check(NAMES.contains(config.default_voice()), "default.voice", config.default_voice(), "one of " + NAMES);
            check(
                    config.pool_size() >= 1 && config.pool_size() <= 16,
                    "pool.size",
                    config.pool_size(),
                    "between 1 and 16");
            check(
                    config.cache_size() >= 0 && config.cache_size() <= 100_000,
                    "cache.size",
                    config.cache_size(),
                    "between 0 and 100000");
            check(
                    config.rate_wpm() >= 80 && config.rate_wpm() <= 300,
                    "rate.wpm",
                    config.rate_wpm(),
                    "between 80 and 300");
            check(PRELOADS.contains(config.preload()), "preload", config.preload(), "one of " + PRELOADS);
        } catch (IllegalArgumentException e) {
            LOG.error("FreeTTS synthesizer not started: {}", e.getMessage());
            throw e;
        }
        defaultVoice = config.default_voice();
        int size = config.cache_size();
        cache = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Audio> eldest) {
                return size() > size;
            }
        });
        for (String name : NAMES.stream().sorted().toList()) {
            pools.put(name, new VoicePool(name, config.rate_wpm(), config.pool_size()));
        }
        LOG.info(
                "FreeTTS synthesizer started: voices {} (default {}), up to {} each, allocated when first needed",
                NAMES,
                defaultVoice,
                config.pool_size());
    }

    /** The default voice's name. */
    String defaultVoice() {
        return defaultVoice;
    }

    /** Allocates one voice of {@code name} unless one is already allocated, so that its first prompt is not late. */
    void warm(String name) {
        VoicePool pool = pools.get(name);
        if (pool == null || pool.made.get() > 0) {
            return;
        }
        long start = System.nanoTime();
        try {
            pool.idle.add(pool.take());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        LOG.info("FreeTTS voice {} allocated in {} ms", name, (System.nanoTime() - start) / 1_000_000);
    }

    /** How many voices of {@code name} are allocated. */
    int allocated(String name) {
        VoicePool pool = pools.get(name);
        return pool == null ? 0 : pool.made.get();
    }

    private static void check(boolean ok, String property, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(
                    "PID " + PID + ": property '" + property + "' = '" + value + "': must be " + rule);
        }
    }

    private static Speaker allocate(String name, int rate) {
        for (Voice v : new KevinVoiceDirectory().getVoices()) {
            if (v.getName().equals(name)) {
                CollectingPlayer player = new CollectingPlayer();
                v.setAudioPlayer(player);
                v.allocate();
                v.setRate(rate);
                return new Speaker(v, player);
            }
        }
        throw new IllegalStateException("FreeTTS has no voice '" + name + "'");
    }

    @Override
    public Audio synthesize(String text, String voice) {
        String name = voice == null || voice.isBlank() ? defaultVoice : voice;
        VoicePool pool = pools.get(name);
        if (pool == null) {
            throw new IllegalArgumentException("unknown voice '" + name + "': FreeTTS has " + NAMES);
        }
        String key = name + "\n" + text;
        Audio cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Speaker s;
        try {
            s = pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a free voice", e);
        }
        short[] samples;
        int rate;
        try {
            s.player().clear();
            if (!s.voice().speak(text)) {
                throw new IllegalStateException("FreeTTS could not speak \"" + text + "\"");
            }
            samples = s.player().samples();
            rate = s.player().sampleRate();
        } finally {
            pool.idle.add(s);
        }
        Audio audio = switch (rate) {
            case 8000 -> new Audio(8000, samples);
            case 16000 -> new Audio(8000, Resampler.downsample2(samples));
            default -> throw new IllegalStateException("FreeTTS wrote " + rate + " Hz audio");
        };
        cache.put(key, audio);
        return audio;
    }

    void deactivate() {
        for (VoicePool pool : pools.values()) {
            for (Speaker s : pool.idle) {
                try {
                    s.voice().deallocate();
                } catch (RuntimeException e) {
                    LOG.debug("FreeTTS deallocate: {}", e.toString());
                }
            }
        }
        cache.clear();
        LOG.info("FreeTTS synthesizer stopped");
    }
}
