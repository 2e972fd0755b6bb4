package org.switchboard.media.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The bookkeeping of an interrupted prompt's pause: whether it is paused and since when, the timer that checks it
 * again, and when the caller last made a sound. The decisions (stop, resume, wait) are the session's; every method
 * runs holding the session's monitor.
 */
final class PromptPause {

    /** Sound this recent means the caller is still making it. */
    private static final long SUSTAINED_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final ScheduledExecutorService scheduler;
    private boolean paused;
    private long since;
    private ScheduledFuture<?> timer;
    private long lastVoicedNanos;

    PromptPause(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** The caller's audio was voiced now. */
    void voiced(long nowNanos) {
        lastVoicedNanos = nowNanos;
    }

    boolean paused() {
        return paused;
    }

    /** Pauses now; {@code check} runs (holding nothing) after {@code windowMs}. */
    void start(long windowMs, Runnable check) {
        paused = true;
        since = System.nanoTime();
        timer = scheduler.schedule(check, windowMs, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code check} again in 100 ms. */
    void checkAgain(Runnable check) {
        timer = scheduler.schedule(check, 100, TimeUnit.MILLISECONDS);
    }

    /** Whether the caller's sound is still going on. */
    boolean soundGoingOn(long nowNanos) {
        return nowNanos - lastVoicedNanos < SUSTAINED_NANOS;
    }

    /** How long the prompt has been paused; 0 when it is not. */
    long pausedNanos(long nowNanos) {
        return paused ? nowNanos - since : 0;
    }

    /** The pause is over (the prompt resumes or stops); the pending check is cancelled. */
    void end() {
        paused = false;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
