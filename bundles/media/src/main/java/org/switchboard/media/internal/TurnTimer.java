package org.switchboard.media.internal;

import java.time.Duration;
import java.util.Locale;

import org.switchboard.api.call.GatherResult;
import org.switchboard.api.media.TurnLatency;

/**
 * The time from the end of the caller's speech to the first packet of the prompt that answers it, by stage:
 * recognition (speech end to the gather's end), assistant (to the answer's prompt being requested), synthesis (to
 * its audio being ready) and playout (to its first RTP packet).
 */
final class TurnTimer {

    private final String endpoint;
    private final long speechEndNanos;
    private final long gatheredNanos;

    TurnTimer(GatherResult turn) {
        this.endpoint = turn.endpoint().name().toLowerCase(Locale.ROOT);
        this.gatheredNanos = System.nanoTime();
        this.speechEndNanos = gatheredNanos - turn.afterSpeech().toNanos();
    }

    /** The answer's first frame goes out now. */
    TurnLatency answered(Prompt prompt, long nowNanos) {
        long requested = Math.max(prompt.requestedNanos, gatheredNanos);
        long ready = Math.max(prompt.readyNanos(), requested);
        return new TurnLatency(
                endpoint,
                Duration.ofNanos(gatheredNanos - speechEndNanos),
                Duration.ofNanos(requested - gatheredNanos),
                Duration.ofNanos(ready - requested),
                Duration.ofNanos(Math.max(0, nowNanos - ready)));
    }
}
