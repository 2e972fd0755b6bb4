package org.switchboard.media.internal;

import java.time.Duration;

/**
 * The time from the end of the caller's speech to the first packet of the prompt that answers it, by stage:
 * recognition (speech end to the gather's end), assistant (to the answer's prompt being requested), synthesis (to
 * its audio being ready) and playout (to its first RTP packet).
 */
final class TurnTimer {

    private final TurnMetrics metrics;
    private final long speechEndNanos;
    private final long gatheredNanos;

    TurnTimer(TurnMetrics metrics, Duration afterSpeech) {
        this.metrics = metrics;
        this.gatheredNanos = System.nanoTime();
        this.speechEndNanos = gatheredNanos - afterSpeech.toNanos();
    }

    /** The answer's first frame goes out now. */
    void answered(Prompt prompt, long nowNanos) {
        long requested = Math.max(prompt.requestedNanos, gatheredNanos);
        long ready = Math.max(prompt.readyNanos(), requested);
        metrics.replied(
                gatheredNanos - speechEndNanos,
                requested - gatheredNanos,
                ready - requested,
                Math.max(0, nowNanos - ready),
                nowNanos - speechEndNanos);
    }
}
