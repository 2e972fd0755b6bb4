package org.switchboard.media.internal;

import java.util.concurrent.TimeUnit;

/** The media configuration, checked. */
record Settings(
        long mediaTimeoutNanos,
        int reorderDepth,
        double vadThresholdDb,
        long maxSpeechMs,
        long commitSilenceMs,
        long endSilenceMs,
        long resumeWindowMs,
        double echoMarginDb,
        int promptCache,
        boolean recording,
        String recordingDir,
        int keepDays,
        int threads) {

    static Settings of(MediaConfig c) {
        check(
                c.media_timeout_s() >= 0 && c.media_timeout_s() <= 3600,
                "media.timeout.s",
                c.media_timeout_s(),
                "between 0 (off) and 3600");
        check(
                c.reorder_depth() >= 1 && c.reorder_depth() <= 64,
                "reorder.depth",
                c.reorder_depth(),
                "between 1 and 64");
        check(
                c.vad_threshold_db() >= -90 && c.vad_threshold_db() <= 0,
                "vad.threshold.db",
                c.vad_threshold_db(),
                "between -90 and 0");
        check(c.max_speech_s() >= 1 && c.max_speech_s() <= 300, "max.speech.s", c.max_speech_s(), "between 1 and 300");
        check(
                c.commit_silence_ms() >= 0 && c.commit_silence_ms() <= 10_000,
                "commit.silence.ms",
                c.commit_silence_ms(),
                "between 0 (the recognizer's end of utterance) and 10000");
        check(
                c.end_silence_ms() >= 0 && c.end_silence_ms() <= 10_000,
                "end.silence.ms",
                c.end_silence_ms(),
                "between 0 (the recognizer's end of utterance) and 10000");
        check(
                c.barge_in_resume_ms() >= 0 && c.barge_in_resume_ms() <= 10_000,
                "barge.in.resume.ms",
                c.barge_in_resume_ms(),
                "between 0 (stop at the first sound) and 10000");
        check(
                c.echo_margin_db() >= 0 && c.echo_margin_db() <= 60,
                "echo.margin.db",
                c.echo_margin_db(),
                "between 0 (off) and 60");
        check(
                c.prompt_cache() >= 0 && c.prompt_cache() <= 100_000,
                "prompt.cache",
                c.prompt_cache(),
                "between 0 and 100000");
        check(
                c.media_threads() >= 0 && c.media_threads() <= 16,
                "media.threads",
                c.media_threads(),
                "between 0 (one per processor) and 16");
        check(
                c.recording_keep_days() >= 0 && c.recording_keep_days() <= 36_500,
                "recording.keep.days",
                c.recording_keep_days(),
                "between 0 (forever) and 36500");
        String dir = c.recording_dir() == null ? "" : c.recording_dir().trim();
        if (!dir.isEmpty()) {
            try {
                java.nio.file.Paths.get(dir);
            } catch (java.nio.file.InvalidPathException e) {
                check(false, "recording.dir", dir, "a directory path (" + e.getReason() + ")");
            }
        }
        return new Settings(
                TimeUnit.SECONDS.toNanos(c.media_timeout_s()),
                c.reorder_depth(),
                c.vad_threshold_db(),
                c.max_speech_s() * 1000L,
                c.commit_silence_ms(),
                c.end_silence_ms(),
                c.barge_in_resume_ms(),
                c.echo_margin_db(),
                c.prompt_cache(),
                c.recording_enabled(),
                dir,
                c.recording_keep_days(),
                c.media_threads() == 0 ? Math.min(16, Runtime.getRuntime().availableProcessors()) : c.media_threads());
    }

    /** The gather's turn-taking settings, each missing one from this configuration. */
    Turn turn(org.switchboard.api.call.TurnTaking t) {
        return new Turn(
                t.commitSilence() == null ? commitSilenceMs : t.commitSilence().toMillis(),
                t.endSilence() == null ? endSilenceMs : t.endSilence().toMillis(),
                t.resumeWindow() == null ? resumeWindowMs : t.resumeWindow().toMillis());
    }

    /** Turn-taking in milliseconds, every setting resolved. */
    record Turn(long commitSilenceMs, long endSilenceMs, long resumeWindowMs) {}

    private static void check(boolean ok, String property, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(
                    "PID " + MediaEngineImpl.PID + ": property '" + property + "' = '" + value + "': must be " + rule);
        }
    }
}
