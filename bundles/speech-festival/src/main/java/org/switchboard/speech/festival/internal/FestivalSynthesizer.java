package org.switchboard.speech.festival.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.speech.Audio;
import org.switchboard.api.speech.SpeechSynthesizer;

/**
 * {@link SpeechSynthesizer} on Festival with the {@code cmu_us_slt_arctic_hts} HTS voice (Debian packages
 * {@code festival} and {@code festvox-us-slt-hts}): a pool of Festival processes, each with the voice loaded once,
 * lent to one prompt at a time; a process that fails or overruns the timeout is replaced. Construction synthesizes a
 * word with each process to check that Festival and the voice are there, and fails saying what to install.
 */
final class FestivalSynthesizer implements SpeechSynthesizer {

    /** The configuration PID. */
    static final String PID = "org.switchboard.speech.festival";
    /** The voice name flows use. */
    public static final String VOICE = "slt";

    private static final Logger LOG = LoggerFactory.getLogger(FestivalSynthesizer.class);

    private final String command;
    private final long timeoutMs;
    private final Path dir;
    private final BlockingQueue<FestivalProcess> idle;
    private final List<FestivalProcess> all = new ArrayList<>();

    FestivalSynthesizer(FestivalConfig config, Path dir) throws IOException {
        if (config.pool_size() < 1
                || config.pool_size() > 16
                || config.timeout_ms() < 1000
                || config.timeout_ms() > 120_000
                || config.command().isBlank()) {
            IllegalArgumentException e = new IllegalArgumentException("PID " + PID + ": pool.size must be 1-16, "
                    + "timeout.ms 1000-120000 and command not empty (were " + config.pool_size() + ", "
                    + config.timeout_ms() + ", '" + config.command() + "')");
            LOG.error("Festival synthesizer not started: {}", e.getMessage());
            throw e;
        }
        this.command = config.command().trim();
        this.timeoutMs = config.timeout_ms();
        this.dir = dir;
        this.idle = new ArrayBlockingQueue<>(config.pool_size());
        long start = System.nanoTime();
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < config.pool_size(); i++) {
                FestivalProcess p = start();
                all.add(p);
                p.synthesize("ready", timeoutMs); // Festival and the voice are there
                idle.add(p);
            }
        } catch (IOException e) {
            all.forEach(FestivalProcess::close);
            IOException error = new IOException(
                    "cannot run '" + command + "' with the " + FestivalProcess.VOICE + " voice (Debian: apt-get "
                            + "install festival festvox-us-slt-hts): " + e.getMessage(),
                    e);
            throw error;
        }
        LOG.info(
                "Festival synthesizer ready: {} process(es) of '{}' with the {} voice in {} ms",
                config.pool_size(),
                command,
                FestivalProcess.VOICE,
                (System.nanoTime() - start) / 1_000_000);
    }

    private FestivalProcess start() throws IOException {
        return new FestivalProcess(command, dir);
    }

    @Override
    public Audio synthesize(String text, String voice) {
        if (voice != null && !voice.equals(VOICE)) {
            throw new IllegalArgumentException("unknown voice '" + voice + "' (Festival has: " + VOICE + ")");
        }
        FestivalProcess p;
        try {
            p = idle.poll(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a Festival process");
        }
        if (p == null) {
            throw new IllegalStateException("no Festival process free within " + timeoutMs + " ms");
        }
        try {
            return new Audio(8000, p.synthesize(text, timeoutMs));
        } catch (IOException e) {
            LOG.warn("Festival failed a prompt ({}); starting a new process", e.getMessage());
            p = replace(p);
            throw new IllegalStateException("Festival failed: " + e.getMessage(), e);
        } finally {
            if (p != null) {
                idle.add(p);
            }
        }
    }

    /** A new process for a failed one; null (the pool shrinks) when none can start. */
    private FestivalProcess replace(FestivalProcess failed) {
        failed.close();
        synchronized (all) {
            all.remove(failed);
            try {
                FestivalProcess p = start();
                all.add(p);
                return p;
            } catch (IOException e) {
                LOG.error("Festival cannot be started again: {}", e.getMessage());
                return null;
            }
        }
    }

    void deactivate() {
        synchronized (all) {
            all.forEach(FestivalProcess::close);
            all.clear();
        }
        LOG.info("Festival synthesizer stopped");
    }
}
